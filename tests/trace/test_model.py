"""The trace model: lanes nest process > thread, spans land on their lane, exports keep it."""
import json

import numpy as np

from gui.trace import chrome_json
from gui.trace.decoder import Hello
from gui.trace.ingest import ProcessFeed
from gui.trace.model import TraceModel
from workloads import probe


def records(*rows):
    from gui.trace.decoder import RECORD_DTYPE
    return np.frombuffer(b"".join(probe.RECORD.pack(*r) for r in rows), RECORD_DTYPE)


def feed(model, pid, ppid, name):
    return ProcessFeed(model, Hello(b"", pid, ppid, 0, name))


def test_lanes_nest_and_are_named_for_students():
    model = TraceModel()
    main = feed(model, 10, 1, "MainProcess")
    worker = feed(model, 11, 10, "MainProcess")
    main.add(records((probe.THREAD_START, 0, 0, 10, 0, 0, 10)))
    from gui.trace.decoder import InternedString
    for f, text in ((worker, "ForkPoolWorker-2"), (worker, "task 0"), (main, "MainThread")):
        f.add(InternedString(1 if text != "task 0" else 2, text))
    worker.add(records((probe.PROCESS_NAME, 0, 1, 11, 5, 0, 0),
                       (probe.SPAN, 6, 2, 0, 1_000_000, 3_000_000, 11)))
    labels = [(lane.label, depth) for lane, depth in model.rows()]
    assert labels[0] == ("PID 10 · main process", 0)
    assert ("PID 11 · Pool worker 2", 1) in labels
    span_lane = model.lanes[model.spans["lane"][0]]
    assert span_lane.pid == 11 and span_lane.parent.label == "PID 11 · Pool worker 2"
    assert model.spans["t1"][0] - model.spans["t0"][0] == 0.002


def test_internal_helper_threads_are_folded_unless_they_have_spans():
    model = TraceModel()
    main = feed(model, 10, 1, "MainProcess")
    from gui.trace.decoder import InternedString
    main.add(InternedString(1, "Thread-1 (_handle_tasks)"))
    main.add(records((probe.THREAD_START, 0, 1, 77, 0, 0, 77)))
    assert [lane.kind for lane, _ in model.rows()] == ["process"]
    main.add(records((probe.SPAN, 1, 1, 0, 0, 10, 77)))
    assert [lane.kind for lane, _ in model.rows()] == ["process", "thread"]


def test_many_spans_cost_at_most_40_bytes_each():
    model = TraceModel()
    lane = model.thread(1, 1).id
    for _ in range(20):
        n = 50_000
        t = np.arange(n, dtype=float)
        model.add_spans(t, t + 0.5, np.full(n, lane), np.ones(n, np.uint8), np.zeros(n, np.int32))
    assert len(model.spans) == 1_000_000
    assert model.bytes_per_span <= 40


def test_chrome_json_follows_the_contract():
    model = TraceModel()
    f = feed(model, 10, 1, "MainProcess")
    from gui.trace.decoder import InternedString
    f.add(InternedString(1, "put A"))
    f.add(records((probe.SPAN, 6, 1, 10, 1000, 2000, 0), (probe.MARK, 0, 1, 10, 1500, 0, 0),
                  (probe.FLOW_OUT, 0, 1, 10, 1600, 7, 0), (probe.FLOW_IN, 0, 1, 10, 1700, 7, 0)))
    doc = json.loads(json.dumps(chrome_json.to_chrome(model, "x.y", {"n": 1}, "3.11.7")))
    assert doc["displayTimeUnit"] == "ms"
    assert doc["otherData"] == {"lesson": "x.y", "params": {"n": 1}, "python": "3.11.7"}
    by_ph = {}
    for e in doc["traceEvents"]:
        by_ph.setdefault(e["ph"], []).append(e)
    span, = [e for e in by_ph["X"] if e["cat"] != "message"]
    out, into = [e for e in by_ph["X"] if e["cat"] == "message"]        # the arrow's ends
    assert span["cat"] == "task" and span["ts"] == 1.0 and span["dur"] == 1.0
    assert isinstance(span["pid"], int) and isinstance(span["tid"], int)
    assert (out["args"], into["args"]) == ({"flow": 7, "dir": 1}, {"flow": 7, "dir": -1})
    # the contract's flow events, each right after the end it binds to, one id for the pair
    s_event, f_event = by_ph["s"][0], by_ph["f"][0]
    assert (s_event["ts"], s_event["tid"]) == (out["ts"], out["tid"]) and "bp" not in s_event
    assert (f_event["ts"], f_event["tid"], f_event["bp"]) == (into["ts"], into["tid"], "e")
    assert s_event["id"] == f_event["id"] and s_event["cat"] == f_event["cat"] == "message"
    assert doc["traceEvents"].index(s_event) == doc["traceEvents"].index(out) + 1
    assert by_ph["i"][0]["name"] == "put A"
    assert {e["name"] for e in by_ph["M"]} == {"process_name", "thread_name"}


