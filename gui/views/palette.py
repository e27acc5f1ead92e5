"""State colours and legend labels shared by every view.

One fixed colour per span state across all lessons, from the Okabe-Ito palette so that
colour-blind students can tell "running" from "waiting for the GIL" on a projector.
"""
import numpy as np
from PySide6.QtGui import QColor

from gui.trace.model import STATES

_HEX = {
    "": "#999999",
    "run": "#009E73",          # bluish green
    "wait.lock": "#D55E00",    # vermillion
    "wait.gil": "#E69F00",     # orange
    "wait.io": "#56B4E9",      # sky blue
    "lock.hold": "#CC79A7",    # reddish purple
    "task": "#0072B2",         # blue
    "blocked": "#4D4D4D",      # dark grey: clearly not the light "alive" line
}

_LABELS = {
    "": "unknown",
    "run": "running",
    "wait.lock": "waiting for a lock",
    "wait.gil": "waiting for the GIL",
    "wait.io": "waiting (sleep, I/O, join, get)",
    "lock.hold": "holding a lock",
    "task": "task (lesson work)",
    "blocked": "preempted / blocked",
}

# When several states share one pixel (raster mode) or overlap in a row, the higher rank wins:
# run > waiting for a lock > lock.hold > task > other waits > blocked > unknown (a wait
# inside a hold must stay visible).
_PRIORITY = ("", "blocked", "wait.io", "wait.gil", "task", "lock.hold", "wait.lock", "run")

STATE_HEX = [_HEX[s] for s in STATES]
STATE_COLORS = [QColor(h) for h in STATE_HEX]
STATE_LABELS = [_LABELS[s] for s in STATES]
STATE_ARGB = np.array([0xFF000000 | int(h[1:], 16) for h in STATE_HEX], dtype=np.uint32)

#: rank of each state code (1 = lowest); 0 is reserved for "nothing here"
STATE_RANK = np.array([_PRIORITY.index(s) + 1 for s in STATES], dtype=np.uint8)
#: ARGB colour of each rank; rank 0 is fully transparent
RANK_ARGB = np.zeros(len(STATES) + 1, dtype=np.uint32)
RANK_ARGB[STATE_RANK] = STATE_ARGB

#: ARGB colour of a set of ranks (bit r - 1 set = rank r present): the highest rank wins
BITS_ARGB = np.zeros(256, dtype=np.uint32)
for _bits in range(1, 256):
    BITS_ARGB[_bits] = RANK_ARGB[_bits.bit_length()]

#: states shown in the legend, in reading order
LEGEND_STATES = [STATES.index(s) for s in
                 ("run", "wait.gil", "wait.lock", "wait.io", "lock.hold", "task", "blocked")]


def state_label(code):
    """Human label of a state code, tolerant of codes from a newer probe."""
    return STATE_LABELS[code] if 0 <= code < len(STATE_LABELS) else f"state {code}"
