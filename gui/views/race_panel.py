"""The balance race in numbers: the final balance and the lost updates in big type, the
`balance` counter over time, and one real interleaving the lesson recorded, step by step
(the t1/t2 table of the source text, from this run).

`parse_race_output()` is plain Python over what the lesson printed; `RacePanel` draws it.
"""
import re
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from gui.lesson_summary import summarize
from gui.views.lane_axis import INK
from gui.i18n import QT_TRANSLATE_NOOP
from gui.views.lesson_panel import LessonPanel

FONT_PT = 14
BIG_PT = 34
TOP_PX = 140                    # height of the big numbers and the plot
GOOD, BAD, NEUTRAL = "#009E73", "#D55E00", "#0072B2"       # Okabe-Ito green, vermillion, blue
LOST_ROW = QColor("#FAD9C4")                                 # light vermillion
ROW = re.compile(r"^\s*(\d+|\.\.\.)\s*\|(.*)\|(.*)\|\s*(-?\d*)\s*$")
CELL = re.compile(r"^(.*?)\s+#.*?=\s*(-?\d+)(?:, (.*))?$")   # "code  # ... = value, note"


@dataclass
class RaceResult:
    """What the lesson printed: the final balance, the lost updates (exact or a lower
    bound) and the rows of the captured interleaving (step, t1 cell, t2 cell, balance)."""
    balance: int = None
    lost: int = None
    at_least: bool = False
    detail: str = ""                    # "(7 of t1's, 7 of t2's)"
    rows: list = field(default_factory=list)
    note: str = ""                      # why there is no table


def parse_race_output(text):
    result = RaceResult()
    balance = re.search(r"^final balance: (-?\d+)", text, re.M)
    lost = re.search(r"^lost updates: (at least )?(\d+) ?(\(.*\))?", text, re.M)
    if balance:
        result.balance = int(balance.group(1))
    if lost:
        result.lost, result.at_least = int(lost.group(2)), bool(lost.group(1))
        result.detail = lost.group(3) or ""
    in_table = False
    for line in text.splitlines():
        if line.startswith("step |"):
            in_table = True
        elif in_table and ROW.match(line):
            result.rows.append([cell.strip() for cell in ROW.match(line).groups()])
        elif in_table:
            break
    why = re.search(r"^(\(No steps shown: .*\)|No update lost: .*|Nothing lost this time.*)$",
                    text, re.M)
    result.note = why.group(1).strip("()") if why else ""
    return result


def compact(cell):
    """A table cell as a class reads it: ``x1 = balance + 5 → 5``; a lost update says what
    it wiped out."""
    match = CELL.match(cell)
    if not match:
        return cell
    code, value, lost = match.groups()
    return f"{code}  → {value}" + (f"  ✗ {lost.replace(' is lost', ' lost')}" if lost else "")


