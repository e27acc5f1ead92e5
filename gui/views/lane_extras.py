"""What the timeline draws besides spans: counter rows (a value over time as a step line),
the links from a parent process down to each child it started, the torn end of work cut
short, how a process ended when it did not end well, message arrows and instant marks. Each
takes the theme whose colours it draws with (light by default).

Their words are not written where they are drawn: each returns its labels as
(candidate boxes, text, ink, background[, boxes to avoid]) in device pixels, and
`write_labels` places all labels of a picture together, so no two overlap and none is cut
by the view's edge."""
import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPen, QPolygonF

from gui.run.exit_reason import describe as describe_exit
from gui.trace.chrome_json import SHOWN_HIDDEN, hide_secrets
from gui.views.label_text import arrow_label, shown

COUNTER_INK = QColor("#0072B2")         # a counter's line (Okabe-Ito blue)
PARENT_LINK = QColor("#555555")         # a child process starts here, from its parent
BAD_EXIT = QColor("#C0392B")            # a process killed or failed: a cross and the reason
ARROW_LIMIT = 400                       # more arrows in view are not drawn: a grey smear
ARROW_LABELS = 12                       # more arrows in view are drawn without their words
MARK_LIMIT = 300
CUT_LIMIT = 2000                        # torn ends drawn at most (the latest cuts)
TEETH, TOOTH_PX = 3, 8                  # a torn end: this many zigzag teeth, this deep (pixels)


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
    """A process that was killed or failed ends in a red cross, with the reason beside it
    ("killed by SIGKILL", "exited with status 2") as a label: right of the cross, or left
    of it at the view's right edge. A normal exit draws nothing."""
    rows = {lane.id: row for row, (lane, _) in enumerate(model.rows())}
    spots = [(lane.end, rows[lane.id], describe_exit(lane.exit_code))
             for lane in model.processes.values()
             if lane.exit_code and lane.end is not None and lane.id in rows
             and x0 <= lane.end <= x1]
    if not spots:
        return []
    tr = p.transform()
    p.save()
    p.resetTransform()
    metrics = QFontMetrics(font)
    ink = theme.bad_exit if theme is not None else BAD_EXIT
    back = theme.label_back if theme is not None else QColor(255, 255, 255, 215)
    p.setPen(QPen(ink, 3))
    labels = []
    for end, row, text in spots:
        at = tr.map(QPointF(end, row + 0.5))
        p.drawLine(QPointF(at.x() - 6, at.y() - 6), QPointF(at.x() + 6, at.y() + 6))
        p.drawLine(QPointF(at.x() - 6, at.y() + 6), QPointF(at.x() + 6, at.y() - 6))
        size = QRectF(0, 0, metrics.horizontalAdvance(text) + 6, metrics.height())
        bottom = tr.map(QPointF(end, row + 1)).y() - size.height()
        # beside the cross; in a row too short for three lines, low in it, leaving its
        # top to a mark made at the same moment ("killed holding task #0")
        heights = [at.y() - size.height() / 2, bottom]
        if 2 * (bottom - at.y()) < size.height():
            heights.reverse()
        boxes = [size.translated(at.x() + dx, y) for y in heights
                 for dx in (10, -10 - size.width())]
        labels.append((boxes, text, ink, back))
    p.restore()
    return labels


def draw_arrows(p, arrows, x0, x1, lane_rows, tr, theme, font=None, names=None):
    """Message arrows (an (n, 6) array of ``TraceModel.arrows(numbered=True)``) from the
    sending row to the receiving row. With a `font` and the model's `names`, their labels
    ("ping 1") go beside their middles, when few enough arrows are in view to read them."""
    arrows = arrows[(np.maximum(arrows[:, 0], arrows[:, 2]) >= x0)
                    & (np.minimum(arrows[:, 0], arrows[:, 2]) <= x1)]
    if len(arrows) == 0 or len(arrows) > ARROW_LIMIT:
        return []
    p.save()
    p.resetTransform()
    p.setPen(QPen(theme.timeline_ink, 2))
    p.setBrush(QBrush(theme.timeline_ink))
    worded = font is not None and names is not None and len(arrows) <= ARROW_LABELS
    metrics = QFontMetrics(font) if worded else None
    labels = []
    for t_out, lane_out, t_in, lane_in, name, number in arrows.tolist():
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
        if worded:
            labels.append(_arrow_label(line, arrow_label(names[int(name)], int(number)),
                                       metrics, theme))
    p.restore()
    return labels


def _arrow_label(line, text, metrics, theme):
    """Beside the middle of an arrow: right of it, else left, else on it."""
    mid = line.center()
    size = QRectF(0, 0, metrics.horizontalAdvance(text) + 6, metrics.height())
    right = size.translated(mid.x() + 4, mid.y() - size.height() / 2)
    left = right.translated(-8 - size.width(), 0)
    on = size.translated(mid.x() - size.width() / 2, mid.y() - size.height() / 2)
    return [right, left, on], text, theme.timeline_ink, theme.label_back


