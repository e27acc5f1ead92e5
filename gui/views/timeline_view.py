"""`TimelineView`: the lanes of a run over time, with a legend, hover details and PNG / SVG
export.

While a lesson runs the view follows the live edge; once it has stopped the teacher can zoom
(wheel), pan (drag), fit (double click) and hover any span or lane for its exact numbers.
Repaints are driven by a timer and happen only when the model's revision moved.
"""
import math
import time

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollBar, QToolTip, QVBoxLayout, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views.lane_axis import INK, LaneAxis, shown_label
from gui.views.legend import Legend
from gui.views.row_index import span_index
from gui.views.span_item import SpanItem
from gui.views.timeline_export import TimelineExport
from gui.views.timeline_text import TimelineText

FPS = 30
MIN_WINDOW = 5.0        # seconds shown at least while live
FOLLOW_WINDOW = 20.0    # once a run is longer than this, the live view slides
FONT_PT = 13
NOW_COLOUR = "#333333"   # the live edge
TIME_LABEL = QT_TRANSLATE_NOOP("TimelineView", "time (s)")   # unless the model says (x_label)
MIN_ROW_PX = 30         # below this a label no longer fits: scroll instead
MAX_ROW_PX = 60         # with few lanes, rows stay this tall and leave space below
MAX_SECONDS = 1e8       # a run longer than this (3 years) is not a run: its times are wrong
STEPS_PER_ROW = 10      # the row scroll bar moves in tenths of a row


