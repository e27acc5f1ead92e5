"""A lesson's figures: the numbers and words it reports once with ``probe.result(...)``.

The same rules hold where figures are made (the probe, in the lesson) and where they arrive
(the window's feed and the trace file reader), so a figure that leaves a lesson is one the
window can show, and a stranger's figures are refused whole with a one-line reason.

A figure is named by a Python identifier and is a number (int, float, bool), a short text,
or a short list of those (or of short lists of those: a table's rows).
"""
import json
import math
import re

MAX_FIGURES = 64
MAX_TEXT = 400                  # characters of one text
MAX_ITEMS = 64                  # items of a list
MAX_BYTES = 4000                # the figures of one probe.result(...) call, as JSON
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def _scalar(value):
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return -2 ** 63 <= value < 2 ** 63
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _value(value, depth=0):
    if _scalar(value):
        return True
    if isinstance(value, (list, tuple)) and depth < 2 and len(value) <= MAX_ITEMS:
        return all(_value(item, depth + 1) for item in value)
    return False


def check(figures):
    """`figures` (a dict) if it keeps the rules, else ValueError with a one-line reason."""
    if not isinstance(figures, dict):
        raise ValueError("the figures are not an object")
    if len(figures) > MAX_FIGURES:
        raise ValueError(f"more than {MAX_FIGURES} figures")
    for name, value in figures.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError(f"figure name {str(name)[:40]!r} is not a Python name")
        if not _value(value):
            raise ValueError(f"figure {name} is not a number, a text of at most {MAX_TEXT} "
                             f"characters or a list of at most {MAX_ITEMS} of those")
    return figures


def encode(figures):
    """The figures as compact JSON text (lists become JSON arrays)."""
    text = json.dumps(check(dict(figures)), ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"the figures take more than {MAX_BYTES} bytes as JSON: report "
                         "them in several calls")
    return text


def decode(text):
    """The figures of one RESULT record's text; ValueError with a reason if it is not."""
    try:
        figures = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"figures that are not JSON ({str(exc)[:60]})") from None
    return check(figures)


def _no_constant(name):
    raise ValueError(f"{name} is not a number")
