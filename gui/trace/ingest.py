"""Feeds decoded frames of one probe connection (one process) into a `TraceModel`.

Everything is checked before it is applied (`gui/trace/record_check.py` for whole frames,
the feed itself for what depends on earlier records): a frame that breaks the format raises
`ProtocolError` and none of it reaches the model.
"""
import collections

import numpy as np

from gui.trace import record_check
from gui.trace.decoder import Hello, InternedString, ProtocolError
from workloads import probe
from workloads._trace.figures import MAX_FIGURES, decode as decode_figures

# A record may predate its process's HELLO (or the run's origin, whichever is earlier) by this
# much: a span begun before a fork ends in the child.
EARLY_NS = 60 * 10 ** 9
LATE_NS = 24 * 3600 * 10 ** 9           # without a clock: later than this after HELLO is garbage
FUTURE_NS = 10 ** 9                     # with a clock: a record may not be from the future
HOLD_RECORDS = 1 << 20                  # held back when behind: about the last second
_FEW_KEYS = 8                           # threads of a frame matched one by one at most
MAX_LANES = 65536                       # thread keys and virtual lanes of one process


def _bulk(kind):
    """Which records are spans or marks: the many, taken in bulk (and dropped when the window
    is behind)."""
    return (kind == probe.SPAN) | (kind == probe.MARK)


def _rows(records, mask):
    """The records where `mask` is set (row by row as plain 32-byte rows: numpy copies
    those much faster than records with fields)."""
    rows = records.view(np.uint64).reshape(len(records), -1)[mask]
    return rows.view(records.dtype).reshape(-1)


