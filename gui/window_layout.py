"""The main window's layout (a part of `MainWindow`): lessons and parameters on the left,
the timeline on top, then the lesson's text, source and console beside the CPU cores. The
timeline and the core graphs are built right after the window first shows (pyqtgraph takes
a while to import).

The window opens inside its screen's free area, with room for a title bar. The timeline gets
the largest share of the height (more in presentation mode); what is under it scrolls, with a
visible bar, when its contents need more room than is left, instead of squeezing the timeline
or its own texts."""
from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QSizePolicy, QSplitter, QTabWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from gui import presentation
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views.code_view import CodeView
from gui.views.console_view import ConsoleView
from gui.views.interpreter_choice import InterpreterChoice
from gui.views.lesson_list import LessonList
from gui.views.param_form import ParamForm


PREFERRED = QSize(1600, 1000)   # the window's size on a screen that has room for it
FRAME_ALLOWANCE = 32            # a title bar, until the window manager says how tall it is
SIDE_PX = 390                   # the lessons and parameters, where the window has room
TEXT_SHARE = 60                 # per cent of the width under it: the lesson's tabs, then CPU
TIMELINE_SHARE = 62             # per cent of the height the timeline gets, above text and CPU
PAGE_MAX_PX = 900               # a tab's page asks for this much height at most
PRESENTING_TIMELINE_SHARE = 70  # more in presentation mode: the class watches the run


