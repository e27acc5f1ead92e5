"""The GIL close-up: ~50 ms of the worker lanes, wide enough to see each ~5 ms turn, and the
lesson's figures in big numbers (hand-offs, turn length vs the switch interval, the share of
time the workers ran together, the CPU the workload used, from its figures).

`close_up()` (gui/lessons/threads/gil/close_up.py) is plain numpy over the trace model;
`GilPanel` only draws what it returns.
"""
import time
from types import SimpleNamespace

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from gui import presentation
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import unit
from gui.lessons.threads.gil import busy_sentence, cores_text
from gui.lessons.threads.gil.close_up import RUN, close_up
from gui.trace.analysis import gil_turns, overlap_fraction, run_spans
from gui.trace.model import STATES
from gui.views.lane_axis import INK
from gui.views.lesson_panel import LessonPanel
from gui.views.palette import STATE_COLORS, STATE_HEX, state_label
from gui.views.figure_card import FONT_PT, FigureCard, close_up_plot, label_widget

ZOOM_S = 0.05            # the close-up shows at least this much time...
TURNS_SHOWN = 10         # ...and at least this many switch intervals
BUSY_SHARE = 0.1         # while live, a slow refresh (a huge trace, > SLOW_S) may take at
SLOW_S = 0.02            # most this share of the GUI thread's time
BUSY_COLOUR = "#B35900"  # the headline when other programs took the cores (Okabe-Ito)
EXPLAIN = {
    "threads": QT_TRANSLATE_NOOP("GilPanel", "One GIL: the threads take turns. Each green bar "
                                             "is one turn, the thread that holds the GIL, with "
                                             "its length; orange is waiting for the GIL."),
    "processes": QT_TRANSLATE_NOOP("GilPanel", "One GIL per process: the workers run at the "
                                               "same time and their green bars overlap; dark "
                                               "grey is time the operating system gave the "
                                               "core to another process."),
}
CAPTIONS = {"hand-offs": QT_TRANSLATE_NOOP("GilPanel", "hand-offs of the GIL"),
            "turn": QT_TRANSLATE_NOOP("GilPanel", "median turn"),
            "together": QT_TRANSLATE_NOOP("GilPanel", "of the time ran at the same time"),
            "cpu": QT_TRANSLATE_NOOP("GilPanel", "CPU used (shown at the end)")}
LEGEND = ("run", "wait.gil", "blocked")


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
        self.font.setPointSizeF(presentation.point(FONT_PT - 1))    # zoom, presentation mode
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
        self.variant = "threads"
        self.result = None                  # the finished run's figures
        self.run = None                     # the finished run (gui.lessons.Run)
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
        """Every text in the current language; the close-up's figures are written again."""
        self.bottom_axis.setLabel(translate("GilPanel", "time in this close-up (ms)"),
                                  color=INK.name(), **{"font-size": f"{FONT_PT - 1}pt"})
        self._show_headline()
        for name, caption in CAPTIONS.items():      # the cards without a figure yet
            if name not in self.numbers:
                self.cards[name].set("…", translate("GilPanel", caption))
        if self.data is None:
            self.caption.setText(_legend())
        else:
            self._seen = None
            self._next = 0.0
            self.refresh()
        if self.result is not None:
            self._show_cpu()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_plot(self):
        self.turns_item = TurnsItem()
        plot, self.lane_axis, self.bottom_axis, self.viewbox = close_up_plot(self.turns_item)
        return plot

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.data, self._seen, self._live = session, None, None, True
        self._next = 0.0
        self.result = self.run = None
        self.variant = session.values.get("variant", "threads")
        self._show_headline()
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
            self._show("hand-offs", f"{turns.handoffs:,}",
                       translate("GilPanel", CAPTIONS["hand-offs"]))
            self._show("turn", f"{turns.median_s * 1e3:.1f} ms",
                       translate("GilPanel", "median turn · switch interval {interval} ms")
                       .format(interval=f"{interval * 1e3:g}"))
        else:
            self._show("hand-offs", "—",
                       translate("GilPanel", "hand-offs: each process has its own GIL"))
            self._show("turn", "—", translate("GilPanel", "turns: processes need not wait"))
        self._show("together", f"{together * 100:.0f}%",
                   translate("GilPanel", CAPTIONS["together"]))
        values = dict(width=f"{(self.data.end - self.data.start) * 1e3:.0f}",
                      start=f"{self.data.start:.3f}", legend=_legend())
        self.caption.setText(
            translate("GilPanel", "{width} ms from the last of the run, at {start} s · {legend}")
            .format(**values) if self._live else
            translate("GilPanel", "{width} ms from the middle of the run, at {start} s · "
                                  "{legend}").format(**values))
        self._draw()
        cost = time.perf_counter() - began
        self._next = began + cost / BUSY_SHARE if cost > SLOW_S else 0.0

    def finish(self, run):
        """The run ended: the CPU card shows its figures, the close-up moves to the middle of
        the run, and the tab asks to be looked at, with the lesson's sentence."""
        if self.session is None:            # a finished run shown without a live part
            self.start(run)
        self._live = False
        self.result = dict(run.result)
        self.run = run
        self._show_headline()
        self.refresh()
        self._show_cpu()
        sentence = unit(run.lesson_id).sentence(run) if run.result else ""
        if sentence and self.data is not None:
            self.attention.emit(sentence)

    # -- drawing ----------------------------------------------------------------------
    def _show_headline(self):
        """What the picture shows; for a run whose cores other programs took, that instead:
        the picture then shows them, not the GIL."""
        busy = busy_sentence(self.run) if self.run is not None else ""
        warn = f" color: {BUSY_COLOUR}; font-weight: bold;" if busy else ""
        self.headline.setStyleSheet(f"font-size: {FONT_PT}pt;" + warn)
        self.headline.setText(busy or translate("GilPanel", EXPLAIN[self.variant]))

    def _show_cpu(self):
        used = self.result.get("cpu_cores_used")
        if used is not None:
            self._show("cpu", cores_text(used),
                       translate("GilPanel", "CPU used, of {cores} cores").format(
                           cores=self.result.get("cores", "?")))

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
            self.cards[name].set("…", translate("GilPanel", caption))
        self.turns_item.set_data(None)
        self.lane_axis.set_rows([])
        self.caption.setText(_legend())


def _legend():
    """The states of the close-up; their labels are marked in gui.views.palette ("States")."""
    codes = [STATES.index(state) for state in LEGEND]
    return "  ".join(f'<span style="color:{STATE_HEX[c]}">■</span> '
                     f'{translate("States", state_label(c))}' for c in codes)
