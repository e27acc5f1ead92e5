"""The trace of one run: lanes (process > thread), spans, marks, counters and arrows.

Plain Python + numpy, no Qt. Spans live in numpy columns (about 25 bytes each) so a view can
cull and draw a million of them per frame. Every change bumps `revision`; views repaint only
when it moved.
"""
import re

import numpy as np

from gui.trace.columns import Columns
from gui.trace.lane import Lane
from gui.trace import summary
from workloads import probe

STATES = probe.CATEGORIES                 # state code -> category name ("run", "wait.gil", ...)
_INTERNAL_THREAD = re.compile(r"\(_\w+\)$")   # stdlib helpers: "Thread-3 (_handle_tasks)"
MAX_STACKED = 12                          # rows of one virtual lane at most
MAX_ROWS = 2000                           # rows shown at most; the rest share the last one
_SIGNALS = {15: "terminated", 9: "killed"}   # SIGTERM, SIGKILL: how a cut span's process ended


class TraceModel:
    def __init__(self, origin_ns=0):
        self.origin_ns = origin_ns
        self.revision = 0
        self.lanes = []
        self.processes = {}                 # pid -> process Lane
        self._threads = {}                  # (pid, tid) -> thread Lane
        self.names = [""]
        self._name_ids = {"": 0}
        self.spans = Columns(t0="f8", t1="f8", lane="i4", state="u1", name="i4")
        self.marks = Columns(t="f8", lane="i4", name="i4")
        self.flows = Columns(t="f8", lane="i4", name="i4", fid="i8", dir="i1")
        self.counters = {}                  # name -> Columns(t, value)
        self.counter_lanes = {}             # name -> its row (a "counter" Lane)
        self.open_spans = {}                # (lane, state, name) -> start, for BEGIN/END
        self.cut = {}                       # span index -> why it was cut short (see cut_reason)
        self.result = {}                    # the lesson's figures (probe.result), checked
        self.others_cores = None            # cores other programs kept busy during the run
        self.summary = summary.Summary()    # old detail summarised, events dropped
        self.end_time = 0.0
        self._virtual = {}                  # title -> [Lane, ...] rows of one virtual lane
        self._virtual_end = {}              # virtual lane id -> end of its last span
        self._spanned = set()               # lane ids that have spans
        self._has_spans = np.zeros(0, bool)   # the same, by lane id
        self._rows = None
        self._lane_rows = None
        self._merged = {}                   # lane id of a main thread drawn on its process row
        self.folded = 0                     # lanes drawn together on the last row

    # -- lanes ------------------------------------------------------------------------
    def process(self, pid, ppid=0, name="", start=None):
        lane = self.processes.get(pid)
        if lane is None:
            lane = self._new_lane("process", pid, pid, name, self.processes.get(ppid), start)
            self.processes[pid] = lane
        elif name:
            lane.name = name
        return lane

    def thread(self, pid, key, name=""):
        """The lane of thread `key` (the probe's thread key) in process `pid`."""
        lane = self._threads.get((pid, key))
        if lane is None:
            lane = self._new_lane("thread", pid, 0, name, self.process(pid), None, key)
            self._threads[pid, key] = lane
        return lane

    def thread_started(self, pid, key, tid, name, t):
        """A new thread: a new lane, even when its key belonged to a thread that ended."""
        lane = self._threads.get((pid, key))
        if lane is not None and lane.end is not None:
            del self._threads[pid, key]
            lane = None
        lane = lane or self.thread(pid, key)
        lane.tid, lane.name, lane.start = tid, name, t
        self.changed(layout=True)
        return lane

    def sublane_started(self, pid, key, parent_key, name, t):
        """A lane nested under the thread `parent_key` (an asyncio task, a greenlet)."""
        parent = self.thread(pid, parent_key)
        lane = self._threads.get((pid, key))
        if lane is None or lane.end is not None:
            lane = Lane(len(self.lanes), "thread", pid, 0, name, parent, t, key=key)
            lane.sublane = True
            self.lanes.append(lane)
            parent.children.append(lane)
            self._threads[pid, key] = lane
        lane.name = name
        self.changed(layout=True)
        return lane

    def root(self):
        """The lesson's main process: the first process without a known parent."""
        return next((lane for lane in self.lanes if lane.kind == "process"
                     and lane.parent is None), None)

    def virtual_lane(self, title, pid, start=None):
        """A row of the virtual lane `title` that is free from `start` on (a new row is
        stacked below when all are busy); virtual lanes live under the main process."""
        rows = self._virtual.setdefault(title, [])
        for lane in rows:
            if start is None or self._virtual_end.get(lane.id, -1.0) <= start + 1e-6:
                return lane
        if len(rows) >= MAX_STACKED:        # a long queue: reuse the row that frees first
            return min(rows, key=lambda lane: self._virtual_end.get(lane.id, -1.0))
        root = self.root() or self.process(pid)
        lane = self._new_lane("thread", root.pid, 0, title if not rows else "", root, start,
                              key=-(len(self.lanes) + 1))
        lane.virtual, lane.group = True, title
        rows.append(lane)
        return lane

    def add_virtual_span(self, title, pid, t0, t1, state, name):
        lane = self.virtual_lane(title, pid, t0)
        self._virtual_end[lane.id] = max(t1, self._virtual_end.get(lane.id, t1))
        self.add_spans([t0], [t1], [lane.id], [state], [name])

    def process_ended(self, lane, t):
        """A process ended at `t`: its threads end too, and a span it never finished (a get()
        cut short by terminate(), a task when the run was stopped) ends at that moment,
        marked as cut. Why it was cut follows from how the process ended (`cut_reason`)."""
        lane.end = t if lane.end is None else lane.end
        for child in lane.children:
            if child.kind == "thread" and not child.virtual:
                for sub in [child] + child.children:
                    sub.end = lane.end if sub.end is None else sub.end
        threads = [c for c in lane.children if c.kind == "thread"]     # not child processes
        lanes = {c.id for c in threads} | {s.id for c in threads for s in c.children}
        self._cut_open(lanes, lane.end, lane)
        self.touch(lane.end)

    def lane_ended(self, lane, t):
        """A thread, task or greenlet ended at `t`: a span still open on it is cut there."""
        lane.end = t
        self._cut_open({lane.id}, t, "ended")
        self.touch(t)

    def _cut_open(self, lanes, t, why):
        """End the open spans of `lanes` at `t` and note them as cut (`why`: a text, or the
        process Lane whose end cut them)."""
        for key in [k for k in self.open_spans if k[0] in lanes]:
            start = self.open_spans.pop(key)
            self.cut[len(self.spans)] = why
            self.add_spans([start], [max(start, t)], [key[0]], [key[1]],
                           [self.name_id(key[2])])

    def cut_reason(self, index):
        """Why span `index` was cut short, "" if it was not: "terminated" or "killed" (the
        lesson sent its process that signal, e.g. terminate()), "stopped" (the run was
        stopped: its main process was killed) or "ended". Asked, not stored: a process's exit
        code may arrive after its end."""
        why = self.cut.get(index, "")
        if isinstance(why, str):
            return why
        root, code = self.root(), why.exit_code
        if why is not root and code is not None and code < 0:
            return _SIGNALS.get(-code, f"signal {-code}")
        return "stopped" if root is not None and (root.exit_code or 0) < 0 else "ended"

    def child_exited(self, pid, code):
        """The exit code a parent saw for its child (e.g. -15 after terminate())."""
        lane = self.processes.get(pid)
        if lane is not None:
            lane.exit_code = code
            self.changed()

    def _new_lane(self, kind, pid, tid, name, parent, start, key=0):
        lane = Lane(len(self.lanes), kind, pid, tid, name, parent, start, key=key)
        self.lanes.append(lane)
        if parent is not None:
            parent.children.append(lane)
        self.changed(layout=True)
        return lane

    def rows(self):
        """Visible lanes in display order with their nesting depth: [(Lane, depth), ...].

        A process whose only thread is its main thread gets one row, not two: the thread's
        spans are drawn on the process row (`lane_rows` maps them there). Beyond MAX_ROWS
        rows, the rest are drawn together on one "summary" row that says how many they are:
        no one reads more, and the view's cost stays bounded."""
        if self._rows is None:
            rows, self._merged, self._lane_rows = [], {}, None
            for lane in self.lanes:
                if lane.kind == "process" and lane.parent is None:
                    self._walk(lane, rows)
            rows += [(lane, 0) for lane in self.counter_lanes.values()]   # at the bottom
            self._fold(rows)
            self._rows = rows
        return self._rows

    def _walk(self, top, rows):
        """`top` and everything under it, depth first (a loop: a long chain of forks is
        deeper than Python's recursion limit)."""
        stack = [(top, 0)]
        while stack:
            lane, depth = stack.pop()
            rows.append((lane, depth))
            threads = [c for c in lane.children if c.kind == "thread" and self._shown(c)]
            real = [c for c in threads if not c.virtual]
            # a lone MainThread shares its process's row, unless it runs tasks or greenlets:
            # then it keeps a row of its own, above them, to show they share one thread
            if len(real) == 1 and real[0].is_main and not real[0].children:
                self._merged[real[0].id] = len(rows) - 1
                threads = [c for c in threads if c.virtual]
            # threads first, then each virtual lane with its stacked rows kept together
            for child in sorted(threads, key=lambda c: (c.virtual, c.group if c.virtual
                                                        else "")):
                rows.append((child, depth + 1))
                for sub in child.children:
                    rows.append((sub, depth + 2))
            stack += [(child, depth + 1) for child in reversed(lane.children)
                      if child.kind == "process"]

    def _fold(self, rows):
        self.folded = max(0, len(rows) - (MAX_ROWS - 1)) if len(rows) > MAX_ROWS else 0
        if not self.folded:
            return
        folded = rows[MAX_ROWS - 1:]
        del rows[MAX_ROWS - 1:]
        summary = Lane(-1, "summary", 0, name=f"+ {len(folded):,} more lanes, drawn together")
        summary.children = [lane for lane, _ in folded]
        rows.append((summary, 0))

    def _shown(self, lane):
        return lane.id in self._spanned or not _INTERNAL_THREAD.search(lane.name or "")

    def lane_rows(self):
        """Row index of every lane id (-1 when hidden), for vectorised drawing; lanes beyond
        MAX_ROWS map to the summary row. Read-only: it is kept until the layout changes."""
        shown = self.rows()
        if self._lane_rows is not None and len(self._lane_rows) == len(self.lanes):
            return self._lane_rows
        rows = np.full(len(self.lanes), -1, dtype=np.int32)
        last = len(shown) - 1
        for row, (lane, _) in enumerate(shown):
            if lane.kind == "summary":
                rows[[folded.id for folded in lane.children]] = row
            else:
                rows[lane.id] = row
        for lane_id, row in self._merged.items():
            rows[lane_id] = min(row, last) if self.folded else row
        rows.flags.writeable = False
        self._lane_rows = rows
        return rows

    # -- names and time ---------------------------------------------------------------
    def name_id(self, text):
        nid = self._name_ids.get(text)
        if nid is None:
            nid = self._name_ids[text] = len(self.names)
            self.names.append(text)
        return nid

    def seconds(self, ts_ns):
        return (np.asarray(ts_ns, dtype=np.int64) - self.origin_ns) * 1e-9

    def changed(self, layout=False):
        self.revision += 1
        if layout:
            self._rows = self._lane_rows = None

    # -- adding data ------------------------------------------------------------------
    def add_spans(self, t0, t1, lane, state, name):
        """Append spans given as arrays (seconds, lane ids, state codes, name ids)."""
        lane = np.asarray(lane, dtype=np.int32)
        if lane.size == 0:
            return
        self.spans.append(t0=t0, t1=t1, lane=lane, state=state, name=name)
        self.end_time = max(self.end_time, float(np.max(t1)))
        new = self._new_lanes(lane)
        while len(self.spans) - self.summary.spans.count >= self.summary.detail_spans + \
                self.summary.chunk:
            summary.summarise_spans(self)
        self.changed(layout=bool(new))

    def _new_lanes(self, lane):
        """The lanes of `lane` that had no span before (a check per span, no sort)."""
        if len(self._has_spans) < len(self.lanes):
            grown = np.zeros(2 * len(self.lanes) + 16, bool)
            grown[:len(self._has_spans)] = self._has_spans
            self._has_spans = grown
        fresh = ~self._has_spans[lane]
        if not fresh.any():
            return set()
        new = set(np.unique(lane[fresh]).tolist())
        self._has_spans[list(new)] = True
        self._spanned |= new
        return new

    def add_mark(self, t, lane, name):
        self.add_marks([t], [lane], [self.name_id(name)])

    def add_marks(self, t, lane, name):
        """Append marks given as arrays (seconds, lane ids, name ids)."""
        self.marks.append(t=t, lane=lane, name=name)
        while len(self.marks) - self.summary.marks.count >= self.summary.detail_marks + \
                self.summary.chunk:
            summary.thin_old_marks(self)
        self.touch(np.max(t))

    def drop(self, events, since, until):
        """The window received `events` events from time `since` to `until` it could not
        keep: they are counted, and shown."""
        if events:
            s = self.summary
            first = s.dropped_from if s.dropped_from is not None else float(since)
            s.dropped += int(events)
            s.dropped_from = min(float(since), first)
            s.dropped_until = max(s.dropped_until, float(until))
            self.changed()

    @property
    def events(self):
        """Span and mark events received: those kept, merged into others or dropped."""
        s = self.summary
        return len(self.spans) + len(self.marks) + s.merged + s.thinned + s.dropped

    def add_flow(self, t, lane, name, fid, direction):
        self.flows.append(t=t, lane=lane, name=self.name_id(name), fid=fid, dir=direction)
        self.touch(t)

    def add_result(self, figures):
        """The lesson's figures (already checked): later calls add to and replace earlier."""
        self.result.update(figures)
        self.changed()

    def add_counter(self, name, t, value):
        column = self.counters.get(name)
        if column is None:
            column = self.counters[name] = Columns(64, t="f8", value="f8")
            root = self.root()
            lane = self._new_lane("counter", root.pid if root else 0, 0, name, None, t)
            self.counter_lanes[name] = lane
        column.append(t=t, value=value)
        self.touch(t)

    def begin(self, lane, state, name, t):
        self.open_spans[lane, state, name] = t
        self.touch(t)

    def end(self, lane, state, name, t):
        start = self.open_spans.pop((lane, state, name), None)
        if start is not None:
            self.add_spans([start], [t], [lane], [state], [self.name_id(name)])

    def touch(self, t):
        self.end_time = max(self.end_time, float(t))
        self.changed()

    def arrows(self, numbered=False):
        """Matched arrows as (t_out, lane_out, t_in, lane_in, name id) tuples; `numbered`
        adds the message's number (its flow id) at the end, for its label ("ping 1")."""
        flows, outs = self.flows, {}
        for t, lane, name, fid, d in zip(flows["t"], flows["lane"], flows["name"],
                                         flows["fid"], flows["dir"]):
            if d > 0:
                outs[name, fid] = (t, lane)
        result = []
        for t, lane, name, fid, d in zip(flows["t"], flows["lane"], flows["name"],
                                         flows["fid"], flows["dir"]):
            if d < 0 and (name, fid) in outs:
                t_out, lane_out = outs[name, fid]
                arrow = (float(t_out), int(lane_out), float(t), int(lane), int(name))
                result.append(arrow + (int(fid),) if numbered else arrow)
        return result

    @property
    def bytes_per_span(self):
        return self.spans.nbytes / max(1, len(self.spans))
