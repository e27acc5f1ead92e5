"""The GIL close-up: ~50 ms of the worker lanes, wide enough to see each ~5 ms turn, and the
lesson's figures in big numbers (hand-offs, turn length vs the switch interval, the share of
time the workers ran together, the CPU the workload used).

`close_up()` is plain numpy over the trace model; `GilPanel` only draws what it returns.
"""
import re
import time
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from gui.trace.analysis import gil_turns, overlap_fraction, run_spans
from gui.trace.model import STATES
from gui.views.lane_axis import INK, LaneAxis
from gui.i18n import QT_TRANSLATE_NOOP
from gui.views.lesson_panel import LessonPanel
from gui.views.palette import STATE_COLORS, STATE_HEX, state_label

FONT_PT = 14
RUN = STATES.index("run")
ZOOM_S = 0.05            # the close-up shows at least this much time...
TURNS_SHOWN = 10         # ...and at least this many switch intervals
BUSY_SHARE = 0.1         # while live, a slow refresh (a huge trace, > SLOW_S) may take at
SLOW_S = 0.02            # most this share of the GUI thread's time
VALUE_COLOUR = "#0072B2"
CPU_USED = re.compile(r"CPU used: ([\d.]+) cores")
EXPLAIN = {
    "threads": "One GIL: the threads take turns. Each green bar is one turn, the thread that "
               "holds the GIL, with its length; orange is waiting for the GIL.",
    "processes": "One GIL per process: the workers run at the same time and their green bars "
                 "overlap; dark grey is time the operating system gave the core to another "
                 "process.",
}
CAPTIONS = {"hand-offs": "hand-offs of the GIL", "turn": "median turn",
            "together": "of the time ran at the same time", "cpu": "CPU used (shown at the end)"}
WORKERS_ON = re.compile(r"(\d+) busy (threads|processes) on (\d+) cores")


@dataclass
class CloseUp:
    """A time window of the worker lanes: rows, and bars (t0, t1, row, state) inside it."""
    start: float
    end: float
    rows: list              # lane labels, top to bottom
    bars: np.ndarray        # float columns t0, t1, row, state; waits first, then turns

    def turns(self):
        """The run bars (GIL turns, or run spans of processes) in the window."""
        return self.bars[self.bars[:, 3] == RUN]


def close_up(model, width_s, live, merge_turns, runs=None):
    """The window to show: the newest `width_s` while live, else the middle of the run.
    With `merge_turns`, consecutive run spans of one thread (no other thread ran between
    them) become one bar: one GIL turn. `runs` is ``run_spans(model)`` if already known."""
    t0, t1, lane = runs if runs is not None else run_spans(model)
    if len(t0) == 0:
        return None
    first, last = float(t0.min()), float(t1.max())
    width = min(width_s, last - first)
    start = last - width if live else (first + last - width) / 2
    end = start + width
    if merge_turns:
        change = np.flatnonzero(lane[1:] != lane[:-1]) + 1
        starts = np.concatenate([[0], change])
        ends = np.concatenate([change, [len(t0)]]) - 1
        t0, t1, lane = t0[starts], t1[ends], lane[starts]
    lanes = np.unique(lane)
    labels = [_label(model.lanes[i]) for i in lanes.tolist()]
    order = sorted(range(len(labels)), key=lambda i: _natural(labels[i]))   # Worker-2 < -10
    row_of = np.empty(len(lanes), np.int64)
    row_of[order] = np.arange(len(lanes))
    spans = model.spans
    waits = np.isin(spans["lane"], lanes) & (spans["state"] != RUN) \
        & (spans["t1"] > start) & (spans["t0"] < end)
    inside = (t1 > start) & (t0 < end)
    bars = np.concatenate([
        np.column_stack([spans["t0"][waits], spans["t1"][waits],
                         row_of[np.searchsorted(lanes, spans["lane"][waits])],
                         spans["state"][waits]]),
        np.column_stack([t0[inside], t1[inside], row_of[np.searchsorted(lanes, lane[inside])],
                         np.full(int(inside.sum()), RUN)]),
    ]).astype(np.float64).reshape(-1, 4)
    return CloseUp(start, end, [labels[i] for i in order], bars)