def test_virtual_lanes_sit_under_the_main_process_and_stack_overlapping_spans():
    model = TraceModel()
    main = feed(model, 10, 1, "MainProcess")
    worker = feed(model, 11, 10, "ForkPoolWorker-1")
    from gui.trace.decoder import InternedString
    for f in (main, worker):
        f.add(InternedString(1, "waiting for a worker"))
        f.add(InternedString(2, "task"))
    worker.add(records((probe.LANE, 0, 1, 0, 0, 0, -1),
                       (probe.SPAN, 4, 2, 0, 0, 3_000_000_000, -1),       # 0..3 s
                       (probe.SPAN, 4, 2, 0, 0, 1_000_000_000, -1),       # 0..1 s: overlaps
                       (probe.SPAN, 4, 2, 0, 1_000_000_000, 2_000_000_000, -1)))   # fits row 2
    rows = [(lane.label, depth, lane.pid) for lane, depth in model.rows()]
    assert rows[1] == ("waiting for a worker", 1, 10)      # under the main process
    assert rows[2] == ("", 1, 10)                          # stacked continuation row
    lanes = [model.lanes[l] for l in model.spans["lane"]]
    assert lanes[0] is not lanes[1] and lanes[1] is lanes[2]


def test_the_exit_code_a_parent_saw_lands_on_the_child():
    model = TraceModel()
    main = feed(model, 10, 1, "MainProcess")
    feed(model, 11, 10, "Reader")
    main.add(records((probe.CHILD_EXIT, 0, 0, 11, 5, -15, 10)))
    assert model.processes[11].exit_code == -15


def test_a_counter_gets_its_own_row_at_the_bottom():
    model = TraceModel()
    main = feed(model, 10, 1, "MainProcess")
    from gui.trace.decoder import InternedString
    main.add(InternedString(1, "balance"))
    value = np.float64(5.0).view(np.int64)
    main.add(records((probe.COUNTER, 0, 1, 0, 1000, int(value), 10)))
    lane, depth = model.rows()[-1]
    assert (lane.kind, lane.label, depth) == ("counter", "balance", 0)
    assert list(model.counters["balance"]["value"]) == [5.0]
    events = chrome_json.to_chrome(model)["traceEvents"]
    assert [(e["name"], e["args"]) for e in events if e["ph"] == "C"] == [("balance", {"": 5.0})]
    assert not any(e["ph"] == "M" and e["args"]["name"] == "balance" for e in events)


def test_sublanes_nest_under_the_thread_that_runs_them():
    model = TraceModel()
    main = feed(model, 10, 1, "MainProcess")
    from gui.trace.decoder import InternedString
    main.add(InternedString(1, "MainThread"))
    main.add(InternedString(2, "Task-1"))
    main.add(InternedString(3, "Worker"))
    task = (1 << 62) | 12345
    main.add(records((probe.THREAD_START, 0, 1, 10, 0, 0, 77),
                     (probe.THREAD_START, 0, 3, 11, 0, 0, 88),
                     (probe.SUBLANE_START, 0, 2, 0, 5, 77, task),
                     (probe.SPAN, 1, 2, 0, 10, 20, task)))
    rows = [(lane.label, depth) for lane, depth in model.rows()]
    assert rows == [("PID 10 · main process", 0), ("MainThread", 1), ("Task-1", 2),
                    ("Worker", 1)]
    span_lane = model.lanes[model.spans["lane"][0]]
    assert span_lane.sublane and span_lane.parent.name == "MainThread"
    names = {e["args"]["name"] for e in chrome_json.to_chrome(model)["traceEvents"]
             if e["ph"] == "M"}
    assert "Task-1" in names


def many_threads(count):
    """One process with `count` threads, one span each (as a trace of thread churn)."""
    model = TraceModel()
    root = model.process(10, 0, "MainProcess", 0.0)
    lanes = [model.thread_started(10, key, key, f"Thread-{key}", 0.0) for key in range(count)]
    model.add_spans(np.arange(count) * 1e-3, np.arange(count) * 1e-3 + 5e-4,
                    [lane.id for lane in lanes], np.full(count, 1), np.zeros(count))
    return model, root, lanes


def test_lanes_beyond_the_row_limit_are_drawn_together_on_a_row_that_says_how_many():
    from gui.trace.model import MAX_ROWS
    count = MAX_ROWS + 500
    model, root, lanes = many_threads(count)
    rows = model.rows()
    assert len(rows) == MAX_ROWS
    summary = rows[-1][0]
    folded = count + 1 - (MAX_ROWS - 1)                # the process and its threads, in rows
    assert summary.kind == "summary" and f"+ {folded:,} more lanes" in summary.label
    lane_rows = model.lane_rows()
    assert lane_rows[root.id] == 0 and lane_rows[lanes[0].id] == 1
    assert lane_rows[lanes[-1].id] == MAX_ROWS - 1     # its spans are drawn on the last row
    assert (lane_rows >= 0).all() and lane_rows.max() == MAX_ROWS - 1


def test_a_long_chain_of_forks_lays_out_without_recursion():
    """Each process forked by the one before: deeper than Python's recursion limit."""
    model = TraceModel()
    for pid in range(1, 5001):
        model.process(pid, pid - 1, "MainProcess", 0.0)
    model.add_spans([0.0], [1.0], [model.processes[5000].id], [1], [0])
    rows = model.rows()
    assert rows[0][0].pid == 1 and len(rows) == 2000 and rows[1998][1] == 1998
