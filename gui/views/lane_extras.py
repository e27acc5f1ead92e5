"""What the timeline draws besides spans: counter rows (a value over time as a step line),
the links from a parent process down to each child it started, how a process ended when it
did not end well, message arrows and instant marks. Each takes the theme whose colours it
draws with (light by default)."""
import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPen, QPolygonF

from gui.run.exit_reason import describe as describe_exit
from gui.trace.chrome_json import SHOWN_HIDDEN, hide_secrets

COUNTER_INK = QColor("#0072B2")         # a counter's line (Okabe-Ito blue)
PARENT_LINK = QColor("#555555")         # a child process starts here, from its parent
BAD_EXIT = QColor("#C0392B")            # a process killed or failed: a cross and the reason
ARROW_LIMIT = 400                       # more arrows in view are not drawn: a grey smear
MARK_LIMIT = 300


def draw_counters(p, model, x0, tr, font, theme=None):
    """A counter's row: its value over time as a step line, lowest and highest marked."""
    rows = {lane.id: row for row, (lane, _) in enumerate(model.rows())}
    for name, lane in model.counter_lanes.items():
        column = model.counters[name]
        t, v = column["t"], column["value"]
        if len(t) == 0 or lane.id not in rows:
            continue
        row, low, high = rows[lane.id], float(v.min()), float(v.max())
        span = (high - low) or 1.0
        y = row + 0.85 - 0.7 * (v - low) / span           # higher value, higher up
        step = max(1, len(t) // 4000)                      # a few points per pixel
        xs = np.repeat(t[::step], 2)[1:]
        ys = np.repeat(y[::step], 2)[:-1]
        pen = QPen(theme.counter if theme is not None else COUNTER_INK, 2)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawPolyline(QPolygonF([QPointF(a, b) for a, b in zip(xs.tolist(), ys.tolist())]))
        _counter_scale(p, tr, row, low, high, x0, font, pen.color())


def _counter_scale(p, tr, row, low, high, x0, font, ink):
    """The lowest and highest value at the left edge of a counter's row."""
    p.save()
    p.resetTransform()
    p.setFont(font)
    p.setPen(ink)
    below = QFontMetrics(font).ascent()          # the highest value hangs below its line
    for value, y in ((high, row + 0.15), (low, row + 0.85)):
        at = tr.map(QPointF(x0, y))
        p.drawText(QPointF(at.x() + 4, at.y() + (below if value == high else -2)), f"{value:g}")
    p.restore()


def draw_parent_links(p, model, x0, x1, theme=None):
    """A child process hangs from its parent: a line from the parent's row down to the
    child's row at the moment the child started (a fork or a spawn)."""
    rows = {lane.id: row for row, (lane, _) in enumerate(model.rows())}
    link = theme.parent_link if theme is not None else PARENT_LINK
    pen = QPen(link, 0)
    pen.setCosmetic(True)
    pen.setWidthF(2.0)
    p.setPen(pen)
    p.setBrush(link)
    for lane, _ in model.rows():
        row, parent = rows[lane.id], lane.parent
        if lane.kind != "process" or parent is None or parent.id not in rows \
                or lane.start is None or not x0 <= lane.start <= x1:
            continue
        top, bottom = rows[parent.id] + 0.5, row + 0.5
        p.drawLine(QPointF(lane.start, top), QPointF(lane.start, bottom - 0.12))
        tip = _px_to_x(p, 5)
        p.drawPolygon(QPolygonF([QPointF(lane.start - tip, bottom - 0.24),
                                 QPointF(lane.start + tip, bottom - 0.24),
                                 QPointF(lane.start, bottom - 0.08)]))
    p.setPen(Qt.PenStyle.NoPen)


def _px_to_x(p, pixels):
    """`pixels` on screen in data units along x."""
    scale = abs(p.transform().m11()) or 1.0
    return pixels / scale


def draw_bad_exits(p, model, x0, x1, font, theme=None):
    """A process that was killed or failed ends in a red cross with the reason beside it
    ("killed by SIGKILL", "exited with status 2"); a normal exit draws nothing."""
    rows = {lane.id: row for row, (lane, _) in enumerate(model.rows())}
    spots = [(lane.end, rows[lane.id], describe_exit(lane.exit_code))
             for lane in model.processes.values()
             if lane.exit_code and lane.end is not None and lane.id in rows
             and x0 <= lane.end <= x1]
    if not spots:
        return
    tr = p.transform()
    p.save()
    p.resetTransform()
    p.setFont(font)
    metrics = QFontMetrics(font)
    pen = QPen(theme.bad_exit if theme is not None else BAD_EXIT, 3)
    back = theme.label_back if theme is not None else QColor(255, 255, 255, 215)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for end, row, text in spots:
        at = tr.map(QPointF(end, row + 0.5))
        p.setPen(pen)
        p.drawLine(QPointF(at.x() - 6, at.y() - 6), QPointF(at.x() + 6, at.y() + 6))
        p.drawLine(QPointF(at.x() - 6, at.y() + 6), QPointF(at.x() + 6, at.y() - 6))
        box = QRectF(at.x() + 10, at.y() - metrics.height() / 2,
                     metrics.horizontalAdvance(text) + 4, metrics.height())
        p.fillRect(box, back)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    p.restore()


def draw_arrows(p, arrows, x0, x1, lane_rows, tr, theme):
    """Message arrows (an (n, 5) array of `TraceModel.arrows()`) from the sending row to the
    receiving row."""
    arrows = arrows[(np.maximum(arrows[:, 0], arrows[:, 2]) >= x0)
                    & (np.minimum(arrows[:, 0], arrows[:, 2]) <= x1)]
    if len(arrows) == 0 or len(arrows) > ARROW_LIMIT:
        return
    p.save()
    p.resetTransform()
    p.setPen(QPen(theme.timeline_ink, 2))
    p.setBrush(QBrush(theme.timeline_ink))
    for t_out, lane_out, t_in, lane_in, _ in arrows.tolist():
        r_out, r_in = lane_rows[int(lane_out)], lane_rows[int(lane_in)]
        if r_out < 0 or r_in < 0:
            continue
        a = tr.map(QPointF(t_out, r_out + 0.5))
        b = tr.map(QPointF(t_in, r_in + 0.5))
        line = QLineF(a, b)
        if line.length() < 1:
            continue
        p.drawLine(line)
        unit = (b - a) / line.length()
        normal = QPointF(-unit.y(), unit.x())
        p.drawPolygon(QPolygonF([b, b - unit * 10 + normal * 5, b - unit * 10 - normal * 5]))
    p.restore()


def draw_marks(p, model, x0, x1, lane_rows, tr, font, theme):
    """Instant events: a short vertical tick with the event's name beside it."""
    marks = model.marks
    t = marks["t"]
    sel = np.flatnonzero((t >= x0) & (t <= x1))[:MARK_LIMIT]
    if sel.size == 0:
        return
    left, right = tr.map(QPointF(x0, 0)).x(), tr.map(QPointF(x1, 0)).x()
    p.save()
    p.resetTransform()
    p.setFont(font)
    metrics = QFontMetrics(font)
    placed = {}                         # row -> label boxes drawn there
    for when, lane, name in zip(t[sel].tolist(), marks["lane"][sel].tolist(),
                                marks["name"][sel].tolist()):
        row = lane_rows[lane] if 0 <= lane < len(lane_rows) else -1
        if row < 0:
            continue
        top = tr.map(QPointF(when, row + 0.02))
        bottom = tr.map(QPointF(when, row + 0.98))
        p.setPen(QPen(theme.timeline_ink, 2))
        p.drawLine(top, bottom)
        text = hide_secrets(model.names[name], SHOWN_HIDDEN)    # a picture is for sharing
        if text:
            y = min(top.y(), bottom.y())
            box = QRectF(top.x() + 3, y, metrics.horizontalAdvance(text) + 6, metrics.height())
            if box.right() > right and top.x() - 3 - box.width() >= left:
                box.moveRight(top.x() - 3)          # no room on the right: go left
            elif box.right() > right:               # room on neither side: cut it short
                room = max(right - box.left(), top.x() - left) - 6
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(room))
                box.setWidth(metrics.horizontalAdvance(text) + 6)
                if box.right() > right:
                    box.moveRight(top.x() - 3)
            boxes = placed.setdefault(row, [])
            if any(box.intersects(other) for other in boxes):
                continue                # dense marks: the tick says enough, no pile-up
            boxes.append(box)
            p.fillRect(box, theme.label_back)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    p.restore()
