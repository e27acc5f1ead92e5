"""The note in the timeline's corner when a run was too busy to keep every event: how many
the window dropped, and up to when old detail is summarised (gui/trace/summary.py). Drops are
shown, never hidden: a student should not mistake a gap for a quiet thread."""
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics

from gui.i18n import translate

PAD = 4         # pixels around the note's text


def note_lines(summary, x0):
    """The note's lines: the drops, and the summary when the view shows summarised time."""
    lines = []
    dropped = summary.dropped
    if dropped:
        lines.append(translate("Timeline", "%n event(s) dropped: the window could not keep up",
                               None, dropped))
    if summary.merged and x0 < summary.until:
        lines.append(translate("Timeline", "Before {t} s: slices closer than {ms} ms drawn as "
                               "one").format(t=f"{summary.until:.1f}",
                                             ms=f"{summary.resolution * 1000:g}"))
    return lines


def draw_dropped_band(p, summary, x0, x1, rows, theme):
    """A hatched band over every row where events were dropped: there the timeline does not
    know what happened, and must not look like a quiet stretch."""
    if not summary.dropped or summary.dropped_until < x0 or summary.dropped_from > x1:
        return
    ink = QColor(theme.timeline_ink)
    ink.setAlpha(60)
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(ink, Qt.BrushStyle.BDiagPattern))
    p.drawRect(QRectF(summary.dropped_from, 0, summary.dropped_until - summary.dropped_from,
                      rows))
    p.restore()


def draw_summary_note(p, view_rect, summary, x0, font, theme):
    """Write the note at the top left of `view_rect` (device pixels), on a label box."""
    lines = note_lines(summary, x0)
    if not lines:
        return
    metrics = QFontMetrics(font)
    width = max(metrics.horizontalAdvance(line) for line in lines) + 2 * PAD
    box = QRectF(view_rect.left() + PAD, view_rect.top() + PAD, width,
                 len(lines) * metrics.height() + 2 * PAD)
    p.save()
    p.resetTransform()
    p.setFont(font)
    p.fillRect(box, theme.label_back)
    p.setPen(theme.timeline_ink)
    for i, line in enumerate(lines):
        p.drawText(QPointF(box.left() + PAD, box.top() + PAD + metrics.ascent()
                           + i * metrics.height()), line)
    p.restore()
