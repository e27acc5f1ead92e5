"""Runs stacked on one time axis: each section (one model of a showdown, or one whole run of a
comparison) starts at 0 s, so the same job done two ways lines up and the longer one sticks
out. A section has a title, a line of key figures and its rows of spans, drawn in the state
colours of the timeline.
"""
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.i18n import translate
from gui.views import palette

ROW_PX, HEAD_PX, AXIS_PX, LABEL_PX, GAP_PX = 20, 42, 34, 190, 10
MAX_ROWS = 8                    # rows shown per section; the rest are counted


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
    return Section(title, figures, rows[:MAX_ROWS], max(0, len(rows) - MAX_ROWS), t1 - t0)


def _row_label(model, lane):
    """Short: a child process's main thread is "PID 4242", other threads their name."""
    process = model.processes.get(lane.pid)
    if lane.kind == "thread" and lane.name == "MainThread" and process is not None \
            and process.parent is not None:
        return f"PID {lane.pid}"
    if lane.kind == "process":
        return f"PID {lane.pid}"
    return lane.label


class StackedRuns(QWidget):
    """Sections one under another, one time axis for all."""

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

    def needed_height(self):
        rows = sum(len(s.rows) + (1 if s.hidden_rows else 0) for s in self.sections)
        return max(120, len(self.sections) * (HEAD_PX + GAP_PX) + rows * ROW_PX + AXIS_PX)

    def export_png(self, path, width=1600):
        image = QImage(width, self.needed_height(), QImage.Format.Format_ARGB32)
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
        longest = max(s.duration for s in self.sections) or 1.0
        plot_w = max(50, width - LABEL_PX - 20)
        scale = plot_w / longest
        y = 6
        for section in self.sections:
            y = self._draw_section(p, section, y, scale, theme, font, metrics)
        self._draw_axis(p, y, longest, scale, theme, font)

    def _draw_section(self, p, section, y, scale, theme, font, metrics):
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(font.pointSizeF() * 1.15)
        p.setFont(bold)
        p.setPen(theme.timeline_ink)
        p.drawText(QPointF(8, y + QFontMetrics(bold).ascent()), section.title)
        p.setFont(font)
        p.setPen(theme.muted)
        p.drawText(QPointF(8, y + HEAD_PX - 8), section.figures)
        y += HEAD_PX
        end_x = LABEL_PX + section.duration * scale
        for label, t0, t1, states, (alive_from, alive_to) in section.rows:
            p.setPen(theme.timeline_ink)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, LABEL_PX - 16)
            p.drawText(QRectF(16, y, LABEL_PX - 16, ROW_PX),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            p.fillRect(QRectF(LABEL_PX + alive_from * scale, y + ROW_PX / 2 - 1,
                              max(0.0, alive_to - alive_from) * scale, 2), theme.lifetime)
            for a, b, state in zip(t0.tolist(), t1.tolist(), states.tolist()):
                color = theme.state_colors[state] if state < len(theme.state_colors) \
                    else theme.state_colors[0]
                rect = QRectF(LABEL_PX + a * scale, y + 3, max(1.0, (b - a) * scale),
                              ROW_PX - 6)
                p.fillRect(rect, color)
                if rect.width() >= 6:                  # a border keeps neighbours apart
                    p.setPen(QPen(theme.outline_for(color), 1))
                    p.drawRect(rect)
            y += ROW_PX
        if section.hidden_rows:
            p.setPen(theme.muted)
            p.drawText(QRectF(16, y, 600, ROW_PX), Qt.AlignmentFlag.AlignVCenter,
                       translate("StackedRuns", "… and {count} more rows").format(
                           count=section.hidden_rows))
            y += ROW_PX
        pen = QPen(theme.timeline_ink, 2)
        p.setPen(pen)                                   # where this section ended
        top = y - 4 - ROW_PX * max(1, len(section.rows))
        p.drawLine(QPointF(end_x, top), QPointF(end_x, y - 2))
        return y + GAP_PX

    def _draw_axis(self, p, y, longest, scale, theme, font):
        p.setPen(QPen(theme.timeline_ink, 1))
        p.drawLine(QPointF(LABEL_PX, y), QPointF(LABEL_PX + longest * scale, y))
        step = _nice_step(longest)
        t = 0.0
        p.setFont(font)
        while t <= longest + 1e-9:
            x = LABEL_PX + t * scale
            p.drawLine(QPointF(x, y), QPointF(x, y + 5))
            p.drawText(QRectF(x - 40, y + 6, 80, AXIS_PX - 8), Qt.AlignmentFlag.AlignHCenter,
                       f"{t:g} s")
            t += step


def _nice_step(span):
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300):
        if span / step <= 10:
            return step
    return span / 10
