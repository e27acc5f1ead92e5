"""The trace as Chrome Trace Event JSON (opens in Perfetto and chrome://tracing).

The fields follow the contract of LESSONS.md: spans are "X" events with microsecond ts/dur and
integer pid/tid, `cat` is the state, marks "i", counters "C", and process/thread names as
metadata events. Names are written as UTF-8, not as "\\uXXXX" escapes, which Perfetto shows
as they are. The file shows in Perfetto what the window shows:
- an arrow is a pair of flow events, "s" where the message left and "f" where it arrived,
  with a shared `id` (category "message"); each follows, at its very moment, a zero-length
  slice of category "message" on its row, which it binds to ("f" with `"bp": "e"`): a viewer
  draws the arrow from the moment the message left to the moment it arrived, never from a
  slice that merely encloses that moment (a long blocking `get()`);
- a counter's value goes under the key "" so its track is named once ("balance", not
  Perfetto's "<name> <key>", "balance balance");
- a thread row with no event of its own gets its lifetime as a slice "alive" (category
  "lifetime"), so it has a track in Perfetto as it has a row in the window.
Every event has the fields chrome://tracing requires (name, ph, ts, pid, tid; dur for "X").
`displayTimeUnit` is kept for chrome://tracing, which shows milliseconds with it; Perfetto
ignores it (an informational note in its stats, not an error).

Each name event also carries `args["lane"]`: what the window needs to rebuild the lane on
replay (gui/trace/chrome_reader.py) and Perfetto ignores: the raw name, the parent lane (as
the index of its name event), start and end (microseconds, like `ts`), exit code, the
probe's thread key when the lane has no OS thread id, and whether it is a virtual row or a
sublane (an asyncio task, a greenlet). A span cut short (its process or thread ended first:
terminated, killed, the run stopped) has `args["cut"]` saying why. `otherData["output"]`, when
given, is the run's console text, `otherData["result"]` the lesson's figures
(``probe.result``), and `otherData["others_cores"]`, when measured, how many cores' worth of
CPU other programs took during the run.

A trace is for sharing, so no secret goes in: a key given on a command line (the distributed
manager's `--key ...`) is replaced by a note that there was one, wherever text goes: names of
lanes, spans, marks and arrows, the parameters and the console text. The note is never
replaced again, so a trace read back writes the same bytes. The file is written whole or
not at all (a temporary file in the same folder, then renamed).
"""
import json
import platform
import re

import numpy as np

from gui.output_path import write_whole
from gui.trace.model import STATES

SECRET = re.compile(r"(--key[= ]|--authkey[= ]|TASK_MANAGER_KEY=)(?!\()\S+")  # "(": a note
HIDDEN = r"\1(a key, not saved in traces)"


SHOWN_HIDDEN = r"\1(key hidden)"     # on the timeline and its pictures


def hide_secrets(text, note=HIDDEN):
    """`text` with the value of every key it gives replaced by a note that one was there."""
    return SECRET.sub(note, text) if "KEY" in text.upper() else text


def _us(seconds):
    return round(float(seconds) * 1e6, 3)


def _lane_info(lane, label, index):
    """What replay needs beyond the label to rebuild `lane` (defaults left out)."""
    info = {}
    name = hide_secrets(lane.name)
    if name != label:
        info["name"] = name
    if lane.parent is not None and lane.parent.id in index:
        info["parent"] = index[lane.parent.id]
    for key in ("start", "end"):
        if getattr(lane, key) is not None:
            info[key] = _us(getattr(lane, key))
    if lane.exit_code is not None:
        info["exit_code"] = lane.exit_code
    if lane.kind == "thread" and not lane.tid and lane.key:
        info["key"] = lane.key
    if lane.virtual:
        info["virtual"], info["group"] = True, lane.group
    if lane.sublane:
        info["sublane"] = True
    return info


def _other_events(model):
    """Names, marks, counters and exits as event dicts (spans and arrows come after)."""
    events, index = [], {}              # lane id -> position of its name event
    for lane in model.lanes:
        if lane.kind == "counter":      # counters are "C" events, named by themselves
            continue
        index[lane.id] = len(events)
        if lane.kind == "process":
            label = hide_secrets(lane.label)
            events.append({"ph": "M", "name": "process_name", "pid": lane.pid, "tid": 0,
                           "args": {"name": label, "lane": _lane_info(lane, label, index)}})
        else:
            label = hide_secrets(lane.label or lane.group)
            events.append({"ph": "M", "name": "thread_name", "pid": lane.pid,
                           "tid": lane.trace_tid,
                           "args": {"name": label, "lane": _lane_info(lane, label, index)}})
    lanes, names = model.lanes, model.names
    marks = model.marks
    for t, lane_id, name in zip(marks["t"].tolist(), marks["lane"].tolist(),
                                marks["name"].tolist()):
        lane = lanes[lane_id]
        events.append({"ph": "i", "s": "t", "name": hide_secrets(names[name]), "ts": _us(t),
                       "pid": lane.pid, "tid": lane.trace_tid})
    for name, column in model.counters.items():     # the value under "": named once
        for t, value in zip(column["t"].tolist(), column["value"].tolist()):
            events.append({"ph": "C", "name": name, "ts": _us(t), "pid": _first_pid(model),
                           "args": {"": value}})
    for lane in model.lanes:
        if lane.kind == "process" and lane.end is not None:
            events.append({"ph": "i", "s": "p", "name": "exit", "ts": _us(lane.end),
                           "pid": lane.pid, "tid": 0, "args": {"exit_code": lane.exit_code}})
    return events


