"""CoresView: how busy every CPU core is, and which processes of the lesson make it busy.

Shown whenever the app is open, also between lessons, so students see the machine's baseline
before a lesson starts. Three stacked parts, each resizable with a splitter:

* one small graph per logical core (at most 4 per row), 0..100 %, the last 30 s;
* one larger graph in *cores*: the machine as a whole next to this lesson's processes, so
  "the pool used both cores" or "the GIL kept us on one" is one glance;
* the lesson's process tree (PID, PPID, name, threads, CPU %), indented by parent.

The view only reads the models in ``core_usage`` (design boundary 3). A 10 Hz timer samples
the cores and moves the existing curves with ``setData``. The lesson's processes are never
scanned here: the run's process tree, their one owner, scans them off the GUI thread and the
runner hands each ``Snapshot`` to ``show_processes`` (about once a second, None after the
run). Nothing asks psutil to wait, so the GUI thread never blocks (boundary 4). Fonts are
>= 13 pt at 100 % and grow with the zoom; colours are the theme's (Okabe-Ito), for the back
row of a classroom and colour-blind eyes. An axis shows only the tick labels that fit its
length at its font (`_fit_axes`), so zoomed text thins the ticks out instead of overlapping.
"""

from __future__ import annotations

import math
import time
from typing import List, Optional

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import translate

from .core_usage import CoreUsage, LessonProcesses, Snapshot
from .process_table import INK, LESSON_VERMILION, ProcessTable, font as _font

CORE_BLUE = "#0072B2"  # Okabe-Ito blue: the machine's cores
BACKGROUND = "w"  # projectors wash out dark backgrounds; light plots stay legible

WINDOW_S = 30.0  # seconds of history on screen
MAX_COLUMNS = 4
SAMPLE_MS = 100  # 10 Hz, as the design asks
SCAN_MS = 1000  # the lesson's processes arrive about once a second; idle zeros as often
FONT_PT = 13  # ticks, legend and axis label at 100 %
TITLE_PT = 14
CORE_PLOT_MIN_H = 90  # small minimums: on a 1280x720 projector the timeline keeps its room


def _alpha(colour: str, alpha: int) -> QtGui.QColor:
    c = QtGui.QColor(colour)
    c.setAlpha(alpha)
    return c


def _style_plot(plot: pg.PlotItem, y_max: float, y_ticks) -> None:
    """A static, readable plot: fixed ranges, big ticks, no mouse zoom to get lost in.

    Grid lines are plain InfiniteLines, not ``showGrid``: with an axis grid on, pyqtgraph
    hides the tick labels at the very edges (0, 100 %, "now"), the ones that matter most.
    """
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTickFont(_font(FONT_PT))
        axis.setTextPen(INK)
        axis.setPen(INK)
        axis.enableAutoSIPrefix(False)
    plot.y_ticks, plot.y_max = y_ticks, y_max      # all the labels; `_fit_axes` picks
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=40)
    grid = pg.mkPen(_alpha(INK, 45), width=1)
    for y, _label in y_ticks[1:]:
        plot.addItem(pg.InfiniteLine(y, angle=0, pen=grid, movable=False))
    for x in (-20, -10):
        plot.addItem(pg.InfiniteLine(x, angle=90, pen=grid, movable=False))
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setXRange(-WINDOW_S, 0, padding=0)
    plot.getViewBox().sigResized.connect(lambda _box, plot=plot: _fit_axes(plot))
    _fit_axes(plot)


def _time_ticks():
    """"20 s ago" … "now" under every graph, in the current language (the left edge is the
    heading's "last 30 s": a label there would run into the "0" of the cores axis)."""
    return [(-s, translate("CoresView", "{seconds} s ago").format(seconds=s))
            for s in (20, 10)] + [(0, translate("CoresView", "now"))]


