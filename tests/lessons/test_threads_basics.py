"""threads.basics claims, on real runs: the threads have the names given; the main thread
ends only after LoopThread's last tick, because it join()s it."""
import dataclasses

import pytest

from gui.lessons import run_of, unit
from gui.trace.model import STATES
from workloads import catalog


def thread_lanes(session):
    """{thread name: Lane} of the lesson's main process."""
    return {lane.name: lane for lane in session.model.lanes
            if lane.kind == "thread" and lane.pid == session.run.pid}


def spans_on(model, lane, state):
    s = model.spans
    keep = (s["lane"] == lane.id) & (s["state"] == STATES.index(state))
    return [(float(a), float(b), model.names[n])
            for a, b, n in zip(s["t0"][keep], s["t1"][keep], s["name"][keep])]


def marks_on(model, lane):
    m = model.marks
    keep = m["lane"] == lane.id
    return [(float(t), model.names[n]) for t, n in zip(m["t"][keep], m["name"][keep])]


@pytest.mark.parametrize("ticks", [3, 7])
def test_names_as_given_and_the_main_thread_ends_last(lesson_run, ticks):
    session, out = lesson_run("threads.basics", ticks=ticks, tick_s=0.02)
    assert session.run.returncode == 0, out
    assert out.splitlines() == (
        ["thread MainThread is running...", "thread LoopThread is running..."]
        + [f"thread LoopThread >>> {n}" for n in range(1, ticks + 1)]
        + ["thread LoopThread ended.", "thread MainThread ended."])
    # the timeline: one lane per thread, labelled with the thread's name
    lanes = thread_lanes(session)
    assert {"MainThread", "LoopThread"} <= set(lanes)
    labels = [lane.label for lane, _ in session.model.rows()]
    assert "MainThread" in labels and "LoopThread" in labels


def test_each_tick_is_a_mark_then_a_sleep_and_join_waits_for_the_last(lesson_run):
    session, out = lesson_run("threads.basics", ticks=4, tick_s=0.03)
    assert session.run.returncode == 0, out
    model, lanes = session.model, thread_lanes(session)
    loop, main = lanes["LoopThread"], lanes["MainThread"]
    ticks = marks_on(model, loop)
    assert [name for _, name in ticks] == [f"n = {n}" for n in range(1, 5)]
    sleeps = sorted(spans_on(model, loop, "wait.io"))
    assert [name for _, _, name in sleeps] == ["sleep"] * 4
    for (t, _), (s0, s1, _) in zip(ticks, sleeps):
        assert t <= s0 < s1                     # the tick, then its sleep
    assert all(a[1] <= b[0] for a, b in zip(sleeps, sleeps[1:]))   # one after another
    # join(): the main thread waits from start() until LoopThread has ended
    (j0, j1, name), = spans_on(model, main, "wait.io")
    assert name == "join()"
    assert main.start <= j0 <= loop.end <= j1 <= main.end
    assert sleeps[-1][1] <= loop.end
    assert not marks_on(model, main) and not spans_on(model, main, "run")


def test_the_lesson_reports_which_thread_ended_last_and_the_answer_reads_it(lesson_run):
    values = catalog.resolve("threads.basics", {"ticks": "2", "tick_s": "0.02"})
    question = unit("threads.basics").question(values)
    assert question.choices == ("MainThread", "LoopThread")
    session, out = lesson_run("threads.basics", ticks=2, tick_s=0.02)
    assert session.run.returncode == 0, out
    run = run_of(session)
    assert run.result == {"ended_last": "MainThread"}
    assert out.splitlines()[-1] == "thread MainThread ended."       # the console agrees
    # the trace agrees: LoopThread's lane ends before the main thread's
    lanes = thread_lanes(session)
    assert lanes["LoopThread"].end <= lanes["MainThread"].end
    assert question.answer(run) == (0, "MainThread ended last")
    assert unit("threads.basics").compare_rows(run) == (("Ended last", "MainThread"),)
    # had the main thread not waited, LoopThread would have ended last
    other = dataclasses.replace(run, result={"ended_last": "LoopThread"})
    assert question.answer(other) == (1, "LoopThread ended last")
    assert question.answer(dataclasses.replace(run, result={}))[0] is None
