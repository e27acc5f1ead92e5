"""Summarising the old detail of a long, busy run, so the window's memory stays bounded.

A student's script may send a million spans a second for minutes. The model keeps the newest
`DETAIL_SPANS` spans as they came; older ones are merged, chunk by chunk: the spans of one lane
and state that follow each other with gaps shorter than the summary's resolution become one
span. Drawn at that resolution or coarser, the picture is the same (every pixel a span touched
is still touched, and a gap shorter than a bin cannot hold a whole bin); zoomed in closer, the
old part shows where a lane was in a state, not each slice. The resolution starts at 1 ms and
doubles whenever the merged spans grow past `SUMMARY_SPANS` (a very long run, or thousands
of lanes whose slices are far apart).

Merged spans are appended after the newest detail; as the oldest rows are summarised in turn,
they come round to the front again and are merged once more, at the resolution of the day.
Marks are thinned the same way: the first of each name per lane and bin is kept.
"""
import collections

import numpy as np

DETAIL_SPANS = 3_000_000        # the newest spans, kept as they came (seconds at 1M a second)
SUMMARY_SPANS = 2_000_000       # merged spans kept at most, before the resolution doubles
DETAIL_MARKS = 1_000_000        # the newest marks, kept as they came
CHUNK = 1 << 16                 # rows summarised at a time (a whole number of culling blocks)
FIRST_RESOLUTION_S = 1e-3       # the summary's first resolution
MAX_RESOLUTION_S = 1.0          # it doubles at most up to this


def merge_spans(t0, t1, lane, state, name, resolution):
    """The spans of one chunk merged: per (lane, state), spans whose gap is shorter than
    `resolution` become one span; a merged span keeps its name only if all of its parts had
    the same one (else name 0, no label). Returns (t0, t1, lane, state, name) arrays."""
    key = lane.astype(np.int64) * 256 + state
    order = np.lexsort((t0, key))                   # by lane and state, then by start
    key, a, b, name = key[order], t0[order], t1[order], name[order]
    first = np.empty(len(key), bool)
    first[0] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    group = np.cumsum(first) - 1
    base = float(a.min())
    stride = float(b.max()) - base + 4 * resolution + 1.0   # lifts each group above the last
    reach = np.maximum.accumulate((b - base) + group * stride) - group * stride + base
    new = first.copy()
    new[1:] |= a[1:] > reach[:-1] + resolution
    starts = np.flatnonzero(new)
    names = name[starts]
    same = np.minimum.reduceat(name, starts) == np.maximum.reduceat(name, starts)
    return (np.minimum.reduceat(a, starts), np.maximum.reduceat(b, starts),
            (key[starts] // 256).astype(np.int32), (key[starts] % 256).astype(np.uint8),
            np.where(same, names, 0).astype(np.int32))


def thin_marks(t, lane, name, resolution):
    """Indices of the marks of one chunk to keep: the first of each (lane, name, bin)."""
    bins = np.floor(t / resolution).astype(np.int64)
    order = np.lexsort((bins, name, lane))
    lane, name, bins = lane[order], name[order], bins[order]
    first = np.ones(len(order), bool)
    first[1:] = (lane[1:] != lane[:-1]) | (name[1:] != name[:-1]) | (bins[1:] != bins[:-1])
    first = order[first]
    return np.sort(first)


def summarise_spans(model):
    """Merge the oldest chunk of `model`'s spans; a span cut short keeps its own row, so
    its reason stays with it."""
    s = model.summary
    k = s.chunk
    chunk = {c: np.array(model.spans[c][:k]) for c in ("t0", "t1", "lane", "state", "name")}
    cut = {i: why for i, why in model.cut.items() if i < k}
    plain = np.ones(k, bool)
    plain[list(cut)] = False
    s.resolution = s.resolution or FIRST_RESOLUTION_S
    merged = merge_spans(*(chunk[c][plain] for c in ("t0", "t1", "lane", "state", "name")),
                         s.resolution)
    s.spans.took(model.spans.removed, k)        # merged before: merged once more
    s.merged += int(plain.sum()) - len(merged[0])
    s.until = max(s.until, float(chunk["t1"].max()))
    model.spans.drop_front(k)
    model.cut = {i - k: why for i, why in model.cut.items() if i >= k}
    at = model.spans.removed + len(model.spans)
    model.spans.append(t0=merged[0], t1=merged[1], lane=merged[2], state=merged[3],
                       name=merged[4])
    for i, why in sorted(cut.items()):
        model.cut[len(model.spans)] = why
        model.spans.append(**{c: chunk[c][i] for c in chunk})
    s.added(s.spans, at, model.spans.removed + len(model.spans) - at)


def thin_old_marks(model):
    """Keep the first mark of each name per lane and summary bin in the oldest chunk."""
    s = model.summary
    k = s.chunk
    chunk = {c: np.array(model.marks[c][:k]) for c in ("t", "lane", "name")}
    keep = thin_marks(chunk["t"], chunk["lane"], chunk["name"],
                      s.resolution or FIRST_RESOLUTION_S)
    s.thinned += k - len(keep)
    s.marks.took(model.marks.removed, k)
    model.marks.drop_front(k)
    s.added(s.marks, model.marks.removed + len(model.marks), len(keep))
    model.marks.append(**{c: chunk[c][keep] for c in chunk})


class Rows:
    """Where the rows a summary made are in their columns: absolute row ranges (counted from
    the run's first row), so that rows summarised once are told apart from new detail when
    they come round to the front again."""

    def __init__(self):
        self.count = 0
        self._ranges = collections.deque()

    def took(self, first, count):
        """Rows [first, first + count) leave the front; how many of them were ours."""
        taken, end = 0, first + count
        while self._ranges and self._ranges[0][0] < end:
            lo, hi = self._ranges[0]
            taken += min(hi, end) - lo
            if hi <= end:
                self._ranges.popleft()
            else:
                self._ranges[0] = (end, hi)
        self.count -= taken
        return taken

    def added(self, first, count):
        if count:
            self._ranges.append((first, first + count))
            self.count += count


class Summary:
    """What a model has summarised or dropped so far: the figures a view and an export show."""

    def __init__(self):
        self.resolution = 0.0       # seconds: the finest detail left in the summarised part
        self.until = 0.0            # spans that ended before this may be summarised
        self.merged = 0             # spans merged into others (not shown one by one)
        self.thinned = 0            # marks left out of the summarised part
        self.dropped = 0            # events the window received but could not keep
        self.dropped_from = None    # seconds: the oldest of them
        self.dropped_until = 0.0    # seconds: the newest of them
        self.detail_spans, self.detail_marks = DETAIL_SPANS, DETAIL_MARKS    # the limits
        self.chunk = CHUNK
        self.summary_spans = SUMMARY_SPANS
        self.spans, self.marks = Rows(), Rows()     # the merged spans, the thinned marks

    def detail_from(self):
        """Seconds: from here on every span and mark is kept as it came."""
        return max(self.until, self.dropped_until)

    def added(self, rows, first, count):
        """Merged spans were appended at rows [first, first + count) of `rows` (a `Rows`);
        past the budget, the resolution doubles."""
        rows.added(first, count)
        if self.spans.count > self.summary_spans:
            self.resolution = min(MAX_RESOLUTION_S, 2 * self.resolution)

    def as_dict(self):
        """For a trace file's otherData."""
        return {"dropped_events": self.dropped, "merged_spans": self.merged,
                "thinned_marks": self.thinned, "summary_resolution_s": self.resolution,
                "summarised_until_s": round(self.until, 6)}
