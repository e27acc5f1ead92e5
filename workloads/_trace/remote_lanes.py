"""The task and result arrows of the distributed lessons, and lanes for workers the window
does not trace.

Both sides wrap the queue proxies a `BaseManager` hands out, so the lessons' own loops read
like the textbook: `task.put((i, n))`, `task.get()`, `result.put((i, r))`, `result.get()`.
The wrappers draw an arrow from each put to its get, the waits and the work, and carry, with
each result, what the worker did: a worker on another machine runs without this window's
probe, so the manager draws that worker's lane from those timings (on a virtual lane called
"PID <pid> · worker on <host>").
"""
import os
import socket
import time

from workloads import probe

_now = time.perf_counter_ns
UNTRACED_LANE = "PID {pid} · worker on {host}"


# -- the manager's side --------------------------------------------------------------------
class ManagerTasks:
    """The task queue as the manager uses it: each put starts a "task" arrow."""

    def __init__(self, proxy):
        self._queue = proxy

    def put(self, item):
        probe.arrow_out(item[0], "task")            # the arrow to the worker's get
        self._queue.put(item)

    def qsize(self):
        return self._queue.qsize()


class ManagerResults:
    """The result queue as the manager uses it: get() returns (task number, result) and
    draws the wait for it and the "result" arrow that ends there."""

    def __init__(self, proxy):
        self._queue = proxy
        self._since = None

    def get(self, timeout=None):
        if self._since is None:
            self._since = _now()
        i, r, report = self._queue.get(timeout=timeout)
        now = _now()
        probe.emit_span("result.get()", "wait.io", self._since, now)
        probe.arrow_in(i, "result")                 # the arrow from the worker's put
        _draw_untraced(i, report, now)
        self._since = now
        return i, r


def on_manager(task, result):
    """The manager's task and result queue proxies, traced."""
    return ManagerTasks(task), ManagerResults(result)


def _draw_untraced(i, report, received_ns):
    """A worker this window does not trace still gets a lane: drawn from the timings it sent
    with its result, moved onto this machine's clock."""
    if not probe.enabled() or report.get("window") == probe.listener_id():
        return
    lane = UNTRACED_LANE.format(pid=report["pid"], host=report["host"])
    shift = received_ns - report["sent"]     # its clock to ours, give or take the network
    for name, cat, t0, t1, taken in report["events"]:
        probe.emit_span(name, cat, t0 + shift, t1 + shift, lane=lane)
        if taken is not None:
            probe.arrow_in(taken, "task", lane=lane, ts=t1 + shift)
    probe.arrow_out(i, "result", lane=lane, ts=received_ns)


# -- the worker's side ---------------------------------------------------------------------
class _Held:
    """What this worker did since its last result, and the task it holds."""

    def __init__(self):
        self.host, self.pid, self.window = socket.gethostname(), os.getpid(), probe.listener_id()
        self.events = []
        self.task = None                    # (task number, work name, when it was taken)

    def report(self):
        events, self.events = self.events, []
        return {"host": self.host, "pid": self.pid, "window": self.window, "events": events,
                "sent": _now()}


class WorkerTasks:
    """The task queue as a worker uses it: get() draws the wait and ends the "task" arrow."""

    def __init__(self, proxy, held):
        self._queue, self._held = proxy, held

    def get(self, timeout=None):
        t0 = _now()
        try:
            i, n = self._queue.get(timeout=timeout)
        finally:
            probe.emit_span("task.get()", "wait.io", t0, _now())
        took = _now()
        probe.arrow_in(i, "task")                   # the arrow from the manager's put
        self._held.events.append(("task.get()", "wait.io", t0, took, i))
        self._held.task = (i, f"{n}²", took)
        return i, n

    def killed_now(self):
        """Draw the held task cut short and mark the kill, and send both at once: a process
        killed with SIGKILL gets no chance to send anything later."""
        i, name, took = self._held.task
        probe.emit_span(name, "task", took, _now())
        probe.mark(f"killed holding task #{i}")
        probe.flush()


class WorkerResults:
    """The result queue as a worker uses it: put((i, r)) draws the work on the task it held,
    starts the "result" arrow and sends what the worker did along with the result."""

    def __init__(self, proxy, held):
        self._queue, self._held = proxy, held

    def put(self, item):
        i, r = item
        _, name, took = self._held.task
        now = _now()
        probe.emit_span(name, "task", took, now)
        self._held.events.append((name, "task", took, now, None))
        self._held.task = None
        probe.arrow_out(i, "result")                # the arrow to the manager's get
        self._queue.put((i, r, self._held.report()))


def on_worker(task, result):
    """A connected worker's task and result queue proxies, traced."""
    held = _Held()
    return WorkerTasks(task, held), WorkerResults(result, held)
