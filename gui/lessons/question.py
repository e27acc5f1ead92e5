"""A question for the class before a run, and the helpers units answer it with.

A unit's ``question(values)`` gives a `Question` for those parameters (or None when the
lesson has nothing worth asking with them). Its ``answer(run)`` reads the run (a
`gui.lessons.Run`: the figures, the trace model) and returns (index of the right choice, or
None when the run cannot tell; the measured result in words). Nothing is decided in
advance: the same question can have another right answer on another interpreter or machine.
Plain Python, no Qt.
"""
from dataclasses import dataclass
from typing import Callable

NO_ANSWER = (None, "")


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple
    answer: Callable            # (run) -> (index or None, words)
    live: bool = False          # the answer can show before the end (a deadlock never ends)


def nearer(measured, low, high):
    """0 when `measured` is nearer `low` than `high`, else 1."""
    return 0 if measured < (low + high) / 2 else 1


def first_span(model, name):
    """(t0, t1) of the first span called `name`, or None."""
    names = model.spans["name"]
    for i in range(len(names)):
        if model.names[int(names[i])] == name:
            return float(model.spans["t0"][i]), float(model.spans["t1"][i])
    return None
