"""Reads a Chrome trace JSON file back into a `TraceModel`, so a recorded run can be replayed.

Traces this app writes (gui/trace/chrome_json.py) come back exactly: every lane with its
parent, names, lifetime and exit code (from `args["lane"]` of the name events), spans with
their state, marks, arrows and counters; writing the model again gives the same bytes.
Traces from other tools (no `otherData`) open too, with whatever events they have, shifted
so that the first event is at 0 s. Plain Python + numpy, no Qt.
"""
import json
import os
from dataclasses import dataclass, field

from gui.trace.chrome_events import build
from gui.trace.model import TraceModel


class TraceError(ValueError):
    """A file that cannot be replayed; `str()` is one line a student understands."""


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
    ours = isinstance(other, dict) and "lesson" in other
    other = other if isinstance(other, dict) else {}
    model = build(events, shift=not ours)
    params = other.get("params")
    output = other.get("output")
    return Replay(model, lesson_id=str(other["lesson"]) if other.get("lesson") else None,
                  values=dict(params) if isinstance(params, dict) else {},
                  python=str(other.get("python") or ""),
                  output=output if isinstance(output, str) else None, path=path)


def _load(path):
    try:
        with open(path, "rb") as source:
            data = source.read()
    except FileNotFoundError:
        raise TraceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TraceError(f"{path}: a folder, not a trace file") from None
    except OSError as exc:
        raise TraceError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise NotJsonError(f"{path}: the file is empty, not a trace")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotJsonError(f"{path}: not a trace file: it is not text (a trace is JSON)") \
            from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJsonError(f"{path}: not a trace file: it is not valid JSON ({exc.msg} at "
                           f"line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise NotJsonError(f"{path}: not a trace file: its JSON is nested too deeply") \
            from None