def _natural(text):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _label(lane):
    """A worker thread by its name; a process's main thread by its process's role, without
    the PID the timeline already shows: "Pool worker 1"."""
    if lane.name == "MainThread" and lane.parent is not None:
        return lane.parent.label.split(" · ", 1)[-1]
    return lane.label


class TurnsItem(pg.GraphicsObject):
    """Draws a CloseUp: x in ms from the window's start, one row per worker; every bar wide
    enough carries its length ("5.1 ms")."""

    def __init__(self):
        super().__init__()
        self.data = None
        self.font = QFont()
        self.font.setPointSize(FONT_PT - 1)

    def set_data(self, data):
        self.prepareGeometryChange()
        self.data = data
        self.update()

    def boundingRect(self):
        if self.data is None:
            return QRectF(0, 0, 1, 1)
        return QRectF(0, 0, (self.data.end - self.data.start) * 1e3, max(1, len(self.data.rows)))

    def paint(self, p, *args):
        if self.data is None:
            return
        start, end = self.data.start, self.data.end
        tr, labels = p.transform(), []
        outline = QPen(STATE_COLORS[RUN].darker(170), 1.5)
        outline.setCosmetic(True)
        for t0, t1, row, state in self.data.bars.tolist():
            a, b = (max(t0, start) - start) * 1e3, (min(t1, end) - start) * 1e3
            rect = QRectF(a, row + 0.15, b - a, 0.7)
            p.setPen(outline if state == RUN else Qt.PenStyle.NoPen)
            p.setBrush(QBrush(STATE_COLORS[int(state)]))
            p.drawRect(rect)
            if state == RUN:
                labels.append((tr.mapRect(rect), f"{(t1 - t0) * 1e3:.1f} ms"))
        p.save()
        p.resetTransform()
        p.setFont(self.font)
        p.setPen(QColor("#FFFFFF"))           # white on the green of "running"
        metrics = QFontMetrics(self.font)
        for box, text in labels:
            for fitted in (text, text[:-3]):        # "5.1 ms", or "5.1" in a narrow bar
                if metrics.horizontalAdvance(fitted) + 4 <= box.width():
                    p.drawText(box, Qt.AlignmentFlag.AlignCenter, fitted)
                    break
        p.restore()


