"""What the timeline writes on its bars, marks, arrows and lanes, in the window's language.

The lessons name their marks, spans and virtual lanes in English ("stale write", "waiting for
a worker", "killed holding task #0"). `shown` turns the names the app knows into the window's
language, also those with a number or a name in them; anything else (a thread name from the
lesson's code, a lock called ``lock_a``, ``recv()``) is the lesson's own identifier and stays
as it is. Without a Qt application the English text comes back unchanged.
"""
import re

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetrics

from gui.i18n import QT_TRANSLATE_NOOP, translate
from workloads import probe

CONTEXT = "TimelineLabel"

_WORDS = {text: text for text in (
    QT_TRANSLATE_NOOP("TimelineLabel", "stale write"),
    QT_TRANSLATE_NOOP("TimelineLabel", "run"),
    QT_TRANSLATE_NOOP("TimelineLabel", "running"),
    QT_TRANSLATE_NOOP("TimelineLabel", "wait"),
    QT_TRANSLATE_NOOP("TimelineLabel", "waiting"),
    QT_TRANSLATE_NOOP("TimelineLabel", "hub"),
    QT_TRANSLATE_NOOP("TimelineLabel", "child's work"),
    QT_TRANSLATE_NOOP("TimelineLabel", "waiting for a worker"),
    QT_TRANSLATE_NOOP("TimelineLabel", "join() returned"),
    QT_TRANSLATE_NOOP("TimelineLabel", "imports the module"),
    QT_TRANSLATE_NOOP("TimelineLabel", "now without the lock"),
    QT_TRANSLATE_NOOP("TimelineLabel", "cannot pickle"),
    QT_TRANSLATE_NOOP("TimelineLabel", "main process"),
)}

# (pattern of the English text, its translatable form with {names} for the groups)
_PATTERNS = tuple((re.compile(pattern), text) for pattern, text in (
    (r"^killed holding task #(?P<n>\d+)$",
     QT_TRANSLATE_NOOP("TimelineLabel", "killed holding task #{n}")),
    (r"^task #(?P<n>\d+) lost$", QT_TRANSLATE_NOOP("TimelineLabel", "task #{n} lost")),
    (r"^result of task (?P<n>\S+)$", QT_TRANSLATE_NOOP("TimelineLabel", "result of task {n}")),
    (r"^manager on (?P<host>.+)$", QT_TRANSLATE_NOOP("TimelineLabel", "manager on {host}")),
    (r"^worker on (?P<host>.+)$", QT_TRANSLATE_NOOP("TimelineLabel", "worker on {host}")),
    (r"^(?P<lock>.+) \(timeout (?P<s>[\d.]+) s\)$",
     QT_TRANSLATE_NOOP("TimelineLabel", "{lock} (timeout {s} s)")),
))

_PID = re.compile(r"^(PID \d+ · )(.+)$")       # a process lane: "PID 4242 · manager on vm"
_WAIT_LOCK = probe.CATEGORIES.index("wait.lock")
_HOLD = probe.CATEGORIES.index("lock.hold")


def shown(text):
    """`text` as the window shows it: translated when the app named it, else unchanged."""
    if not text:
        return text
    word = _WORDS.get(text)
    if word is not None:
        return translate(CONTEXT, word)
    pid = _PID.match(text)
    if pid:
        return pid.group(1) + shown(pid.group(2))
    for pattern, form in _PATTERNS:
        found = pattern.match(text)
        if found:
            return translate(CONTEXT, form).format(**found.groupdict())
    return text


def span_label(state, name, held=()):
    """What a bar says: a lock wait names what it waits for (and the locks its thread
    `held` meanwhile), a hold what it holds; both name a lock, and a bar that only said
    ``lock_b`` would not say which."""
    if state == _WAIT_LOCK and name:
        if held:
            return translate("TimelineLabel", "holds {held}, waits for {lock}").format(
                held=", ".join(held), lock=shown(name))
        return translate("TimelineLabel", "waits for {lock}").format(lock=shown(name))
    if state == _HOLD and name:
        return translate("TimelineLabel", "holds {lock}").format(lock=name)
    return shown(name)


def arrow_label(name, number):
    """What a message arrow says: its name and number ("ping 1", "task 3")."""
    return f"{shown(name)} {number}" if name else str(number)