def draw_marks(p, model, x0, x1, lane_rows, tr, font, theme):
    """Instant events: a short vertical tick, with the event's name beside it as a label
    that crosses no other tick of its row."""
    marks = model.marks
    t = marks["t"]
    sel = np.flatnonzero((t >= x0) & (t <= x1))[:MARK_LIMIT]
    if sel.size == 0:
        return []
    left, right = tr.map(QPointF(x0, 0)).x(), tr.map(QPointF(x1, 0)).x()
    p.save()
    p.resetTransform()
    p.setPen(QPen(theme.timeline_ink, 2))
    metrics = QFontMetrics(font)
    ticks, words = {}, []                       # row -> tick boxes; the marks' words
    for when, lane, name in zip(t[sel].tolist(), marks["lane"][sel].tolist(),
                                marks["name"][sel].tolist()):
        row = lane_rows[lane] if 0 <= lane < len(lane_rows) else -1
        if row < 0:
            continue
        top = tr.map(QPointF(when, row + 0.02))
        bottom = tr.map(QPointF(when, row + 0.98))
        p.drawLine(top, bottom)
        text = shown(hide_secrets(model.names[name], SHOWN_HIDDEN))   # a picture is shared
        ticks.setdefault(row, []).append((QRectF(top.x() - 1, min(top.y(), bottom.y()), 2,
                                                 abs(bottom.y() - top.y())), text))
        if text:
            edges = tr.map(QPointF(when, row)).y(), tr.map(QPointF(when, row + 1)).y()
            words.append((row, top, edges, text))
    p.restore()
    labels, offered = [], {}                    # (row, text) -> x of its last label
    for row, top, edges, text in words:
        # a run of marks that say the same is named once in a while, not at every tick
        if top.x() - offered.get((row, text), -1e9) < 3 * metrics.horizontalAdvance(text):
            continue
        offered[row, text] = top.x()
        room = max(right - top.x(), top.x() - left) - 12
        if metrics.horizontalAdvance(text) + 6 > room:          # room on neither side
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(max(room, 0)))
        size = QRectF(0, 0, metrics.horizontalAdvance(text) + 6, metrics.height())
        # at the top of the row, else at its bottom: its middle is for a process's exit
        y0, y1 = min(edges), max(edges) - size.height()
        boxes = [size.translated(top.x() + dx, y) for y in (y0, y1)
                 for dx in (3, -3 - size.width())]
        others = [(tick, said) for tick, said in ticks[row]
                  if abs(tick.center().x() - top.x()) > 0.5]
        # beside its tick, crossing no other tick; else over a run of marks that say the
        # same ("stale write" x 5: one label names them all, they show through it)
        strict, unlike = [tick for tick, _ in others], [t for t, said in others if said != text]
        candidates = [(box, text, strict) for box in boxes] + \
            [(box, text, unlike) for box in boxes]
        labels.append((candidates, text, theme.timeline_ink, theme.label_back))
    return labels


def write_labels(p, board, labels, font):
    """Place `labels` on `board` in order (the first is the most important) and write those
    that found a place: on their background box if they have one."""
    p.save()
    p.resetTransform()
    p.setFont(font)
    for boxes, text, ink, back, *avoid in labels:
        taken = board.take(boxes, text, avoid[0] if avoid else ())
        if taken is None:
            continue
        box, text = taken
        if back is not None:
            p.fillRect(box, back)
        p.setPen(ink)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    p.restore()


def draw_cuts(p, model, x0, x1, lane_rows, theme, inset):
    """A span cut short (its process was terminated, killed or stopped) ends in a torn,
    zigzag edge instead of a straight one: the work was still going on at that moment.
    `inset(state)` is the part of a row above and below a bar of that state."""
    spans = model.spans
    tr = p.transform()
    p.save()
    p.resetTransform()
    for i in sorted(model.cut)[-CUT_LIMIT:]:
        t, lane, state = float(spans["t1"][i]), spans["lane"][i], spans["state"][i]
        row = lane_rows[lane] if lane < len(lane_rows) else -1
        if row >= 0 and x0 <= t <= x1:
            gap = inset(state)
            _tear(p, tr.map(QPointF(t, row + gap)), tr.map(QPointF(t, row + 1 - gap)), theme)
    p.restore()


def _tear(p, top, bottom, theme):
    """Teeth bitten out of a bar's end, between device points `top` and `bottom`."""
    step = (bottom.y() - top.y()) / (2 * TEETH)
    edge = [QPointF(top.x() - (TOOTH_PX if k % 2 else 0), top.y() + k * step)
            for k in range(2 * TEETH + 1)]
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.timeline)
    p.drawPolygon(QPolygonF(edge + [QPointF(top.x() + 1, bottom.y()),
                                    QPointF(top.x() + 1, top.y())]))
    p.setPen(QPen(theme.timeline_ink, 2))
    p.drawPolyline(QPolygonF(edge))
