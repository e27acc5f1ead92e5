"""The task switches close-up: a few hundred microseconds of one OS thread and the coroutines
it runs (asyncio tasks, greenlets, generators), wide enough to see each step. The thread's row
on top shows every step in turn, named after the coroutine that ran; a dashed line marks each
switch, where one coroutine gave the thread back and the next one got it. Big numbers: the
switches of the whole run, how many ran at once at most (one), the OS threads.

`close_up()` (gui/lessons/coroutines/close_up.py) is plain numpy over the trace model;
`TaskSwitchPanel` only draws what it returns.
"""

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons.coroutines._lanes import os_threads
from gui.lessons.coroutines.close_up import LOOP, RUN, close_up
from gui.trace.model import STATES
from gui.views.lane_axis import INK
from gui.views.lesson_panel import LessonPanel
from gui.views.palette import STATE_COLORS, STATE_HEX, state_label
from gui.views.figure_card import FONT_PT, FigureCard, close_up_plot, label_widget

SWITCH_COLOUR = QColor("#D55E00")       # Okabe-Ito vermilion: the switch points
LOOP_COLOUR = QColor("#B8B8B8")         # the scheduler's own work between two steps
LEGEND = ("run", "wait.io")
EXPLAIN = QT_TRANSLATE_NOOP(
    "TaskSwitchPanel", "One thread, one coroutine at a time. The top row is the OS thread: "
                       "each green slice is one step of the coroutine named on it, running "
                       "until its next await (or switch, or yield); grey is the scheduler "
                       "picking the next one; dashed lines mark the switches. Light blue is "
                       "waiting: on the thread's row, in select, when nothing is ready.")
CAPTIONS = {"switches": QT_TRANSLATE_NOOP("TaskSwitchPanel", "switches between coroutines"),
            "at_once": QT_TRANSLATE_NOOP("TaskSwitchPanel", "running at the same moment, at "
                                                            "most"),
            "threads": QT_TRANSLATE_NOOP("TaskSwitchPanel", "OS threads")}


def scale_of(width_s):
    """(factor, unit) for an x axis `width_s` long: microseconds below 2 ms."""
    return (1e6, "µs") if width_s < 2e-3 else (1e3, "ms")


class StepsItem(pg.GraphicsObject):
    """Draws a TaskCloseUp: x from the window's start in its unit, one row per lane; bars
    carry their text when it fits; a dashed vertical line at each switch."""

    def __init__(self):
        super().__init__()
        self.data = None
        self.factor = 1e6
        self.font = QFont()
        self.font.setPointSize(FONT_PT - 2)

    def set_data(self, data):
        self.prepareGeometryChange()
        self.data = data
        if data is not None:
            self.factor = scale_of(data.end - data.start)[0]
        self.update()

    def x(self, t):
        return (t - self.data.start) * self.factor

    def boundingRect(self):
        if self.data is None:
            return QRectF(0, 0, 1, 1)
        return QRectF(0, 0, self.x(self.data.end), max(1, len(self.data.rows)))

    def paint(self, p, *args):
        if self.data is None:
            return
        tr, labels = p.transform(), []
        outline = QPen(STATE_COLORS[RUN].darker(170), 1.5)
        outline.setCosmetic(True)
        end = self.x(self.data.end)
        for t0, t1, row, state, text in self.data.bars:
            a, b = max(self.x(t0), 0.0), min(self.x(t1), end)
            rect = QRectF(a, row + 0.15, b - a, 0.7)
            box = tr.mapRect(rect)
            if box.width() < 3:                 # a step too short to see: still 3 px wide
                rect.setWidth(3 * rect.width() / max(box.width(), 1e-9))
            p.setPen(outline if state == RUN else Qt.PenStyle.NoPen)
            p.setBrush(QBrush(LOOP_COLOUR if state == LOOP else STATE_COLORS[int(state)]))
            p.drawRect(rect)
            if text:
                labels.append((tr.mapRect(rect), text, state == RUN))
        self._switches(p)
        self._labels(p, labels)

    def _switches(self, p):
        pen = QPen(SWITCH_COLOUR, 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        p.setPen(pen)
        rows = len(self.data.rows)
        for t, _, _ in self.data.switches:
            p.drawLine(QLineF(QPointF(self.x(t), 0.05), QPointF(self.x(t), rows - 0.05)))

    def _labels(self, p, labels):
        p.save()
        p.resetTransform()
        p.setFont(self.font)
        metrics = QFontMetrics(self.font)
        for box, text, running in labels:
            p.setPen(QColor("#FFFFFF") if running else QColor("#000000"))
            fitted = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(box.width()) - 4)
            if fitted and fitted != "…":
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, fitted)
        p.restore()