def _fit_axes(plot: pg.PlotItem) -> None:
    """Tick labels that fit the plot's size at the axes' font now: every label, else the
    ends, else none (the heading and the title still say it); room above the top label,
    the axis as wide as its labels, and the axis title only where it fits."""
    box, left, bottom = plot.getViewBox(), plot.getAxis("left"), plot.getAxis("bottom")
    metrics = QtGui.QFontMetricsF(left.style["tickFont"] or QtGui.QFont())
    line, height = metrics.height(), box.height()
    headroom = min(line / 2 + 2, height / 3)          # the top label stays inside the plot
    top = plot.y_max * max(1.03, height / max(height - headroom, 1.0))
    plot.setYRange(0, top, padding=0)
    gap = lambda a, b: abs(a[0] - b[0]) / top * height >= line * 1.15  # noqa: E731
    y_ticks = _fitting(plot.y_ticks, gap)
    left.setTicks([y_ticks])
    left.setStyle(showValues=bool(y_ticks))
    label = plot.getAxis("left").label
    shows_label = left.labelText != "" and label.boundingRect().width() <= height
    left.showLabel(shows_label)
    widest = max((metrics.horizontalAdvance(text) for _v, text in y_ticks), default=0)
    left.setWidth(math.ceil(widest + 14 + (line if shows_label else 0)))
    if bottom.isVisible():
        width = box.width()
        wide = lambda a, b: abs(a[0] - b[0]) / WINDOW_S * width >= (  # noqa: E731
            metrics.horizontalAdvance(a[1]) + metrics.horizontalAdvance(b[1])) / 2 + line
        bottom.setTicks([_fitting(_time_ticks(), wide) or _time_ticks()[-1:]])


def _fitting(ticks, apart):
    """`ticks` if every neighbour pair is `apart`, else its two ends if they are, else []."""
    for chosen in (ticks, [ticks[0], ticks[-1]] if len(ticks) > 2 else []):
        if chosen and all(apart(a, b) for a, b in zip(chosen, chosen[1:])):
            return chosen
    return []


def _titled(heading: QtWidgets.QLabel, body: QtWidgets.QWidget) -> QtWidgets.QWidget:
    box = QtWidgets.QWidget()
    vbox = QtWidgets.QVBoxLayout(box)
    vbox.setContentsMargins(0, 0, 0, 0)
    vbox.addWidget(heading)
    vbox.addWidget(body)
    return box


def _recent(times: np.ndarray, now: float) -> slice:
    """The samples of the visible window (plus one before it, so the line reaches the edge)."""
    start = max(0, int(np.searchsorted(times, now - WINDOW_S)) - 1)
    return slice(start, len(times))