class WindowLayout:
    """Mixed into MainWindow: builds its widgets; expects `show_lesson`, `run_lesson`,
    `stop_lesson`, `runner` and a `plots_ready` signal."""

    def _build(self):
        self.lessons = LessonList()
        self.lessons.lesson_chosen.connect(self.show_lesson)
        self.lessons.lesson_chosen.connect(lambda _lesson: QTimer.singleShot(0, self.fit_tabs))
        # full screen and back: the new height is shared out again once the window has it
        self.presentation_changed.connect(lambda _on: QTimer.singleShot(
            100, self, self._share_centre))
        presentation.changes().changed.connect(self._look_changed)
        self.params = ParamForm()
        self.run_button = QPushButton()
        self.stop_button = QPushButton()
        self.run_button.setObjectName("runButton")
        self.stop_button.setObjectName("stopButton")
        self.run_button.clicked.connect(self.run_lesson)
        self.stop_button.clicked.connect(self.stop_lesson)
        self.stop_button.setEnabled(False)
        self.status = StatusLine()
        self.status.setObjectName("runStatus")
        self.result = QLabel()                 # what the finished run showed, in numbers
        self.result.setObjectName("lessonResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        # Texts here may come from a trace file: a long word is cut at the panel's edge
        # instead of widening the panel (and the window) to fit it.
        self.result.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clock = QLabel("0.0 s")
        self.clock.setObjectName("runClock")
        self.clock.setAlignment(Qt.AlignRight | Qt.AlignVCenter)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        self._lessons_title = _title("")
        side_layout.addWidget(self._lessons_title)
        side_layout.addWidget(self.lessons, 3)
        self._params_box = box = QGroupBox()
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.params)
        self.interpreter = InterpreterChoice()
        self._python_label = QLabel()
        python_row = QHBoxLayout()
        python_row.addWidget(self._python_label)
        python_row.addWidget(self.interpreter, 1)
        box_layout.addLayout(python_row)
        side_layout.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.clock)
        side_layout.addWidget(self.status)

        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.code = CodeView()
        self.console = ConsoleView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, "")
        self.tabs.addTab(self.code, "")
        self.tabs.addTab(self.console, "")
        self.tabs.currentChanged.connect(self._page_height)

        self._bottom = QSplitter(Qt.Horizontal)
        self._bottom.addWidget(self.tabs)
        self._bottom.addWidget(_placeholder(translate("MainWindow", "Starting the CPU graphs…")))
        self._bottom.setStretchFactor(0, 3)
        self._bottom.setStretchFactor(1, 2)
        # under the timeline: the lesson's tabs and the CPU graphs; when their contents need
        # more height than the timeline leaves them, they scroll (a visible bar says so)
        self._under = under = QScrollArea()
        under.setObjectName("underTimeline")
        under.setFrameShape(QFrame.Shape.NoFrame)
        under.setWidgetResizable(True)
        under.setWidget(self._bottom)
        self._centre = centre = QSplitter(Qt.Vertical)
        centre.addWidget(_placeholder(translate("MainWindow", "Starting the timeline…")))
        centre.addWidget(under)
        centre.setStretchFactor(0, TIMELINE_SHARE)
        centre.setStretchFactor(1, 100 - TIMELINE_SHARE)
        main = QSplitter(Qt.Horizontal)
        main.addWidget(side)
        main.addWidget(centre)
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)
        place = opening_geometry(self.screen().availableGeometry() if self.screen() else None)
        self.resize(place.size())
        self.move(place.topLeft())          # where the frame goes: title bar included
        self._share_centre()

    def card_host(self):
        """What a floating card (the class's question) may cover: the panes under the
        timeline, never the timeline."""
        return self._under

    def _share_centre(self):
        """The timeline gets the larger share of the height, the text, console and CPU
        graphs the rest; the lesson's text gets the larger share of the width below."""
        side = min(SIDE_PX, max(SIDE_PX * 3 // 4, self.width() * 28 // 100))
        self.centralWidget().setSizes([side, max(self.width() - side, 300)])
        height = max(self.height() - 40, 200)
        share = PRESENTING_TIMELINE_SHARE if self.presentation_on else TIMELINE_SHARE
        top = round(height * share / 100)
        self._centre.setSizes([top, height - top])
        width = max(self.width() - side, 300)
        self._bottom.setSizes([round(width * TEXT_SHARE / 100),
                               width - round(width * TEXT_SHARE / 100)])
        self.fit_tabs()

    def _look_changed(self, *_look):
        """Zoom, presentation mode or a theme changed the tabs' widths: fit them again."""
        QTimer.singleShot(0, self, self.fit_tabs)

    def fit_tabs(self):
        """Every tab's title in view under the timeline (the lesson's own tab too): the
        lesson's tabs take width from the CPU graphs, which then scroll."""
        sizes = self._bottom.sizes()
        if len(sizes) < 2 or not sum(sizes):
            return
        bar = self.tabs.tabBar()
        cores = self._bottom.widget(1)
        most = sum(sizes) - max(cores.minimumSizeHint().width(), cores.minimumWidth())
        for short in (False, True):         # on a small screen, the short titles
            self._tab_titles(short)
            need = sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + 12
            if need <= most:
                break
        wanted = min(max(sizes[0], need), most)
        if wanted != sizes[0]:
            self._bottom.setSizes([wanted, sum(sizes) - wanted])
        self._page_height()

    def _tab_titles(self, short):
        """The built-in tabs' titles, in full or short ("Lesson", "Code") where the full ones
        do not fit beside the CPU graphs; the full title is then the tab's tooltip."""
        for widget, full, brief in (
                (self.text, QT_TRANSLATE_NOOP("MainWindow", "About this lesson"),
                 QT_TRANSLATE_NOOP("MainWindow", "Lesson")),
                (self.code, QT_TRANSLATE_NOOP("MainWindow", "Source code"),
                 QT_TRANSLATE_NOOP("MainWindow", "Code"))):
            index = self.tabs.indexOf(widget)
            self.tabs.setTabText(index, translate("MainWindow", brief if short else full))
            self.tabs.setTabToolTip(index, translate("MainWindow", full) if short else "")

    def _page_height(self, *_):
        """The shown tab's page keeps the height it asks for: when the timeline leaves less,
        the panes under it scroll instead of squeezing the page's texts."""
        page = self.tabs.currentWidget()
        if page is None:
            return
        width = self.tabs.width()
        need = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        need = max(need, page.sizeHint().height(), page.minimumSizeHint().height())
        self._bottom.setMinimumHeight(min(need + self.tabs.tabBar().height() + 8, PAGE_MAX_PX))

    def showEvent(self, event):
        super().showEvent(event)
        if not getattr(self, "_placed", False):
            self._placed = True
            QTimer.singleShot(0, self._keep_on_screen)
        if self._deferred:
            self._deferred = False
            from gui.app import after_first_paint      # the lesson list first, then graphs
            after_first_paint(self.lessons.viewport(), self._build_plots)

    def _build_plots(self):
        from gui.cpu.cores_view import CoresView
        from gui.views.timeline_view import TimelineView

        self.timeline = TimelineView()
        self.cores = CoresView()
        self.runner.processes_changed.connect(self.cores.show_processes)
        self.cores.setMinimumWidth(260)        # never squeezed to a sliver by zoomed text
        # the core graphs scroll (with a visible bar) rather than take the timeline's room
        self._cores_pane = cores_pane = QScrollArea()
        cores_pane.setObjectName("coresPane")
        cores_pane.setFrameShape(QFrame.Shape.NoFrame)
        cores_pane.setWidgetResizable(True)
        cores_pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cores_pane.setWidget(self.cores)
        cores_pane.setMinimumWidth(280)
        self._timeline_box = top = QWidget()          # the splitter does not own it
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.result)
        top_layout.addWidget(self.timeline, 1)
        self._centre.replaceWidget(0, top).deleteLater()
        self._bottom.replaceWidget(1, cores_pane).deleteLater()
        self._share_centre()
        self.run_button.setEnabled(not self.runner.busy)
        self.plots_ready.emit()


    def _keep_on_screen(self):
        """Once shown, the frame (title bar and borders the window manager adds) must fit
        the screen's free area too: shrink and move the window until it does."""
        screen = self.screen()
        if screen is None or self.isFullScreen() or self.isMaximized():
            return
        room, frame = screen.availableGeometry(), self.frameGeometry()
        if room.contains(frame):
            return
        extra = QSize(frame.width() - self.width(), frame.height() - self.height())
        size = QSize(min(self.width(), room.width() - extra.width()),
                     min(self.height(), room.height() - extra.height()))
        self.resize(size)
        self.move(room.left() + (room.width() - size.width() - extra.width()) // 2,
                  room.top() + (room.height() - size.height() - extra.height()) // 2)


class StatusLine(QLabel):
    """The status line under the buttons: always LINES lines tall, so that a longer message
    never moves the Run button; a message longer than that is cut, and its tooltip has all
    of it (the console keeps it too)."""

    LINES = 3

    def __init__(self):
        super().__init__()
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text):
        super().setText(text)
        self.setToolTip(text)

    def sizeHint(self):
        margins = self.contentsMargins()
        lines = self.fontMetrics().lineSpacing() * self.LINES
        return QSize(100, lines + margins.top() + margins.bottom() + 2)

    def minimumSizeHint(self):
        return self.sizeHint()

    def hasHeightForWidth(self):
        return False            # the same height whatever the text: see sizeHint

    def heightForWidth(self, _width):
        return self.sizeHint().height()

    def changeEvent(self, event):
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
        super().changeEvent(event)


def opening_geometry(room, preferred=PREFERRED):
    """Where the window opens: `preferred` size where the screen's free area `room` has
    that much room (with space for a title bar), else all of that room; centred in it."""
    if room is None:
        return QRect(0, 0, preferred.width(), preferred.height())
    width = min(preferred.width(), room.width())
    height = min(preferred.height(), room.height() - FRAME_ALLOWANCE)
    return QRect(room.left() + (room.width() - width) // 2,
                 room.top() + max(0, (room.height() - height - FRAME_ALLOWANCE) // 2),
                 width, height)


def _placeholder(text):
    label = QLabel(text)
    label.setAlignment(Qt.AlignCenter)
    return label


def _title(text):
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
