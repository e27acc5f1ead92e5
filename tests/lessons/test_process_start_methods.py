"""process.start_methods claims, on real runs: spawn and forkserver children import the main
module again, fork children do not; what cannot be pickled fails under spawn with a clear
message; a start time is reported for every start method the system has."""
import multiprocessing
import re
from dataclasses import replace

import pytest

from gui.lessons import Run, run_of
from gui.lessons.process.start_methods import StartMethods
from tests.lessons.conftest import spans_named
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
    # the figures: the same times as the printed table, one per method, none that failed
    figures = session.model.result
    assert figures["methods"] == METHODS and figures["cannot_pickle"] == []
    assert {m: figures[f"{m}_start_ms"] for m in METHODS} == {
        m: float(ms) for m, ms in table.items()}
    result = StartMethods().sentence(run_of(session))
    assert result == "From start() to the child's first line: " + ", ".join(
        f"{m} {figures[f'{m}_start_ms']:.0f} ms" for m in METHODS) + "."
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
    figures = session.model.result
    assert figures["cannot_pickle"] == PICKLING
    assert [m for m in METHODS if f"{m}_start_ms" in figures] == sorted(pids)
    # no child was started for them, and the timeline marks where start() failed
    names = {lane.name for lane in session.model.processes.values()}
    assert not {f"{m} child" for m in PICKLING} & names
    marked = {session.model.lanes[lane].name
              for lane, name in zip(session.model.marks["lane"], session.model.marks["name"])
              if session.model.names[name] == "cannot pickle"}
    assert marked == set(PICKLING)


@pytest.mark.skipif(len(METHODS) < 2, reason="one start method: no question to ask")
def test_the_fastest_start_method_answers_the_question(lesson_run):
    question = StartMethods().question({"variant": "picklable"})
    assert question.choices == tuple(METHODS)
    session, out = lesson_run("process.start_methods", variant="picklable")
    run = run_of(session)
    times = {m: run.result[f"{m}_start_ms"] for m in METHODS}
    right, words = question.answer(run)
    assert question.choices[right] == min(times, key=times.get)
    assert words == ", ".join(f"{m} {ms:.0f} ms" for m, ms in times.items())
    # had the last method been the fastest, the answer would follow the figures
    last = METHODS[-1]
    faster = replace(run, result={**run.result, f"{last}_start_ms": 0.1})
    assert question.choices[question.answer(faster)[0]] == last


@pytest.mark.skipif(not PICKLING, reason="only fork here: nothing is pickled")
def test_only_fork_hands_a_lambda_to_the_child_and_the_answer_says_so(lesson_run):
    question = StartMethods().question({"variant": "unpicklable"})
    session, out = lesson_run("process.start_methods", variant="unpicklable")
    run = run_of(session)
    right, words = question.answer(run)
    ran = ["fork"] if "fork" in METHODS else []
    assert question.choices[right] == (question.choices[1] if ran else "None of them")
    assert words == f"started: {', '.join(ran) or '-'}; could not pickle the lambda: " \
                    f"{', '.join(PICKLING)}"
    # had every method started the child, "all of them" would be right
    started = {**run.result, "cannot_pickle": [],
               **{f"{m}_start_ms": 5.0 for m in METHODS}}
    assert question.choices[question.answer(replace(run, result=started))[0]] == "All of them"
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_and_compare_rows_name_the_methods_that_could_not_pickle():
    def run(**figures):
        return Run("process.start_methods", {}, None,
                   {"methods": ["fork", "spawn", "forkserver"], **figures})
    failed = run(cannot_pickle=["spawn", "forkserver"], fork_start_ms=4.04)
    assert StartMethods().sentence(failed) == ("From start() to the child's first line: fork "
                                               "4 ms; spawn, forkserver could not pickle the "
                                               "argument.")
    assert StartMethods().compare_rows(failed) == (
        ("fork: start() to the child's first line", "4.0 ms"),
        ("spawn: start() to the child's first line", "cannot pickle the argument"),
        ("forkserver: start() to the child's first line", "cannot pickle the argument"))
    assert StartMethods().sentence(run(cannot_pickle=["spawn"], methods=["spawn"])) == \
        "No child started: spawn could not pickle the argument."
    assert StartMethods().sentence(run()) == ""


@pytest.mark.skipif(not PICKLING, reason="no spawn helper processes to stop")
def test_stop_in_the_middle_leaves_no_process():
    # the parent, the fork child and a spawn-side process (its child or the resource tracker)
    # have connected: the spawn child and the forkserver are still to come or running
    stopped = stop_midway("process.start_methods", len(METHODS), variant="picklable")
    assert_nothing_left(stopped, len(METHODS))
