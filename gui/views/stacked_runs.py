"""Runs stacked on one time axis: each section (one model of a showdown, or one whole run of a
comparison) starts at 0 s, so the same job done two ways lines up and the longer one sticks
out. A section has a title, a line of key figures and its rows of spans, drawn in the state
colours of the timeline under a legend of the states they use. Every row is drawn (the view
sits in a scroll area), and rows, labels and gaps grow with the font (zoom, presentation).
"""
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.i18n import translate
from gui.views import palette
from gui.views.palette import LEGEND_STATES, STATE_LABELS

LABEL_PX = 190                  # the row names' column at least...
MAX_LABEL_SHARE = 0.35          # ...and at most this share of the width
SWATCH_GAP = 18                 # between two entries of the legend


@dataclass
class Section:
    title: str
    figures: str = ""
    rows: list = field(default_factory=list)  # (label, t0s, t1s, states, (alive from, to))
    hidden_rows: int = 0
    duration: float = 0.0


def section_of(model, t0, t1, title, figures="", skip_lanes=(), idle_lanes=False):
    """The lanes of `model` with spans between t0 and t1, times made relative to t0; with
    `idle_lanes` also the threads and processes alive then that drew no span (a whole run)."""
    spans = model.spans
    inside = (spans["t1"] > t0) & (spans["t0"] < t1)
    lane_ids = list(dict.fromkeys(spans["lane"][inside].tolist()))
    if idle_lanes:
        alive = [lane.id for lane, _ in model.rows() if lane.kind not in ("counter", "summary")
                 and (lane.start or 0.0) < t1 and (lane.end is None or lane.end > t0)]
        lane_ids = alive + [i for i in lane_ids if i not in set(alive)]
    rows = []
    for lane_id in lane_ids:
        lane = model.lanes[lane_id]
        if lane.name in skip_lanes or lane.group in skip_lanes:
            continue
        sel = inside & (spans["lane"] == lane_id)
        life = (max(t0, lane.start if lane.start is not None else t0) - t0,
                min(t1, lane.end if lane.end is not None else t1) - t0)
        rows.append((_row_label(model, lane), np.maximum(spans["t0"][sel], t0) - t0,
                     np.minimum(spans["t1"][sel], t1) - t0, spans["state"][sel], life))
    return Section(title, figures, rows, 0, t1 - t0)


def _row_label(model, lane):
    """Short: a child process's main thread is "PID 4242", other threads their name."""
    process = model.processes.get(lane.pid)
    if lane.kind == "thread" and lane.is_main and process is not None \
            and process.parent is not None:
        return f"PID {lane.pid}"
    if lane.kind == "process":
        return f"PID {lane.pid}"
    return lane.label


class Sizes:
    """Pixel sizes of a drawing, from its font: a larger font makes every part larger."""

    def __init__(self, font, sections, width):
        line = QFontMetrics(font).height()
        self.row = max(20, line + 6)
        self.head = 2 * line + 14
        self.axis = line + 16
        self.gap = max(10, line // 2)
        self.legend = line + 12
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(row[0]) for s in sections for row in s.rows),
                     default=0)
        self.label = round(min(max(LABEL_PX, widest + 32), width * MAX_LABEL_SHARE))


