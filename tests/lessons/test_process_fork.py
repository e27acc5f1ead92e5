"""process.fork claims, on a real run: fork() is called once and returns twice, 0 in the child."""
import os
import re

import pytest

from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork() is POSIX only")


def spans_named(model, name):
    return [(float(t0), float(t1), model.lanes[lane], STATES[state])
            for t0, t1, lane, state, n in zip(model.spans["t0"], model.spans["t1"],
                                              model.spans["lane"], model.spans["state"],
                                              model.spans["name"])
            if model.names[n] == name]


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


def test_the_child_lane_hangs_from_the_parent_and_ends_inside_its_wait(lesson_run):
    session, out = lesson_run("process.fork")
    model, parent = session.model, session.run.pid
    child = int(re.search(r"I am child process \((\d+)\)", out).group(1))
    assert set(model.processes) == {parent, child}
    assert model.processes[child].parent is model.processes[parent]
    (w0, w1, wait_lane, wait_state), = spans_named(model, "waitpid()")
    (c0, c1, work_lane, _), = spans_named(model, "child's work")
    assert (wait_lane.pid, wait_state) == (parent, "wait.io")
    assert work_lane.pid == child
    assert model.processes[parent].start < model.processes[child].start < c0
    assert c1 <= w1                         # waitpid() returns only after the child is done


def test_stop_in_the_middle_leaves_no_process():
    assert_nothing_left(stop_midway("process.fork", 2), 2)
