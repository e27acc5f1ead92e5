"""When a busy thread ran and when it was paused, seen from inside it.

A loop that only computes looks at the clock now and then; a jump longer than `gap_ns`
between two looks means the thread did not run in between: another thread held the GIL
("wait.gil"), or the OS ran another program ("blocked"). `Watch` draws those runs and
pauses on the thread's lane, so the lessons that compare threads with processes (threads.gil,
showdown.cpu) share one detector.
"""
import time

from workloads import probe

_now = time.perf_counter_ns


class Watch:
    """``watch = Watch("wait.gil")``, then ``watch.look()`` in the loop, ``watch.done()``
    at its end; ``look()`` returns the time it read (ns)."""

    __slots__ = ("waiting", "gap_ns", "run_start", "last", "cpu_start")

    def __init__(self, waiting="wait.gil", gap_ns=50_000):
        self.waiting, self.gap_ns = waiting, gap_ns
        self.cpu_start = time.thread_time()
        self.run_start = self.last = _now()

    def look(self):
        t = _now()
        if t - self.last > self.gap_ns:         # this thread did not run from `last` to `t`
            probe.emit_span("running", "run", self.run_start, self.last)
            probe.emit_span("waiting", self.waiting, self.last, t)
            self.run_start = t
        self.last = t
        return t

    def done(self):
        """Draws the last run; returns the CPU seconds this thread used since the start."""
        probe.emit_span("running", "run", self.run_start, self.last)
        return time.thread_time() - self.cpu_start
