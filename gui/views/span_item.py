"""`SpanItem`: one pyqtgraph item that draws every span, lifetime, mark and arrow of a trace.

One QGraphicsItem per span does not scale past ~10k spans, so this item paints straight from
the model's numpy columns: culled to the visible time range, as outlined labelled rectangles
when few spans are visible ("vector" mode) and as one per-pixel image when many are ("raster").
x is seconds since the run's origin; row i of ``model.rows()`` occupies y in [i, i + 1).
Only the rows in view are composed and drawn, so a frame costs what is shown, not the number
of lanes; when a model has more lanes than rows (see `TraceModel.rows`) the span index is
keyed by row, so its memory follows the rows too.
"""
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QImage, QPen

from gui.trace.model import STATES
from gui.views.coverage import compose, widen_islands
from gui.views.label_text import LabelBoard, bar_labels
from gui.views.lane_extras import (draw_arrows, draw_bad_exits, draw_counters, draw_cuts,
                                   draw_marks, draw_parent_links, write_labels)
from gui.views import palette
from gui.views.palette import STATE_RANK
from gui.views.row_index import RowSpans, span_index
from gui.views.summary_note import draw_dropped_band, draw_summary_note

VECTOR_LIMIT = 2000      # at most this many visible spans are drawn one by one
EXACT_LIMIT = 300_000    # above this many candidates, skip counting and go raster
LABEL_MIN_PX = 48        # raster mode still names the spans at least this wide...
RASTER_LABELS = 200      # ...at most this many of them, the widest first
GAP = 0.14               # part of a row left empty above and below its spans
OUTLINE_PX = 5           # narrower spans get no outline, else outlines would hide the colour
MIN_PX = 2               # a span is at least this wide on screen, however short it was
_DRAW_ORDER = np.argsort(STATE_RANK, kind="stable")      # low priority first, run on top


_WAIT_LOCK = STATES.index("wait.lock")


def _inset(state):
    """A lock wait is drawn a little slimmer, so a lock held around it (the first lock of a
    deadlock) still shows above and below it."""
    return 0.14 if state == _WAIT_LOCK else 0.0


