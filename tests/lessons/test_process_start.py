"""process.start claims, on a real run: join() waits until the child has ended."""
import multiprocessing
import re
from dataclasses import replace

from gui.lessons import Run, run_of
from gui.lessons.process.start import Start
from tests.lessons.conftest import spans_named
from tests.lessons.stopping import assert_nothing_left, stop_midway


def test_the_parent_s_last_line_comes_after_the_child_s_exit(lesson_run):
    session, out = lesson_run("process.start", seconds=0.5)
    assert session.run.returncode == 0, out
    lines = out.splitlines()
    assert lines[0] == f"Parent process {session.run.pid}."
    assert lines[-1] == "Process end. Child exit code 0."
    order = ["Process will start.", "Run child process test", "Child process test ends.",
             "Process end."]
    where = [next(i for i, line in enumerate(lines) if line.startswith(text)) for text in order]
    assert where == sorted(where)
    child = int(re.search(r"Run child process test \((\d+)\)", out).group(1))
    assert child != session.run.pid
    # on the timeline: join() is a wait of the parent that ends only after the child's exit
    model = session.model
    (j0, j1, join_lane, join_state), = spans_named(model, "join()")
    (w0, w1, work_lane, _), = spans_named(model, "child's work")
    assert (join_lane.pid, join_state) == (session.run.pid, "wait.io")
    assert work_lane.pid == child
    lane = model.processes[child]
    assert lane.exit_code == 0
    assert w1 <= lane.end <= j1


def test_the_child_lives_inside_the_parent_s_lifetime(lesson_run):
    session, out = lesson_run("process.start", seconds=0.3)
    model = session.model
    parent = model.processes[session.run.pid]
    child, = [lane for pid, lane in model.processes.items()
              if lane.name == "Process-1"]
    assert parent.start < child.start < child.end < parent.end
    if multiprocessing.get_start_method() != "forkserver":   # else the forkserver is its parent
        assert child.parent is parent


def test_the_parent_reports_the_child_s_exit_and_how_long_join_waited(lesson_run):
    session, out = lesson_run("process.start", seconds=0.4)
    figures = session.model.result
    assert set(figures) == {"child_pid", "child_exit_code", "join_waited_s"}
    assert type(figures["child_pid"]) is int and type(figures["child_exit_code"]) is int
    assert isinstance(figures["join_waited_s"], float)
    assert figures["child_exit_code"] == session.model.processes[figures["child_pid"]].exit_code
    # the figure is the join() bar on the timeline, and it covers the child's work
    (j0, j1, _, _), = spans_named(session.model, "join()")
    (w0, w1, _, _), = spans_named(session.model, "child's work")
    assert abs(figures["join_waited_s"] - (j1 - j0)) < 0.01 * (j1 - j0) + 0.002
    assert figures["join_waited_s"] >= w1 - w0


def test_join_waits_for_the_child_and_the_answer_reads_the_wait(lesson_run):
    question = Start().question({"seconds": 0.4})
    session, out = lesson_run("process.start", seconds=0.4)
    run = run_of(session)
    right, words = question.answer(run)
    assert question.choices[right] == "About 0.4 s: until the child has ended", words
    assert words.startswith(f"join() waited {run.result['join_waited_s']:.2f} s; "
                            "the child worked ")
    # had join() returned at once, the other choice would be right
    right, _ = question.answer(replace(run, result={**run.result, "join_waited_s": 0.001}))
    assert question.choices[right].startswith("Not at all")
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_and_the_compare_rows_come_from_the_figures():
    run = Run("process.start", {"seconds": 0.3}, None,
              {"child_pid": 7, "child_exit_code": 0, "join_waited_s": 0.3049})
    assert Start().sentence(run) == "join() waited 0.30 s, until the child had ended (exit " \
                                    "code 0)."
    assert Start().compare_rows(run) == (("join() waited", "0.30 s"),
                                         ("the child's exit code", "0"))
    assert Start().sentence(replace(run, result={})) == ""


def test_stop_in_the_middle_leaves_no_process():
    assert_nothing_left(stop_midway("process.start", 2, seconds=30), 2)
