"""process.queue claims, on real runs: first in, first out; each get after its put; one arrow
from every put to the get of the same item; the reader is ended by terminate()."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from gui.lessons import Run, run_of
from gui.lessons.process.queue import Queue
from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway


ROOT = Path(__file__).resolve().parents[2]
ITEMS = ["A", "B", "C", "D"]


def marks(model, prefix):
    """[(t, lane, value)] of the marks named "<prefix> <value>", in time order."""
    found = [(float(t), model.lanes[lane], model.names[name][len(prefix) + 1:])
             for t, lane, name in zip(model.marks["t"], model.marks["lane"], model.marks["name"])
             if model.names[name].startswith(prefix + " ")]
    return sorted(found, key=lambda m: m[0])


def process_named(model, name):
    lane, = [lane for lane in model.processes.values() if lane.name == name]
    return lane


def test_items_come_out_in_the_order_they_went_in(lesson_run):
    session, out = lesson_run("process.queue", items=",".join(ITEMS), delay=0.3)
    assert session.run.returncode == 0, out
    assert re.findall(r"^Put (\w+) to queue\.\.\.$", out, re.M) == ITEMS
    assert re.findall(r"^Get (\w+) from queue\.$", out, re.M) == ITEMS
    for value in ITEMS:                       # the console: each get after its put
        assert out.index(f"Put {value} to queue") < out.index(f"Get {value} from queue")
    model = session.model
    writer, reader = process_named(model, "Writer"), process_named(model, "Reader")
    assert len({session.run.pid, writer.pid, reader.pid}) == 3
    puts, gets = marks(model, "put"), marks(model, "get")
    assert [v for *_, v in puts] == ITEMS and {lane.pid for _, lane, _ in puts} == {writer.pid}
    assert [v for *_, v in gets] == ITEMS and {lane.pid for _, lane, _ in gets} == {reader.pid}
    for (t_put, _, value), (t_get, _, got) in zip(puts, gets):
        assert value == got and t_put < t_get
    # the reader waits in get(): a wait.io bar on its lane that ends where an item arrives,
    # and one more that terminate() cut short
    waits = [(float(t1), model.lanes[lane].pid, model.cut_reason(i))
             for i, (t1, lane, state, name) in enumerate(zip(
                 model.spans["t1"], model.spans["lane"], model.spans["state"],
                 model.spans["name"]))
             if model.names[name] == "get()" and STATES[state] == "wait.io"]
    assert [cut for *_, cut in waits] == [""] * len(ITEMS) + ["terminated"]
    assert {pid for _, pid, _ in waits} == {reader.pid}


def test_every_arrow_joins_a_put_to_the_get_of_the_same_item(lesson_run):
    session, out = lesson_run("process.queue", items=",".join(ITEMS), delay=0.3)
    model = session.model
    puts, gets = marks(model, "put"), marks(model, "get")
    arrows = sorted(model.arrows())
    assert len(arrows) == len(ITEMS)
    for i, (t_out, lane_out, t_in, lane_in, name) in enumerate(arrows):
        assert model.names[name] == "item"
        assert model.lanes[lane_out].pid == puts[i][1].pid
        assert model.lanes[lane_in].pid == gets[i][1].pid
        # the arrow leaves at put i and arrives at get i, so both ends name the same item
        next_put = puts[i + 1][0] if i + 1 < len(puts) else float("inf")
        previous_get = gets[i - 1][0] if i else float("-inf")
        assert puts[i][0] <= t_out < next_put
        assert previous_get < t_in <= gets[i][0]
        assert puts[i][2] == gets[i][2] == ITEMS[i]
    # first in, first out: the arrows never cross
    assert [a[2] for a in arrows] == sorted(a[2] for a in arrows)


def test_the_reader_is_ended_by_terminate(lesson_run):
    session, out = lesson_run("process.queue", items="A,B", delay=0.2)
    assert session.run.returncode == 0, out
    assert f"exit code {-signal.SIGTERM}." in out
    model = session.model
    writer, reader = process_named(model, "Writer"), process_named(model, "Reader")
    assert writer.exit_code == 0
    assert reader.exit_code == -signal.SIGTERM
    # terminate() comes after join() on the writer, and the reader's lane ends after that
    (t_terminate, lane, _), = marks(model, "terminate()")
    assert lane.pid == session.run.pid
    assert writer.end <= t_terminate + 1e-3 and t_terminate <= reader.end
    assert Queue().sentence(run_of(session)) == (
        "The reader got A, B in the order they were put; "
        "the reader was ended by terminate() (exit code -15).")


def test_the_figures_say_what_went_in_what_came_out_and_how_the_reader_ended(lesson_run):
    session, out = lesson_run("process.queue", items=",".join(ITEMS), delay=0.2)
    figures = session.model.result
    assert figures == {"put": ITEMS, "got": ITEMS, "reader_exit_code": -signal.SIGTERM}
    # the same as the timeline's marks, and the exit code the timeline shows for the reader
    assert [v for *_, v in marks(session.model, "get")] == figures["got"]
    assert process_named(session.model, "Reader").exit_code == figures["reader_exit_code"]


def test_the_reader_ends_by_terminate_and_the_answer_reads_its_exit_code(lesson_run):
    question = Queue().question({})
    session, out = lesson_run("process.queue", items="A,B", delay=0.2)
    run = run_of(session)
    right, words = question.answer(run)
    assert question.choices[right] == "The parent ends it with terminate()"
    assert words == f"the reader ended with exit code {-signal.SIGTERM}"
    # had it ended by itself, the first choice would be right
    ended = replace(run, result={**run.result, "reader_exit_code": 0})
    assert question.choices[question.answer(ended)[0]].startswith("It finds the queue empty")
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_says_when_terminate_came_before_every_get():
    def said(**figures):
        return Queue().sentence(Run("process.queue", {}, None, figures))
    assert said(put=["A", "B", "C"], got=["A"], reader_exit_code=-15) == (
        "The reader got only A of A, B, C before terminate() ended it (exit code -15).")
    assert said(put=["A", "B"], got=["A", "B"]) == \
        "The reader got A, B in the order they were put."
    assert said(put=["A"], reader_exit_code=-15) == ""
    assert Queue().compare_rows(Run("process.queue", {}, None, {
        "put": ["A", "B"], "got": ["A"], "reader_exit_code": -15})) == (
        ("the writer put", "A, B"), ("the reader got", "A"), ("the reader's exit code", "-15"))


def test_the_trace_file_pairs_each_put_with_its_get(tmp_path):
    script = shutil.which("concurrency-lab", path=os.path.dirname(sys.executable))
    command = [script] if script else [sys.executable, "-m", "gui"]
    trace = tmp_path / "queue.json"
    done = subprocess.run([*command, "run", "process.queue", "--set", "items=A,B,C",
                           "--set", "delay=0.2", "--trace", str(trace)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    events = json.loads(trace.read_text())["traceEvents"]
    names = {e["pid"]: e["args"]["name"] for e in events
             if e["ph"] == "M" and e["name"] == "process_name"}
    messages = [e for e in events if e["ph"] == "X" and e.get("cat") == "message"]
    starts = {e["args"]["flow"]: e for e in messages if e["args"]["dir"] == 1}   # arrow ends
    ends = {e["args"]["flow"]: e for e in messages if e["args"]["dir"] == -1}
    assert sorted(starts) == sorted(ends) == [0, 1, 2]
    for fid, start in starts.items():
        end = ends[fid]
        assert start["name"] == end["name"] == "item"
        assert names[start["pid"]].endswith("Writer") and names[end["pid"]].endswith("Reader")
        assert start["ts"] <= end["ts"]
    # the same arrows as the contract's flow events: "s" / "f" pairs with a shared id
    out = {e["id"]: e for e in events if e["ph"] == "s"}
    into = {e["id"]: e for e in events if e["ph"] == "f"}
    assert len(out) == len(into) == 3 and set(out) == set(into)
    assert sorted((e["ts"], e["pid"]) for e in out.values()) == sorted(
        (e["ts"], e["pid"]) for e in starts.values())
    assert sorted((e["ts"], e["pid"]) for e in into.values()) == sorted(
        (e["ts"], e["pid"]) for e in ends.values())
    exits = {e["pid"]: e["args"]["exit_code"] for e in events
             if e["ph"] == "i" and e["name"] == "exit"}
    reader, = [pid for pid, name in names.items() if name.endswith("Reader")]
    assert exits[reader] == -signal.SIGTERM


def test_stop_in_the_middle_leaves_no_process():
    # a long pause after each put: the writer and the reader are both alive when we stop
    assert_nothing_left(stop_midway("process.queue", 3, items="A,B,C", delay=5), 3)
