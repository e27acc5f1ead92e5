"""process.pipe claims, on real runs: messages go both ways over one duplex pipe, each way in
the order they were sent, one arrow per message."""
import re
from dataclasses import replace

from gui.lessons import Run, run_of
from gui.lessons.process.pipe import Pipe
from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway


N = 4


def arrows_named(model, word):
    """[(t_out, pid_out, t_in, pid_in)] of the arrows called `word`, in the order they arrived."""
    found = [(t_out, model.lanes[lane_out].pid, t_in, model.lanes[lane_in].pid)
             for t_out, lane_out, t_in, lane_in, name in model.arrows()
             if model.names[name] == word]
    return sorted(found, key=lambda a: a[2])


def flow_ids(model, word, direction):
    """Flow ids of `word` in time order: direction 1 = sent, -1 = received."""
    flows = model.flows
    found = [(float(t), int(fid)) for t, name, fid, d in zip(flows["t"], flows["name"],
                                                             flows["fid"], flows["dir"])
             if model.names[name] == word and d == direction]
    return [fid for _, fid in sorted(found)]


def test_each_side_receives_the_other_s_messages_in_order(lesson_run):
    session, out = lesson_run("process.pipe", messages=N)
    assert session.run.returncode == 0, out
    numbers = list(range(1, N + 1))
    assert [int(n) for n in re.findall(r"^MainProcess sends ping (\d+)$", out, re.M)] == numbers
    assert [int(n) for n in re.findall(r"^Child got ping (\d+)$", out, re.M)] == numbers
    assert [int(n) for n in re.findall(r"^Child sends pong (\d+)$", out, re.M)] == numbers
    assert [int(n) for n in re.findall(r"^MainProcess got pong (\d+)$", out, re.M)] == numbers
    assert out.rstrip().endswith("Both sides are done.")
    # on the trace: every message sent was received, in the order it was sent, both ways
    model = session.model
    for word in ("ping", "pong"):
        assert flow_ids(model, word, 1) == numbers
        assert flow_ids(model, word, -1) == numbers


def test_arrows_go_both_ways_between_the_two_processes(lesson_run):
    session, out = lesson_run("process.pipe", messages=N)
    model = session.model
    parent = session.run.pid
    child, = [pid for pid in model.processes if pid != parent]
    pings, pongs = arrows_named(model, "ping"), arrows_named(model, "pong")
    assert len(pings) == len(pongs) == N
    assert {(a[1], a[3]) for a in pings} == {(parent, child)}      # down: parent -> child
    assert {(a[1], a[3]) for a in pongs} == {(child, parent)}      # up: child -> parent
    # ping n arrives before pong n leaves, and pong n arrives before ping n+1 leaves
    timeline = []
    for ping, pong in zip(pings, pongs):
        timeline += [ping[0], ping[2], pong[0], pong[2]]
    assert timeline == sorted(timeline)
    # both sides wait in recv(): wait.io bars on both lanes
    waits = {model.lanes[lane].pid
             for lane, state, name in zip(model.spans["lane"], model.spans["state"],
                                          model.spans["name"])
             if model.names[name] == "recv()" and STATES[state] == "wait.io"}
    assert waits == {parent, child}
    assert model.processes[child].exit_code == 0


def test_each_side_reports_the_messages_it_got_in_order(lesson_run):
    session, out = lesson_run("process.pipe", messages=N)
    numbers = list(range(1, N + 1))
    figures = session.model.result
    assert figures == {"pings_sent": N, "pings_got": numbers, "pongs_got": numbers}
    # as many as the arrows on the timeline, each way
    assert len(arrows_named(session.model, "ping")) == len(figures["pings_got"])
    assert len(arrows_named(session.model, "pong")) == len(figures["pongs_got"])
    assert Pipe().sentence(run_of(session)) == (
        f"{N} messages went each way over one pipe, each way in the order sent.")


def test_messages_go_both_ways_and_the_answer_counts_them(lesson_run):
    question = Pipe().question({"messages": 2})
    session, out = lesson_run("process.pipe", messages=2)
    run = run_of(session)
    right, words = question.answer(run)
    assert question.choices[right] == "Both ways: each end sends and receives"
    assert words == "2 pings went to the child and 2 pongs came back over the same pipe"
    # had no pong come back, the pipe would have carried messages one way only
    one_way = replace(run, result={**run.result, "pongs_got": []})
    assert question.choices[question.answer(one_way)[0]] == "Only from the parent to the child"
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_has_a_plural_and_says_when_messages_went_missing():
    def said(**figures):
        return Pipe().sentence(Run("process.pipe", {}, None, figures))
    assert said(pings_sent=1, pings_got=[1], pongs_got=[1]) == (
        "1 message went each way over one pipe, each way in the order sent.")
    assert said(pings_sent=3, pings_got=[1, 2, 3], pongs_got=[1, 3]) == (
        "The child got pings 1, 2, 3 and the parent got pongs 1, 3: not all of them, or not in "
        "the order they were sent.")
    assert said(pings_sent=3) == ""
    assert Pipe().compare_rows(Run("process.pipe", {}, None, {
        "pings_sent": 3, "pings_got": [1, 2, 3], "pongs_got": [1, 2]})) == (
        ("pings the child got", "3"), ("pongs the parent got", "2"))


def test_stop_in_the_middle_leaves_no_process():
    # 50 messages each way take about 20 s: both processes are talking when we stop
    assert_nothing_left(stop_midway("process.pipe", 2, messages=50), 2)
