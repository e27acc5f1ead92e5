"""The Balance tab: the final balance and the lost updates in big type, the `balance`
counter over time, and one real interleaving the lesson recorded, step by step (the t1/t2
table of the source text, from this run). Everything comes from the run's figures and its
trace; the words are in `gui.lessons.threads.race.table`.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import unit
from gui.lessons.threads.race import lost_text
from gui.lessons.threads.race.table import lost_tip, no_table_caption, table_caption, table_rows
from gui.views.lane_axis import INK
from gui.views.lesson_panel import LessonPanel

FONT_PT = 14
BIG_PT = 34
TOP_PX = 140                    # height of the big numbers and the plot
GOOD, BAD, NEUTRAL = "#009E73", "#D55E00", "#0072B2"       # Okabe-Ito green, vermillion, blue
LOST_ROW = QColor("#FAD9C4")                                 # light vermillion


class RacePanel(LessonPanel):
    """Final balance and lost updates, the balance over time, one captured interleaving."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Balance")

    def __init__(self, lesson_id, parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.run = None                     # the finished run (a gui.lessons.Run)
        self.phase = "idle"                 # "running", "finished": what the texts say
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
        self.phase, self.run = "running", None
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
        if len(value) and self.run is None:
            self._show_sampled()

    def finish(self, run):
        """The run ended: the big numbers and the table show its figures, and the tab asks
        to be looked at, with the lesson's sentence."""
        if self.session is None:            # a finished run shown without a live part
            self.start(run)
        self.refresh()
        self.phase, self.run = "finished", run
        self._render()
        text = self._summary()
        if text:
            self.headline.setVisible(False)         # the window shows it in its banner
            self.attention.emit(text)

    # -- drawing ----------------------------------------------------------------------
    def _render(self):
        """The texts of the current phase, in the current language."""
        self.headline.setText(self._headline())
        if not self._has_result():
            self._show_sampled()
            return
        figures = self.run.result
        rounds = len(figures.get("rounds") or ())
        label = translate("RacePanel", "final balance, round %n", None, rounds) if rounds > 1 \
            else translate("RacePanel", "final balance")
        self.balance_card.set(str(figures["balance"]), label,
                              GOOD if figures["balance"] == 0 else BAD)
        self.lost_card.set(lost_text(figures), translate("RacePanel", "lost updates"),
                           GOOD if figures["lost"] == 0 else BAD)
        self.lost_card.setToolTip(lost_tip(self.run))
        self._fill_table(figures.get("steps") or [])

    def _has_result(self):
        return self.phase == "finished" and "balance" in self.run.result \
            and "lost" in self.run.result

    def _headline(self):
        if self.phase == "idle":
            return translate("RacePanel",
                             "Press ▶ Run: two threads deposit and withdraw on one balance.")
        if self.phase == "finished" and not self._has_result():
            return translate("RacePanel", "The run ended before the lesson printed its result.")
        return self._summary() or translate(
            "RacePanel", "Running: the plot shows the balance as t1 and t2 change it.")

    def _summary(self):
        """The run's result in one sentence (the window's banner), or ''."""
        if not self._has_result():
            return ""
        return unit(self.run.lesson_id).sentence(self.run)

    def _show_sampled(self):
        if self._now is None:
            self.balance_card.set("…", translate("RacePanel", "final balance"), NEUTRAL)
        else:
            self.balance_card.set(f"{self._now:g}",
                                  translate("RacePanel", "balance now (sampled)"), NEUTRAL)
        self.lost_card.set("…", translate("RacePanel", "lost updates"), NEUTRAL)
        self.caption.setText(translate(
            "RacePanel", "After the run: one real interleaving from it, step by step."))

    def showEvent(self, event):
        super().showEvent(event)
        QTimer.singleShot(0, self, self._show_lost_row)   # once the table has its size

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._show_lost_row()                   # the table's height changed

    def _show_lost_row(self):
        """The red row in view, with as many rows above it as fit (the read comes first)."""
        if self.lost_row is not None:
            self.table.scrollToTop()
            self.table.scrollToItem(self.table.item(self.lost_row, 0),
                                    QAbstractItemView.ScrollHint.EnsureVisible)

    def _fill_table(self, steps):
        rows = table_rows(steps)
        self.table.setRowCount(len(rows))
        lost_row = None
        for r, row in enumerate(rows):
            lost = row.lost
            for c, text in enumerate((row.step, row.t1, row.t2, row.balance)):
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
            self.caption.setText(table_caption(steps))
            self._show_lost_row()
            QTimer.singleShot(0, self, self._show_lost_row)
        else:
            self.caption.setText(no_table_caption(self.run))

    def _reset(self):
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
