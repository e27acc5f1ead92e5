"""The balance race in numbers: the final balance and the lost updates in big type, the
`balance` counter over time, and one real interleaving the lesson recorded, step by step
(the t1/t2 table of the source text, from this run).

`gui.views.race_text` reads what the lesson printed (`parse_race_output()`); `RacePanel`
draws it.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from gui.lesson_summary import summarize
from gui.views.lane_axis import INK
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views.lesson_panel import LessonPanel
from gui.views.race_text import (RaceResult, compact, no_table_caption, parse_race_output,
                                 printed, table_caption)

FONT_PT = 14
BIG_PT = 34
TOP_PX = 140                    # height of the big numbers and the plot
GOOD, BAD, NEUTRAL = "#009E73", "#D55E00", "#0072B2"       # Okabe-Ito green, vermillion, blue
LOST_ROW = QColor("#FAD9C4")                                 # light vermillion
class RacePanel(LessonPanel):
    """Final balance and lost updates, the balance over time, one captured interleaving."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Balance")

    def __init__(self, lesson_id="threads.race", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.result = RaceResult()
        self.phase = "idle"                 # "running", "finished": what the texts say
        self.output = ""
        self._now = None                    # the balance last sampled while it runs
        self._seen = -1
        self.headline = _label("", FONT_PT + 2, bold=True)
        self.balance_card = _Card()
        self.lost_card = _Card()
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
        self.retranslate()

    def retranslate(self):
        """Every text in the current language; a finished run's result is written again."""
        item = self.plot.getPlotItem()
        for side, label in (("left", translate("RacePanel", "balance")),
                            ("bottom", translate("RacePanel", "time (s)"))):
            item.getAxis(side).setLabel(label, color=INK.name(),
                                        **{"font-size": f"{FONT_PT - 2}pt"})
        self.table.setHorizontalHeaderLabels([
            translate("RacePanel", "step"), translate("RacePanel", "t1 (adds 5)"),
            translate("RacePanel", "t2 (adds 8)"), translate("RacePanel", "balance")])
        self._render()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_plot(self):
        font = QFont()
        font.setPointSize(FONT_PT - 2)
        plot = pg.PlotWidget(background="w")
        plot.setMinimumWidth(260)
        plot.setFixedHeight(TOP_PX)
        item = plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setStyle(tickFont=font)
            axis.setPen(INK)
            axis.setTextPen(INK)
            axis.enableAutoSIPrefix(False)
        item.addLine(y=0, pen=pg.mkPen("#999999", width=1, style=Qt.PenStyle.DashLine))
        curve = item.plot([], [], pen=pg.mkPen(NEUTRAL, width=2.5))
        plot.setMouseEnabled(x=False, y=False)
        return plot, curve

    def _make_table(self):
        table = QTableWidget(0, 4)
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
        self.phase, self.output = "running", ""
        self._reset()
        self.headline.setVisible(True)
        self._render()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None or model.revision == self._seen:
            return
        self._seen = model.revision
        t, value = balance_series(model)
        self.curve.setData(t, value)
        if len(value):                      # at least -8..13: a flat 0 stays a flat line
            self.plot.setYRange(min(value.min(), -8), max(value.max(), 13), padding=0.05)
            self._now = value[-1]
        if len(value) and self.result.balance is None:
            self._show_sampled()

    def finish(self, session, output):
        self.refresh()
        self.phase, self.output = "finished", output or ""
        self.result = parse_race_output(self.output)
        self._render()
        text = self._summary()
        if text:
            self.headline.setVisible(False)         # the window shows it in its banner
            self.attention.emit(text)

    # -- drawing ----------------------------------------------------------------------
    def _render(self):
        """The texts of the current phase, in the current language."""
        result = self.result
        self.headline.setText(self._headline())
        if self.phase != "finished" or result.balance is None:
            self._show_sampled()
            return
        self.balance_card.set(str(result.balance), translate("RacePanel", "final balance"),
                              GOOD if result.balance == 0 else BAD)
        lost = f"≥ {result.lost}" if result.at_least else str(result.lost)
        self.lost_card.set(lost, translate("RacePanel", "lost updates"),
                           GOOD if result.lost == 0 else BAD)
        self.lost_card.setToolTip(self._lost_tip())
        self._fill_table(result.rows)

    def _headline(self):
        if self.phase == "idle":
            return translate("RacePanel",
                             "Press ▶ Run: two threads deposit and withdraw on one balance.")
        if self.phase == "finished" and self.result.balance is None:
            return translate("RacePanel", "The run ended before the lesson printed its result.")
        return self._summary() or translate(
            "RacePanel", "Running: the plot shows the balance as t1 and t2 change it.")

    def _summary(self):
        """The run's result in one sentence (the window's banner), or ''."""
        session = self.session
        if self.phase != "finished" or self.result.balance is None or session is None \
                or session.run is None or session.run.returncode != 0:
            return ""
        return summarize(self.lesson_id, session.values, session.model, self.output)

    def _show_sampled(self):
        if self._now is None:
            self.balance_card.set("…", translate("RacePanel", "final balance"), NEUTRAL)
        else:
            self.balance_card.set(f"{self._now:g}",
                                  translate("RacePanel", "balance now (sampled)"), NEUTRAL)
        self.lost_card.set("…", translate("RacePanel", "lost updates"), NEUTRAL)
        self.caption.setText(translate(
            "RacePanel", "After the run: one real interleaving from it, step by step."))

    def _lost_tip(self):
        result = self.result
        if result.at_least:
            return translate("RacePanel", "at least: counted from the balance")
        detail = result.detail.strip("()")
        if not detail:
            return translate("RacePanel", "lost updates")
        return translate("RacePanel", "lost updates ({detail})").format(detail=printed(detail))

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
            self.caption.setText(table_caption(rows, lost_row))
            self._show_lost_row()
            QTimer.singleShot(0, self, self._show_lost_row)
        else:
            self.caption.setText(no_table_caption(self.result, self.session))

    def _reset(self):
        self.result = RaceResult()
        self._now = None
        self.curve.setData([], [])
        self.table.setRowCount(0)
        self.lost_row = None
        self.lost_card.setToolTip("")


def balance_series(model):
    """The `balance` counter in time order (both threads send samples)."""
    column = model.counters.get("balance")
    if column is None or len(column) == 0:
        return np.zeros(0), np.zeros(0)
    order = np.argsort(column["t"], kind="stable")
    return column["t"][order], column["value"][order]


class _Card(QFrame):
    """One big number over a one-line caption."""

    def __init__(self, caption=""):
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
