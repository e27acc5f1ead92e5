"""Figures a lesson states from its trace: GIL turns and hand-offs, overlap of running spans.

Plain numpy over a `TraceModel`; the window shows them and the tests check them.
"""
from dataclasses import dataclass

import numpy as np

from gui.trace.model import STATES

RUN = STATES.index("run")


def run_spans(model):
    """(t0, t1, lane) of every `run` span, sorted by start."""
    keep = model.spans["state"] == RUN
    t0, t1, lane = model.spans["t0"][keep], model.spans["t1"][keep], model.spans["lane"][keep]
    order = np.argsort(t0, kind="stable")
    return t0[order], t1[order], lane[order]


def overlap_fraction(t0, t1):
    """Share of the busy time (anything running) during which two or more spans run."""
    if len(t0) == 0:
        return 0.0
    times = np.concatenate([t0, t1])
    steps = np.concatenate([np.ones(len(t0)), -np.ones(len(t1))])
    order = np.lexsort((steps, times))
    times, level = times[order], np.cumsum(steps[order])
    widths = np.diff(times)
    busy = widths[level[:-1] >= 1].sum()
    return float(widths[level[:-1] >= 2].sum() / busy) if busy > 0 else 0.0


@dataclass(frozen=True)
class Turns:
    """Who held the GIL when: consecutive run spans of one thread form one turn."""
    handoffs: int            # times the running thread changed
    median_s: float          # median length of a turn (the hand-off period)
    threads: int


def gil_turns(model):
    t0, t1, lane = run_spans(model)
    if len(t0) == 0:
        return Turns(0, 0.0, 0)
    change = np.flatnonzero(lane[1:] != lane[:-1]) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(t0)]]) - 1
    lengths = t1[ends] - t0[starts]
    # the first and last turns are cut by the start and end of the run: leave them out
    inner = lengths[1:-1] if len(lengths) > 2 else lengths
    return Turns(len(change), float(np.median(inner)), len(np.unique(lane)))
