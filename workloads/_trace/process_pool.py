"""What the pool lesson (process.pool) needs beyond its idea: when each task was queued,
started and ended, so the timeline can draw the time a task sat in the pool's queue and the
lesson can report its figures.

``p.apply_async(queued(task), args=(name, ...))`` runs ``task(name, ...)`` in a worker as
before; the worker returns (its pid, queued ns, started ns, ended ns) instead of the task's
own result, and ``figures(jobs)`` turns those into the lesson's figures.
"""
import os
import time

from workloads import probe

# A free worker picks a task up within a millisecond or so: a task that started later than
# this after it was queued sat in the pool's queue because every worker was busy.
QUEUED_NS = 10_000_000
WAITING_LANE = "waiting for a worker"


class queued:  # noqa: N801 (used like a function: queued(task))
    """A task for `Pool.apply_async` that remembers when it was queued. It pickles like the
    task it wraps: a module-level function."""

    def __init__(self, task):
        self.task = task
        self.queued_ns = time.perf_counter_ns()

    def __call__(self, name, *args):
        started = time.perf_counter_ns()
        if started - self.queued_ns > QUEUED_NS:
            probe.emit_span(f"task {name}", "wait.io", self.queued_ns, started,
                            lane=WAITING_LANE)
        self.task(name, *args)
        return os.getpid(), self.queued_ns, started, time.perf_counter_ns()


def most_at_once(runs):
    """The most tasks running at one moment; `runs` are (start, end) pairs."""
    # at one instant an end comes before a start: a worker frees, then takes the next task
    steps = sorted([(t0, 1) for t0, _ in runs] + [(t1, -1) for _, t1 in runs])
    most = running = 0
    for _, step in steps:
        running += step
        most = max(most, running)
    return most


def figures(jobs):
    """The lesson's figures from its `apply_async` results, in the order the tasks were
    submitted (each made with `queued`)."""
    runs = [job.get() for job in jobs]
    last_start = runs[-1][2] if runs else 0
    return dict(
        tasks_run=len(runs),
        worker_processes=len({pid for pid, *_ in runs}),
        most_at_once=most_at_once([(t0, t1) for _, _, t0, t1 in runs]),
        queued_tasks=sum(t0 - q > QUEUED_NS for _, q, t0, _ in runs),
        ended_before_last_started=sum(t1 <= last_start for *_, t1 in runs[:-1]),
    )