class RacePanel(LessonPanel):
    """Final balance and lost updates, the balance over time, one captured interleaving."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Balance")

    def __init__(self, lesson_id="threads.race", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.result = RaceResult()
        self._seen = -1
        self.headline = _label("Press ▶ Run: two threads deposit and withdraw on one balance.",
                               FONT_PT + 2, bold=True)
        self.balance_card = _Card("final balance")
        self.lost_card = _Card("lost updates")
        self.plot, self.curve = self._make_plot()
        top = QHBoxLayout()
        top.addWidget(self.balance_card)
        top.addWidget(self.lost_card)
        top.addWidget(self.plot, 1)
        self.caption = _label("", FONT_PT)
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self._reset()

    def _make_plot(self):
        font = QFont()
        font.setPointSize(FONT_PT - 2)
        plot = pg.PlotWidget(background="w")
        plot.setMinimumWidth(260)
        plot.setFixedHeight(TOP_PX)
        item = plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        for side, label in (("left", "balance"), ("bottom", "time (s)")):
            axis = item.getAxis(side)
            axis.setStyle(tickFont=font)
            axis.setPen(INK)
            axis.setTextPen(INK)
            axis.setLabel(label, color=INK.name(), **{"font-size": f"{FONT_PT - 2}pt"})
            axis.enableAutoSIPrefix(False)
        item.addLine(y=0, pen=pg.mkPen("#999999", width=1, style=Qt.PenStyle.DashLine))
        curve = item.plot([], [], pen=pg.mkPen(NEUTRAL, width=2.5))
        plot.setMouseEnabled(x=False, y=False)
        return plot, curve

    def _make_table(self):
        table = QTableWidget(0, 4)
        table.setHorizontalHeaderLabels(["step", "t1 (adds 5)", "t2 (adds 8)", "balance"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setStyleSheet(f"QTableWidget {{ font-size: {FONT_PT}pt; }} "
                            f"QHeaderView::section {{ font-size: {FONT_PT - 1}pt; "
                            "font-weight: bold; }")
        header = table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        return table

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self._seen = session, -1
        self._reset()
        self.headline.setVisible(True)
        self.headline.setText("Running: the plot shows the balance as t1 and t2 change it.")

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None or model.revision == self._seen:
            return
        self._seen = model.revision
        t, value = balance_series(model)
        self.curve.setData(t, value)
        if len(value):                      # at least -8..13: a flat 0 stays a flat line
            self.plot.setYRange(min(value.min(), -8), max(value.max(), 13), padding=0.05)
        if len(value) and self.result.balance is None:
            self.balance_card.set(f"{value[-1]:g}", "balance now (sampled)", NEUTRAL)

    def finish(self, session, output):
        self.refresh()
        self.result = result = parse_race_output(output or "")
        if result.balance is None:
            self.headline.setText("The run ended before the lesson printed its result.")
            return
        self.balance_card.set(str(result.balance), "final balance",
                              GOOD if result.balance == 0 else BAD)
        lost = f"≥ {result.lost}" if result.at_least else str(result.lost)
        self.lost_card.set(lost, "lost updates", GOOD if result.lost == 0 else BAD)
        self.lost_card.setToolTip(f"lost updates {result.detail}".strip() if not
                                  result.at_least else "at least: counted from the balance")
        self._fill_table(result.rows)
        text = summarize(self.lesson_id, session.values, session.model, output or "")
        if text and session.run is not None and session.run.returncode == 0:
            self.headline.setText(text)
            self.headline.setVisible(False)         # the window shows it in its banner
            self.attention.emit(text)

    # -- drawing ----------------------------------------------------------------------
    def showEvent(self, event):
        super().showEvent(event)
        QTimer.singleShot(0, self, self._show_lost_row)   # once the table has its size

    def _show_lost_row(self):
        """The red row in view, with as many rows above it as fit (the read comes first)."""
        if self.lost_row is not None:
            self.table.scrollToTop()
            self.table.scrollToItem(self.table.item(self.lost_row, 0),
                                    QAbstractItemView.ScrollHint.EnsureVisible)

    def _fill_table(self, rows):
        self.table.setRowCount(len(rows))
        lost_row = None
        for r, (step, t1, t2, value) in enumerate(rows):
            lost = "is lost" in t1 + t2
            for c, text in enumerate((step, compact(t1), compact(t2), value)):
                item = QTableWidgetItem(text)
                align = Qt.AlignmentFlag.AlignRight if c in (0, 3) else Qt.AlignmentFlag.AlignLeft
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                if lost:
                    item.setBackground(QBrush(LOST_ROW))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
            if lost:
                lost_row = r
        self.table.resizeRowsToContents()
        self.lost_row = lost_row
        if lost_row is not None:
            self.caption.setText(_table_caption(rows, lost_row))
            self._show_lost_row()
            QTimer.singleShot(0, self, self._show_lost_row)
        else:
            self.caption.setText(_no_table_caption(self.result, self.session))

    def _reset(self):
        self.result = RaceResult()
        self.balance_card.set("…", "final balance", NEUTRAL)
        self.lost_card.set("…", "lost updates", NEUTRAL)
        self.curve.setData([], [])
        self.table.setRowCount(0)
        self.lost_row = None
        self.lost_card.setToolTip("")
        self.caption.setText("After the run: one real interleaving from it, step by step.")


def balance_series(model):
    """The `balance` counter in time order (both threads send samples)."""
    column = model.counters.get("balance")
    if column is None or len(column) == 0:
        return np.zeros(0), np.zeros(0)
    order = np.argsort(column["t"], kind="stable")
    return column["t"][order], column["value"][order]


def _no_table_caption(result, session):
    """Why there is no step table, in the lesson's words."""
    variant = session.values.get("variant") if session is not None else None
    if variant == "naive" and result.lost == 0 and not result.at_least and result.detail:
        return (f"No update lost: {result.detail.strip('()')}. Variant widened puts a call "
                "there and shows a lost update step by step.")
    if variant == "naive":
        return ("The textbook code keeps no ledger (a call inside change_it would change the "
                "race), so the lost updates are counted from the balance alone. Variant "
                "widened shows a lost update step by step.")
    return result.note or "No lost update: no interleaving to show."


def _table_caption(rows, lost_row):
    """What the table shows, in one sentence with this run's numbers."""
    column = 1 if rows[lost_row][1] else 2
    writer, other = f"t{column}", f"t{3 - column}"
    steps = 0
    for row in rows:
        cell = row[3 - column]
        gap = re.search(r"([\d,]+) more steps", cell)
        steps += int(gap.group(1).replace(",", "")) if gap else bool(cell)
    return (f"<b>One real interleaving from this run:</b> {writer} read, CPython ran {other} "
            f"for {steps:,} steps, {writer} wrote its stale result: {other}'s update is lost.")


class _Card(QFrame):
    """One big number over a one-line caption."""

    def __init__(self, caption):
        super().__init__()
        self.setStyleSheet("_Card { background: #F4F4F4; border-radius: 6px; }")
        self.value = _label("…", BIG_PT, bold=True)
        self.value.setWordWrap(False)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = _label(caption, FONT_PT - 2)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setMinimumWidth(170)
        self.setFixedHeight(TOP_PX)

    def set(self, value, caption, colour):
        self.value.setText(value)
        self.value.setStyleSheet(f"font-size: {BIG_PT}pt; font-weight: bold; color: {colour};")
        self.caption.setText(caption)


def _label(text, point_size, bold=False):
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"font-size: {point_size}pt;" + (" font-weight: bold;" if bold else ""))
    return label
