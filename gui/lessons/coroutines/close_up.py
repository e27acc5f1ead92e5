"""The task switches close-up's data: a short stretch of time on one OS thread, wide enough
to see each step of its coroutines (asyncio tasks, greenlets, generators), the thread's own
row above them, and the switch points where the thread went from one to the next.

A coroutine's run slices never overlap another's on the same thread: one runs at a time,
until it gives the thread back (an await, a switch, a yield). Plain Python and numpy over the
trace model; the tab (`gui.views.task_closeup`) draws it.
"""
from dataclasses import dataclass, field

import numpy as np

from gui.lessons.coroutines._lanes import os_threads
from gui.trace.model import STATES

RUN = STATES.index("run")
LOOP = -1                # a bar on the thread's row: between two steps, the scheduler's own work
GAP_FACTOR = 10          # runs further apart than this many median runs start a new burst...
GAP_FLOOR_S = 1e-3       # ...and than this: a loop idle in select between two bursts
MAX_RUNS = 10            # the close-up shows at most this many steps
PAD = 0.2                # and this share of its width before and after them


@dataclass
class TaskCloseUp:
    """A stretch of one thread: rows (the thread first, then its coroutines), bars
    (t0, t1, row, state, text) and switches (t, from row, to row)."""
    thread: str
    start: float
    end: float
    rows: list
    bars: list
    switches: list = field(default_factory=list)
    total_switches: int = 0         # in the whole run on this thread
    at_once: int = 0                # the most coroutines of this thread running at once

    def runs(self, row=None):
        """The run bars, of one row or of all."""
        return [b for b in self.bars if b[3] == RUN and (row is None or b[2] == row)]


def busiest_thread(model):
    """The OS thread of the lesson's main process with the most coroutine lanes, or None."""
    threads = [t for t in os_threads(model) if t.children]
    return max(threads, key=lambda t: len(t.children), default=None)


def task_runs(model, lanes):
    """Run slices of `lanes`, in time order: arrays t0, t1 and the lane's index in `lanes`."""
    ids = np.array([lane.id for lane in lanes], dtype=np.int64)
    s = model.spans
    on = np.isin(s["lane"], ids) & (s["state"] == RUN)
    t0, t1, lane = s["t0"][on], s["t1"][on], s["lane"][on]
    order = np.argsort(t0, kind="stable")
    index = np.searchsorted(np.sort(ids), lane[order])
    rank = np.argsort(ids)[index]                  # position in `lanes`
    return t0[order].astype(float), t1[order].astype(float), rank


def switch_count(rows):
    """How often the thread went from one coroutine to another."""
    return int(np.count_nonzero(rows[1:] != rows[:-1])) if len(rows) else 0


def most_at_once(t0, t1):
    """The most slices running at one moment (1: one at a time)."""
    if not len(t0):
        return 0
    times = np.concatenate([t0, t1])
    steps = np.concatenate([np.ones(len(t0)), -np.ones(len(t1))])
    order = np.lexsort((steps, times))          # an end before a start at the same time
    return int(np.cumsum(steps[order]).max())


def bursts(t0, t1):
    """[(first, last)] index ranges of runs that follow each other closely (the thread busy
    with its coroutines), split where it sat idle for long."""
    if not len(t0):
        return []
    gap = max(GAP_FACTOR * float(np.median(t1 - t0)), GAP_FLOOR_S)
    cuts = np.flatnonzero(t0[1:] - t1[:-1] > gap) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(t0)]]) - 1
    return list(zip(starts.tolist(), ends.tolist()))


def pick(t0, t1, rank, live):
    """The burst to show: while live the newest, else the one with the most switches (the
    first of equals); at most MAX_RUNS of its runs."""
    found = bursts(t0, t1)
    if not found:
        return None
    if live:
        first, last = found[-1]
    else:
        first, last = max(found, key=lambda b: (switch_count(rank[b[0]:b[1] + 1]), -b[0]))
    return first, min(last, first + MAX_RUNS - 1)


def close_up(model, live=False):
    """The close-up of the busiest thread's coroutines, or None before any ran."""
    thread = busiest_thread(model)
    if thread is None:
        return None
    lanes = list(thread.children)
    t0, t1, rank = task_runs(model, lanes)
    chosen = pick(t0, t1, rank, live)
    if chosen is None:
        return None
    first, last = chosen
    width = max(t1[last] - t0[first], 1e-6)
    start, end = t0[first] - PAD * width, t1[last] + PAD * width
    titles = [lane.label for lane in lanes]
    bars = _thread_bars(model, thread, t0, t1, rank, titles, start, end)
    for row, lane in enumerate(lanes, 1):
        bars += _lane_bars(model, lane, row, start, end)
    switches = [(float(t1[i]), int(rank[i]) + 1, int(rank[i + 1]) + 1)
                for i in range(first, last) if rank[i] != rank[i + 1]]
    return TaskCloseUp(thread.label, float(start), float(end), [thread.label] + titles, bars,
                       switches, switch_count(rank), most_at_once(t0, t1))


def _inside(model, lane_id, start, end):
    s = model.spans
    on = (s["lane"] == lane_id) & (s["t1"] > start) & (s["t0"] < end)
    return zip(s["t0"][on].tolist(), s["t1"][on].tolist(), s["state"][on].tolist(),
               s["name"][on].tolist())


def _thread_bars(model, thread, t0, t1, rank, titles, start, end):
    """The thread's row: its waits (select), the scheduler's work between two steps (the
    event loop picking the next task), then every coroutine's runs named after it."""
    bars = [(a, b, 0, state, model.names[name])
            for a, b, state, name in _inside(model, thread.id, start, end) if state != RUN]
    inside = np.flatnonzero((t1 > start) & (t0 < end))
    idle = [(a, b) for a, b, *_ in bars]
    between = [(float(t1[i]), float(t0[i + 1]), 0, LOOP, "")
               for i in inside[:-1] if t0[i + 1] > t1[i]
               and not any(a <= t1[i] + 1e-9 and t0[i + 1] <= b + 1e-9 for a, b in idle)]
    return bars + between + [(float(t0[i]), float(t1[i]), 0, RUN, titles[rank[i]])
                             for i in inside]


def _lane_bars(model, lane, row, start, end):
    """A coroutine's row: its waits, named after what they wait for, then its runs."""
    bars = [(a, b, row, state, model.names[name] if state != RUN else "")
            for a, b, state, name in _inside(model, lane.id, start, end)]
    return sorted(bars, key=lambda bar: bar[3] == RUN)


def switches_tab(unit):
    """`LessonUnit.tab` of the chapter's lessons: the task switches close-up."""
    from gui.views.task_closeup import TaskSwitchPanel
    return TaskSwitchPanel
