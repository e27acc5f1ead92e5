"""Per-pixel span coverage for the timeline: numpy only, no Qt.

Drawing a million spans one by one cannot fit in a frame, so the raster mode asks instead,
for every (lane, state) and every pixel column, "does any span touch this pixel?". The answer
is kept at power-of-two time resolutions ("levels") and updated as spans arrive, so a frame
costs O(pixels x lanes) rather than O(spans); deep zooms bin only the visible spans.
"""
import math

import numpy as np

NSTATES = 8            # state codes fit in this many slots (see gui.trace.model.STATES)
BLOCK = 4096           # spans per culling block
MAX_CELLS = 3_000_000  # (key, bin) cells one cached level may use (two int32 arrays each)
DIRECT_LIMIT = 150_000  # bin at most this many visible spans directly before using a level


class _Level:
    """Coverage counts of every key at bin width 2**exp over [0, cap * width).

    Arrays are bin-major, (bins, keys), so that gathering the bins at pixel edges reads
    contiguous memory.
    """

    def __init__(self, exp, keys, cap):
        self.exp, self.width, self.cap = exp, 2.0 ** exp, cap
        self.counts = np.zeros((cap, keys), np.int32)       # spans touching each bin
        self.prefix = np.zeros((cap + 1, keys), np.int32)   # covered bins before each bin
        self.used = 0                                       # bins in use: [0, used)


def _bins(t, origin, width, nbins):
    """Bin index of each time, clipped to [0, nbins - 1]."""
    v = np.subtract(t, origin)
    v *= 1.0 / width
    np.clip(v, 0, nbins - 1, out=v)
    return v.astype(np.intp)


def _diff_counts(key, b0, b1, keys, nbins):
    """(nbins, keys): how many spans touch each bin, from a +1/-1 histogram summed over bins."""
    size = keys * (nbins + 1)
    diff = np.bincount(b0 * keys + key, minlength=size)
    diff -= np.bincount((b1 + 1) * keys + key, minlength=size)
    return np.cumsum(diff.reshape(nbins + 1, keys), axis=0)[:nbins]