class SpanItem(pg.GraphicsObject):
    """Draws a whole TraceModel; `refresh()` after the model changed, then it repaints."""

    def __init__(self, model=None):
        super().__init__()
        self.model = None
        self.index = None
        self._live_edge = 0.0              # set by the view while a run is live
        self.mode = None                  # "vector" or "raster": what the last paint did
        self._rect = QRectF(0, 0, 1, 1)
        self._arrows = (-1, None)         # (number of flows seen, arrows as an (n, 5) array)
        self._layout = None               # the rows the index was keyed by (folded models)
        self.font = QFont()
        self.font.setPointSizeF(13)
        self.theme = palette.LIGHT         # colours of spans, lifetimes, arrows and marks
        self.drawn_labels = []             # (device QRectF, text) of the last picture's labels
        self.set_model(model)

    @property
    def live_edge(self):
        """The newest moment of a live run (0 once it has stopped): lifetimes and spans
        still open are drawn up to it."""
        return self._live_edge

    @live_edge.setter
    def live_edge(self, t):
        self._live_edge = float(t)
        self.refresh()

    def set_look(self, theme, point_size):
        """Draw with the colours of `theme` and names at `point_size` points."""
        self.theme = theme
        self.font = QFont(self.font)
        self.font.setPointSizeF(point_size)
        self.update()

    def set_model(self, model, index=None):
        """Draw `model`; `index` is its `span_index(model)` when the caller built it."""
        self.model = model
        self.index = index if index is not None or model is None else span_index(model)
        self._layout = model.rows() if model is not None and model.folded else None
        self._arrows = (-1, None)
        self.refresh()

    def _sync(self):
        """Bring the index up to date; a folded model's index is rebuilt when its rows
        changed (a live run that grew past the row limit), an unfolded one's is reused."""
        model = self.model
        rows = model.rows()
        if model.folded and rows is not self._layout or not model.folded and \
                isinstance(self.index.model, RowSpans):
            self.index = span_index(model)
            self._layout = rows if model.folded else None
        self.index.sync()

    def refresh(self):
        """Take in model changes: new spans, a longer run or new rows.

        The item's bounds reach the live edge: a deadlocked run adds nothing for minutes
        while its waits grow, and Qt neither paints nor repaints an item outside its bounds
        (the waits would be striped by partial repaints, then vanish as the view slides)."""
        rows = len(self.model.rows()) if self.model is not None else 0
        end = self.model.end_time if self.model is not None else 0.0
        rect = QRectF(0, 0, max(end, self._live_edge, 1.0), max(rows, 1))
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def boundingRect(self):
        return QRectF(self._rect)

    # -- painting ---------------------------------------------------------------------
    def paint(self, p, option, widget=None):
        vb = self.getViewBox()
        if self.model is None or vb is None:
            return
        (x0, x1), _ = vb.viewRange()
        tr = p.transform()
        width = int(min(16384, max(1, round((x1 - x0) * abs(tr.m11())))))
        self._sync()
        model, index = self.model, self.index
        lane_rows = model.lane_rows()
        shown = self._rows_in_view(vb, len(model.rows()))
        self._draw_lifetimes(p, x0, x1, shown)
        visible = index.visible(x0, x1) if index.candidates(x0, x1) <= EXACT_LIMIT else None
        vector = visible is not None and len(visible) <= VECTOR_LIMIT
        self.mode = "vector" if vector else "raster"
        bars = []
        if vector:
            bars = self._draw_vector(p, visible, lane_rows, tr)
        else:
            self._draw_raster(p, x0, x1, width, lane_rows, shown, visible, tr)
        draw_cuts(p, model, x0, x1, lane_rows, self.theme, lambda s: GAP + _inset(s))
        draw_dropped_band(p, model.summary, x0, x1, len(model.rows()), self.theme)
        draw_counters(p, model, x0, tr, self.font, self.theme)
        bars += self._draw_open_spans(p, x0, x1, lane_rows)
        flows = len(model.flows)
        if self._arrows[0] != flows:            # arrows change only when flows are added
            self._arrows = (flows, np.array(model.arrows(numbered=True),
                                            np.float64).reshape(-1, 6))
        board = LabelBoard(tr.mapRect(vb.viewRect()))
        labels = draw_bad_exits(p, model, x0, x1, self.font, self.theme)
        if vector:
            labels += bar_labels(bars, tr, board.view, self.font)
            labels += draw_marks(p, model, x0, x1, lane_rows, tr, self.font, self.theme)
        elif visible is not None:       # raster: the bars wide enough to read still say what
            labels += bar_labels(self._wide_bars(visible, lane_rows, tr), tr, board.view,
                                 self.font)
        labels += draw_arrows(p, self._arrows[1], x0, x1, lane_rows, tr, self.theme, self.font,
                              model.names)
        write_labels(p, board, labels, self.font)   # the most important first
        self.drawn_labels = board.placed
        draw_summary_note(p, board.view, model.summary, x0, self.font, self.theme)

    @staticmethod
    def _rows_in_view(vb, nrows):
        """The rows [first, last) the view shows, at least partly."""
        _, (y0, y1) = vb.viewRange()
        lo, hi = min(y0, y1), max(y0, y1)
        first = min(max(0, math.floor(lo)), nrows) if math.isfinite(lo) else 0
        last = min(max(first, math.ceil(hi)), nrows) if math.isfinite(hi) else nrows
        return first, last

    def _draw_lifetimes(self, p, x0, x1, shown):
        """A thin bar per lane from its start to its end (or the live edge while it runs)."""
        model = self.model
        p.setPen(Qt.PenStyle.NoPen)
        rows = model.rows()
        for row in range(*shown):
            lane = rows[row][0]
            if lane.virtual or lane.kind in ("counter", "summary"):  # only their data
                continue
            parent = lane.parent
            start = lane.start if lane.start is not None else (
                parent.start if parent is not None and parent.start is not None else 0.0)
            end = lane.end if lane.end is not None else (
                parent.end if parent is not None and parent.end is not None
                else max(model.end_time, self.live_edge))
            if end < x0 or start > x1:
                continue
            process = lane.kind == "process"
            half = 0.07 if process else 0.045
            p.setBrush(self.theme.process_lifetime if process else self.theme.lifetime)
            p.drawRect(QRectF(start, row + 0.5 - half, max(end - start, 0.0), 2 * half))
        draw_parent_links(p, self.model, x0, x1, self.theme)

    def _draw_raster(self, p, x0, x1, width, lane_rows, shown, visible, tr):
        """Per-pixel coverage image, one image row per timeline row in view, scaled into
        the bands."""
        index, (first, last) = self.index, shown
        if last <= first:
            return
        cov = index.coverage(x0, x1, width, visible)
        key_rows = index.key_lane if isinstance(index.model, RowSpans) else np.where(
            index.key_lane < len(lane_rows),
            lane_rows[np.minimum(index.key_lane, len(lane_rows) - 1)], -1)
        keep = np.flatnonzero((key_rows >= first) & (key_rows < last))
        states = compose(cov[keep], key_rows[keep] - first, index.key_state[keep],
                         np.arange(last - first, dtype=np.int32), last - first, STATE_RANK)
        states = widen_islands(states)          # a slice shorter than a pixel stays visible
        argb = self.theme.bits_argb[states]
        image = QImage(argb, width, last - first, 4 * width,
                       QImage.Format.Format_ARGB32_Premultiplied)
        p.save()
        p.resetTransform()
        p.setRenderHint(p.RenderHint.SmoothPixmapTransform, False)
        for row in np.flatnonzero(states.any(axis=1)).tolist():
            target = tr.mapRect(QRectF(x0, first + row + GAP, x1 - x0, 1 - 2 * GAP))
            p.drawImage(target, image, QRectF(0, float(row), width, 1))
        p.restore()

    def _draw_vector(self, p, visible, lane_rows, tr):
        """Each span a rectangle with a darker outline; returned as bars (rect, state, name,
        colour, row, why it was cut short) for their labels."""
        spans, names = self.model.spans, self.model.names
        lanes = spans["lane"][visible]
        known = lanes < len(lane_rows)
        rows = np.full(len(visible), -1, np.int64)
        rows[known] = lane_rows[lanes[known]]
        keep = rows >= 0
        visible, rows = visible[keep], rows[keep]
        t0, t1 = spans["t0"][visible], spans["t1"][visible]
        states, name_ids = spans["state"][visible], spans["name"][visible]
        min_width = MIN_PX / max(abs(tr.m11()), 1e-12)
        bars = []
        for state in _DRAW_ORDER:
            sel = np.flatnonzero(states == state)
            if sel.size == 0:
                continue
            colors = self.theme.state_colors
            color = colors[state] if state < len(colors) else colors[0]
            pen = QPen(self.theme.outline_for(color), self.theme.outline_px)
            pen.setCosmetic(True)
            p.setBrush(QBrush(color))
            top = GAP + _inset(state)
            rects = [QRectF(a, r + top, max(b - a, min_width), 1 - 2 * top)
                     for a, b, r in zip(t0[sel].tolist(), t1[sel].tolist(), rows[sel].tolist())]
            wide = (t1[sel] - t0[sel]) >= OUTLINE_PX * min_width
            for outlined in (False, True):
                batch = [r for r, w in zip(rects, wide.tolist()) if w == outlined]
                if batch:
                    p.setPen(pen if outlined else Qt.PenStyle.NoPen)
                    p.drawRects(batch)
            cut = self.model.cut
            bars += [(rect, int(state), names[n] if 0 < n < len(names) else "", color, row,
                      self.model.cut_reason(i) if i in cut else "")
                     for rect, n, row, i in zip(rects, name_ids[sel].tolist(), rows[sel].tolist(),
                                                visible[sel].tolist())]
        return bars

    def _wide_bars(self, visible, lane_rows, tr):
        """In raster mode, the named spans at least `LABEL_MIN_PX` wide (the showdown's
        "sequential", "threads", … among thousands of GIL turns), as `_draw_vector`'s bars,
        for their labels; the widest first, at most `RASTER_LABELS`."""
        spans, names = self.model.spans, self.model.names
        px = abs(tr.m11())
        wide = visible[((spans["t1"][visible] - spans["t0"][visible]) * px >= LABEL_MIN_PX)
                       & (spans["name"][visible] > 0)]
        if wide.size == 0:
            return []
        wide = wide[np.argsort(spans["t0"][wide] - spans["t1"][wide], kind="stable")]
        bars, colors = [], self.theme.state_colors
        for i in wide[:RASTER_LABELS].tolist():
            lane, state = int(spans["lane"][i]), int(spans["state"][i])
            if lane >= len(lane_rows) or lane_rows[lane] < 0:
                continue
            row, top = int(lane_rows[lane]), GAP + _inset(state)
            t0, t1 = float(spans["t0"][i]), float(spans["t1"][i])
            name = names[spans["name"][i]] if spans["name"][i] < len(names) else ""
            bars.append((QRectF(t0, row + top, t1 - t0, 1 - 2 * top), state, name,
                         colors[state] if state < len(colors) else colors[0], row,
                         self.model.cut_reason(i) if i in self.model.cut else ""))
        return bars

    def _draw_open_spans(self, p, x0, x1, lane_rows):
        """Spans that began but have not ended yet reach up to the live edge, outlined
        dashed, however long before the view's left edge they began; returned as bars
        (rect, label, colour, row) drawn last, so on top."""
        end, bars = max(self.model.end_time, self.live_edge), []
        for (lane, state, name), start in list(self.model.open_spans.items()):
            row = lane_rows[lane] if 0 <= lane < len(lane_rows) else -1
            if row < 0 or start > x1 or end < x0:
                continue
            colors = self.theme.state_colors
            color = colors[state] if 0 <= state < len(colors) else colors[0]
            pen = QPen(self.theme.outline_for(color), self.theme.outline_px, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(QBrush(color))
            top = GAP + _inset(state)
            rect = QRectF(start, row + top, max(end - start, 0.0), 1 - 2 * top)
            p.drawRect(rect)
            bars.append((rect, state, name, color, int(row), ""))
        return bars

    # -- hit testing ------------------------------------------------------------------
    def spans_at(self, t, row, tolerance=0.0):
        """Indices of the spans in `row` that cover time `t` (+- tolerance), shortest first."""
        model = self.model
        if model is None or row < 0:
            return np.empty(0, np.intp)
        self._sync()
        lane_rows = model.lane_rows()
        lanes = np.flatnonzero(lane_rows == row)
        if lanes.size == 0:
            return np.empty(0, np.intp)
        near = self.index.visible(t - tolerance, t + tolerance)
        near = near[np.isin(model.spans["lane"][near], lanes)]
        t0, t1 = model.spans["t0"][near], model.spans["t1"][near]
        inside = (t0 <= t) & (t1 >= t)
        order = np.lexsort((t1 - t0, ~inside))       # exact hits first, then shortest
        return near[order]

