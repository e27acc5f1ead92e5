"""Mutations of real trace files, as a careless editor, a broken disk or an attacker makes
them: a field given another type or an absurd number, a key dropped, an event replaced or
multiplied, the text cut or a number turned into Infinity.

`mutate(doc, pick)` works with any chooser offering `pick.integer(lo, hi)` (inclusive): the
fuzz test draws from hypothesis, a stand-alone run from `random.Random`.
"""
import copy
import json

HUGE_DIGITS = "9" * 5000
NASTY = [None, True, False, 0, -1, 1.5, 2 ** 31, 2 ** 63, 2 ** 64, -2 ** 70, 1e300, -1e300,
         1e-300, float("inf"), float("-inf"), float("nan"), "", "x", "0x1f", "12", "Infinity",
         "é" * 3, "N" * 100_000, [], [1], {}, {"a": 1}, [[[[]]]], {"name": 3, "lane": 4},
         {"parent": 0, "group": 5, "virtual": "yes"}, "HUGE_DIGITS"]
KEYS = ["ph", "name", "cat", "ts", "dur", "pid", "tid", "id", "s", "args", "bp"]
LANE_KEYS = ["name", "parent", "start", "end", "exit_code", "key", "virtual", "group",
             "sublane"]
OTHER_KEYS = ["lesson", "params", "python", "output"]
PHASES = ["X", "B", "E", "i", "I", "C", "s", "f", "M", "R", "n", "Q", ""]
KINDS = ["replace", "delete", "insert", "lane", "other", "event", "duplicate", "scale",
         "cut", "number", "long"]


class Chooser:
    """`pick.integer(lo, hi)` from a `random.Random`."""

    def __init__(self, rng):
        self.rng = rng

    def integer(self, lo, hi):
        return self.rng.randint(lo, hi)


def choice(pick, items):
    return items[pick.integer(0, len(items) - 1)]


def events_of(doc):
    return doc["traceEvents"] if isinstance(doc, dict) else doc


def mutate(doc, pick):
    """(kind, the mutated trace as text) from a parsed trace `doc` (left untouched)."""
    doc = copy.deepcopy(doc)
    events = events_of(doc)
    kind = choice(pick, KINDS)
    index = pick.integer(0, len(events) - 1)
    event = events[index]
    if kind in ("cut", "number"):
        text = _dumps(doc)
        return kind, (_cut(text, pick) if kind == "cut" else _number(text, pick))
    if kind == "replace" and isinstance(event, dict) and event:
        event[choice(pick, sorted(event))] = choice(pick, NASTY)
    elif kind == "delete" and isinstance(event, dict) and event:
        del event[choice(pick, sorted(event))]
    elif kind == "insert" and isinstance(event, dict):
        event[choice(pick, KEYS)] = choice(pick, NASTY)
    elif kind == "lane":
        named = [e for e in events if isinstance(e, dict) and isinstance(e.get("args"), dict)
                 and isinstance(e["args"].get("lane"), dict)]
        if named:
            lane = choice(pick, named)["args"]["lane"]
            lane[choice(pick, LANE_KEYS)] = choice(pick, NASTY)
    elif kind == "other" and isinstance(doc, dict):
        if not isinstance(doc.get("otherData"), dict) or pick.integer(0, 5) == 0:
            doc["otherData"] = choice(pick, NASTY)
        else:
            doc["otherData"][choice(pick, OTHER_KEYS)] = choice(pick, NASTY)
    elif kind == "event":
        events[index] = _event(pick) if pick.integer(0, 1) else choice(pick, NASTY)
    elif kind == "duplicate":
        events.extend([copy.deepcopy(event)] * pick.integer(1, 50))
    elif kind == "scale":
        _many_lanes(events, pick.integer(100, 6000))
    elif kind == "long" and isinstance(event, dict):
        event[choice(pick, ["name", "cat"])] = "L" * pick.integer(1000, 200_000)
    return kind, _dumps(doc)


def _event(pick):
    """A new event of any phase with a few fields, some of them nasty."""
    event = {"ph": choice(pick, PHASES), "pid": 1, "tid": 1, "ts": 10.0}
    for _ in range(pick.integer(0, 3)):
        event[choice(pick, KEYS)] = choice(pick, NASTY)
    return event


def _many_lanes(events, count):
    """`count` more threads in a process, one span each: a trace of thread churn."""
    for k in range(count):
        events.append({"ph": "M", "name": "thread_name", "pid": 424242, "tid": 10_000 + k,
                       "args": {"name": f"T{k}"}})
        events.append({"ph": "X", "name": "w", "cat": "run", "ts": float(k), "dur": 5.0,
                       "pid": 424242, "tid": 10_000 + k})


def _dumps(doc):
    return json.dumps(doc).replace('"HUGE_DIGITS"', HUGE_DIGITS)


def _cut(text, pick):
    return text[:pick.integer(0, len(text))]


def _number(text, pick):
    """One number of the text replaced by a token JSON parsers accept or nearly do."""
    spots = [i for i, c in enumerate(text) if c.isdigit() and text[i - 1] in ":[ ,"]
    if not spots:
        return text
    at = choice(pick, spots)
    end = at
    while end < len(text) and text[end] in "0123456789.eE+-":
        end += 1
    token = choice(pick, ["Infinity", "-Infinity", "NaN", "1e400", "-1e400", "1e308",
                          HUGE_DIGITS, "-0", "0.0000001", "99999999999999999999"])
    return text[:at] + token + text[end:]