class SpanIndex:
    """Keys, culling blocks and coverage levels of a TraceModel's spans, kept up to date."""

    def __init__(self, model):
        self.model = model
        self.n = 0
        self._key = np.empty(0, np.int32)           # compact (lane, state) key of each span
        self._key_of = np.full(0, -1, np.int32)     # lane * NSTATES + state -> key
        self.key_lane = np.empty(0, np.int32)
        self.key_state = np.empty(0, np.int32)
        self._lo = np.empty(0)                      # min t0 per block
        self._hi = np.empty(0)                      # max t1 per block
        self._levels = {}                           # exp -> _Level, most recent last
        self._removed = _removed(model)             # spans the model had dropped then

    @property
    def keys(self):
        return len(self.key_lane)

    @property
    def key(self):
        return self._key[:self.n]

    def sync(self):
        """Take in the spans appended since the last call (spans are append-only)."""
        spans, n = self.model.spans, len(self.model.spans)
        self._forget_front()
        if n < self.n:
            self.__init__(self.model)
        if n == self.n:
            return
        lo = self.n
        lane = spans["lane"][lo:].astype(np.int64)
        state = spans["state"][lo:]
        raw = lane * NSTATES + np.where(state < NSTATES, state, 0)     # unknown codes: ""
        if raw.size and raw.max() >= len(self._key_of):
            grown = np.full(max(int(raw.max()) + 1, 2 * len(self._key_of)), -1, np.int32)
            grown[:len(self._key_of)] = self._key_of
            self._key_of = grown
        fresh = np.unique(raw[self._key_of[raw] < 0])
        if fresh.size:
            self._key_of[fresh] = np.arange(self.keys, self.keys + fresh.size)
            self.key_lane = np.concatenate([self.key_lane, fresh // NSTATES]).astype(np.int32)
            self.key_state = np.concatenate([self.key_state, fresh % NSTATES]).astype(np.int32)
        if n > len(self._key):
            grown = np.empty(max(n, 2 * len(self._key)), np.int32)
            grown[:lo] = self._key[:lo]
            self._key = grown
        self._key[lo:n] = self._key_of[raw]
        first = lo // BLOCK * BLOCK
        starts = np.arange(first, n, BLOCK)
        self._lo = np.concatenate([self._lo[:first // BLOCK],
                                   np.minimum.reduceat(spans["t0"][first:], starts - first)])
        self._hi = np.concatenate([self._hi[:first // BLOCK],
                                   np.maximum.reduceat(spans["t1"][first:], starts - first)])
        self.n = n
        if n - lo > lo:                 # most spans are new: rebuilding later costs the same
            self._levels.clear()
        for exp, level in list(self._levels.items()):
            if self._need(level.width) * max(self.keys, 1) > MAX_CELLS:
                del self._levels[exp]
            else:
                self._add(level, lo, n)

    def _forget_front(self):
        """The model summarised its oldest spans: they left the front of its columns, and
        their merged replacements come as new spans. Keys and culling blocks move down with
        them; the coverage levels keep what the old spans touched, which the merged spans
        touch too (gui/trace/summary.py), so nothing has to be recounted."""
        gone = _removed(self.model) - self._removed
        if not gone:
            return
        if gone % BLOCK or gone > self.n:
            self.__init__(self.model)
            return
        self._removed += gone
        self._key = self._key[gone:]
        self._lo, self._hi = self._lo[gone // BLOCK:], self._hi[gone // BLOCK:]
        self.n -= gone

    # -- culling ----------------------------------------------------------------------
    def runs(self, x0, x1):
        """Index ranges [(lo, hi), ...] of the blocks that may hold spans overlapping [x0, x1]."""
        hit = np.flatnonzero((self._lo <= x1) & (self._hi >= x0))
        if hit.size == 0:
            return []
        cut = np.flatnonzero(np.diff(hit) > 1) + 1
        return [(int(b[0]) * BLOCK, min(self.n, (int(b[-1]) + 1) * BLOCK))
                for b in np.split(hit, cut)]

    def candidates(self, x0, x1):
        return sum(hi - lo for lo, hi in self.runs(x0, x1))

    def visible(self, x0, x1):
        """Indices of the spans overlapping [x0, x1]."""
        t0, t1 = self.model.spans["t0"], self.model.spans["t1"]
        parts = [lo + np.flatnonzero((t0[lo:hi] <= x1) & (t1[lo:hi] >= x0))
                 for lo, hi in self.runs(x0, x1)]
        return np.concatenate(parts) if parts else np.empty(0, np.intp)

    # -- coverage ---------------------------------------------------------------------
    def coverage(self, x0, x1, width, visible=None):
        """Bool array (keys, width): which pixel columns of [x0, x1) each key touches."""
        pixel = (x1 - x0) / width
        exp = math.floor(math.log2(pixel / 2))       # 2..4 bins per pixel
        level = self._levels.get(exp)
        if level is None and (visible is None or len(visible) > DIRECT_LIMIT):
            level = self._level(exp)
        if level is not None:
            # a bin belongs to the pixel holding its centre: edges are off by <= 1/4 pixel
            edges = _bins(x0 + np.arange(width + 1) * pixel, -0.5 * level.width, level.width,
                          level.used + 1)
            at = np.take(level.prefix, edges, axis=0)
            return (at[1:] > at[:-1]).T
        if visible is None:
            visible = self.visible(x0, x1)
        spans = self.model.spans
        nbins = width + 2                            # a spare bin on each side
        b0 = _bins(spans["t0"][visible], x0 - pixel, pixel, nbins)
        b1 = _bins(spans["t1"][visible], x0 - pixel, pixel, nbins)
        counts = _diff_counts(self.key[visible].astype(np.intp), b0, b1, self.keys, nbins)
        return (counts[1:width + 1] > 0).T

    def _level(self, exp):
        """The cached level for bin width 2**exp, built or grown as needed; None if too big."""
        level = self._levels.pop(exp, None)
        if max(self.keys, 1) * self._need(2.0 ** exp) > MAX_CELLS:
            return None
        if level is None:
            level = _Level(exp, self.keys, 0)
            self._add(level, 0, self.n)
        self._fit(level)
        self._levels[exp] = level
        while len(self._levels) > 2:
            self._levels.pop(next(iter(self._levels)))
        return level

    def _need(self, width):
        """Bins a level of this bin width needs to hold every span up to the model's end."""
        return int(max(self.model.end_time, 0.0) / width) + 2

    def _fit(self, level):
        """Make room in a level for every key and for the bins up to the model's end."""
        need, keys = self._need(level.width), max(self.keys, 1)
        if need > level.cap or keys > level.counts.shape[1]:
            cap = max(level.cap, need, min(MAX_CELLS // keys, 2 * need))
            counts = np.zeros((cap, keys), np.int32)
            prefix = np.zeros((cap + 1, keys), np.int32)
            old_cap, old_keys = level.counts.shape
            counts[:old_cap, :old_keys] = level.counts
            prefix[:level.used + 1, :old_keys] = level.prefix[:level.used + 1]
            level.counts, level.prefix, level.cap = counts, prefix, cap
        if need > level.used:
            level.prefix[level.used + 1:need + 1] = level.prefix[level.used]
            level.used = need

    def _add(self, level, lo, hi):
        """Fold spans [lo, hi) into a level; only the bins they touch are recounted."""
        if hi <= lo:
            return
        self._fit(level)
        spans, used, prefix = self.model.spans, level.used, level.prefix
        b0 = _bins(spans["t0"][lo:hi], 0.0, level.width, used)
        b1 = _bins(spans["t1"][lo:hi], 0.0, level.width, used)
        first, last = int(b0.min()), min(int(b1.max()) + 2, used)
        b0 -= first
        b1 -= first
        before = prefix[last] - prefix[first]
        counts = level.counts[first:last]
        counts += _diff_counts(self._key[lo:hi].astype(np.intp), b0, b1, self.keys, last - first)
        covered = np.cumsum(counts > 0, axis=0, dtype=np.int32)
        prefix[first + 1:last + 1] = prefix[first] + covered
        if last < used:
            prefix[last + 1:used + 1] += covered[-1] - before


def _removed(model):
    """Spans dropped from the front of a model's columns so far (a `RowSpans` wraps one)."""
    return getattr(getattr(model, "model", model).spans, "removed", 0)


def compose(cov, key_lane, key_state, lane_rows, nrows, rank):
    """Collapse (keys, width) coverage into (rows, width) sets of the states present.

    Bit r - 1 of a pixel is set when a state of rank r (1..8) touches it; a 256-entry table
    then picks the colour of the highest bit. One small matrix product does all rows at once.
    """
    out = np.zeros((nrows, cov.shape[1]), np.uint8)
    if cov.shape[0] == 0 or nrows == 0:
        return out
    rows = np.full(len(key_lane), -1, np.int64)
    known = key_lane < len(lane_rows)
    rows[known] = lane_rows[key_lane[known]]
    shown = np.flatnonzero((rows >= 0) & (rows < nrows))
    weights = np.zeros((len(key_lane), nrows), np.float32)
    weights[shown, rows[shown]] = 2.0 ** (rank[key_state[shown]].astype(np.float32) - 1)
    bits = cov.T.astype(np.float32) @ weights          # distinct powers of two: exact sums
    return np.ascontiguousarray(bits.T, dtype=np.uint8)


def widen_islands(states):
    """(rows, width) pixel states with every lone lit pixel (empty on its left) grown into
    the empty pixel on its right: a slice shorter than a pixel is 2 pixels wide, as in the
    vector mode, and takes only room no other span uses."""
    if states.shape[1] < 2:
        return states
    lit = states != 0
    grow = lit[:, :-1] & ~lit[:, 1:]
    grow[:, 1:] &= ~lit[:, :-2]
    out = states.copy()
    out[:, 1:][grow] = states[:, :-1][grow]
    return out
