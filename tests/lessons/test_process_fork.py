"""process.fork claims, on a real run: fork() is called once and returns twice, 0 in the child.
The parent and the child each report what fork() returned to them; the window reads that."""
import os
import re
from dataclasses import replace

import pytest

from gui.lessons import run_of
from gui.lessons.process.fork import Fork
from tests.lessons.conftest import spans_named
from tests.lessons.stopping import assert_nothing_left, stop_midway

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork() is POSIX only")


def test_fork_returns_the_child_pid_in_the_parent_and_0_in_the_child(lesson_run):
    session, out = lesson_run("process.fork")
    assert session.run.returncode == 0, out
    parent = session.run.pid
    # called once: the line before fork() is printed once, by the parent
    assert re.findall(r"Process \((\d+)\) start", out) == [str(parent)]
    (me, child, returned), = re.findall(
        r"I \((\d+)\) just created a child process \((\d+)\)\. fork\(\) returned (-?\d+)", out)
    (child_pid, child_ppid, child_returned), = re.findall(
        r"I am child process \((\d+)\) and my parent is (\d+)\. fork\(\) returned (-?\d+)", out)
    # ...returns twice: the child's PID in the parent, 0 in the child
    assert int(me) == parent and int(returned) == int(child)
    assert child_returned == "0"
    assert int(child_pid) == int(child) != parent
    assert int(child_ppid) == parent
    # the parent waited for its child (no zombie) and learnt how it ended
    assert out.index(f"Child ({child}) exits.") < out.index(f"Child {child} exited with code 0.")


def test_both_processes_report_what_fork_returned_to_them(lesson_run):
    session, out = lesson_run("process.fork")
    figures = session.model.result
    assert set(figures) == {"parent_pid", "parent_got", "child_exit_code",
                            "child_pid", "child_ppid", "child_got"}
    assert all(type(value) is int for value in figures.values())
    parent, child = figures["parent_pid"], figures["child_pid"]
    assert parent == session.run.pid != child
    assert figures["parent_got"] == child and figures["child_got"] == 0
    assert figures["child_ppid"] == parent and figures["child_exit_code"] == 0
    # the same processes as on the timeline
    assert set(session.model.processes) == {parent, child}


def test_the_child_lane_hangs_from_the_parent_and_ends_inside_its_wait(lesson_run):
    session, out = lesson_run("process.fork")
    model, parent = session.model, session.run.pid
    child = model.result["child_pid"]
    assert set(model.processes) == {parent, child}
    assert model.processes[child].parent is model.processes[parent]
    (w0, w1, wait_lane, wait_state), = spans_named(model, "waitpid()")
    (c0, c1, work_lane, _), = spans_named(model, "child's work")
    assert (wait_lane.pid, wait_state) == (parent, "wait.io")
    assert work_lane.pid == child
    assert model.processes[parent].start < model.processes[child].start < c0
    assert c1 <= w1                         # waitpid() returns only after the child is done


def test_fork_returns_twice_and_the_answer_counts_the_returns(lesson_run):
    question = Fork().question({})
    session, out = lesson_run("process.fork")
    run = run_of(session)
    child = run.result["child_pid"]
    right, words = question.answer(run)
    assert question.choices[right].startswith("Twice")
    assert words == f"fork() returned {child} and 0: in 2 processes"
    # had only the parent come back from fork(), the answer would be "once"
    parent_only = {k: v for k, v in run.result.items() if not k.startswith("child")}
    right, words = question.answer(replace(run, result=parent_only))
    assert question.choices[right].startswith("Once")
    assert words == f"fork() returned {child}: in 1 process"
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_and_the_compare_rows_come_from_the_figures(lesson_run):
    session, out = lesson_run("process.fork")
    run = run_of(session)
    parent, child = run.result["parent_pid"], run.result["child_pid"]
    assert Fork().sentence(run) == (f"fork() returned {child} in the parent and 0 in the child "
                                    f"(PID {child}, whose parent is PID {parent}).")
    assert Fork().compare_rows(run) == (("fork() returned in the parent", str(child)),
                                        ("fork() returned in the child", "0"),
                                        ("the child's exit code", "0"))
    assert Fork().sentence(replace(run, result={"parent_got": child})) == ""


def test_stop_in_the_middle_leaves_no_process():
    assert_nothing_left(stop_midway("process.fork", 2), 2)