class CoresView(QtWidgets.QWidget):
    """Per-core graphs, machine-vs-lesson graph and the lesson's process tree.

    Attributes useful to tests and exporters: ``core_plots`` / ``core_curves`` (one per core),
    ``total_plot`` with ``machine_curve`` and ``lesson_curve``, and ``tree_widget``.
    """

    def __init__(self, parent: Optional[QtWidgets.QWidget] = None):
        super().__init__(parent)
        self._usage = CoreUsage(history_s=60, rate_hz=1000 / SAMPLE_MS)
        self._tree = LessonProcesses(history_s=60, rate_hz=1000 / SCAN_MS)
        self._titles: List[str] = []
        self._last_percent: dict = {}
        self._ink, self._title_pt = INK, FONT_PT      # the theme's ink and the zoomed size
        self._headings: List[QtWidgets.QLabel] = []
        cores = self._usage.cores

        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_core_grid(cores))
        splitter.addWidget(self._build_total_plot(cores))
        splitter.addWidget(self._build_tree())
        for index, stretch in enumerate((2, 3, 2)):
            splitter.setStretchFactor(index, stretch)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self._sample_timer = QtCore.QTimer(self, interval=SAMPLE_MS, timeout=self._on_sample)
        self._idle_timer = QtCore.QTimer(self, interval=SCAN_MS, timeout=self._on_idle)
        self._sample_timer.start()
        self._idle_timer.start()
        self._on_idle()  # a first (empty) row of history and the "no lesson" caption
        self.retranslate()

    # -- building -------------------------------------------------------------------------

    def _build_core_grid(self, cores: int) -> QtWidgets.QWidget:
        """One small filled graph per core, in a scroll area in case the machine has many."""
        columns = min(MAX_COLUMNS, cores)
        rows = math.ceil(cores / columns)
        self._core_grid = grid = pg.GraphicsLayoutWidget()
        grid.setBackground(BACKGROUND)
        grid.setMinimumHeight(rows * CORE_PLOT_MIN_H)
        self.core_plots: List[pg.PlotItem] = []
        self.core_curves: List[pg.PlotDataItem] = []
        pen = pg.mkPen(CORE_BLUE, width=2)
        for core in range(cores):
            plot = grid.addPlot(row=core // columns, col=core % columns)
            _style_plot(plot, 100, [(0, "0"), (50, "50"), (100, "100")])
            plot.hideAxis("bottom")  # the big graph below carries the time axis
            plot.layout.setContentsMargins(2, 0, 6, 10)  # room for the "0" label below
            curve = plot.plot(pen=pen, fillLevel=0, brush=_alpha(CORE_BLUE, 90),
                              skipFiniteCheck=True)
            self.core_plots.append(plot)
            self.core_curves.append(curve)
            self._titles.append("")
            self._set_core_title(core, None)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(grid)
        scroll.setMinimumHeight(min(rows, 2) * CORE_PLOT_MIN_H + 4)  # 8 cores: no scrolling
        self._core_scroll, self._columns = scroll, columns
        self._cores_heading = self._heading("")
        return _titled(self._cores_heading, scroll)

    def _build_total_plot(self, cores: int) -> QtWidgets.QWidget:
        """Machine and lesson in the same unit, cores busy, so they compare directly."""
        self.total_plot = pg.PlotWidget(background=BACKGROUND)
        self.total_plot.setMinimumHeight(110)
        plot = self.total_plot.getPlotItem()
        step = max(1, cores // 8)
        _style_plot(plot, cores, [(i, str(i)) for i in range(0, cores + 1, step)])
        plot.setLabel("left", "cores busy", color=INK, **{"font-size": f"{FONT_PT}pt"})
        plot.layout.setContentsMargins(2, 12, 24, 2)  # room for the top label and "now"
        self._legend = legend = plot.addLegend(offset=(8, 4), labelTextSize=f"{FONT_PT}pt",
                                labelTextColor=INK, brush=pg.mkBrush(255, 255, 255, 210),
                                pen=pg.mkPen("#999999"), colCount=2)    # one line, not two
        self.machine_curve = plot.plot(pen=pg.mkPen(CORE_BLUE, width=2), fillLevel=0,
                                       brush=_alpha(CORE_BLUE, 55), name="machine",
                                       skipFiniteCheck=True)
        self.lesson_curve = plot.plot(pen=pg.mkPen(LESSON_VERMILION, width=3), fillLevel=0,
                                      brush=_alpha(LESSON_VERMILION, 150), name="this lesson",
                                      skipFiniteCheck=True)
        legend.setZValue(10)
        plot.getViewBox().sigResized.connect(lambda _box: self._fit_legend())
        self._total_heading = self._heading("")
        return _titled(self._total_heading, self.total_plot)

    def _build_tree(self) -> QtWidgets.QWidget:
        self._tree_caption = self._heading("")
        self.tree_widget = ProcessTable(FONT_PT + 1)
        self.tree_widget.setMinimumHeight(70)
        return _titled(self._tree_caption, self.tree_widget)

    def _heading(self, text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setFont(_font(TITLE_PT, bold=True))
        label.setWordWrap(True)  # zoomed in, a long heading takes two lines, not the width
        self._headings.append(label)
        return label

    # -- public API -----------------------------------------------------------------------

    def apply_look(self, theme, scale: float = 1.0) -> None:
        """The colours of a ``gui.views.palette.Theme`` (plot background, ink, grid, curves)
        and every text ``scale`` times its size (the window's zoom and presentation mode)."""
        ink, core, lesson = theme.plot_ink, theme.hex("cpu_core"), theme.hex("cpu_lesson")
        self._ink, self._title_pt = ink, FONT_PT * scale
        self._core_grid.setBackground(theme.plot)
        self.total_plot.setBackground(theme.plot)
        total = self.total_plot.getPlotItem()
        for plot in self.core_plots + [total]:
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setTickFont(_font(self._title_pt))
                axis.setTextPen(ink)
                axis.setPen(ink)
            for item in plot.items:
                if isinstance(item, pg.InfiniteLine):          # the grid
                    item.setPen(pg.mkPen(_alpha(ink.name(), 60), width=1))
        metrics = QtGui.QFontMetricsF(_font(self._title_pt))
        half_now = metrics.horizontalAdvance(translate("CoresView", "now")) / 2
        total.layout.setContentsMargins(2, metrics.height() / 2, math.ceil(half_now) + 6, 2)
        total.setLabel("left", translate("CoresView", "cores busy"), color=ink.name(),
                       **{"font-size": f"{self._title_pt:.1f}pt"})
        for curve in self.core_curves:
            curve.setPen(pg.mkPen(core, width=2))
            curve.setBrush(_alpha(core, 90))
        self.machine_curve.setPen(pg.mkPen(core, width=2))
        self.machine_curve.setBrush(_alpha(core, 55))
        self.lesson_curve.setPen(pg.mkPen(lesson, width=3))
        self.lesson_curve.setBrush(_alpha(lesson, 150))
        back = QtGui.QColor(theme.plot)
        back.setAlpha(225)
        self._legend.setBrush(pg.mkBrush(back))
        self._legend.setPen(pg.mkPen(theme.border))
        self._legend.setLabelTextColor(ink)
        self._legend.setLabelTextSize(f"{self._title_pt:.1f}pt")
        for _sample, label in self._legend.items:
            label.setText(label.text)                       # draws the text in its new style
        for heading in self._headings:
            heading.setFont(_font(TITLE_PT * scale, bold=True))
        self._titles = [""] * len(self._titles)             # titles again, in the new ink
        for core in range(len(self.core_plots)):
            self._set_core_title(core, None)
        self.tree_widget.apply_look(theme)
        for plot in self.core_plots + [total]:
            _fit_axes(plot)
        self._arrange_cores()

    def _arrange_cores(self) -> None:
        """As many core graphs side by side as their titles fit (at most 4): zoomed text
        makes each one wider, and a narrow pane stacks them rather than hide one."""
        last = len(self.core_plots) - 1
        title = translate("CoresView", "core {core}: {percent} %").format(core=last,
                                                                         percent="100")
        need = (QtGui.QFontMetricsF(_font(self._title_pt)).horizontalAdvance(title)
                + self.core_plots[0].getAxis("left").width() + 24)
        width = self._core_scroll.viewport().width()
        columns = max(1, min(MAX_COLUMNS, last + 1, int(width // need)))
        if columns == self._columns:
            return
        self._columns = columns
        layout = self._core_grid.ci
        for plot in self.core_plots:
            layout.removeItem(plot)
        for core, plot in enumerate(self.core_plots):
            layout.addItem(plot, row=core // columns, col=core % columns)
        rows = math.ceil(len(self.core_plots) / columns)
        self._core_grid.setMinimumHeight(rows * CORE_PLOT_MIN_H)
        self._core_scroll.setMinimumHeight(min(rows, 2) * CORE_PLOT_MIN_H + 4)

    def _fit_legend(self) -> None:
        """The legend on one line ("machine", "this lesson") where the plot is wide enough,
        else one entry a line."""
        metrics = QtGui.QFontMetricsF(_font(self._title_pt))
        one_line = sum(metrics.horizontalAdvance(label.text) + 40
                       for _sample, label in self._legend.items) + 25
        columns = 2 if one_line <= self.total_plot.getPlotItem().getViewBox().width() - 16 else 1
        if columns != self._legend.columnCount:
            self._legend.setColumnCount(columns)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._arrange_cores()


    @property
    def core_usage(self) -> CoreUsage:
        return self._usage

    @property
    def process_tree(self) -> LessonProcesses:
        """The lesson's processes as last shown, and the history of their CPU."""
        return self._tree

    def show_processes(self, snapshot: Optional[Snapshot]) -> None:
        """Show the lesson's processes as its run found them (``LessonRunner.processes_changed``);
        ``None`` when no lesson runs. The core graphs keep running either way."""
        self._tree.show(snapshot)
        self.tree_widget.show_rows(self._tree.rows)
        self._update_lesson_curve(time.monotonic())
        self._show_tree_caption()

    def stop(self) -> None:
        """Stop sampling (call when the window closes); the models keep their data."""
        self._sample_timer.stop()
        self._idle_timer.stop()

    def is_running(self) -> bool:
        return self._sample_timer.isActive()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.stop()
        super().closeEvent(event)

    # -- updating -------------------------------------------------------------------------

    def _set_core_title(self, core: int, percent: Optional[float]) -> None:
        self._last_percent[core] = percent
        text = translate("CoresView", "core {core}").format(core=core) if percent is None else \
            translate("CoresView", "core {core}: {percent} %").format(core=core,
                                                                   percent=f"{percent:3.0f}")
        if text != self._titles[core]:  # re-laying out a label 10x a second per core is waste
            self._titles[core] = text
            self.core_plots[core].setTitle(text, size=f"{self._title_pt:.1f}pt", color=self._ink)

    def _on_sample(self) -> None:
        now = time.monotonic()
        self._usage.sample(now)
        times = self._usage.times()
        window = _recent(times, now)
        x = times[window] - now
        per_core = self._usage.per_core()[:, window]
        recent_n = max(1, min(per_core.shape[1], 1000 // SAMPLE_MS))
        for core, curve in enumerate(self.core_curves):
            curve.setData(x, per_core[core])
            # The title shows the last second's mean: a 100 ms value flickers too fast to read.
            self._set_core_title(core, float(per_core[core, -recent_n:].mean()))
        cores = self._usage.cores
        self.machine_curve.setData(x, self._usage.total()[window] * (cores / 100.0))
        self._update_lesson_curve(now)

    def _update_lesson_curve(self, now: float) -> None:
        times = self._tree.times()
        window = _recent(times, now)
        self.lesson_curve.setData(times[window] - now, self._tree.total_history()[window] / 100)

    def _on_idle(self) -> None:
        self._tree.idle()
        self._update_lesson_curve(time.monotonic())
        self._show_tree_caption()

    def _show_tree_caption(self) -> None:
        if self._tree.root_pid is None:
            caption = translate("CoresView", "Lesson processes: none")
        else:
            cores = self._tree.total_cpu_percent / 100
            count = len(self._tree.rows)
            if count == 1:
                caption = translate("CoresView", "Lesson processes: 1 process, {cores:.1f} "
                                                 "cores busy").format(cores=cores)
            else:
                caption = translate("CoresView", "Lesson processes: {count} processes, "
                                                 "{cores:.1f} cores busy").format(
                    count=count, cores=cores)
        self._tree_caption.setText(caption)

    def retranslate(self) -> None:
        cores = self._usage.cores
        self._cores_heading.setText(translate("CoresView", "CPU cores: % busy, last {seconds} s")
                                    .format(seconds=f"{WINDOW_S:g}"))
        self._total_heading.setText(translate("CoresView", "Whole machine vs. this lesson "
                                                           "({cores} cores)").format(cores=cores))
        plot = self.total_plot.getPlotItem()
        plot.setLabel("left", translate("CoresView", "cores busy"), color=self._ink,
                      **{"font-size": f"{self._title_pt}pt"})
        names = (translate("CoresView", "machine"), translate("CoresView", "this lesson"))
        for (_sample, label), name in zip(self._legend.items, names):
            label.setText(name)
        for item in self.core_plots + [plot]:
            _fit_axes(item)
        self._titles = [""] * len(self._titles)
        for core in range(len(self.core_plots)):
            self._set_core_title(core, self._last_percent.get(core))
        self._show_tree_caption()
        self.tree_widget.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
