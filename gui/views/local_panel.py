"""Per-thread values: a table of what each thread bound and what it read back, through
`threading.local()` and through the global dict keyed by the thread, side by side.

What a thread bound comes from its marks on the timeline ("student = Alice"), live; what it
read comes from the lines the lesson printed ("Hello, Alice (in Thread-A, via local_school)").
"""
import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, \
    QTableWidgetItem, QVBoxLayout

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views.lesson_panel import LessonPanel

FONT_PT = 15
CENTRE = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
GOOD, BAD = "#009E73", "#D55E00"          # Okabe-Ito bluish green, vermillion
BOUND = re.compile(r"^student = (.*)$")
HELLO = re.compile(r"Hello, (?P<value>.*?) \(in (?P<thread>[^,()\n]+), "
                   r"via (?P<how>local_school|global_dict)\)")
NOTES = re.compile(r"^(In MainThread: .*|global_dict still holds .*)$", re.MULTILINE)
# What the lesson prints after its threads, matched -> the same in the window's language
PRINTED = (
    (re.compile(r"^In MainThread: hasattr\(local_school, 'student'\) is (?P<value>\w+)$"),
     QT_TRANSLATE_NOOP("LocalPanel", "In MainThread: hasattr(local_school, 'student') is "
                                     "{value}")),
    (re.compile(r"^global_dict still holds (?P<n>\d+) entries after the threads ended$"),
     QT_TRANSLATE_NOOP("LocalPanel", "global_dict still holds {n} entries after the threads "
                                     "ended")),
)
COLUMNS = (QT_TRANSLATE_NOOP("LocalPanel", "thread"), QT_TRANSLATE_NOOP("LocalPanel", "bound"),
           "local_school\n.student", "global_dict\n[thread]",       # code: the same everywhere
           QT_TRANSLATE_NOOP("LocalPanel", "its own?"))
TIPS = (QT_TRANSLATE_NOOP("LocalPanel", "the thread's name"),
        QT_TRANSLATE_NOOP("LocalPanel", "what the thread set: local_school.student = name"),
        QT_TRANSLATE_NOOP("LocalPanel", "what it read back: local_school.student"),
        QT_TRANSLATE_NOOP("LocalPanel", "what it read back: "
                                        "global_dict[threading.current_thread()]"),
        QT_TRANSLATE_NOOP("LocalPanel", "did both reads give the student this thread bound?"))


def bound_values(model):
    """{thread name: the student it bound}, from the "student = X" marks on its lane."""
    found = {}
    marks = model.marks
    for lane, name in zip(marks["lane"].tolist(), marks["name"].tolist()):
        match = BOUND.match(model.names[name])
        if match:
            found[model.lanes[lane].label] = match.group(1)
    return found


def read_values(output):
    """{(thread name, "local_school" or "global_dict"): the student it read}, from the
    printed lines; found anywhere in the text, so lines that two threads mixed still count."""
    return {(m["thread"], m["how"]): m["value"] for m in HELLO.finditer(output or "")}


class LocalPanel(LessonPanel):
    """Thread -> value, read through threading.local and through the global dict."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Per-thread values")

    def __init__(self, lesson_id="threads.local", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.bound, self.read = {}, {}
        self._seen = None
        self.verdict = ""                  # the run's result, shown in the window's banner
        self.output = None                 # what the finished run printed
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
        if self.output is not None:
            self._show_notes()
            if self.verdict:
                self.verdict = self._verdict()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.bound, self.read, self._seen = session, {}, {}, None
        self.notes.setText("")
        self.verdict, self.output = "", None
        self._fill()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None or model.revision == self._seen:
            return
        self._seen = model.revision
        self.bound = bound_values(model)
        self._fill()

    def finish(self, session, output):
        self._seen = None
        self.session = session
        self.refresh()
        self.read = read_values(output)
        self.output = output or ""
        self._fill()
        self._show_notes()
        if session.run is not None and session.run.returncode == 0 and self.bound:
            self.verdict = self._verdict()
            self.attention.emit(self.verdict)

    # -- table ------------------------------------------------------------------------
    def threads(self):
        return sorted(set(self.bound) | {thread for thread, _ in self.read})

    def own(self, thread):
        """True / False once both reads are known, else None."""
        reads = [self.read.get((thread, how)) for how in ("local_school", "global_dict")]
        if None in reads or thread not in self.bound:
            return None
        return all(value == self.bound[thread] for value in reads)

    def _fill(self):
        threads = self.threads()
        self.table.setRowCount(len(threads))
        for row, thread in enumerate(threads):
            own = self.own(thread)
            cells = (thread, self.bound.get(thread, "…"),
                     self.read.get((thread, "local_school"), "…"),
                     self.read.get((thread, "global_dict"), "…"),
                     {True: translate("LocalPanel", "✓ yes"),
                      False: translate("LocalPanel", "✗ NO"), None: "…"}[own])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(CENTRE if column else LEFT)
                if column == len(cells) - 1 and own is not None:
                    item.setForeground(QColor(GOOD if own else BAD))
                    bold = QFont(self.table.font())
                    bold.setBold(True)
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _show_notes(self):
        self.notes.setText("\n".join(_printed(line) for line in NOTES.findall(self.output)))

    def _verdict(self):
        wrong = [t for t in self.threads() if self.own(t) is False]
        if wrong:
            return translate("LocalPanel", "{threads} read another thread's student: the values "
                                           "are not per thread here.").format(
                threads=", ".join(wrong))
        return translate("LocalPanel", "Each thread read its own student back, through "
                                       "threading.local and through the global dict alike.")

    def cell(self, row, column):
        """The text the user reads in the table (tests use it)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def _printed(line):
    """A line the lesson printed, in the window's language when it is a known one."""
    for pattern, words in PRINTED:
        match = pattern.match(line)
        if match:
            return translate("LocalPanel", words).format(**match.groupdict())
    return line
