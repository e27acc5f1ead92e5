"""Every record is checked at the door: a frame that breaks the format is refused whole with a
one-line reason, and the model keeps exactly what came before it, consistent and exportable."""
import json
import math
import time

import numpy as np
import pytest

from gui.trace import chrome_json
from gui.trace.decoder import RECORD_DTYPE, Hello, InternedString, ProtocolError
from gui.trace.ingest import ProcessFeed
from gui.trace.model import TraceModel
from workloads import probe

S = 1_000_000_000
INT64_MIN, INT64_MAX = -2 ** 63, 2 ** 63 - 1


def records(*rows):
    return np.frombuffer(b"".join(probe.RECORD.pack(*r) for r in rows), RECORD_DTYPE)


def _bits(value):
    return int(np.float64(value).view(np.int64))


def live_feed():
    """A model and the feed of one live connection, with a thread, a span and a mark in it."""
    origin = time.perf_counter_ns()
    model = TraceModel(origin)
    feed = ProcessFeed(model, Hello(b"", 10, 1, origin + 1000, "MainProcess"),
                       clock=time.perf_counter_ns)
    feed.add(InternedString(1, "task"))
    feed.add(InternedString(2, "MainThread"))
    t = origin + 2000
    feed.add(records((probe.THREAD_START, 0, 2, 10, t, 0, 77),
                     (probe.LANE, 0, 1, 0, t, 0, -1),
                     (probe.SPAN, 6, 1, 0, t, t + 500, 77),
                     (probe.MARK, 0, 1, 0, t + 100, 0, 77)))
    return model, feed, t


def snapshot(model):
    return (len(model.lanes), len(model.spans), len(model.marks), len(model.flows),
            {k: len(v) for k, v in model.counters.items()}, len(model.names),
            [(lane.name, lane.end, lane.exit_code) for lane in model.lanes])


def exported(model):
    def no_constant(name):
        raise ValueError(f"{name} in the export")
    return json.loads(chrome_json.dumps(model), parse_constant=no_constant)


BAD = {
    "unknown kind 0": (0, 0, 1, 0, 0, 0, 77),
    "unknown kind 17": (17, 0, 1, 0, 0, 0, 77),
    "unknown category": (probe.SPAN, 200, 1, 0, 0, 10, 77),
    "unknown category of an open span": (probe.BEGIN, len(probe.CATEGORIES), 1, 0, 0, 0, 77),
    "a name never sent": (probe.MARK, 0, 7, 0, 0, 0, 77),
    "long before the run": (probe.MARK, 0, 1, 0, -120 * S, 0, 77),
    "the smallest time": (probe.MARK, 0, 1, 0, INT64_MIN, 0, 77),
    "from the future": (probe.MARK, 0, 1, 0, 3600 * S, 0, 77),
    "a span ending at the end of time": (probe.SPAN, 1, 1, 0, 0, INT64_MAX, 77),
    "a span ending long before it starts": (probe.SPAN, 1, 1, 0, 10 * S, 0, 77),
    "an infinite counter": (probe.COUNTER, 0, 1, 0, 0, _bits(math.inf), 77),
    "a NaN counter": (probe.COUNTER, 0, 1, 0, 0, _bits(math.nan), 77),
    "an exit code out of range": (probe.PROCESS_EXIT, 0, 0, 0, 0, 2 ** 40, 77),
    "a child's exit code out of range": (probe.CHILD_EXIT, 0, 0, 11, 0, INT64_MIN, 77),
    "a virtual lane with a thread's key": (probe.LANE, 0, 1, 0, 0, 0, 5),
    "a thread with a virtual key": (probe.THREAD_START, 0, 1, 0, 0, 0, -1),
    "a sublane that is its own parent": (probe.SUBLANE_START, 0, 1, 0, 0, 9, 9),
    "a virtual lane never declared": (probe.MARK, 0, 1, 0, 0, 0, -3),
    "a span on a virtual lane never declared": (probe.SPAN, 1, 1, 0, 0, 10, -3),
}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_a_bad_record_refuses_its_frame_and_leaves_the_model_as_it_was(bad):
    model, feed, t = live_feed()
    before = snapshot(model)
    kind, cat, name, tid, ts, a, thread = BAD[bad]
    if bad not in ("the smallest time", "a span ending at the end of time"):
        ts += t
        a += t if kind == probe.SPAN else 0
    frame = records((probe.SPAN, 1, 1, 0, t, t + 10, 77), (kind, cat, name, tid, ts, a, thread),
                    (probe.MARK, 0, 1, 0, t, 0, 77))
    with pytest.raises(ProtocolError) as refused:
        feed.add(frame)
    assert "\n" not in str(refused.value)
    assert snapshot(model) == before
    feed.closed(time.perf_counter_ns())             # what the listener does next
    events = exported(model)["traceEvents"]
    assert [e["name"] for e in events if e["ph"] == "X"] == ["task"]


def test_a_name_id_sent_again_with_another_text_is_refused():
    model, feed, t = live_feed()
    feed.add(InternedString(1, "task"))             # the same text again: harmless
    with pytest.raises(ProtocolError, match="another text"):
        feed.add(InternedString(1, "not the task"))
    with pytest.raises(ProtocolError, match="another text"):
        feed.add(InternedString(0, "not empty"))
    assert "not the task" not in model.names and "not empty" not in model.names


def test_a_hello_from_outside_the_run_is_refused_on_a_live_connection():
    origin = time.perf_counter_ns()
    for ts in (origin - 3600 * S, origin + 3600 * S):
        model = TraceModel(origin)
        with pytest.raises(ProtocolError, match="outside the run"):
            ProcessFeed(model, Hello(b"", 10, 1, ts, "x"), clock=time.perf_counter_ns)
        assert model.lanes == []


def test_what_the_probe_sends_passes():
    model, feed, t = live_feed()
    key = probe.sublane_key(object())
    feed.add(InternedString(3, "Task-1"))
    feed.add(records((probe.SUBLANE_START, 0, 3, 0, t + 10, 77, key),
                     (probe.SPAN, 1, 3, 0, t + 10, t + 20, key),
                     (probe.SPAN, 4, 1, 0, t + 10, t + 30, -1),
                     (probe.BEGIN, 2, 1, 0, t + 40, 0, 77), (probe.END, 2, 1, 0, t + 50, 0, 77),
                     (probe.COUNTER, 0, 1, 0, t + 60, _bits(2.5), 77),
                     (probe.FLOW_OUT, 0, 1, 0, t + 70, 3, -1),
                     (probe.FLOW_IN, 0, 1, 0, t + 80, 3, 77),
                     (probe.SUBLANE_END, 0, 0, 0, t + 90, 0, key),
                     (probe.CHILD_EXIT, 0, 0, 11, t + 95, -15, 77),
                     (probe.PROCESS_EXIT, 0, 0, 0, t + 100, 0, 77)))
    assert len(model.spans) == 4 and len(model.arrows()) == 1
    assert exported(model)["traceEvents"]
