"""The trace as Chrome Trace Event JSON (opens in Perfetto and chrome://tracing).

The fields follow the contract of LESSONS.md: spans are "X" events with microsecond ts/dur and
integer pid/tid, `cat` is the state, marks "i", arrows "s"/"f" pairs sharing an id, counters
"C", and process/thread names as metadata events.
"""
import json
import platform

from gui.trace.model import STATES


def _us(seconds):
    return round(float(seconds) * 1e6, 3)


def to_chrome(model, lesson="", params=None, python=None):
    """A JSON-ready dict of the whole model."""
    events = []
    for lane in model.lanes:
        if lane.kind == "process":
            events.append({"ph": "M", "name": "process_name", "pid": lane.pid, "tid": 0,
                           "args": {"name": lane.label}})
        else:
            events.append({"ph": "M", "name": "thread_name", "pid": lane.pid,
                           "tid": lane.trace_tid, "args": {"name": lane.label or lane.group}})
    lanes, names, spans = model.lanes, model.names, model.spans
    for t0, t1, lane_id, state, name in zip(spans["t0"].tolist(), spans["t1"].tolist(),
                                            spans["lane"].tolist(), spans["state"].tolist(),
                                            spans["name"].tolist()):
        lane = lanes[lane_id]
        events.append({"ph": "X", "name": names[name] or STATES[state], "cat": STATES[state],
                       "ts": _us(t0), "dur": _us(t1 - t0), "pid": lane.pid, "tid": lane.trace_tid})
    marks = model.marks
    for t, lane_id, name in zip(marks["t"].tolist(), marks["lane"].tolist(),
                                marks["name"].tolist()):
        lane = lanes[lane_id]
        events.append({"ph": "i", "s": "t", "name": names[name], "ts": _us(t),
                       "pid": lane.pid, "tid": lane.trace_tid})
    flows = model.flows
    for t, lane_id, name, fid, d in zip(flows["t"].tolist(), flows["lane"].tolist(),
                                        flows["name"].tolist(), flows["fid"].tolist(),
                                        flows["dir"].tolist()):
        lane = lanes[lane_id]
        event = {"ph": "s" if d > 0 else "f", "name": names[name], "cat": "message",
                 "id": fid, "ts": _us(t), "pid": lane.pid, "tid": lane.trace_tid}
        if d < 0:
            event["bp"] = "e"
        events.append(event)
    for name, column in model.counters.items():
        for t, value in zip(column["t"].tolist(), column["value"].tolist()):
            events.append({"ph": "C", "name": name, "ts": _us(t), "pid": _first_pid(model),
                           "args": {name: value}})
    for lane in model.lanes:
        if lane.kind == "process" and lane.end is not None:
            events.append({"ph": "i", "s": "p", "name": "exit", "ts": _us(lane.end),
                           "pid": lane.pid, "tid": 0, "args": {"exit_code": lane.exit_code}})
    return {"traceEvents": events, "displayTimeUnit": "ms",
            "otherData": {"lesson": lesson, "params": dict(params or {}),
                          "python": python or platform.python_version()}}


def _first_pid(model):
    return next(iter(model.processes), 0)


def write(path, model, lesson="", params=None, python=None):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(to_chrome(model, lesson, params, python), out)
    return path
