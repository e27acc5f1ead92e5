"""The wait-for graph of a run, read from the spans that are open right now, and its cycles.

A thread that waits for a lock points at the lock (`wait.lock` open on the thread's lane,
named after the lock); a lock points at the thread that holds it (`lock.hold` open). A cycle
in that graph is a deadlock: every thread in it waits for a lock that the next one holds.
A wait with a timeout (the probe names it ``lock_b (timeout 0.5 s)``) breaks the cycle by
itself when the time is up, so such a cycle is reported but not as a deadlock.

Plain Python, no Qt: the deadlock panel draws it and the tests check it.
"""
import re
from dataclasses import dataclass

from gui.trace.model import STATES

WAIT = STATES.index("wait.lock")
HOLD = STATES.index("lock.hold")
_TIMED = re.compile(r"^(.*) \(timeout ([0-9.e+-]+) s\)$")


@dataclass(frozen=True)
class Wait:
    thread: int                 # lane id
    lock: tuple                 # (pid, lock name)
    since: float                # model seconds
    timeout: float = None       # seconds, for acquire(timeout=...)


@dataclass(frozen=True)
class WaitForGraph:
    threads: dict               # lane id -> label
    locks: dict                 # (pid, name) -> label
    holders: dict               # lock -> lane id of the thread that holds it
    waits: dict                 # lane id -> Wait

    def empty(self):
        return not self.waits and not self.holders


@dataclass(frozen=True)
class Step:
    """One thread of a cycle: it holds `holds` and waits for `waits_for`."""
    thread: str
    holds: str
    waits_for: str


@dataclass(frozen=True)
class Deadlock:
    cycle: tuple                # Steps, starting with the oldest thread
    lanes: tuple                # their lane ids, same order
    locks: tuple                # (pid, name) of the lock each one waits for
    since: float                # when the last wait of the cycle began (model seconds)
    timeouts: tuple             # the timeout of each wait, None for "forever"

    @property
    def permanent(self):
        """True for a real deadlock: no wait in the cycle will ever give up."""
        return all(t is None for t in self.timeouts)

    def describe(self):
        steps = "; ".join(f"{s.thread} holds {s.holds} and waits for {s.waits_for}"
                          for s in self.cycle)
        return f"Deadlock: {steps}" if self.permanent else f"Waiting in a circle: {steps}"


def lock_name(span_name):
    """(lock name, timeout or None) of a wait span's name."""
    match = _TIMED.match(span_name)
    if match:
        return match.group(1), float(match.group(2))
    return span_name, None


def wait_for_graph(model):
    """The graph of the open waits and holds of `model` (a `TraceModel`)."""
    threads, locks, holders, waits = {}, {}, {}, {}
    for (lane_id, state, name), start in list(model.open_spans.items()):
        if state not in (WAIT, HOLD):
            continue
        lane = model.lanes[lane_id]
        base, timeout = lock_name(name) if state == WAIT else (name, None)
        lock = (lane.pid, base)
        threads[lane_id] = lane.label
        locks[lock] = base
        if state == HOLD:
            holders[lock] = lane_id
        else:
            waits[lane_id] = Wait(lane_id, lock, float(start), timeout)
    _qualify_same_names(model, locks)
    return WaitForGraph(threads, locks, holders, waits)


def _qualify_same_names(model, locks):
    """Locks of different processes may share a name: add the PID to tell them apart."""
    pids = {}
    for pid, name in locks:
        pids.setdefault(name, set()).add(pid)
    for (pid, name) in locks:
        if len(pids[name]) > 1:
            locks[pid, name] = f"{name} (PID {pid})"


def find_cycle(graph):
    """The first cycle of waits in `graph` as a `Deadlock`, or None.

    Each thread waits for one lock at most and each lock has one holder, so following
    thread -> lock -> holder from every waiting thread finds every cycle."""
    for start in sorted(graph.waits):
        path, seen = [], {}
        lane = start
        while lane in graph.waits and lane not in seen:
            seen[lane] = len(path)
            path.append(lane)
            lane = graph.holders.get(graph.waits[lane].lock)
        if lane is not None and lane in seen:
            return _deadlock(graph, path[seen[lane]:])
    return None


def _deadlock(graph, lanes):
    first = lanes.index(min(lanes))                 # start with the oldest thread
    lanes = lanes[first:] + lanes[:first]
    waits = [graph.waits[lane] for lane in lanes]
    held = waits[-1:] + waits[:-1]                  # each holds what the one before waits for
    steps = tuple(Step(graph.threads[lane], graph.locks[h.lock], graph.locks[w.lock])
                  for lane, h, w in zip(lanes, held, waits))
    return Deadlock(steps, tuple(lanes), tuple(w.lock for w in waits),
                    max(w.since for w in waits), tuple(w.timeout for w in waits))


def find_deadlock(model):
    """A deadlock (a cycle of waits without timeouts) in `model` right now, or None."""
    cycle = find_cycle(wait_for_graph(model))
    return cycle if cycle is not None and cycle.permanent else None
