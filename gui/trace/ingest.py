"""Feeds decoded frames of one probe connection (one process) into a `TraceModel`."""
import numpy as np

from gui.trace.decoder import Hello, InternedString, ProtocolError
from workloads import probe


class ProcessFeed:
    """Routes the frames of one connection: strings, lifecycle records and spans."""

    def __init__(self, model, hello):
        self.model = model
        self.pid = hello.pid
        self.lane = model.process(hello.pid, hello.ppid, hello.name, model.seconds(hello.ts))
        self.lane.start = float(model.seconds(hello.ts))
        self._names = np.zeros(65536, dtype=np.int32)   # probe string id -> model name id
        self._texts = {0: ""}
        self._virtual = {}                               # negative thread key -> lane title

    def add(self, frame):
        if isinstance(frame, np.ndarray):
            self.add_records(frame)
        elif isinstance(frame, InternedString):
            self._names[frame.id] = self.model.name_id(frame.text)
            self._texts[frame.id] = frame.text
        elif isinstance(frame, Hello):
            raise ProtocolError("a second HELLO on one connection")

    def add_records(self, records):
        """Spans in bulk; other records one by one, in order (thread keys are reused)."""
        others = np.flatnonzero(records["kind"] != probe.SPAN)
        start = 0
        for i in others.tolist():
            self._spans(records[start:i])
            self._lifecycle(records[i])
            start = i + 1
        self._spans(records[start:])

    def _spans(self, spans):
        if not len(spans):
            return
        model = self.model
        virtual = spans["thread"] < 0
        if virtual.any():
            for r in spans[virtual]:
                t0, t1 = float(model.seconds(r["ts"])), float(model.seconds(r["a"]))
                model.add_virtual_span(self._virtual.get(int(r["thread"]), "?"), self.pid,
                                       t0, max(t0, t1), int(r["cat"]),
                                       int(self._names[r["name"]]))
            spans = spans[~virtual]
            if not len(spans):
                return
        keys, where = np.unique(spans["thread"], return_inverse=True)
        lanes = np.array([model.thread(self.pid, int(k)).id for k in keys], np.int32)
        t0, t1 = model.seconds(spans["ts"]), model.seconds(spans["a"])
        model.add_spans(t0, np.maximum(t0, t1), lanes[where], spans["cat"],
                        self._names[spans["name"]])

    def _lifecycle(self, r):
        model, kind = self.model, int(r["kind"])
        t = float(model.seconds(r["ts"]))
        text = self._texts.get(int(r["name"]), "")
        if kind == probe.PROCESS_NAME:
            self.lane.name = text
            model.changed(layout=True)
        elif kind == probe.PROCESS_EXIT:
            self.lane.end, self.lane.exit_code = t, int(r["a"])
            model.touch(t)
        elif kind == probe.SUBLANE_START:
            model.sublane_started(self.pid, int(r["thread"]), int(r["a"]), text, t)
        elif kind == probe.SUBLANE_END:
            model.thread(self.pid, int(r["thread"])).end = t
            model.touch(t)
        elif kind == probe.LANE:
            self._virtual[int(r["thread"])] = text
        elif kind == probe.CHILD_EXIT:
            model.child_exited(int(r["tid"]), int(r["a"]))
        elif kind in (probe.THREAD_START, probe.THREAD_END):
            if kind == probe.THREAD_START:
                model.thread_started(self.pid, int(r["thread"]), int(r["tid"]), text, t)
            else:
                model.thread(self.pid, int(r["thread"])).end = t
                model.touch(t)
        else:
            self._event(kind, r, t, text)

    def _event(self, kind, r, t, text):
        model = self.model
        key = int(r["thread"])
        if key < 0:
            lane = model.virtual_lane(self._virtual.get(key, "?"), self.pid).id
        else:
            lane = model.thread(self.pid, key).id
        if kind == probe.MARK:
            model.add_mark(t, lane, text)
        elif kind == probe.COUNTER:
            model.add_counter(text, t, float(np.int64(r["a"]).view(np.float64)))
        elif kind in (probe.FLOW_OUT, probe.FLOW_IN):
            model.add_flow(t, lane, text, int(r["a"]), 1 if kind == probe.FLOW_OUT else -1)
        elif kind == probe.BEGIN:
            model.begin(lane, int(r["cat"]), text, t)
        elif kind == probe.END:
            model.end(lane, int(r["cat"]), text, t)
        else:
            raise ProtocolError(f"unknown record kind {kind}")

    def closed(self, ts_ns):
        """The connection ended: the process is gone even if it could not say so."""
        self.model.process_ended(self.lane, float(self.model.seconds(ts_ns)))