class GilPanel(LessonPanel):
    """GIL close-up: threads hand the GIL over every switch interval; processes don't."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "GIL close-up")

    def __init__(self, lesson_id="threads.gil", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.data = None
        self.numbers = {}                   # card name -> the text it shows (tests read it)
        self._seen = None
        self._live = False
        self._next = 0.0                    # while live: no recomputing before this time
        self.verdict = ""                  # the run's result, shown in the window's banner
        self.headline = _label_widget(EXPLAIN["threads"], FONT_PT)
        self.cards = {name: _Card() for name in CAPTIONS}
        row = QHBoxLayout()
        for card in self.cards.values():
            row.addWidget(card)
        self.caption = _label_widget("", FONT_PT)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.plot = self._make_plot()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(row)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 1)
        self._reset()

    def _make_plot(self):
        font = QFont()
        font.setPointSize(FONT_PT - 1)
        self.lane_axis = LaneAxis(FONT_PT - 1)
        bottom = pg.AxisItem("bottom")
        bottom.setStyle(tickFont=font)
        bottom.setPen(INK)
        bottom.setTextPen(INK)
        bottom.setLabel("time in this close-up (ms)", color=INK.name(),
                        **{"font-size": f"{FONT_PT - 1}pt"})
        plot = pg.PlotWidget(background="w", axisItems={"left": self.lane_axis,
                                                        "bottom": bottom})
        item = plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        self.viewbox = item.getViewBox()
        self.viewbox.invertY(True)
        self.viewbox.setMouseEnabled(x=False, y=False)
        self.viewbox.disableAutoRange()
        self.turns_item = TurnsItem()
        item.addItem(self.turns_item)
        return plot

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.data, self._seen, self._live = session, None, None, True
        self._next = 0.0
        self.verdict = ""
        self.headline.setText(EXPLAIN[session.values.get("variant", "threads")])
        self._reset()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None or (model.revision, self._live) == self._seen:
            return
        began = time.perf_counter()
        if self._live and began < self._next:       # a huge trace: refresh less often
            return
        self._seen = (model.revision, self._live)
        values = self.session.values
        interval = values.get("switch_interval_ms", 5.0) / 1e3
        threads = values.get("variant", "threads") == "threads"
        runs = run_spans(model)
        self.data = close_up(model, max(ZOOM_S, TURNS_SHOWN * interval), self._live, threads,
                             runs)
        if self.data is None:
            return
        t0, t1, _ = runs
        turns = gil_turns(model)
        together = overlap_fraction(t0, t1)
        if threads:
            self._show("hand-offs", f"{turns.handoffs:,}", CAPTIONS["hand-offs"])
            self._show("turn", f"{turns.median_s * 1e3:.1f} ms",
                       f"median turn · switch interval {interval * 1e3:g} ms")
        else:
            self._show("hand-offs", "—", "hand-offs: each process has its own GIL")
            self._show("turn", "—", "turns: processes need not wait")
        self._show("together", f"{together * 100:.0f}%", CAPTIONS["together"])
        where = "the last" if self._live else "the middle"
        width_ms = (self.data.end - self.data.start) * 1e3
        self.caption.setText(f"{width_ms:.0f} ms from {where} of the run, at "
                             f"{self.data.start:.3f} s · {_legend()}")
        self._draw()
        cost = time.perf_counter() - began
        self._next = began + cost / BUSY_SHARE if cost > SLOW_S else 0.0

    def finish(self, session, output):
        self._live = False
        self.refresh()
        cpu, workers = CPU_USED.search(output or ""), WORKERS_ON.search(output or "")
        if cpu:
            cores = workers.group(3) if workers else "?"
            self._show("cpu", f"{float(cpu.group(1)):.1f} cores", f"CPU used, of {cores} cores")
        if session.run is not None and session.run.returncode == 0 and self.data is not None:
            self.verdict = self._verdict(session, workers)
            self.attention.emit(self.verdict)

    # -- drawing ----------------------------------------------------------------------
    def _verdict(self, session, workers):
        """The close-up's point in one sentence, with this run's numbers."""
        n, used = (workers.group(1) if workers else "N"), self.numbers.get("cpu")
        used = f" and used {used} in all" if used else ""
        if session.values.get("variant") == "processes":
            return (f"{n} processes, {n} GILs: they ran at the same time "
                    f"{self.numbers['together']} of the time{used}.")
        return (f"{n} threads, one GIL: they handed it over {self.numbers['hand-offs']} times, "
                f"a turn every {self.numbers['turn']} (switch interval "
                f"{session.values.get('switch_interval_ms', 5.0):g} ms){used}.")

    def _draw(self):
        data = self.data
        self.lane_axis.set_rows([(SimpleNamespace(label=text, kind="thread"), 0)
                                 for text in data.rows])
        self.turns_item.set_data(data)
        self.viewbox.setXRange(0, (data.end - data.start) * 1e3, padding=0.01)
        self.viewbox.setYRange(0, max(len(data.rows), 2), padding=0)

    def _show(self, name, value, caption):
        self.numbers[name] = value
        self.cards[name].set(value, caption)

    def _reset(self):
        self.numbers = {}
        for name, caption in CAPTIONS.items():
            self.cards[name].set("…", caption)
        self.turns_item.set_data(None)
        self.lane_axis.set_rows([])
        self.caption.setText(_legend())


class _Card(QFrame):
    """One big number over a one-line caption."""

    def __init__(self):
        super().__init__()
        self.setStyleSheet("_Card { background: #F4F4F4; border-radius: 6px; }")
        self.value = _label_widget("…", FONT_PT + 10, bold=True, colour=VALUE_COLOUR)
        self.value.setWordWrap(False)
        self.caption = _label_widget("", FONT_PT - 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value, caption):
        self.value.setText(value)
        self.caption.setText(caption)


def _label_widget(text, point_size, bold=False, colour=None):
    label = QLabel(text)
    label.setWordWrap(True)
    style = f"font-size: {point_size}pt;" + (" font-weight: bold;" if bold else "")
    label.setStyleSheet(style + (f" color: {colour};" if colour else ""))
    return label


def _legend():
    codes = [STATES.index(s) for s in ("run", "wait.gil", "blocked")]
    return "  ".join(f'<span style="color:{STATE_HEX[c]}">■</span> {state_label(c)}'
                     for c in codes)
