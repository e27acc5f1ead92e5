"""Work cut short stays drawn: a span still open when its process ends (terminated, killed,
the run stopped) ends there, marked as cut, in the model, the window and the trace file."""
import asyncio
import json
from pathlib import Path

import numpy as np

from gui.run.session import LessonSession
from gui.trace import chrome_json
from gui.trace.chrome_reader import read
from gui.trace.model import STATES, TraceModel
from tests.lessons.conftest import run_lesson
from tests.lessons.stopping import Stopped, assert_nothing_left

S = {name: code for code, name in enumerate(STATES)}


def spans_of(model):
    """(name, state, t0, t1, lane, why cut) of every span, in the model's order."""
    s = model.spans
    return [(model.names[n], STATES[c], float(t0), float(t1), model.lanes[lane],
             model.cut_reason(i))
            for i, (n, c, t0, t1, lane) in enumerate(zip(s["name"], s["state"], s["t0"],
                                                         s["t1"], s["lane"]))]


def two_processes():
    """A main process and a child, each with a thread that opened a span at 0.2 s."""
    model = TraceModel()
    lanes = {}
    for pid, ppid in ((10, 0), (11, 10)):
        model.process(pid, ppid, "MainProcess" if pid == 10 else "Reader", start=0.0)
        lanes[pid] = model.thread_started(pid, pid, pid, "MainThread", 0.0)
        model.begin(lanes[pid].id, S["wait.io"], "get()", 0.2)
    return model, lanes


def test_an_open_span_ends_where_its_process_ended_and_is_marked_cut():
    model, lanes = two_processes()
    model.child_exited(11, -15)                     # the parent saw terminate() end it
    model.process_ended(model.processes[11], 0.5)
    (name, state, t0, t1, lane, why), = spans_of(model)
    assert (name, state, t0, t1, lane, why) == ("get()", "wait.io", 0.2, 0.5, lanes[11],
                                                "terminated")
    # the main process still runs: its span stays open, nothing is invented for it
    assert list(model.open_spans) == [(lanes[10].id, S["wait.io"], "get()")]


def test_a_parent_that_ends_first_leaves_its_childs_span_open():
    model, lanes = two_processes()
    model.process_ended(model.processes[10], 0.4)
    assert [(t1, lane, why) for _, _, _, t1, lane, why in spans_of(model)] == [
        (0.4, lanes[10], "ended")]
    assert list(model.open_spans) == [(lanes[11].id, S["wait.io"], "get()")]


def test_why_a_span_was_cut_follows_how_its_process_ended():
    model, _ = two_processes()
    model.process_ended(model.processes[11], 0.5)
    assert model.cut_reason(0) == "ended"           # no exit code known (yet)
    model.child_exited(11, -9)
    assert model.cut_reason(0) == "killed"
    model, _ = two_processes()                       # the run stopped: its root was killed
    model.processes[10].exit_code = -15
    for pid in (11, 10):
        model.process_ended(model.processes[pid], 0.6)
    assert [why for *_, why in spans_of(model)] == ["stopped", "stopped"]


def test_a_span_open_when_its_thread_ends_is_cut_there():
    model, lanes = two_processes()
    worker = model.thread_started(11, 7, 1107, "Worker", 0.1)
    model.begin(worker.id, S["lock.hold"], "lock", 0.3)
    model.lane_ended(worker, 0.4)
    (name, _, t0, t1, lane, why), = spans_of(model)
    assert (name, t0, t1, lane, why) == ("lock", 0.3, 0.4, worker, "ended")
    assert worker.end == 0.4


def test_a_cut_span_is_written_as_a_complete_event_and_read_back_exactly(tmp_path):
    model, _ = two_processes()
    model.child_exited(11, -15)
    model.process_ended(model.processes[11], 0.5)
    model.add_spans([0.0], [0.1], [model.processes[10].children[0].id], [S["run"]], [0])
    path = chrome_json.write(tmp_path / "cut.json", model, "process.queue", {}, "3.11.7")
    spans = [e for e in json.loads(Path(path).read_text())["traceEvents"] if e["ph"] == "X"]
    assert [(e["name"], e["ts"], e["dur"], e.get("args")) for e in spans] == [
        ("get()", 200000.0, 300000.0, {"cut": "terminated"}), ("run", 0.0, 100000.0, None)]
    replay = read(path)
    assert [why for *_, why in spans_of(replay.model)] == ["terminated", ""]
    again = chrome_json.write(tmp_path / "again.json", replay.model, "process.queue", {},
                              "3.11.7")
    assert Path(again).read_bytes() == Path(path).read_bytes()


