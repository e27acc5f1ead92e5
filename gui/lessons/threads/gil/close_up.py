"""The GIL close-up's data: a time window of the worker lanes, wide enough to see each
~5 ms turn. Plain numpy over the trace model; the tab (`tab.GilPanel`) draws it.
"""
import re
from dataclasses import dataclass

import numpy as np

from gui.trace.analysis import run_spans
from gui.trace.model import STATES

RUN = STATES.index("run")


@dataclass
class CloseUp:
    """A time window of the worker lanes: rows, and bars (t0, t1, row, state) inside it."""
    start: float
    end: float
    rows: list              # lane labels, top to bottom
    bars: np.ndarray        # float columns t0, t1, row, state; waits first, then turns

    def turns(self):
        """The run bars (GIL turns, or run spans of processes) in the window."""
        return self.bars[self.bars[:, 3] == RUN]


def close_up(model, width_s, live, merge_turns, runs=None):
    """The window to show: the newest `width_s` while live, else the middle of the run.
    With `merge_turns`, consecutive run spans of one thread (no other thread ran between
    them) become one bar: one GIL turn. `runs` is ``run_spans(model)`` if already known."""
    t0, t1, lane = runs if runs is not None else run_spans(model)
    if len(t0) == 0:
        return None
    first, last = float(t0.min()), float(t1.max())
    width = min(width_s, last - first)
    start = last - width if live else (first + last - width) / 2
    end = start + width
    if merge_turns:
        change = np.flatnonzero(lane[1:] != lane[:-1]) + 1
        starts = np.concatenate([[0], change])
        ends = np.concatenate([change, [len(t0)]]) - 1
        t0, t1, lane = t0[starts], t1[ends], lane[starts]
    lanes = np.unique(lane)
    labels = [_label(model.lanes[i]) for i in lanes.tolist()]
    order = sorted(range(len(labels)), key=lambda i: _natural(labels[i]))   # Worker-2 < -10
    row_of = np.empty(len(lanes), np.int64)
    row_of[order] = np.arange(len(lanes))
    spans = model.spans
    waits = np.isin(spans["lane"], lanes) & (spans["state"] != RUN) \
        & (spans["t1"] > start) & (spans["t0"] < end)
    inside = (t1 > start) & (t0 < end)
    bars = np.concatenate([
        np.column_stack([spans["t0"][waits], spans["t1"][waits],
                         row_of[np.searchsorted(lanes, spans["lane"][waits])],
                         spans["state"][waits]]),
        np.column_stack([t0[inside], t1[inside], row_of[np.searchsorted(lanes, lane[inside])],
                         np.full(int(inside.sum()), RUN)]),
    ]).astype(np.float64).reshape(-1, 4)
    return CloseUp(start, end, [labels[i] for i in order], bars)


def _natural(text):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _label(lane):
    """A worker thread by its name; a process's main thread by its process's role, without
    the PID the timeline already shows: "Pool worker 1"."""
    if lane.name == "MainThread" and lane.parent is not None:
        return lane.parent.label.split(" · ", 1)[-1]
    return lane.label
