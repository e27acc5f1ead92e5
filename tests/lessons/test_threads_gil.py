"""threads.gil claims, on real runs: threads take turns every switch interval; processes
run together. The CPU the workload used is one of its figures."""
import os
import sys
from dataclasses import replace

import numpy as np
import psutil
import pytest

from gui.lessons import free_cores, run_of, unit
from gui.trace.analysis import gil_turns, overlap_fraction, run_spans
from gui.trace.model import STATES

GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
TWO_CORES = (psutil.cpu_count() or 1) >= 2
GIL = unit("threads.gil")


def cores_used(session):
    return session.model.result["cpu_cores_used"]


@pytest.mark.skipif(not GIL_BUILD, reason="the GIL is off in this interpreter")
def test_threads_take_turns_at_the_switch_interval(lesson_run):
    session, out = lesson_run("threads.gil", variant="threads", workers=2, seconds=1.5,
                              switch_interval_ms=5)
    assert session.run.returncode == 0, out
    t0, t1, lanes = run_spans(session.model)
    assert len(np.unique(lanes)) == 2
    assert overlap_fraction(t0, t1) < 0.05
    if TWO_CORES:
        # a hand-off every switch interval (5 ms): a median turn of about one interval, a few
        # at most when other programs delay the waiting thread's wake-up; turns of the run's
        # length would be a few hand-offs, not hundreds
        turns = gil_turns(session.model)
        assert turns.threads == 2 and turns.handoffs >= (t1.max() - t0.min()) / (4 * 0.005)
        assert 0.5 < turns.median_s / 0.005 < 4.0
        assert cores_used(session) < 1.3
    waits = session.model.spans["state"] == STATES.index("wait.gil")
    assert waits.sum() >= 10


def test_the_figures_are_the_run_s_own(lesson_run):
    session, out = lesson_run("threads.gil", variant="threads", workers=2, seconds=0.5,
                              switch_interval_ms=5)
    assert session.run.returncode == 0, out
    result = session.model.result
    assert sorted(result) == ["cores", "cpu_cores_used", "cpu_s", "loops", "loops_per_s",
                              "switch_interval_ms", "wall_s", "workers"]
    assert result["workers"] == 2 and result["cores"] == os.cpu_count()
    assert result["switch_interval_ms"] == pytest.approx(5)
    assert isinstance(result["loops"], int) and result["loops"] > 0
    assert result["cpu_cores_used"] == pytest.approx(result["cpu_s"] / result["wall_s"])
    assert result["loops_per_s"] == pytest.approx(result["loops"] / result["wall_s"])
    # the workers ran inside the timed part: their run spans fit in the wall time, and each
    # spun for the seconds asked
    t0, t1, _ = run_spans(session.model)
    assert 0.5 <= t1.max() - t0.min() <= result["wall_s"]
    assert 0 < result["cpu_s"] <= 2 * result["wall_s"]


@pytest.mark.skipif(not TWO_CORES, reason="needs two cores to run processes side by side")
def test_processes_run_at_the_same_time(lesson_run):
    session, out = lesson_run("threads.gil", variant="processes", workers=2, seconds=1.5)
    assert session.run.returncode == 0, out
    run = run_of(session)
    if free_cores.starved(run, 2):
        # other programs took the cores (the session measured it): the lesson says so
        assert GIL.sentence(run).startswith("Other programs used "), GIL.sentence(run)
        pytest.skip(f"other programs kept {run.others_cores:.1f} cores busy: no free core to "
                    "share")
    t0, t1, lanes = run_spans(session.model)
    pids = {session.model.lanes[l].pid for l in np.unique(lanes)}
    assert len(pids) == 2 and session.run.pid not in pids
    # generous: threads overlap ~0 %; processes on an idle 2-core machine ~60 %, and still
    # well above 10 % when something else keeps one core busy
    assert overlap_fraction(t0, t1) > 0.10
    assert cores_used(session) > 1.2
    assert GIL.sentence(run) == (f"The processes ran at the same time "
                                 f"{overlap_fraction(t0, t1) * 100:.0f}% of the time, using "
                                 f"{cores_used(session):.1f} cores.")


@pytest.mark.skipif(not GIL_BUILD, reason="the GIL is off in this interpreter")
def test_a_longer_switch_interval_gives_longer_turns(lesson_run):
    # 25 times longer: a busy machine adds the same few ms of wake-up to every turn, so the
    # turns still differ severalfold
    short, _ = lesson_run("threads.gil", workers=2, seconds=1, switch_interval_ms=2)
    long, _ = lesson_run("threads.gil", workers=2, seconds=1, switch_interval_ms=50)
    median = [gil_turns(run.model).median_s for run in (short, long)]
    assert median[1] > 3 * median[0]


def test_the_sentence_and_compare_rows_read_the_turns_and_the_figures(lesson_run):
    session, out = lesson_run("threads.gil", variant="threads", workers=2, seconds=0.5,
                              switch_interval_ms=5)
    assert session.run.returncode == 0, out
    # the sentence made from the figures, however busy the machine was (a starved run's
    # sentence is tested in tests/check/test_claims_showdown_gil.py)
    run = replace(run_of(session), others_cores=None)
    turns = gil_turns(run.model)
    t0, t1, _ = run_spans(run.model)
    together = f"{overlap_fraction(t0, t1) * 100:.0f}%"
    used = run.result["cpu_cores_used"]
    assert turns.handoffs > 1
    assert GIL.sentence(run) == (f"The threads took turns {turns.handoffs} times; a turn "
                                 f"lasted {turns.median_s * 1000:.1f} ms (switch interval 5 "
                                 f"ms); they ran at the same time {together} of the time, "
                                 f"using {used:.1f} cores.")
    more = replace(run, result=dict(run.result, cpu_cores_used=3.04))
    assert GIL.sentence(more).endswith(", using 3.0 cores.")
    assert GIL.sentence(replace(run, result={})).endswith(f"{together} of the time.")
    assert GIL.compare_rows(run) == (
        ("CPU used", f"{used:.1f} cores"), ("ran at the same time", together),
        ("loops per second, all workers", f"{run.result['loops_per_s']:,.0f}"))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the question is not asked")
def test_threads_share_one_core_and_the_answer_reads_the_cores_used(lesson_run):
    question = GIL.question({"variant": "threads", "workers": 2, "seconds": 0.5,
                             "switch_interval_ms": 5.0})
    assert question is not None and len(question.choices) == 2
    session, out = lesson_run("threads.gil", variant="threads", workers=2, seconds=0.5)
    assert session.run.returncode == 0, out
    run = run_of(session)
    if free_cores.starved(run, 1):
        assert question.answer(run)[0] is None      # the cores used say who else ran
        pytest.skip(f"other programs kept {run.others_cores:.1f} cores busy")
    used = run.result["cpu_cores_used"]
    right, words = question.answer(run)
    assert right == 0 and used < 1.5, out
    assert words == f"{used:.1f} cores used"
    both = replace(run, result=dict(run.result, cpu_cores_used=1.93))
    assert question.answer(both) == (1, "1.9 cores used")
    assert question.answer(replace(run, result={}))[0] is None