class TaskSwitchPanel(LessonPanel):
    """Task switches close-up for the coroutine lessons (asyncio, generators, greenlets)."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Task switches")

    def __init__(self, lesson_id="", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.data = None
        self.numbers = {}                   # card name -> the text it shows (tests read it)
        self._seen = None
        self._live = False
        self.headline = label_widget("", FONT_PT)
        self.cards = {name: FigureCard() for name in CAPTIONS}
        row = QHBoxLayout()
        for card in self.cards.values():
            row.addWidget(card)
        self.caption = label_widget("", FONT_PT)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.plot = self._make_plot()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(row)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 1)
        self._reset()
        self.retranslate()

    def retranslate(self):
        """Every text in the current language; the figures are written again."""
        self.headline.setText(translate("TaskSwitchPanel", EXPLAIN))
        self._seen = None
        if self.data is None:
            self._reset()
        else:
            self.refresh()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_plot(self):
        self.steps_item = StepsItem()
        plot, self.lane_axis, self.bottom_axis, self.viewbox = close_up_plot(self.steps_item)
        return plot

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.data, self._seen, self._live = session, None, None, True
        self._reset()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None or (model.revision, self._live) == self._seen:
            return
        self._seen = (model.revision, self._live)
        self.data = close_up(model, self._live)
        if self.data is None:
            return
        self._show("switches", f"{self.data.total_switches:,}")
        self._show("at_once", str(self.data.at_once))
        self._show("threads", str(len(os_threads(model))))
        factor, unit = scale_of(self.data.end - self.data.start)
        self.caption.setText(translate(
            "TaskSwitchPanel", "{width} {unit} of {thread}, at {start} s · {legend}").format(
                width=f"{(self.data.end - self.data.start) * factor:.0f}", unit=unit,
                thread=self.data.thread, start=f"{self.data.start:.3f}", legend=_legend()))
        self.bottom_axis.setLabel(translate("TaskSwitchPanel", "time in this close-up ({unit})"
                                            ).format(unit=unit),
                                  color=INK.name(), **{"font-size": f"{FONT_PT - 1}pt"})
        self._draw()

    def finish(self, run):
        """The run ended: the close-up moves to the burst with the most switches."""
        if self.session is None:            # a finished run shown without a live part
            self.start(run)
        self._live = False
        self.refresh()

    # -- drawing ----------------------------------------------------------------------
    def _draw(self):
        data = self.data
        rows = [(data.rows[0], 0, True)] + [(text, 1, False) for text in data.rows[1:]]
        self.lane_axis.set_rows_from(rows)
        self.steps_item.set_data(data)
        self.viewbox.setXRange(0, self.steps_item.x(data.end), padding=0.01)
        self.viewbox.setYRange(0, max(len(data.rows), 2), padding=0)

    def _show(self, name, value):
        self.numbers[name] = value
        self.cards[name].set(value, translate("TaskSwitchPanel", CAPTIONS[name]))

    def _reset(self):
        self.numbers = {}
        for name, caption in CAPTIONS.items():
            self.cards[name].set("…", translate("TaskSwitchPanel", caption))
        self.steps_item.set_data(None)
        self.lane_axis.set_rows([])
        self.caption.setText(_legend())


def _legend():
    """The states of the close-up and the switch line."""
    codes = [STATES.index(state) for state in LEGEND]
    states = "  ".join(f'<span style="color:{STATE_HEX[c]}">■</span> '
                       f'{translate("States", state_label(c))}' for c in codes)
    loop = translate("TaskSwitchPanel", "scheduler picks the next")
    switch = translate("TaskSwitchPanel", "switch")
    return (f'{states}  <span style="color:{LOOP_COLOUR.name()}">■</span> {loop}'
            f'  <span style="color:{SWITCH_COLOUR.name()}">┆</span> {switch}')
