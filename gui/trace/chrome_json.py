"""The trace as Chrome Trace Event JSON (opens in Perfetto and chrome://tracing).

The fields follow the contract of LESSONS.md: spans are "X" events with microsecond ts/dur and
integer pid/tid, `cat` is the state, marks "i", arrows "s"/"f" pairs sharing an id, counters
"C", and process/thread names as metadata events.
"""
import json
import platform

import numpy as np

from gui.trace.model import STATES


def _us(seconds):
    return round(float(seconds) * 1e6, 3)


def _other_events(model):
    """Everything but the spans, as event dicts: names, marks, arrows, counters, exits."""
    events = []
    for lane in model.lanes:
        if lane.kind == "counter":      # counters are "C" events, named by themselves
            continue
        if lane.kind == "process":
            events.append({"ph": "M", "name": "process_name", "pid": lane.pid, "tid": 0,
                           "args": {"name": lane.label}})
        else:
            events.append({"ph": "M", "name": "thread_name", "pid": lane.pid,
                           "tid": lane.trace_tid, "args": {"name": lane.label or lane.group}})
    lanes, names = model.lanes, model.names
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
    return events


def _span_events(model):
    """The spans as JSON text, one event each: the bulk of a trace, so built as text."""
    spans, lanes = model.spans, model.lanes
    if not len(spans):
        return []
    texts = [json.dumps(text) for text in model.names]
    states = [json.dumps(state) for state in STATES]
    where = {lane.id: f'"pid":{lane.pid},"tid":{lane.trace_tid}' for lane in lanes}
    ts = np.round(spans["t0"] * 1e6, 3).tolist()
    dur = np.round((spans["t1"] - spans["t0"]) * 1e6, 3).tolist()
    return [f'{{"ph":"X","name":{texts[n] if model.names[n] else states[c]},"cat":{states[c]},'
            f'"ts":{t},"dur":{d},{where[l]}}}'
            for t, d, l, c, n in zip(ts, dur, spans["lane"].tolist(), spans["state"].tolist(),
                                     spans["name"].tolist())]


def dumps(model, lesson="", params=None, python=None):
    """The whole model as Chrome trace JSON text."""
    other = {"lesson": lesson, "params": dict(params or {}),
             "python": python or platform.python_version()}
    events = [json.dumps(e) for e in _other_events(model)] + _span_events(model)
    return ('{"traceEvents":[' + ",\n".join(events) + '],"displayTimeUnit":"ms",'
            f'"otherData":{json.dumps(other)}}}')


def to_chrome(model, lesson="", params=None, python=None):
    """A JSON-ready dict of the whole model."""
    return json.loads(dumps(model, lesson, params, python))


def _first_pid(model):
    return next(iter(model.processes), 0)


def write(path, model, lesson="", params=None, python=None):
    with open(path, "w", encoding="utf-8") as out:
        out.write(dumps(model, lesson, params, python))
    return path
