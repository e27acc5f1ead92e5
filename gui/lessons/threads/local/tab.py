"""Per-thread values: a table of what each thread bound and what it read back, through
`threading.local()` and through the global dict keyed by the thread, side by side.

What a thread bound comes from its marks on the timeline ("student = Alice"), live; what it
read comes from the run's figures (``reads``) when it ends.
"""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, \
    QTableWidgetItem, QVBoxLayout

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import unit
from gui.lessons.threads.local import bound_values, own, reads
from gui.views.lesson_panel import LessonPanel

FONT_PT = 15
CENTRE = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
GOOD, BAD = "#009E73", "#D55E00"          # Okabe-Ito bluish green, vermillion
COLUMNS = (QT_TRANSLATE_NOOP("LocalPanel", "thread"), QT_TRANSLATE_NOOP("LocalPanel", "bound"),
           "local_school\n.student", "global_dict\n[thread]",       # code: the same everywhere
           QT_TRANSLATE_NOOP("LocalPanel", "its own?"))
TIPS = (QT_TRANSLATE_NOOP("LocalPanel", "the thread's name"),
        QT_TRANSLATE_NOOP("LocalPanel", "what the thread set: local_school.student = name"),
        QT_TRANSLATE_NOOP("LocalPanel", "what it read back: local_school.student"),
        QT_TRANSLATE_NOOP("LocalPanel", "what it read back: "
                                        "global_dict[threading.current_thread()]"),
        QT_TRANSLATE_NOOP("LocalPanel", "did both reads give the student this thread bound?"))


class LocalPanel(LessonPanel):
    """Thread -> value, read through threading.local and through the global dict."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Per-thread values")

    def __init__(self, lesson_id="threads.local", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.bound = {}                    # thread -> the student it bound (its marks)
        self.rows = {}                     # thread -> (bound, via local, via dict): figures
        self.result = None                 # the finished run's figures
        self._seen = None
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet(f"font-size: {FONT_PT}pt;")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        font = QFont(self.table.font())
        font.setPointSize(FONT_PT)
        self.table.setFont(font)
        header = self.table.horizontalHeader()
        header.setStyleSheet(f"QHeaderView::section {{ font-size: {FONT_PT - 2}pt; "
                             "font-weight: bold; font-family: monospace; padding: 4px; }")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(f"font-size: {FONT_PT - 1}pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        self.retranslate()

    def retranslate(self):
        """Every text in the current language, a finished run's table and notes included."""
        self.explain.setText(translate(
            "LocalPanel", "Each thread sets <b>local_school.student</b> and "
                          "<b>global_dict[thread]</b> to its name, waits until every thread has "
                          "done so, then reads both back."))
        self.table.setHorizontalHeaderLabels([c if "_" in c else translate("LocalPanel", c)
                                              for c in COLUMNS])     # code stays code
        for column, tip in enumerate(TIPS):
            self.table.horizontalHeaderItem(column).setToolTip(translate("LocalPanel", tip))
        self._fill()
        self._show_notes()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.bound, self.rows, self._seen = session, {}, {}, None
        self.result = None
        self.notes.setText("")
        self._fill()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None or model.revision == self._seen:
            return
        self._seen = model.revision
        self.bound = bound_values(model)
        self._fill()

    def finish(self, run):
        """The run ended: the reads come from its figures; the tab asks to be looked at,
        with the lesson's sentence."""
        if self.session is None:            # a finished run shown without a live part
            self.start(run)
        self._seen = None
        self.refresh()
        self.result = dict(run.result)
        self.rows = reads(run)
        self._fill()
        self._show_notes()
        sentence = unit(run.lesson_id).sentence(run)
        if sentence:
            self.attention.emit(sentence)

    # -- table ------------------------------------------------------------------------
    def threads(self):
        return sorted(set(self.bound) | set(self.rows))

    def own(self, thread):
        """True / False once both reads are known, else None."""
        row = self.rows.get(thread)
        return own(row) if row is not None else None

    def _fill(self):
        threads = self.threads()
        self.table.setRowCount(len(threads))
        for row, thread in enumerate(threads):
            is_own = self.own(thread)
            bound, local, in_dict = self.rows.get(thread, (self.bound.get(thread), None, None))
            cells = (thread, _cell(bound), _cell(local), _cell(in_dict),
                     {True: translate("LocalPanel", "✓ yes"),
                      False: translate("LocalPanel", "✗ NO"), None: "…"}[is_own])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(CENTRE if column else LEFT)
                if column == len(cells) - 1 and is_own is not None:
                    item.setForeground(QColor(GOOD if is_own else BAD))
                    bold = QFont(self.table.font())
                    bold.setBold(True)
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _show_notes(self):
        """What the main thread found after its threads ended, from the figures."""
        result = self.result or {}
        notes = []
        if "main_thread_has_student" in result:
            notes.append(translate("LocalPanel", "In MainThread: hasattr(local_school, "
                                                 "'student') is {value}").format(
                value=result["main_thread_has_student"]))
        if "global_dict_entries" in result:
            notes.append(translate("LocalPanel", "global_dict still holds {n} entries after the "
                                                 "threads ended").format(
                n=result["global_dict_entries"]))
        self.notes.setText("\n".join(notes))

    def cell(self, row, column):
        """The text the user reads in the table (tests use it)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def _cell(value):
    return "…" if value is None else str(value)
