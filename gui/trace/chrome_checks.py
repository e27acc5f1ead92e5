"""The door of a trace file: every field the reader uses is checked here before a model is
built from it, so a bad file is refused with one line and never reaches a view.

Limits are stated in the reasons, so a user knows what a file may hold. Names longer than
`MAX_NAME` are cut (with "…"); values no trace this app writes could hold (a number beyond
`MAX_TIME_US`, a list where a name goes, a 100,000-character Python version) are refused.
Plain Python, no Qt.
"""
import math
import re

import numpy as np

from workloads._trace import figures


class TraceError(ValueError):
    """A file that cannot be replayed; `str()` is one line a student understands."""


MAX_FILE_BYTES = 128 * 1024 * 1024      # about 1.7 million spans as this app writes them
MAX_EVENTS = 2_000_000
MAX_LANES = 200_000                     # named processes and threads (rows beyond a few
                                        # thousand are drawn together, see TraceModel.rows)
MAX_COUNTERS = 500                      # distinct counter series
MAX_COUNTER_KEYS = 64                   # values of one counter event
MAX_TIME_US = 1e13                      # |ts|, dur, lane start/end: about 4 months
MAX_VALUE = 1e18                        # a counter's value
MAX_ID = 2 ** 63 - 1                    # pid, tid, flow id, thread key
MAX_EXIT = 2 ** 31
MAX_NAME = 200                          # characters of a name shown on a lane or a span
MAX_ID_TEXT = 100                       # another tool's pid/tid/flow id written as text
MAX_PARAMS = 100
MAX_PARAM_TEXT = 1000
MAX_OUTPUT = 300_000                    # characters of the run's console text kept (its end)
MAX_LESSON = 100
MAX_PYTHON = 64
_LESSON_ID = re.compile(r"^[A-Za-z0-9_.\-]*$")
_NAMES = ("process_name", "thread_name")
_ELLIPSIS = "…"


def limits_text():
    return (f"at most {MAX_FILE_BYTES // (1024 * 1024)} MiB and {MAX_EVENTS:,} events "
            f"with {MAX_LANES:,} named lanes")


def fail(reason):
    raise TraceError(reason)


def short(text, limit=MAX_NAME):
    return text if len(text) <= limit else text[:limit - 1] + _ELLIPSIS


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _where(index, event):
    ph = event.get("ph")
    kind = f' ("ph": "{short(ph, 8)}")' if isinstance(ph, str) else ""
    return f"event {index}{kind}"


def _text(event, key, where, limit=MAX_NAME):
    """An optional string field; cut to `limit` characters."""
    value = event.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        fail(f'{where}: "{key}" is not text')
    if len(value) > limit:
        event[key] = short(value, limit)


def _time(value, key, where, allow_negative=True):
    if not is_number(value):
        fail(f'{where}: "{key}" is not a number')
    if not math.isfinite(value) or abs(value) > MAX_TIME_US:
        fail(f'{where}: "{key}" is {value!r:.30}, beyond ±{MAX_TIME_US:.0e} µs (about 4 months)')
    if value < 0 and not allow_negative:
        fail(f'{where}: "{key}" is negative')


def _ident(event, key, where, limit=MAX_ID):
    """pid, tid or a flow id: an integer, or (other tools) a short name or "0x…" text."""
    value = event.get(key)
    if value is None:
        return
    if isinstance(value, str):
        if len(value) > MAX_ID_TEXT:
            fail(f'{where}: "{key}" is a text of {len(value):,} characters, not an id')
        try:
            value = int(value, 0)
        except ValueError:
            return                  # a name another tool gave: a negative id in the model
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        fail(f'{where}: "{key}" is not an id (a whole number or a short name)')
    if abs(value) > limit:
        fail(f'{where}: "{key}" is {value}, beyond the range of an id')


def _integer(value, key, where, limit):
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > limit:
        fail(f'{where}: "{key}" is not a whole number within ±{limit:,}')


def check_events(events):
    """Check and bound `events` in place; the name events' lanes must nest properly.

    "X" spans, the bulk of a trace, are checked column by column; only when a column holds
    something unusual are they checked one by one, to name the event at fault."""
    if len(events) > MAX_EVENTS:
        fail(f"{len(events):,} events, more than the {MAX_EVENTS:,} a trace may hold "
             f"({limits_text()})")
    spans = [e for e in events if type(e) is dict and e.get("ph") == "X"]
    _check(events, skip_spans=_plain_spans(spans))


def _plain_spans(spans):
    """True when every span's fields are of the usual types and in range."""
    for key in ("ts", "dur"):
        values = [e.get(key) for e in spans]
        if not set(map(type, values)) <= {int, float, type(None)}:
            return False
        column = np.array(values, dtype=np.float64)        # None -> nan: no time, skipped
        column = column[~np.isnan(column)]
        if column.size and (np.abs(column).max() > MAX_TIME_US
                            or key == "dur" and column.min() < 0):
            return False
    for key in ("pid", "tid"):
        values = [e.get(key) for e in spans]
        if not set(map(type, values)) <= {int, type(None)}:
            return False
        numbers = [v for v in values if v is not None]
        if numbers and max(abs(min(numbers)), abs(max(numbers))) > MAX_ID:
            return False
    if not set(type(e.get("args")) for e in spans) <= {dict, type(None)}:
        return False
    if any("bind_id" in e or (e.get("args") or {}).get("flow") is not None for e in spans):
        return False                    # arrow ends: few, checked one by one
    for key in ("name", "cat"):
        values = [e.get(key) for e in spans]
        if not set(map(type, values)) <= {str, type(None)}:
            return False
        if max(map(len, filter(None, values)), default=0) > MAX_NAME:
            return False
    return True


