"""async.gevent claims, on real runs: without gevent.sleep(0) the greenlets run one after
another, with it they take turns; every switch is an arrow; all of it in one OS thread; and
gevent is imported only in the lesson's process, never in the window's. The figures say the
order of the lines; the sentence, the question's answer and the compare rows come from
them."""
import sys
from dataclasses import replace

import numpy as np
import pytest

from gui.lessons import Run, run_of, unit
from gui.trace.model import STATES
from workloads import catalog

GEVENT = unit("async.gevent")


def greenlet_lanes(session):
    """{lane name: Lane} of the sublanes (greenlets) of the lesson's process."""
    return {lane.name: lane for lane in session.model.lanes
            if lane.kind == "thread" and lane.sublane and lane.pid == session.run.pid}


def spans_on(model, lane, state):
    s = model.spans
    keep = (s["lane"] == lane.id) & (s["state"] == STATES.index(state))
    return sorted((float(a), float(b)) for a, b in zip(s["t0"][keep], s["t1"][keep]))


def workers(session):
    """The lesson's own greenlets, in spawn order: Greenlet-0 (f), Greenlet-1 (f), ..."""
    lanes = greenlet_lanes(session)
    return [lanes[name] for name in sorted(lanes) if name.endswith("(f)")]


def printed_order(out):
    return [line.split()[0] for line in out.splitlines() if line.startswith("Greenlet-")]


@pytest.mark.parametrize("count", [3, 4])
def test_no_sleep_runs_them_one_after_another(lesson_run, count):
    session, out = lesson_run("async.gevent", variant="no_sleep", greenlets=count)
    assert session.run.returncode == 0, out
    names = [f"Greenlet-{k}" for k in range(count)]
    assert printed_order(out) == [name for name in names for _ in range(5)]
    # the timeline: each greenlet runs in one piece, and the pieces do not overlap
    runs = [spans_on(session.model, lane, "run") for lane in workers(session)]
    assert len(runs) == count and all(len(r) == 1 for r in runs)
    for (a,), (b,) in zip(runs, runs[1:]):
        assert a[1] <= b[0]
    assert f"{count} greenlets ran in 1 OS thread(s)" in out


def test_sleep0_interleaves_them(lesson_run):
    session, out = lesson_run("async.gevent", variant="sleep0", greenlets=3)
    assert session.run.returncode == 0, out
    assert printed_order(out) == ["Greenlet-0", "Greenlet-1", "Greenlet-2"] * 5
    # the timeline: five run slices each, alternating 0, 1, 2, 0, 1, 2, ... and never two at once
    lanes = workers(session)
    runs = [spans_on(session.model, lane, "run") for lane in lanes]
    assert [len(r) for r in runs] == [6] * 3        # five turns, then the return after them
    slices = sorted((t0, t1, k) for k, r in enumerate(runs) for t0, t1 in r[:-1])
    assert [k for _, _, k in slices] == [0, 1, 2] * 5
    assert all(a[1] <= b[0] for a, b in zip(slices, slices[1:]))
    # ... and between its slices, each greenlet waits for its next turn
    assert all(len(spans_on(session.model, lane, "wait.io")) >= 4 for lane in lanes)


