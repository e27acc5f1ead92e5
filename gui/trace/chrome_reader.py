"""Reads a Chrome trace JSON file back into a `TraceModel`, so a recorded run can be replayed.

Traces this app writes (gui/trace/chrome_json.py) come back exactly: every lane with its
parent, names, lifetime and exit code (from `args["lane"]` of the name events), spans with
their state, marks, arrows and counters; writing the model again gives the same bytes.
Traces from other tools (no `otherData`) open too, with whatever events they have, shifted
so that the first event is at 0 s. Every field is checked at the door (chrome_checks.py):
a file that is malformed, too big or has nothing to show is refused with one line, and the
file is parsed once. Plain Python + numpy, no Qt.
"""
import json
import os
from dataclasses import dataclass, field

from gui.trace import chrome_checks
from gui.trace.chrome_checks import MAX_EVENTS, MAX_FILE_BYTES, TraceError, limits_text
from gui.trace.chrome_events import build
from gui.trace.model import TraceModel

MAX_CORES = 4096


class NotJsonError(TraceError):
    pass


class NotATraceError(TraceError):
    pass


@dataclass
class Replay:
    model: TraceModel
    lesson_id: str = None           # None when the trace does not say (another tool's)
    values: dict = field(default_factory=dict)
    python: str = ""                # the Python version that ran the lesson
    output: str = None              # the run's console text, when the trace kept it
    path: str = ""

    @property
    def python_version(self):
        return self.python


def read(path):
    """The trace at `path` as a `Replay`; raises `TraceError` saying why it cannot be."""
    path = os.fspath(path)
    doc = _load(path)
    if isinstance(doc, list):
        events, other = doc, None
        if not any(isinstance(e, dict) and "ph" in e for e in events):
            raise NotATraceError(f"{path}: JSON, but not a trace: it has no trace events")
    elif isinstance(doc, dict) and isinstance(doc.get("traceEvents"), list):
        events, other = doc["traceEvents"], doc.get("otherData")
    elif isinstance(doc, dict) and "traceEvents" in doc:
        raise NotATraceError(f'{path}: JSON, but not a trace: "traceEvents" is not a list')
    else:
        raise NotATraceError(f'{path}: JSON, but not a trace: it has no "traceEvents" list')
    try:
        other = chrome_checks.check_other(other)
        others_cores = _others_cores(other)
        chrome_checks.check_events(events)
    except TraceError as exc:
        raise TraceError(f"{path}: {exc}") from None
    ours = "lesson" in other
    model = build(events, shift=not ours)
    model.result = dict(other.get("result") or {})
    model.others_cores = others_cores
    model.lane_rows()           # the layout the window draws, built once here
    if not (len(model.spans) or len(model.marks) or len(model.flows) or model.counters):
        raise NotATraceError(f"{path}: a trace with nothing to show: no spans, marks, "
                             "arrows or counters")
    params = other.get("params")
    return Replay(model, lesson_id=other["lesson"] if other.get("lesson") else None,
                  values=dict(params) if isinstance(params, dict) else {},
                  python=other.get("python") or "", output=other.get("output"), path=path)


def _others_cores(other):
    """`otherData.others_cores`: the cores other programs kept busy during the run, or None
    (a trace of an older version or another tool)."""
    value = other.get("others_cores")
    if value is None:
        return None
    if not chrome_checks.is_number(value) or not 0 <= value <= MAX_CORES:
        raise TraceError(f'"otherData.others_cores" is not a number of cores (0 to {MAX_CORES})')
    return float(value)


def _load(path):
    try:
        with open(path, "rb") as source:
            size = os.fstat(source.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise TraceError(f"{path}: {size / 2 ** 20:,.0f} MiB is too big to replay "
                                 f"(a trace may have {limits_text()})")
            data = _read_at_most(source, MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise TraceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TraceError(f"{path}: a folder, not a trace file") from None
    except OSError as exc:
        raise TraceError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:          # grew while being read: a pipe, a device
        raise TraceError(f"{path}: too big to replay (a trace may have {limits_text()})")
    if not data.strip():
        raise NotJsonError(f"{path}: the file is empty, not a trace")
    # every event is an object: count them before Python builds them (a cheap bound on
    # the memory the parse takes, whatever the file holds)
    if data.count(b"{") + data.count(b"[") > 3 * MAX_EVENTS:
        raise TraceError(f"{path}: more than {MAX_EVENTS:,} events or values, too many to "
                         f"replay (a trace may have {limits_text()})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotJsonError(f"{path}: not a trace file: it is not text (a trace is JSON)") \
            from None
    del data
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise NotJsonError(f"{path}: not a trace file: it is not valid JSON ({exc.msg} at "
                           f"line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise NotJsonError(f"{path}: not a trace file: its JSON is nested too deeply") \
            from None
    except _BadNumber as exc:
        raise TraceError(f"{path}: {exc}") from None
    except ValueError as exc:           # an integer of thousands of digits
        raise TraceError(f"{path}: it holds a number too long to read "
                         f"({str(exc).splitlines()[0][:80]})") from None


def _read_at_most(source, limit):
    """Up to `limit` bytes, in pieces (a pipe has no size to check first)."""
    data = bytearray()
    while len(data) < limit:
        part = source.read(min(1 << 23, limit - len(data)))
        if not part:
            break
        data += part
    return data


class _BadNumber(Exception):
    pass


def _no_constant(name):
    raise _BadNumber(f"it holds {name}, which is not a number a trace may hold")