def test_the_readers_last_get_is_a_complete_bar_at_the_end_of_its_lane(tmp_path):
    session, out = run_lesson("process.queue", items="A,B,C", delay=0.1)
    assert session.run.returncode == 0, out
    path = chrome_json.write(tmp_path / "queue.json", session.model, "process.queue",
                             session.values, session.python_version, out)
    doc = json.loads(Path(path).read_text())
    reader, = [e for e in doc["traceEvents"] if e["ph"] == "M"
               and e["name"] == "process_name" and e["args"]["lane"].get("name") == "Reader"]
    lane = [e for e in doc["traceEvents"] if e.get("pid") == reader["pid"]]
    bars = sorted((e for e in lane if e["ph"] == "X" and e["cat"] != "message"),
                  key=lambda e: e["ts"])
    marks = [e for e in lane if e["ph"] == "i" and e["name"].startswith("get ")]
    last = bars[-1]
    assert (last["name"], last["cat"], last.get("args")) == ("get()", "wait.io",
                                                             {"cut": "terminated"})
    # it opened after the reader got C and reaches the end of the reader's lane
    assert last["ts"] > max(m["ts"] for m in marks) and last["dur"] > 0
    end = reader["args"]["lane"]["end"]
    assert abs(last["ts"] + last["dur"] - end) < 0.01          # the same time, to rounding
    assert [e.get("args") for e in bars[:-1]] == [None] * 3     # the three gets that returned
    # read back and written again: the same bytes
    replay = read(path)
    again = chrome_json.write(tmp_path / "again.json", replay.model, replay.lesson_id,
                              replay.values, replay.python, replay.output)
    assert Path(again).read_bytes() == Path(path).read_bytes()


def stop_pool_while_tasks_run():
    """Run process.pool and press Stop once two of its tasks are running."""
    async def go():
        session = LessonSession("process.pool", {"workers": "2", "tasks": "4", "seed": "1"})
        await session.start()
        for _ in range(1500):
            tasks = [key for key in session.model.open_spans if key[1] == S["task"]]
            if len(tasks) >= 2 or not session.run.running:
                break
            await asyncio.sleep(0.02)
        running, pids = session.run.running, list(session.model.processes)
        open_then = {name for _, _, name in tasks}
        leftovers = await session.stop()
        return Stopped(session, running, pids, leftovers), open_then
    return asyncio.run(go())


def test_tasks_running_when_the_pool_is_stopped_stay_drawn_marked_cut(tmp_path):
    stopped, open_then = stop_pool_while_tasks_run()
    assert_nothing_left(stopped, at_least=3)
    model = stopped.session.model
    assert len(open_then) == 2 and not model.open_spans
    cut = {name: (t0, t1, lane, why) for name, state, t0, t1, lane, why in spans_of(model)
           if state == "task" and why}
    assert set(cut) == open_then
    for name, (t0, t1, lane, why) in cut.items():
        assert why == "stopped" and t1 > t0
        assert abs(t1 - lane.parent.end) < 1e-9     # up to the end of its worker
    path = chrome_json.write(tmp_path / "pool.json", model, "process.pool",
                             stopped.session.values, stopped.session.python_version)
    doc = json.loads(Path(path).read_text())
    written = {e["name"] for e in doc["traceEvents"]
               if e["ph"] == "X" and e.get("args") == {"cut": "stopped"}}
    assert written == open_then
    replay = read(path)
    again = chrome_json.write(tmp_path / "again.json", replay.model, "process.pool",
                              replay.values, replay.python)
    assert Path(again).read_bytes() == Path(path).read_bytes()


def test_a_cut_span_is_drawn_as_a_bar_of_its_state_with_a_torn_end(qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage
    from gui.views.palette import LIGHT
    from gui.views.timeline_view import TimelineView
    model, lanes = two_processes()
    model.process_ended(model.processes[11], 0.5)   # no exit code: no red cross drawn there
    model.process_ended(model.processes[10], 1.0)
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_model(model)
    view.viewbox.setXRange(0.0, 1.0, padding=0)
    image = view.plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    row = int(model.lane_rows()[lanes[11].id])

    def pixel(t, y):
        at = view.plot.mapFromScene(view.viewbox.mapViewToScene(QPointF(t, y)))
        return round(at.x()), round(at.y())

    (x_mid, y), (x_end, _) = pixel(0.35, row + 0.5), pixel(0.5, row + 0.5)
    wait_io = LIGHT.state_colors[S["wait.io"]].rgb() & 0xFFFFFF
    background = LIGHT.timeline.rgb() & 0xFFFFFF
    assert image.pixel(x_mid, y) & 0xFFFFFF == wait_io   # a normal bar of its state...
    # ...whose end is torn: teeth of background bitten out of the bar's last pixels
    tail = [image.pixel(x_end - dx, yy) & 0xFFFFFF for dx in range(1, 8)
            for yy in range(y - 8, y + 9)]
    assert tail.count(background) >= 5 and tail.count(wait_io) >= 5
    assert "cut short: its process or thread ended" in view.describe(0.45, row + 0.5)
    view.timer.stop()
