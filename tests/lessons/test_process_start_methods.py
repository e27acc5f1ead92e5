"""process.start_methods claims, on real runs: spawn and forkserver children import the main
module again, fork children do not; what cannot be pickled fails under spawn with a clear
message; a start time is reported for every start method the system has."""
import multiprocessing
import re

import pytest

from gui.lesson_summary import summarize
from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway


METHODS = [m for m in ("fork", "spawn", "forkserver")
           if m in multiprocessing.get_all_start_methods()]
PICKLING = [m for m in METHODS if m != "fork"]


def imports(out):
    """{pid: [__name__, ...]}: who printed the module-level line, and under which name."""
    found = {}
    for pid, name in re.findall(r"^importing the lesson module in pid (\d+) "
                                r"\(__name__ == '(\w+)'\)$", out, re.M):
        found.setdefault(int(pid), []).append(name)
    return found


def children(out):
    """{method: pid} of the children that ran."""
    return {method: int(pid)
            for pid, method in re.findall(r"^  child (\d+) started by (\w+):", out, re.M)}


def spans_named(model, name):
    return [(float(t0), float(t1), model.lanes[lane], STATES[state])
            for t0, t1, lane, state, n in zip(model.spans["t0"], model.spans["t1"],
                                              model.spans["lane"], model.spans["state"],
                                              model.spans["name"])
            if model.names[n] == name]


def test_spawn_and_forkserver_children_import_the_module_again(lesson_run):
    session, out = lesson_run("process.start_methods", variant="picklable")
    assert session.run.returncode == 0, out
    parent, seen, pids = session.run.pid, imports(out), children(out)
    assert sorted(pids) == sorted(METHODS)
    assert len({parent, *pids.values()}) == len(METHODS) + 1
    assert seen[parent] == ["__main__"]                 # the parent imports it once
    if "fork" in pids:
        assert pids["fork"] not in seen                 # a fork child already has it
    for method in PICKLING:
        assert seen[pids[method]] == ["__mp_main__"]    # a fresh child imports it again
    assert set(seen) == {parent} | {pids[m] for m in PICKLING}
    # the timeline says the same: a mark where each process imports the module
    model = session.model
    marked = [model.lanes[lane].pid
              for lane, name in zip(model.marks["lane"], model.marks["name"])
              if model.names[name] == "imports the module"]
    assert sorted(marked) == sorted(seen)
    for method, pid in pids.items():                    # each child has its own lane
        assert session.model.processes[pid].name == f"{method} child"
        assert session.model.processes[pid].exit_code == 0


def test_a_start_time_is_reported_for_every_method(lesson_run):
    session, out = lesson_run("process.start_methods", variant="picklable")
    table = dict(re.findall(r"^(\w+) +([\d.]+) ms$", out, re.M))
    assert sorted(table) == sorted(METHODS)
    assert all(float(ms) > 0 for ms in table.values())
    result = summarize("process.start_methods", session.values, session.model, out)
    assert result.startswith("From start() to the child's first line: ")
    assert all(f"{method} " in result for method in METHODS)
    model, pids = session.model, children(out)
    for method in METHODS:
        (t0, t1, lane, state), = spans_named(model, f"{method} start")
        assert lane.pid == session.run.pid and state == "wait.io"
        assert 0 < t1 - t0
        # the bar starts before the child exists and ends when its function runs
        child = model.processes[pids[method]]
        assert t0 <= child.start <= t1 + 1e-3


@pytest.mark.skipif(not PICKLING, reason="only fork here: nothing is pickled")
def test_what_cannot_be_pickled_fails_under_spawn_with_a_clear_message(lesson_run):
    session, out = lesson_run("process.start_methods", variant="unpicklable")
    assert session.run.returncode == 0, out
    pids = children(out)
    assert sorted(pids) == (["fork"] if "fork" in METHODS else [])
    failures = re.findall(r"^  failed: (\w+): (.*)$", out, re.M)
    assert len(failures) == len(PICKLING)
    for kind, message in failures:
        assert kind == "PicklingError" and "pickle" in message and "lambda" in message
    for method in PICKLING:
        assert re.search(rf"^  {method} must pickle the target and its arguments", out, re.M)
        assert re.search(rf"^{method} +cannot pickle the argument$", out, re.M)
    # no child was started for them, and the timeline marks where start() failed
    names = {lane.name for lane in session.model.processes.values()}
    assert not {f"{m} child" for m in PICKLING} & names
    marked = {session.model.lanes[lane].name
              for lane, name in zip(session.model.marks["lane"], session.model.marks["name"])
              if session.model.names[name] == "cannot pickle"}
    assert marked == set(PICKLING)


@pytest.mark.skipif(not PICKLING, reason="no spawn helper processes to stop")
def test_stop_in_the_middle_leaves_no_process():
    # the parent, the fork child and a spawn-side process (its child or the resource tracker)
    # have connected: the spawn child and the forkserver are still to come or running
    stopped = stop_midway("process.start_methods", len(METHODS), variant="picklable")
    assert_nothing_left(stopped, len(METHODS))
