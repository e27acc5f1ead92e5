"""The timeline's left axis: one label per row, processes bold, threads indented under them.

pyqtgraph's AxisItem places numeric ticks; the timeline needs names a student recognises
(``PID 4242 · Pool worker 2``) at row centres, as wide as the longest name and thinned out
only when rows get shorter than a line of text. Its ink and point size follow the theme and
zoom through `apply_look`; on its own it draws dark ink, for plots on white.
"""
import math
import re

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views import label_text

INK = QColor("#202020")       # on white: other views' axes use it too


class LaneAxis(pg.AxisItem):
    """Left axis showing ``lane.label`` for every row of ``model.rows()``."""

    INDENT = 16          # pixels per nesting level at 13 pt
    MARGIN = 6
    MAX_DEPTH = 6        # deeper lanes (a long chain of forks) are indented no further
    MAX_WIDTH = 540      # pixels at 13 pt: longer labels are cut with "…", the plot keeps room

    def __init__(self, point_size=13, ink=INK):
        super().__init__("left")
        self.rows = []                 # (label, depth, is_process) per row
        self.drawn = []                # (row, label) of the labels in the last picture
        self.setStyle(autoExpandTextSpace=False, tickLength=0)
        self.apply_look(ink, point_size)

    def apply_look(self, ink, point_size):
        """Labels in `ink` at `point_size` points; the axis widens to the longest label."""
        self.font = QFont()
        self.font.setPointSizeF(point_size)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.indent = round(self.INDENT * point_size / 13)
        self.max_width = self.MAX_WIDTH * point_size / 13
        self.setStyle(tickFont=self.font)
        self.setPen(QColor(ink))
        self.setTextPen(QColor(ink))
        self.set_rows_from(self.rows)

    def set_rows_from(self, rows):
        """Re-measure (label, depth, is_process) rows, e.g. after the font changed."""
        self.rows = list(rows)
        widest = 80.0
        for text, depth, process in self.rows:
            metrics = QFontMetricsF(self.bold if process else self.font)
            widest = max(widest, self._x(depth) + metrics.horizontalAdvance(text))
        widest = min(widest, self.max_width)
        self.setWidth(int(math.ceil(widest + 2 * self.MARGIN)))
        self.picture = None
        self.update()

    def set_rows(self, rows):
        """Take the model's ``rows()`` list of (Lane, depth) and resize to the longest label."""
        self.set_rows_from((shown_label(lane), depth, lane.kind == "process")
                           for lane, depth in rows)

    def _x(self, depth):
        return self.MARGIN + min(depth, self.MAX_DEPTH) * self.indent

    def generateDrawSpecs(self, p):
        bounds = self.mapRectFromParent(self.geometry())
        axis = (self.pen(), QPointF(bounds.right() - 1, bounds.top()),
                QPointF(bounds.right() - 1, bounds.bottom()))
        lo, hi = self.range
        if not self.rows or hi == lo or bounds.height() <= 0:
            self.drawn = []
            return axis, [], []
        # same mapping as AxisItem: the range is reversed when the view's y axis is inverted
        scale = -bounds.height() / (hi - lo)
        offset = lo * scale - bounds.height()
        line = QFontMetricsF(self.font).height()
        per_row = abs(scale)
        step = max(1, math.ceil(line / per_row)) if per_row > 0 else 1
        first = max(0, math.floor(min(lo, hi)))
        last = min(len(self.rows), math.ceil(max(lo, hi)))
        texts, self.drawn = [], []
        for row in range(first - first % step, last, step):
            if row < first:
                continue
            text, depth, process = self.rows[row]
            y = (row + 0.5) * scale - offset
            if y < bounds.top() or y > bounds.bottom():
                continue
            x = bounds.left() + self._x(depth)
            rect = QRectF(x, y - line / 2, bounds.right() - x - self.MARGIN / 2, line)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            font = self.bold if process else self.font
            text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                  max(rect.width(), 0.0))
            texts.append((rect, flags, text, font))
            self.drawn.append((row, text))
        return axis, [], texts

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        p.setRenderHint(p.RenderHint.TextAntialiasing, True)
        pen, a, b = axisSpec
        p.setPen(pen)
        p.drawLine(a, b)
        p.setPen(QPen(self.textPen()))
        for rect, flags, text, font in textSpecs:
            p.setFont(font)
            p.drawText(rect, flags | Qt.TextFlag.TextDontClip, text)

    def row_at(self, y_view):
        """Row index under a view y coordinate, or -1 outside the rows."""
        row = math.floor(y_view)
        return row if 0 <= row < len(self.rows) else -1


_ROLES = ((re.compile(r"^PID (\d+) · main process$"),
           QT_TRANSLATE_NOOP("Lanes", "PID {pid} · main process")),
          (re.compile(r"^PID (\d+) · child of PID (\d+)$"),
           QT_TRANSLATE_NOOP("Lanes", "PID {pid} · child of PID {parent}")),
          (re.compile(r"^PID (\d+) · Pool worker (\d+)$"),
           QT_TRANSLATE_NOOP("Lanes", "PID {pid} · Pool worker {worker}")),
          (re.compile(r"^\+ ([\d,]+) more lanes, drawn together$"),
           QT_TRANSLATE_NOOP("Lanes", "+ {count} more lanes, drawn together")))


def shown_label(lane):
    """A lane's label in the window's language: the roles the app names ("main process",
    "Pool worker 2") are translated; names the lesson gave stay as they are."""
    label = lane.label
    for pattern, text in _ROLES:
        found = pattern.match(label)
        if found:
            keys = re.findall(r"\{(\w+)\}", text)
            return translate("Lanes", text).format(**dict(zip(keys, found.groups())))
    return label_text.shown(label)