class ProcessFeed:
    """Routes the frames of one connection: strings, lifecycle records and spans.

    `clock` (``time.perf_counter_ns`` on a live connection) bounds times from above; without
    it (replay, benchmarks) times may run up to a day past the HELLO."""

    def __init__(self, model, hello, clock=None, hold=HOLD_RECORDS):
        self.model = model
        self.pid = hello.pid
        self._clock = clock
        self._lo = min(hello.ts, model.origin_ns) - EARLY_NS
        self._hi = hello.ts + LATE_NS
        if clock is not None and not model.origin_ns - EARLY_NS <= hello.ts <= self._late():
            raise ProtocolError("a HELLO sent at a time outside the run")
        self.lane = model.process(hello.pid, hello.ppid, hello.name, model.seconds(hello.ts))
        self.lane.start = float(model.seconds(hello.ts))
        self._names = np.zeros(65536, dtype=np.int32)   # probe string id -> model name id
        self._known = np.zeros(65536, dtype=bool)        # string ids interned so far
        self._known[0] = True
        self._texts = {0: ""}
        self._virtual = {}                               # negative thread key -> lane title
        self._keys = set()                               # thread keys seen
        self._held = collections.deque()                 # frames held back (see `add`)
        self._held_n = 0                                 # records in them
        self._hold_max = hold

    def _late(self):
        if self._clock is None:
            return self._hi
        return min(self._hi, self._clock() + FUTURE_NS)

    def add(self, frame, shed=False):
        """One decoded frame. With `shed` the window is behind: the frame is held back,
        and only the newest `hold` held records are kept whole; older ones lose
        their spans and marks, counted as dropped (lifecycle records and results are always
        kept). Held frames are taken in, in order, once the window keeps up or the
        connection ends: the end of a run is never dropped."""
        if isinstance(frame, np.ndarray):
            if shed:
                self._hold(frame)
            else:
                self.release()
                self.add_records(frame)
        elif isinstance(frame, InternedString):
            self._intern(frame.id, frame.text)
        elif isinstance(frame, Hello):
            raise ProtocolError("a second HELLO on one connection")

    def _hold(self, records):
        record_check.check(records, self._known, self._lo, self._late())   # refused now
        self._held.append(records)
        self._held_n += len(records)
        while self._held_n - len(self._held[0]) >= self._hold_max:
            old = self._held.popleft()
            self._held_n -= len(old)
            self.add_records(self._shed(old))

    def release(self):
        """Take in the held frames, oldest first."""
        while self._held:
            old = self._held.popleft()
            self._held_n -= len(old)
            self.add_records(old)

    def _intern(self, sid, text):
        known = self._texts.get(sid)
        if known is not None:
            if known != text:
                raise ProtocolError(f"name id {sid} sent again with another text")
            return
        self._names[sid] = self.model.name_id(text)
        self._texts[sid] = text
        self._known[sid] = True

    def _shed(self, records):
        """The records of a frame without its spans and marks, which are counted as
        dropped."""
        bulk = _bulk(records["kind"])
        if bulk.any():
            ts = records["ts"][bulk]
            self.model.drop(np.count_nonzero(bulk), self.model.seconds(ts.min()),
                            self.model.seconds(ts.max()))
        return records[~bulk]

    def add_records(self, records):
        """Spans and marks in bulk; other records one by one, in order (thread keys are
        reused)."""
        if not len(records):
            return
        record_check.check(records, self._known, self._lo, self._late())
        self._check_lanes(records)
        results = self._check_results(records)
        others = np.flatnonzero(~_bulk(records["kind"]))
        start = 0
        for i in others.tolist():
            self._take_bulk(records[start:i])
            if results and records[i]["kind"] == probe.RESULT:
                self.model.add_result(results.pop(0))
            else:
                self._lifecycle(records[i])
            start = i + 1
        self._take_bulk(records[start:])

    def _take_bulk(self, records):
        if len(records):
            marks = records["kind"] == probe.MARK
            if marks.any():
                self._marks(_rows(records, marks))
                records = _rows(records, ~marks)
            self._spans(records)

    def _check_results(self, records):
        """The figures of the frame's RESULT records, refused whole if any is malformed."""
        at = np.flatnonzero(records["kind"] == probe.RESULT)
        figures = []
        for i in at.tolist():
            try:
                figures.append(decode_figures(self._texts[int(records[i]["name"])]))
            except ValueError as exc:
                raise ProtocolError(f"a result with {exc}") from None
        names = set(self.model.result).union(*figures) if figures else ()
        if len(names) > MAX_FIGURES:
            raise ProtocolError(f"a run with more than {MAX_FIGURES} figures")
        return figures

    def _check_lanes(self, records):
        """Refuse the frame before any of it is applied if it uses a virtual lane before
        declaring it, or brings more lanes than a process may have."""
        thread, kind = records["thread"], records["kind"]
        if len(self._keys) + 2 * len(records) <= MAX_LANES and thread.min() >= 0:
            return                              # the common frame: no virtual lane in it
        declares = kind == probe.LANE
        virtual = (thread < 0) & ~declares
        if virtual.any():
            used, first_use = np.unique(thread[virtual], return_index=True)
            first_use = np.flatnonzero(virtual)[first_use]
            lanes = np.flatnonzero(declares)
            for key, at in zip(used.tolist(), first_use.tolist()):
                if key not in self._virtual and not (lanes[thread[lanes] == key] < at).any():
                    raise ProtocolError(f"a record on virtual lane {key}, which was never "
                                        "declared")
        if declares.any():
            new = set(thread[declares].tolist()) - self._virtual.keys()
            if len(self._virtual) + len(new) > MAX_LANES:
                raise ProtocolError(f"a process with more than {MAX_LANES} virtual lanes")
        keys = thread[thread >= 0]
        subs = kind == probe.SUBLANE_START
        if subs.any():
            keys = np.concatenate([keys, records["a"][subs]])
        if len(self._keys) + len(keys) > MAX_LANES:
            new = set(np.unique(keys).tolist()) - self._keys
            if len(self._keys) + len(new) > MAX_LANES:
                raise ProtocolError(f"a process with more than {MAX_LANES} threads")

    def _thread(self, key):
        """The lane of real thread key `key`, within the per-process lane budget."""
        self._count(key)
        return self.model.thread(self.pid, key)

    def _count(self, key):
        if key not in self._keys:
            if len(self._keys) >= MAX_LANES:
                raise ProtocolError(f"a process with more than {MAX_LANES} threads")
            self._keys.add(key)

    def _title(self, key):
        title = self._virtual.get(key)
        if title is None:
            raise ProtocolError(f"a record on virtual lane {key}, which was never declared")
        return title

    def _spans(self, spans):
        if not len(spans):
            return
        model = self.model
        virtual = spans["thread"] < 0
        if virtual.any():
            titles = [self._title(int(k)) for k in spans["thread"][virtual]]
            for title, r in zip(titles, spans[virtual]):
                t0, t1 = float(model.seconds(r["ts"])), float(model.seconds(r["a"]))
                model.add_virtual_span(title, self.pid, t0, max(t0, t1), int(r["cat"]),
                                       int(self._names[r["name"]]))
            spans = spans[~virtual]
            if not len(spans):
                return
        t0, t1 = model.seconds(spans["ts"]), model.seconds(spans["a"])
        model.add_spans(t0, np.maximum(t0, t1), self._lanes(spans["thread"]), spans["cat"],
                        self._names[spans["name"]])

    def _lanes(self, threads):
        """The lane id of each thread key (a frame holds a few threads' records, often in
        long runs: compared key by key, which is faster than sorting them)."""
        out = np.empty(len(threads), np.int32)
        left = np.ones(len(threads), bool)
        for _ in range(_FEW_KEYS):
            at = np.flatnonzero(left)
            if not at.size:
                return out
            key = int(threads[at[0]])
            same = threads == key
            out[same] = self._thread(key).id
            left &= ~same
        if not left.any():
            return out
        rest = threads[left]
        keys = np.unique(rest)
        lanes = np.array([self._thread(int(k)).id for k in keys.tolist()], np.int32)
        out[left] = lanes[np.searchsorted(keys, rest)]
        return out

    def _marks(self, marks):
        virtual = marks["thread"] < 0
        for r in marks[virtual]:                # marks on a queue's lane: few, one by one
            self._lifecycle(r)
        marks = marks[~virtual]
        if len(marks):
            self.model.add_marks(self.model.seconds(marks["ts"]),
                                 self._lanes(marks["thread"]), self._names[marks["name"]])

    def _lifecycle(self, r):
        model, kind, key = self.model, int(r["kind"]), int(r["thread"])
        t = float(model.seconds(r["ts"]))
        text = self._texts[int(r["name"])]
        if kind == probe.PROCESS_NAME:
            self.lane.name = text
            model.changed(layout=True)
        elif kind == probe.PROCESS_EXIT:
            self.lane.end, self.lane.exit_code = t, int(r["a"])
            model.touch(t)
        elif kind == probe.SUBLANE_START:
            self._count(int(r["a"]))
            self._count(key)
            model.sublane_started(self.pid, key, int(r["a"]), text, t)
        elif kind in (probe.SUBLANE_END, probe.THREAD_END):
            model.lane_ended(self._thread(key), t)
        elif kind == probe.LANE:
            self._virtual[key] = text
        elif kind == probe.CHILD_EXIT:
            model.child_exited(int(r["tid"]), int(r["a"]))
        elif kind == probe.THREAD_START:
            self._thread(key)
            model.thread_started(self.pid, key, int(r["tid"]), text, t)
        else:
            self._event(kind, r, t, text)

    def _event(self, kind, r, t, text):
        model = self.model
        key = int(r["thread"])
        if key < 0:
            lane = model.virtual_lane(self._title(key), self.pid).id
        else:
            lane = self._thread(key).id
        if kind == probe.MARK:
            model.add_mark(t, lane, text)
        elif kind == probe.COUNTER:
            model.add_counter(text, t, float(np.int64(r["a"]).view(np.float64)))
        elif kind in (probe.FLOW_OUT, probe.FLOW_IN):
            model.add_flow(t, lane, text, int(r["a"]), 1 if kind == probe.FLOW_OUT else -1)
        elif kind == probe.BEGIN:
            model.begin(lane, int(r["cat"]), text, t)
        else:                                   # END: record_check allows no other kind
            start = model.open_spans.get((lane, int(r["cat"]), text))
            model.end(lane, int(r["cat"]), text, t if start is None else max(t, start))

    def closed(self, ts_ns):
        """The connection ended: the process is gone even if it could not say so. What was
        held back is taken in first; a held frame that breaks the format ends that."""
        try:
            self.release()
        except ProtocolError:
            self._held.clear()
        self.model.process_ended(self.lane, float(self.model.seconds(ts_ns)))