def bar_labels(bars, tr, view, font):
    """Each bar's name, in the widest part of it that no bar drawn above it hides, if it
    fits there whole ("r…" in every narrow bar is noise from the back row), and that its
    work was cut short if it was and that fits too. `bars` are (rect, state, name, colour,
    row, why cut) in drawing order, `tr` maps them to device pixels; a bar drawn later is
    on top, and its name comes first. Returns labels for `lane_extras.write_labels`."""
    if not bars:
        return []
    metrics = QFontMetrics(font)
    ends = tr.m11() * np.array([(b[0].left(), b[0].right()) for b in bars]) + tr.dx()
    lo = np.maximum(ends.min(axis=1), view.left())         # in device pixels, in the view
    hi = np.minimum(ends.max(axis=1), view.right())
    rows = np.array([b[4] for b in bars])
    order = np.arange(len(bars))
    labels, widths = [], {}
    for i in np.flatnonzero(hi - lo >= 18)[::-1].tolist():   # room for a short name at least
        rect, state, name, color, row, why = bars[i]
        text = span_label(state, name, _held(bars, rect, state)) if name else ""
        need = widths.setdefault(text, metrics.horizontalAdvance(text)) if text else 0
        box = tr.mapRect(rect)
        if not text or hi[i] - lo[i] - 6 < need or box.height() < metrics.height() * 0.8:
            continue
        above = (rows == row) & (order > i) & (lo < hi[i]) & (hi > lo[i])
        start, stop = free_span(lo[i] + 3, hi[i] - 3, zip(lo[above].tolist(), hi[above].tolist()))
        if stop - start < need:
            continue
        room = QRectF(start, box.top(), stop - start, box.height())
        longer = cut_label(text, why)               # "task 6 · cut by Stop" where it fits
        spots = []
        for words in dict.fromkeys((longer, text)):
            width = widths.setdefault(words, metrics.horizontalAdvance(words))
            if width <= room.width():
                spots += [(spot, words) for spot in _spots(room, width + 2, metrics.height())]
        labels.append((spots, text, text_color(color), None))
    return labels


def _spots(room, width, height):
    """Boxes of `width` x `height` in `room`: at its centre, then at its left and right
    ends (when another label already took the centre)."""
    centre = QRectF(0, 0, width, height)
    centre.moveCenter(room.center())
    return [centre, centre.translated(room.left() - centre.left(), 0),
            centre.translated(room.right() - centre.right(), 0)]


_CUT = {"stopped": QT_TRANSLATE_NOOP("TimelineLabel", "{name} · cut by Stop"),
        "killed": QT_TRANSLATE_NOOP("TimelineLabel", "{name} · killed"),
        "terminated": QT_TRANSLATE_NOOP("TimelineLabel", "{name} · terminated")}


def cut_label(text, why):
    """A bar's label when its work was cut short (`TraceModel.cut_reason`): it says so."""
    form = _CUT.get(why)
    return translate(CONTEXT, form).format(name=text) if form else text


def _held(bars, rect, state):
    """The locks held on a lock wait's row when the wait began: a thread stuck in a
    deadlock holds one lock while it waits for the other, and its bar says both."""
    if state != _WAIT_LOCK:
        return ()
    at, top = rect.left(), int(rect.top())
    return sorted({b[2] for b in bars if b[1] == _HOLD and b[4] == top
                   and b[0].left() <= at <= b[0].right()})


def text_color(color):
    """Black or white, whichever reads on `color`."""
    luma = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor("#000000") if luma > 140 else QColor("#FFFFFF")


class LabelBoard:
    """Where the labels of one picture of the timeline went, in device pixels.

    Each label takes the first of its candidate boxes that lies inside the view and overlaps
    no label placed before it (and none of the extra boxes it must `avoid`, e.g. the ticks of
    other marks); a label with no such box is left out (its item still shows it on hover).
    Labels are placed in order of importance, so a lesser one gives way. Boxes are kept in
    bands of `BAND` pixels, so a check looks only at the labels nearby."""

    BAND = 48

    def __init__(self, view):
        self.view = view                    # QRectF of the plot in device pixels
        self.placed = []                    # (QRectF, text) in the order placed
        self._bands = {}

    def _near(self, box):
        for band in range(int(box.top() // self.BAND), int(box.bottom() // self.BAND) + 1):
            yield from self._bands.get(band, ())

    def fits(self, box, avoid=()):
        """`box` is inside the view and overlaps no placed label and nothing in `avoid`."""
        if not self.view.contains(box):
            return False
        return not any(box.intersects(other) for other in self._near(box)) and \
            not any(box.intersects(other) for other in avoid)

    def take(self, boxes, text, avoid=()):
        """The first of `boxes` that `fits`, now taken by `text`, as (box, text); None when
        none fits. A candidate may also be (box, other text) or (box, other text, what it
        must avoid): another wording, or other rules, for that place."""
        for box in boxes:
            box, words, keep_off = (box + (avoid,))[:3] if isinstance(box, tuple) else \
                (box, text, avoid)
            if self.fits(box, keep_off):
                self.placed.append((box, words))
                for band in range(int(box.top() // self.BAND), int(box.bottom() // self.BAND) + 1):
                    self._bands.setdefault(band, []).append(box)
                return box, words
        return None


def free_span(lo, hi, covers):
    """The widest part of [lo, hi] not covered by any (a, b) of `covers`, as (lo, hi): where
    a bar's name can go when bars drawn above it hide the rest of it."""
    best, at = (lo, lo), lo
    for a, b in sorted(covers):
        if a > at:
            best = max(best, (at, min(a, hi)), key=lambda s: s[1] - s[0])
        at = max(at, b)
        if at >= hi:
            break
    if at < hi:
        best = max(best, (at, hi), key=lambda s: s[1] - s[0])
    return best
