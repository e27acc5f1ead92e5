"""One stepped thread as the scheduler panel shows it: a button that lets it take one step, its
source with the current line, the `dis` listing of its function with the current instruction
and the switch points marked, and the values the next instruction works on.
"""
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout)

from gui.i18n import translate
from gui.views import scheduler_words as words

FONT_PT = 12
SWITCH = "⇄"                    # the interpreter can hand over to another thread after this
CURRENT = QColor("#F0E442")     # Okabe-Ito yellow: where the thread stands
BLUE, VERMILLION, GREY = "#0072B2", "#D55E00", "#666666"


def _mono(points=FONT_PT, bold=False):
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _list(rows):
    view = QListWidget()
    view.setMinimumWidth(120)
    view.setFont(_mono())
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setMinimumHeight(rows * view.fontMetrics().lineSpacing() + 12)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return view


class ThreadCard(QFrame):
    """Thread number `no`: click its button (or press its number) to let it take one step."""

    step_requested = Signal(int)

    def __init__(self, no, name, parent=None):
        super().__init__(parent)
        self.no, self.name = no, name
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.button = QPushButton()
        self.button.setObjectName(f"schedulerStep{no}")
        self.button.setFont(_mono(FONT_PT + 2, bold=True))
        self.button.clicked.connect(lambda: self.step_requested.emit(self.no))
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setMinimumWidth(120)
        self.where.setFont(_mono(FONT_PT))
        self.source = _list(4)
        self.ops = _list(5)
        self.operands = QLabel()
        self.operands.setFont(_mono(FONT_PT + 1, bold=True))
        self.operands.setStyleSheet(f"color: {BLUE};")
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.button, 0), (self.where, 0), (self.source, 2),
                                (self.operands, 0), (self.ops, 3)):
            layout.addWidget(widget, stretch)
        self._listing, self._lines, self._thread = {}, [], {}
        self.retranslate()

    def retranslate(self):
        self.button.setText(f"▶ {self.no} · {self.name}")
        self.button.setToolTip(translate("Scheduler", "Let {name} take one step (key {no})"
                                         ).format(name=self.name, no=self.no))
        self._show_where()

    def set_code(self, listing, lines):
        """The lesson's `dis` listing (per function) and its source lines."""
        self._listing = {f["function"]: f for f in listing}
        self._lines = lines

    def show(self, thread):
        """The thread after a step: its line, its instruction, what that instruction uses."""
        self._thread = thread
        self._show_where()
        self.operands.setText(thread.get("operands") or "")
        self._show_source(thread)
        self._show_ops(thread)
        super().show()

    def _show_where(self):
        t = self._thread
        if not t:
            self.where.setText("")
            return
        if t["state"] == "done":
            text, colour = translate("Scheduler", "finished"), GREY
        elif t["state"] == "failed":
            text, colour = translate("Scheduler", "stopped: {error}").format(error=t["error"]), \
                VERMILLION
        elif t.get("waits_for"):
            text, colour = translate("Scheduler", "waits for {lock}").format(
                lock=t["waits_for"]), VERMILLION
        else:
            text, colour = translate("Scheduler", "line {line}, before {op}").format(
                line=t["line"], op=(t.get("op") or {}).get("opname", "?")), BLUE
        self.where.setText(text)
        self.where.setStyleSheet(f"color: {colour};")
        self.button.setEnabled(t["state"] not in ("done", "failed"))

    def _show_source(self, thread):
        function = self._listing.get(thread.get("function"))
        self.source.clear()
        if function is None or not self._lines:
            return
        numbers = [op["line"] for op in function["ops"] if op["line"]]
        first, last = function["first_line"], max(numbers + [function["first_line"]])
        for number in range(first, min(last, len(self._lines)) + 1):
            item = QListWidgetItem(f"{number:>3}  {self._lines[number - 1].rstrip()}")
            if number == thread.get("line") and thread["state"] == "ready":
                item.setBackground(CURRENT)
                item.setFont(_mono(FONT_PT, bold=True))
            self.source.addItem(item)
            if number == thread.get("line"):
                self.source.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _show_ops(self, thread):
        function = self._listing.get(thread.get("function"))
        self.ops.clear()
        if function is None:
            return
        current = (thread.get("op") or {}).get("offset")
        for op in function["ops"]:
            mark = SWITCH if op["switch_after"] is None else " "
            item = QListWidgetItem(f"{mark} {op['offset']:>4} {op['opname']:<18} {op['argrepr']}")
            item.setToolTip(words.switch_text(op["switch_after"]))
            if op["offset"] == current and thread["state"] == "ready":
                item.setBackground(CURRENT)
                item.setFont(_mono(FONT_PT, bold=True))
                self.ops.addItem(item)
                self.ops.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
            else:
                self.ops.addItem(item)