class StackedRuns(QWidget):
    """Sections one under another, one time axis for all, a legend of the states above."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sections = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(120)

    def set_sections(self, sections):
        self.sections = list(sections)
        self.updateGeometry()
        self.update()

    def sizeHint(self):
        return QSize(900, self.needed_height())

    def needed_height(self, width=None):
        size = Sizes(self.font(), self.sections, width or max(self.width(), 900))
        legend = self._legend_lines(width or max(self.width(), 900)) * size.legend
        rows = sum(len(s.rows) for s in self.sections)
        return max(120, legend + len(self.sections) * (size.head + size.gap)
                   + rows * size.row + size.axis + 6)

    def changeEvent(self, event):
        if event.type() == event.Type.FontChange:
            self.setMinimumHeight(self.needed_height())
        super().changeEvent(event)

    def export_png(self, path, width=1600):
        image = QImage(width, self.needed_height(width), QImage.Format.Format_ARGB32)
        image.fill(palette.current().timeline)
        painter = QPainter(image)
        self.draw(painter, width, image.height())
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), palette.current().timeline)
        self.draw(painter, self.width(), self.height())
        painter.end()

    def draw(self, p, width, height):
        theme = palette.current()
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        if not self.sections:
            p.setPen(theme.timeline_ink)
            p.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter,
                       translate("StackedRuns", "Nothing to show yet."))
            return
        size = Sizes(font, self.sections, width)
        longest = max(s.duration for s in self.sections) or 1.0
        plot_w = max(50, width - size.label - 20)
        scale = plot_w / longest
        y = self._draw_legend(p, width, theme, font, size)
        for section in self.sections:
            y = self._draw_section(p, section, y, scale, theme, font, metrics, size)
        self._draw_axis(p, y, longest, scale, theme, font, size)

    def _used_states(self):
        used = {int(state) for s in self.sections for row in s.rows for state in row[3]}
        return [state for state in LEGEND_STATES if state in used]

    def _legend_entries(self):
        return [(state, translate("States", STATE_LABELS[state]))
                for state in self._used_states()]

    def _legend_lines(self, width):
        """How many lines the legend takes at `width` (it wraps like the timeline's)."""
        metrics, line, x = QFontMetrics(self.font()), 1 if self._used_states() else 0, 8
        swatch = metrics.height()
        for _state, text in self._legend_entries():
            need = swatch + 6 + metrics.horizontalAdvance(text) + SWATCH_GAP
            if x + need > width and x > 8:
                line, x = line + 1, 8
            x += need
        return line

    def _draw_legend(self, p, width, theme, font, size):
        """A swatch and the words for every state drawn below: the picture explains itself."""
        metrics = QFontMetrics(font)
        swatch = metrics.height() - 4
        x, y = 8, 6
        p.setFont(font)
        for state, text in self._legend_entries():
            need = swatch + 6 + metrics.horizontalAdvance(text) + SWATCH_GAP
            if x + need > width and x > 8:
                x, y = 8, y + size.legend
            color = theme.state_colors[state]
            p.fillRect(QRectF(x, y + 4, swatch, swatch), color)
            p.setPen(theme.timeline_ink)
            p.drawText(QRectF(x + swatch + 6, y, need, size.legend - 6),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            x += need
        return y + size.legend if self._used_states() else 6

    def _draw_section(self, p, section, y, scale, theme, font, metrics, size):
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(font.pointSizeF() * 1.15)
        p.setFont(bold)
        p.setPen(theme.timeline_ink)
        p.drawText(QPointF(8, y + QFontMetrics(bold).ascent()), section.title)
        p.setFont(font)
        p.setPen(theme.muted)
        p.drawText(QPointF(8, y + size.head - 8), section.figures)
        y += size.head
        row_px, label_px = size.row, size.label
        end_x = label_px + section.duration * scale
        for label, t0, t1, states, (alive_from, alive_to) in section.rows:
            p.setPen(theme.timeline_ink)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, label_px - 16)
            p.drawText(QRectF(16, y, label_px - 16, row_px),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            p.fillRect(QRectF(label_px + alive_from * scale, y + row_px / 2 - 1,
                              max(0.0, alive_to - alive_from) * scale, 2), theme.lifetime)
            for a, b, state in zip(t0.tolist(), t1.tolist(), states.tolist()):
                color = theme.state_colors[state] if state < len(theme.state_colors) \
                    else theme.state_colors[0]
                rect = QRectF(label_px + a * scale, y + 3, max(1.0, (b - a) * scale),
                              row_px - 6)
                p.fillRect(rect, color)
                if rect.width() >= 6:                  # a border keeps neighbours apart
                    p.setPen(QPen(theme.outline_for(color), 1))
                    p.drawRect(rect)
            y += row_px
        pen = QPen(theme.timeline_ink, 2)
        p.setPen(pen)                                   # where this section ended
        top = y - 4 - row_px * max(1, len(section.rows))
        p.drawLine(QPointF(end_x, top), QPointF(end_x, y - 2))
        return y + size.gap

    def _draw_axis(self, p, y, longest, scale, theme, font, size):
        label_px = size.label
        p.setPen(QPen(theme.timeline_ink, 1))
        p.drawLine(QPointF(label_px, y), QPointF(label_px + longest * scale, y))
        step = _nice_step(longest)
        t = 0.0
        p.setFont(font)
        tick_w = QFontMetrics(font).horizontalAdvance("000.00 s") + 8
        while t <= longest + 1e-9:
            x = label_px + t * scale
            p.drawLine(QPointF(x, y), QPointF(x, y + 5))
            p.drawText(QRectF(x - tick_w / 2, y + 6, tick_w, size.axis - 8),
                       Qt.AlignmentFlag.AlignHCenter, f"{t:g} s")
            t += step


def _nice_step(span):
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300):
        if span / step <= 10:
            return step
    return span / 10