@pytest.mark.parametrize("variant", ["no_sleep", "sleep0"])
def test_one_os_thread_and_an_arrow_per_switch(lesson_run, variant):
    session, out = lesson_run("async.gevent", variant=variant, greenlets=3)
    assert session.run.returncode == 0, out
    model, pid = session.model, session.run.pid
    threads = [lane for lane in model.lanes if lane.kind == "thread" and lane.pid == pid
               and not lane.sublane and not lane.virtual]
    assert [lane.name for lane in threads] == ["MainThread"]
    lanes = greenlet_lanes(session)
    assert {"main greenlet", "hub"} <= set(lanes) and len(workers(session)) == 3
    assert all(lane.parent is threads[0] for lane in lanes.values())
    # the OS thread has a row of its own, the greenlets' rows nested under it, and its
    # lane shows the greenlets' turns one at a time, named after each
    rows = [(lane, depth) for lane, depth in model.rows()]
    (thread_depth,) = [depth for lane, depth in rows if lane is threads[0]]
    assert all(depth == thread_depth + 1 for lane, depth in rows if lane in lanes.values())
    on = (model.spans["lane"] == threads[0].id) & (model.spans["state"] == STATES.index("run"))
    assert {model.names[n] for n in model.spans["name"][on]} >= {
        lane.name for lane in workers(session)}
    turns = spans_on(model, threads[0], "run")
    assert all(a[1] <= b[0] + 1e-6 for a, b in zip(turns, turns[1:]))
    # every switch: an arrow out of one greenlet's lane into another's, at the same moment
    f = model.flows
    switch = np.flatnonzero(f["name"] == model.name_id("switch"))
    outs = {int(f["fid"][i]): (float(f["t"][i]), int(f["lane"][i])) for i in switch
            if f["dir"][i] > 0}
    ins = {int(f["fid"][i]): (float(f["t"][i]), int(f["lane"][i])) for i in switch
           if f["dir"][i] < 0}
    assert outs and set(outs) == set(ins)
    assert all(outs[n][1] != ins[n][1] for n in outs)
    # each run slice of a worker begins with the arrow into its lane: exactly one arrow
    # arrives in each slice, and none while the worker waits between its slices
    for lane in workers(session):
        arrivals = sorted(t for t, into in ins.values() if into == lane.id)
        slices = spans_on(model, lane, "run")
        inside = [[t for t in arrivals if t0 <= t <= t1] for t0, t1 in slices]
        assert all(len(found) == 1 for found in inside), (slices, arrivals)
        assert len(arrivals) == len(slices)
    minimum = 3 * 2 if variant == "no_sleep" else 3 * 5 * 2
    assert len(outs) >= minimum


def test_the_window_never_imports_gevent(lesson_run):
    session, out = lesson_run("async.gevent", variant="sleep0", greenlets=2)
    assert session.run.returncode == 0, out
    assert "gevent" not in sys.modules and "greenlet" not in sys.modules



@pytest.mark.parametrize("variant, right", [("no_sleep", 0), ("sleep0", 1)])
def test_greenlets_run_one_after_another_unless_they_give_way(lesson_run, variant, right):
    session, out = lesson_run("async.gevent", variant=variant, greenlets=3)
    assert session.run.returncode == 0, out
    run = run_of(session)
    # the figures: who printed each line, as the console shows it, and one OS thread
    printed = [int(name.split("-")[1]) for name in printed_order(out)]
    assert run.result == {"greenlets": 3, "os_threads": 1,
                          "print_order": " ".join(map(str, printed))}
    question = GEVENT.question(catalog.resolve("async.gevent", {"variant": variant,
                                                                "greenlets": "3"}))
    index, words = question.answer(run)
    assert index == right
    assert words == f"the lines came from greenlets {' '.join(map(str, printed[:7]))}…"
    # the same run, had the lines come shuffled: "mixed at random"
    shuffled = printed[:]
    shuffled[1], shuffled[-1] = shuffled[-1], shuffled[1]
    mixed = replace(run, result=dict(run.result, print_order=" ".join(map(str, shuffled))))
    assert question.answer(mixed)[0] == 2
    assert question.answer(replace(run, result={}))[0] is None
    how = ("ran one after another (0 0 0 0 0 1 1…)" if variant == "no_sleep"
           else "took turns (0 1 2 0 1 2 0…)")
    assert GEVENT.sentence(run) == f"The greenlets {how}, in 1 OS thread."
    assert dict(GEVENT.compare_rows(run)) == {
        "order of the lines": " ".join(map(str, printed[:7])) + "…", "OS threads": "1"}


def test_the_sentence_counts_threads_in_the_plural():
    run = Run("async.gevent", {"variant": "sleep0", "greenlets": 2}, None,
              {"greenlets": 2, "os_threads": 2, "print_order": "0 1 1 0"})
    assert GEVENT.sentence(run) == "The greenlets' lines came mixed (0 1 1 0…), in 2 OS threads."
