"""threads.gil claims, on real runs: threads take turns every switch interval; processes
run together."""
import re
import sys

import numpy as np
import psutil
import pytest

from gui.trace.model import STATES

GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
TWO_CORES = (psutil.cpu_count() or 1) >= 2


def run_spans(session):
    m = session.model
    keep = m.spans["state"] == STATES.index("run")
    return m.spans["t0"][keep], m.spans["t1"][keep], m.spans["lane"][keep]


def overlap_fraction(t0, t1):
    """Share of the time with anything running during which two or more run."""
    times = np.concatenate([t0, t1])
    steps = np.concatenate([np.ones_like(t0), -np.ones_like(t1)])
    order = np.lexsort((steps, times))
    times, level = times[order], np.cumsum(steps[order])
    widths = np.diff(times)
    busy = widths[level[:-1] >= 1].sum()
    return widths[level[:-1] >= 2].sum() / busy


def cores_used(out):
    return float(re.search(r"CPU used: ([\d.]+) cores", out).group(1))


@pytest.mark.skipif(not GIL_BUILD, reason="the GIL is off in this interpreter")
def test_threads_take_turns_at_the_switch_interval(lesson_run):
    session, out = lesson_run("threads.gil", variant="threads", workers=2, seconds=1.5,
                              switch_interval_ms=5)
    assert session.run.returncode == 0, out
    t0, t1, lanes = run_spans(session)
    assert len(np.unique(lanes)) == 2
    assert overlap_fraction(t0, t1) < 0.05
    if TWO_CORES:
        # a hand-off every switch interval: the median turn is close to 5 ms
        assert 0.5 < np.median(t1 - t0) / 0.005 < 2.0
        assert cores_used(out) < 1.3
    waits = session.model.spans["state"] == STATES.index("wait.gil")
    assert waits.sum() >= 10


@pytest.mark.skipif(not TWO_CORES, reason="needs two cores to run processes side by side")
def test_processes_run_at_the_same_time(lesson_run):
    session, out = lesson_run("threads.gil", variant="processes", workers=2, seconds=1.5)
    assert session.run.returncode == 0, out
    t0, t1, lanes = run_spans(session)
    pids = {session.model.lanes[l].pid for l in np.unique(lanes)}
    assert len(pids) == 2 and session.run.pid not in pids
    assert overlap_fraction(t0, t1) > 0.25
    assert cores_used(out) > 1.3


@pytest.mark.skipif(not GIL_BUILD, reason="the GIL is off in this interpreter")
def test_a_longer_switch_interval_gives_longer_turns(lesson_run):
    short, _ = lesson_run("threads.gil", workers=2, seconds=1, switch_interval_ms=2)
    long, _ = lesson_run("threads.gil", workers=2, seconds=1, switch_interval_ms=20)
    median = [np.median(t1 - t0) for t0, t1, _ in (run_spans(short), run_spans(long))]
    assert median[1] > 3 * median[0]