def _check(events, skip_spans):
    names, kinds, counters = 0, [], set()
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            continue                            # other tools' padding: ignored
        if skip_spans and event.get("ph") == "X":
            continue                            # checked as columns
        where = _where(index, event)
        ph = event.get("ph")
        if ph is not None and not isinstance(ph, str):
            fail(f'{where}: "ph" is not text')
        if event.get("args") is not None and not isinstance(event["args"], dict):
            fail(f'{where}: "args" is not an object')
        _text(event, "name", where)
        _text(event, "cat", where)
        _text(event, "s", where, 8)
        for key in ("pid", "tid"):
            _ident(event, key, where)
        if event.get("ts") is not None:                 # no time: the event is skipped
            _time(event["ts"], "ts", where)
        if event.get("dur") is not None:
            _time(event["dur"], "dur", where, allow_negative=False)
        if ph in ("s", "f", "X"):
            _ident(event, "id", where)
            _ident(event, "bind_id", where)
        args = event.get("args")
        if ph == "X" and isinstance(args, dict) and args.get("flow") is not None:
            _ident(args, "flow", where)         # an arrow's end: its flow id
        if ph == "M" and event.get("name") in _NAMES:
            kinds.append(_name_event(event, args, where, kinds))
            names += 1
            if names > MAX_LANES:
                fail(f"more than {MAX_LANES:,} named lanes ({limits_text()})")
        elif ph == "C":
            _counter(event, args, where, counters)
        elif ph in ("i", "I") and isinstance(args, dict) and "exit_code" in args:
            _integer(args["exit_code"], "exit_code", where, MAX_EXIT)


def _name_event(event, args, where, kinds):
    """A process_name / thread_name event; returns its kind for later parents."""
    if args is not None and not isinstance(args, dict):
        fail(f'{where}: "args" of a name event is not an object')
    args = args or {}
    _text(args, "name", where)
    lane = args.get("lane")
    kind = "process" if event["name"] == "process_name" else "thread"
    if lane is None:
        return kind
    if not isinstance(lane, dict):
        fail(f'{where}: "args.lane" is not an object')
    _text(lane, "name", where)
    _text(lane, "group", where)
    parent = lane.get("parent")
    if parent is not None:
        _integer(parent, "parent", where, MAX_LANES)
        if not 0 <= int(parent) < len(kinds):
            fail(f'{where}: its parent lane {parent} is not an earlier lane')
        if kind == "process" and kinds[int(parent)] != "process":
            fail(f'{where}: its parent lane {parent} is a thread, not a process')
    for key in ("start", "end"):
        if lane.get(key) is not None:
            _time(lane[key], key, where)
    _integer(lane.get("exit_code"), "exit_code", where, MAX_EXIT)
    _integer(lane.get("key"), "key", where, 2 ** 64)
    for key in ("virtual", "sublane"):
        if key in lane and not isinstance(lane[key], bool):
            fail(f'{where}: "{key}" is not true or false')
    return kind


def _counter(event, args, where, counters):
    if args is None:
        return
    if not isinstance(args, dict):
        fail(f'{where}: "args" of a counter is not an object')
    if len(args) > MAX_COUNTER_KEYS:
        fail(f"{where}: a counter with {len(args):,} values, more than {MAX_COUNTER_KEYS}")
    if any(len(key) > MAX_NAME for key in args):
        event["args"] = args = {short(key): value for key, value in args.items()}
    for key, value in args.items():
        if not is_number(value):
            continue                            # not a value: not drawn
        if not math.isfinite(value) or abs(value) > MAX_VALUE:
            fail(f'{where}: counter value "{short(key, 40)}" is {value!r:.30}, beyond '
                 f'±{MAX_VALUE:.0e}')
        counters.add((event.get("name"), short(key)))
    if len(counters) > MAX_COUNTERS:
        fail(f"more than {MAX_COUNTERS} counters ({limits_text()})")


def check_other(other):
    """`otherData`: the lesson, its parameters, the Python version and the console text."""
    if other is None:
        return {}
    if not isinstance(other, dict):
        fail('"otherData" is not an object')
    lesson = other.get("lesson")
    if lesson is not None and (not isinstance(lesson, str) or len(lesson) > MAX_LESSON
                               or not _LESSON_ID.match(lesson)):
        fail('"otherData.lesson" is not a lesson id')
    python = other.get("python")
    if python is not None and (not isinstance(python, str) or len(python) > MAX_PYTHON
                               or "\n" in python):
        fail('"otherData.python" is not a Python version '
             f"(text of at most {MAX_PYTHON} characters)")
    params = other.get("params")
    if params is not None:
        if not isinstance(params, dict) or len(params) > MAX_PARAMS:
            fail(f'"otherData.params" is not an object of at most {MAX_PARAMS} parameters')
        for key, value in params.items():
            if len(key) > MAX_NAME or not (value is None or isinstance(value, (bool, str))
                                           or is_number(value)):
                fail(f'"otherData.params" has a parameter "{short(key, 40)}" that is not a '
                     "short name with a number or a text")
            if isinstance(value, str) and len(value) > MAX_PARAM_TEXT:
                fail(f'"otherData.params.{short(key, 40)}" is longer than {MAX_PARAM_TEXT} '
                     "characters")
    result = other.get("result")
    if result is not None:
        try:
            figures.check(result)
        except ValueError as exc:
            fail(f'"otherData.result": {exc}')
    output = other.get("output")
    if output is not None and not isinstance(output, str):
        fail('"otherData.output" is not text')
    if isinstance(output, str) and len(output) > MAX_OUTPUT:
        other["output"] = _ELLIPSIS + output[-(MAX_OUTPUT - 1):]     # the end matters most
    return other
