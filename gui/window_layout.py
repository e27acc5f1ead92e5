"""The main window's layout (a part of `MainWindow`): lessons and parameters on the left,
the timeline on top, then the lesson's text, source and console beside the CPU cores. The
timeline and the core graphs are built right after the window first shows (pyqtgraph takes
a while to import)."""
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QSplitter, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from gui.i18n import translate
from gui.views.code_view import CodeView
from gui.views.console_view import ConsoleView
from gui.views.interpreter_choice import InterpreterChoice
from gui.views.lesson_list import LessonList
from gui.views.param_form import ParamForm


class WindowLayout:
    """Mixed into MainWindow: builds its widgets; expects `show_lesson`, `run_lesson`,
    `stop_lesson`, `runner` and a `plots_ready` signal."""

    def _build(self):
        self.lessons = LessonList()
        self.lessons.lesson_chosen.connect(self.show_lesson)
        self.params = ParamForm()
        self.run_button = QPushButton()
        self.stop_button = QPushButton()
        self.run_button.setObjectName("runButton")
        self.stop_button.setObjectName("stopButton")
        self.run_button.clicked.connect(self.run_lesson)
        self.stop_button.clicked.connect(self.stop_lesson)
        self.stop_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("runStatus")
        self.result = QLabel()                 # what the finished run showed, in numbers
        self.result.setObjectName("lessonResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        for label in (self.status, self.result):
            # Texts here may come from a trace file: a long word is cut at the panel's edge
            # instead of widening the panel (and the window) to fit it.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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

        self._bottom = QSplitter(Qt.Horizontal)
        self._bottom.addWidget(self.tabs)
        self._bottom.addWidget(_placeholder(translate("MainWindow", "Starting the CPU graphs…")))
        self._bottom.setSizes([640, 460])
        self._centre = centre = QSplitter(Qt.Vertical)
        centre.addWidget(_placeholder(translate("MainWindow", "Starting the timeline…")))
        centre.addWidget(self._bottom)
        centre.setSizes([520, 420])
        main = QSplitter(Qt.Horizontal)
        main.addWidget(side)
        main.addWidget(centre)
        main.setSizes([390, 1210])
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)
        room = self.screen().availableGeometry().size() if self.screen() else None
        # 1600x1000 where it fits; a smaller screen (a 1280x720 projector) gets all of it
        self.resize(min(1600, room.width()) if room else 1600,
                    min(1000, room.height()) if room else 1000)

    def showEvent(self, event):
        super().showEvent(event)
        if self._deferred:
            self._deferred = False
            QTimer.singleShot(30, self._build_plots)   # after the first frame is painted

    def _build_plots(self):
        from gui.cpu.cores_view import CoresView
        from gui.views.timeline_view import TimelineView

        self.timeline = TimelineView()
        self.cores = CoresView()
        self.runner.processes_changed.connect(self.cores.show_processes)
        self.cores.setMinimumWidth(260)        # never squeezed to a sliver by zoomed text
        self._timeline_box = top = QWidget()          # the splitter does not own it
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.result)
        top_layout.addWidget(self.timeline, 1)
        self._centre.replaceWidget(0, top).deleteLater()
        self._bottom.replaceWidget(1, self.cores).deleteLater()
        self._centre.setSizes([520, 420])
        self._bottom.setSizes([640, 460])
        self.run_button.setEnabled(not self.runner.busy)
        self.plots_ready.emit()


def _placeholder(text):
    label = QLabel(text)
    label.setAlignment(Qt.AlignCenter)
    return label


def _title(text):
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