class TimelineView(TimelineText, TimelineExport, QWidget):
    """A TraceModel drawn as one row per process / thread, time (s) along x."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = None
        self.live = False
        self.hover_text = ""
        self._revision = None
        self._rows_seen = None
        self.row_px = (MIN_ROW_PX, MAX_ROW_PX)    # grow with the zoom (apply_look)
        font = QFont()
        font.setPointSizeF(FONT_PT)

        self.legend = Legend(self, FONT_PT)
        self.lane_axis = LaneAxis(FONT_PT)
        self.bottom_axis = bottom = pg.AxisItem("bottom")
        bottom.setStyle(tickFont=font)
        bottom.setPen(INK)
        bottom.setTextPen(INK)
        bottom.setLabel(translate("TimelineView", "time (s)"), color=INK.name(),
                        **{"font-size": f"{FONT_PT}pt"})
        bottom.enableAutoSIPrefix(False)
        self.plot = pg.PlotWidget(self, background="w",
                                  axisItems={"left": self.lane_axis, "bottom": bottom})
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        self.viewbox = item.getViewBox()
        self.viewbox.invertY(True)
        self.viewbox.disableAutoRange()
        self.viewbox.setMouseEnabled(x=True, y=False)
        self.viewbox.setLimits(minXRange=1e-7)
        self.spans = SpanItem()
        item.addItem(self.spans)
        # while live, a "now" line moves with the clock, also between the probe's batches
        self.now_line = pg.InfiniteLine(angle=90, movable=False,
                                        pen=pg.mkPen(NOW_COLOUR, width=2))
        self.now_line.setVisible(False)
        item.addItem(self.now_line, ignoreBounds=True)

        # rows that do not fit scroll, and a visible bar says there are more
        self.row_bar = QScrollBar(Qt.Orientation.Vertical, self)
        self.row_bar.setObjectName("timelineRows")
        self.row_bar.setVisible(False)
        self.row_bar.valueChanged.connect(self._scrolled)
        self.viewbox.sigYRangeChanged.connect(self._follow_rows)
        plot_row = QHBoxLayout()
        plot_row.setContentsMargins(0, 0, 0, 0)
        plot_row.setSpacing(0)
        plot_row.addWidget(self.plot, 1)
        plot_row.addWidget(self.row_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addLayout(plot_row, 1)

        self.hint = QLabel(translate("TimelineView", "Press  ▶ Run  to watch this lesson happen"),
                           self.plot)
        self.hint.setStyleSheet(f"color: #666666; font-size: {FONT_PT + 5}pt;")
        self.hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.mouse_hint = QLabel(self.plot)     # how to zoom back out, once a run has ended
        self.mouse_hint.setObjectName("timelineMouseHint")
        self.mouse_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.mouse_hint.setStyleSheet(f"color: #666666; font-size: {FONT_PT}pt;")
        self.mouse_hint.setVisible(False)
        self._say_mouse_hint()

        self.viewbox.sigResized.connect(self._fit_rows)
        scene = self.plot.scene()
        scene.sigMouseMoved.connect(self._hover)
        scene.sigMouseClicked.connect(self._clicked)
        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 / FPS))
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def apply_look(self, theme, scale=1.0):
        """Colours of a `palette.Theme` and every text `scale` times its size (the window's
        zoom and presentation mode). A new view, as in exported pictures, is light at 1x."""
        point = FONT_PT * scale
        ink = theme.timeline_ink
        font = QFont()
        font.setPointSizeF(point)
        self.plot.setBackground(theme.timeline)
        axis = self.bottom_axis
        axis.setStyle(tickFont=font)
        axis.setPen(ink)
        axis.setTextPen(ink)
        axis.setLabel(axis.labelText, axis.labelUnits, color=ink.name(),
                      **{"font-size": f"{point:.1f}pt"})
        self.lane_axis.apply_look(ink, point)
        self.legend.apply_look(theme, point)
        self.spans.set_look(theme, point)
        self.now_line.setPen(pg.mkPen(theme.now, width=2))
        self.hint.setStyleSheet(f"color: {theme.muted.name()}; font-size: {point * 1.4:.1f}pt;")
        self.mouse_hint.setStyleSheet(f"color: {theme.muted.name()}; font-size: {point:.1f}pt;"
                                      " padding: 0 6px;")
        self.row_px = (MIN_ROW_PX * scale, MAX_ROW_PX * scale)
        self.plot.setMinimumHeight(round((2 * MIN_ROW_PX + 40) * scale))   # 2 rows and the axis
        self._place_hint()
        self._fit_rows()

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.hint.setText(translate("TimelineView", "Press  ▶ Run  to watch this lesson "
                                                        "happen"))
            self.hint.adjustSize()
            self._say_mouse_hint()
            self._label_x()
            if self.model is not None:
                self.lane_axis.set_rows(self.model.rows())
        super().changeEvent(event)

    def enterEvent(self, event):
        """The mouse is over a finished run: say how to zoom, pan and see it all again (only
        then: pictures of the view do not carry the hint)."""
        self.mouse_hint.setVisible(self.model is not None and not self.live)
        self._place_hint()
        super().enterEvent(event)

    def leaveEvent(self, event):
        self.mouse_hint.setVisible(False)
        super().leaveEvent(event)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._place_hint()

    def _place_hint(self):
        self.hint.adjustSize()
        self.hint.move((self.plot.width() - self.hint.width()) // 2,
                       (self.plot.height() - self.hint.height()) // 2)
        hint = self.mouse_hint
        hint.adjustSize()
        hint.move(self.plot.width() - hint.width(), self.plot.height() - hint.height())

    def _say_mouse_hint(self):
        self.mouse_hint.setText(translate("TimelineView", "wheel: zoom · drag: pan · "
                                                          "double-click: whole run"))
        self.mouse_hint.adjustSize()
        self._place_hint()

    # -- public API -------------------------------------------------------------------
    def set_model(self, model):
        """Show another run's model (a new run replaces the old one).

        Everything the view draws from is built from `model` before anything is swapped:
        when that raises, the view keeps showing what it showed and the caller gets the
        error. The view never holds, so never paints, a half-set model."""
        index, axis_rows = None, []
        if model is not None:
            if not math.isfinite(model.end_time) or abs(model.end_time) > MAX_SECONDS:
                raise ValueError(f"its times are not usable (it ends at {model.end_time!r} s)")
            rows = model.rows()
            model.lane_rows()
            axis_rows = [(shown_label(lane), depth, lane.kind == "process")
                         for lane, depth in rows]
            labels = [(lane.label, depth) for lane, depth in rows]
            index = span_index(model)
            index.sync()
        # from here on nothing can fail on the model: it was all built above
        self.model = model
        self.hint.setVisible(model is None)
        self.spans.set_model(model, index)
        self._revision = model.revision if model is not None else None
        self._rows_seen = labels if model is not None else None
        self.lane_axis.set_rows_from(axis_rows)
        self._label_x()
        self._fit_rows()
        if not self.live:
            self.fit()

    def _label_x(self):
        """The x axis says what the model's x counts: seconds, or what its `x_label` names
        (a stepped run counts moves)."""
        axis = self.bottom_axis
        text = getattr(self.model, "x_label", None) or TIME_LABEL
        axis.setLabel(translate("TimelineView", text), axis.labelUnits, **axis.labelStyle)

    def set_live(self, live):
        """Follow the live edge while a run streams; allow zoom and pan once it has stopped."""
        self.live = bool(live)
        if not self.live:
            self.spans.live_edge = 0.0
        self.viewbox.setMouseEnabled(x=not self.live, y=self.viewbox.state["mouseEnabled"][1])
        self.now_line.setVisible(self.live)
        self.mouse_hint.setVisible(False)
        if self.live:
            self.viewbox.setLimits(xMin=None, xMax=None, maxXRange=None)    # it slides on
            self._follow()
        else:
            self.fit()

    def fit(self):
        """Show the whole run; once it has ended, the wheel and a drag stay inside it (no
        zooming out into negative time or past its end)."""
        end = max(self.model.end_time if self.model is not None else 0.0, 1e-3)
        if not self.live:
            pad = end * 0.01
            self.viewbox.setLimits(xMin=-pad, xMax=end + pad, maxXRange=end + 2 * pad)
        self.viewbox.setXRange(0.0, end, padding=0.01)
        self._fit_rows()

    def tick(self):
        """Timer slot: repaint only when the model changed since the last tick."""
        model = self.model
        if model is not None and self.live:
            now = self._live_edge()
            self.now_line.setValue(now)
            self.spans.live_edge = now       # lifetimes and unfinished waits reach "now"
            self.spans.update()
            if now > FOLLOW_WINDOW:
                self._follow()               # the sliding window moves with the clock
        if model is None or model.revision == self._revision:
            return
        self._revision = model.revision
        rows = model.rows()
        labels = [(lane.label, depth) for lane, depth in rows]
        if labels != self._rows_seen:
            self._rows_seen = labels
            self.lane_axis.set_rows(rows)
            self._fit_rows()
        self.spans.refresh()
        if self.live:
            self._follow()

    # -- ranges -----------------------------------------------------------------------
    def _fit_rows(self, *_):
        """Show every row, each at most MAX_ROW_PX tall; when there are too many to stay
        readable (MIN_ROW_PX), show as many as fit, and a scroll bar beside them (and the
        wheel over the lane names, or a drag) scrolls to the rest."""
        rows = len(self.model.rows()) if self.model is not None else 0
        height = max(self.viewbox.height(), 1.0)
        min_px, max_px = self.row_px
        shown = max(rows, height / max_px, 1)
        scroll = rows * min_px > height
        if scroll:
            shown = height / min_px
        self.viewbox.setLimits(yMin=0, yMax=max(rows, shown), minYRange=shown, maxYRange=shown)
        self.viewbox.setMouseEnabled(x=not self.live, y=scroll)
        top = self.viewbox.viewRange()[1][0] if scroll else 0
        top = min(max(top, 0), max(rows - shown, 0))
        self.viewbox.setYRange(top, top + shown, padding=0)
        bar = self.row_bar
        bar.blockSignals(True)
        bar.setRange(0, round((rows - shown) * STEPS_PER_ROW) if scroll else 0)
        bar.setPageStep(max(1, round(shown * STEPS_PER_ROW)))
        bar.setSingleStep(STEPS_PER_ROW)
        bar.setValue(round(top * STEPS_PER_ROW))
        bar.blockSignals(False)
        bar.setVisible(scroll)

    def rows_in_view(self):
        """(first, last) rows whose middle is in view: the rows a student can read now."""
        top, bottom = self.viewbox.viewRange()[1]
        rows = len(self.model.rows()) if self.model is not None else 0
        return max(0, math.ceil(top - 0.5)), min(rows, math.floor(bottom - 0.5) + 1)

    def _scrolled(self, value):
        """The row scroll bar moved: show the rows from there."""
        top, bottom = self.viewbox.viewRange()[1]
        first = value / STEPS_PER_ROW
        self.viewbox.setYRange(first, first + (bottom - top), padding=0)

    def _follow_rows(self, _viewbox, y_range):
        """The rows moved (wheel, drag): the scroll bar follows."""
        bar = self.row_bar
        if bar.isVisible():
            bar.blockSignals(True)
            bar.setValue(round(y_range[0] * STEPS_PER_ROW))
            bar.blockSignals(False)

    def _live_edge(self):
        """The newest time of a live run: the wall clock, or the newest event if later."""
        end = self.model.end_time if self.model is not None else 0.0
        if self.model is not None and self.model.origin_ns and self.live:
            end = max(end, (time.perf_counter_ns() - self.model.origin_ns) * 1e-9)
        return end

    def _follow(self):
        end = self._live_edge()
        if end <= FOLLOW_WINDOW:
            lo, hi = 0.0, max(MIN_WINDOW, end * 1.02)
        else:
            lo, hi = end - FOLLOW_WINDOW, end + FOLLOW_WINDOW * 0.02
        self.viewbox.setXRange(lo, hi, padding=0)

    # -- mouse ------------------------------------------------------------------------
    def _clicked(self, event):
        if event.double() and not self.live:
            self.fit()

    def _hover(self, pos):
        """Scene mouse-move slot: show what is under the cursor as a tooltip."""
        text = ""
        if self.model is not None:
            point = self.viewbox.mapSceneToView(pos)
            if self.viewbox.sceneBoundingRect().contains(pos):
                tolerance = 3 * self.viewbox.viewPixelSize()[0]
                text = self.describe(point.x(), point.y(), tolerance)
            elif self.lane_axis.sceneBoundingRect().contains(pos):
                text = self.describe_lane(self.lane_axis.row_at(point.y()))
        self.hover_text = text
        if text:
            where = self.plot.mapToGlobal(self.plot.mapFromScene(pos))
            QToolTip.showText(where, text, self.plot)
        else:
            QToolTip.hideText()