def _message_ends(model):
    """Each end of a message as a zero-length slice where it happened (category "message",
    `args` its flow id and direction), followed by its flow event: "s" at the end where the
    message left, "f" where it arrived, the two with an `id` of their own. Perfetto and
    chrome://tracing bind a flow event to the slice open on its row at that moment, which
    is then the zero-length slice just before it. An arrow's ends are paired as
    `TraceModel.arrows` pairs them; an end without its pair is a slice with no flow event."""
    flows, lanes, names = model.flows, model.lanes, model.names
    rows = list(zip(flows["t"].tolist(), flows["lane"].tolist(), flows["name"].tolist(),
                    flows["fid"].tolist(), flows["dir"].tolist()))
    last_out = {(name, fid): i for i, (_, _, name, fid, d) in enumerate(rows) if d > 0}
    bound = {}                          # index of an end -> the id of its arrow
    for i, (_, _, name, fid, d) in enumerate(rows):
        out = last_out.get((name, fid))
        if d < 0 and out is not None and out not in bound:
            bound[out] = bound[i] = len(bound) // 2 + 1
    events = []
    for i, (t, lane_id, name, fid, d) in enumerate(rows):
        lane = lanes[lane_id]
        where = {"name": hide_secrets(names[name]), "cat": "message", "ts": _us(t),
                 "pid": lane.pid, "tid": lane.trace_tid}
        events.append({"ph": "X", **where, "dur": 0,
                       "args": {"flow": fid, "dir": 1 if d > 0 else -1}})
        if i in bound:
            flow = {"ph": "s" if d > 0 else "f", **where, "id": bound[i]}
            if d < 0:
                flow["bp"] = "e"        # the slice open here: the message's own end
            events.append(flow)
    return events


def _lifetimes(model):
    """A slice "alive" (category "lifetime") over each thread row that has no event of its
    own, so that a viewer shows every row the window draws; replay skips them."""
    busy = set(model.spans["lane"].tolist()) | set(model.marks["lane"].tolist()) \
        | set(model.flows["lane"].tolist())
    events = []
    for lane in model.lanes:
        if lane.kind != "thread" or lane.id in busy:
            continue
        start = lane.start if lane.start is not None else 0.0
        end = lane.end if lane.end is not None else max(model.end_time, start)
        events.append({"ph": "X", "name": "alive", "cat": "lifetime", "ts": _us(start),
                       "dur": _us(max(end - start, 0.0)), "pid": lane.pid,
                       "tid": lane.trace_tid})
    return events


def _span_events(model):
    """The spans as JSON text, one event each: the bulk of a trace, so built as text."""
    spans, lanes = model.spans, model.lanes
    if not len(spans):
        return []
    texts = [json.dumps(hide_secrets(text), ensure_ascii=False) for text in model.names]
    states = [json.dumps(state) for state in STATES]
    where = {lane.id: f'"pid":{lane.pid},"tid":{lane.trace_tid}' for lane in lanes}
    ts = np.round(spans["t0"] * 1e6, 3).tolist()
    dur = np.round((spans["t1"] - spans["t0"]) * 1e6, 3).tolist()
    events = [f'{{"ph":"X","name":{texts[n] if model.names[n] else states[c]},"cat":{states[c]},'
              f'"ts":{t},"dur":{d},{where[l]}}}'
              for t, d, l, c, n in zip(ts, dur, spans["lane"].tolist(), spans["state"].tolist(),
                                       spans["name"].tolist())]
    for i in sorted(model.cut):         # cut short: why, for Perfetto's details and replay
        events[i] = events[i][:-1] + f',"args":{{"cut":{_json(model.cut_reason(i))}}}}}'
    return events


def dumps(model, lesson="", params=None, python=None, output=None):
    """The whole model as Chrome trace JSON text; `output` is the run's console text."""
    other = {"lesson": lesson, "params": {name: hide_secrets(value) if isinstance(value, str)
                                          else value for name, value in (params or {}).items()},
             "python": python or platform.python_version()}
    if output is not None:
        other["output"] = hide_secrets(output)
    if model.result:
        other["result"] = model.result
    if model.others_cores is not None:      # cores other programs kept busy meanwhile
        other["others_cores"] = model.others_cores
    if model.summary.dropped or model.summary.merged or model.summary.thinned:
        other["summary"] = model.summary.as_dict()      # what a busy run could not keep
    events = [_json(e) for e in _other_events(model)] + _span_events(model) + [
        _json(e) for e in _message_ends(model) + _lifetimes(model)]
    return ('{"traceEvents":[' + ",\n".join(events) + '],"displayTimeUnit":"ms",'
            f'"otherData":{_json(other)}}}')


def _json(value):
    """JSON text with names as they are (UTF-8 in the file): Perfetto shows a "\\u00b7"
    escape as those six characters, not as "·"."""
    return json.dumps(value, ensure_ascii=False)


def to_chrome(model, lesson="", params=None, python=None, output=None):
    """A JSON-ready dict of the whole model."""
    return json.loads(dumps(model, lesson, params, python, output))


def _first_pid(model):
    return next(iter(model.processes), 0)


def write(path, model, lesson="", params=None, python=None, output=None):
    """Write the trace to `path`, whole or not at all; OSError when it cannot be written."""
    text = dumps(model, lesson, params, python, output)
    write_whole(path, lambda temp: _write_text(temp, text))
    return path


def _write_text(path, text):
    # A lone surrogate (a name Python decoded from bad bytes) has no UTF-8: it is written as
    # its JSON escape, which reads back as the same text.
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as out:
        out.write(text)
