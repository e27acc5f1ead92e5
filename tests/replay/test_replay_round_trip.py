"""A trace this app writes reads back into the same model, and writes the same bytes again."""
import json
from pathlib import Path

import numpy as np
import pytest

from gui.lessons import Run, run_of, unit
from gui.trace import chrome_json
from gui.trace.chrome_reader import read
from gui.trace.model import STATES
from tests.replay.conftest import RECORDED


def lanes_of(model):
    """Lanes as comparable tuples, counters apart (the reader adds them at the end)."""
    return [lane for lane in model.lanes if lane.kind != "counter"]


def describe(lane):
    parent = lane.parent
    return (lane.kind, lane.pid, lane.label, lane.name, lane.virtual, lane.group, lane.sublane,
            lane.trace_tid, lane.exit_code, parent and (parent.kind, parent.pid, parent.label))


def assert_same_model(live, replayed):
    """Everything the window draws: lanes, rows, lifetimes, spans, marks, arrows, counters."""
    old, new = lanes_of(live), lanes_of(replayed)
    assert [describe(lane) for lane in new] == [describe(lane) for lane in old]
    for a, b in zip(old, new):
        for key in ("start", "end"):
            x, y = getattr(a, key), getattr(b, key)
            assert (x is None) == (y is None) and (x is None or abs(x - y) < 1e-9), (a, key)
    assert [(lane.label, depth) for lane, depth in replayed.rows()] == \
        [(lane.label, depth) for lane, depth in live.rows()]
    lane_map = np.full(len(live.lanes), -1)
    for a, b in zip(old, new):
        lane_map[a.id] = b.id
    s, r = live.spans, replayed.spans
    assert len(r) == len(s)
    assert np.allclose(r["t0"], s["t0"], atol=1e-9) and np.allclose(r["t1"], s["t1"], atol=1e-9)
    assert list(r["lane"]) == list(lane_map[s["lane"]])
    assert list(r["state"]) == list(s["state"])
    texts = [live.names[n] or STATES[c] for n, c in zip(s["name"], s["state"])]
    assert [replayed.names[n] or STATES[c] for n, c in zip(r["name"], r["state"])] == texts
    for kind in ("marks", "flows"):
        a, b = getattr(live, kind), getattr(replayed, kind)
        assert np.allclose(b["t"], a["t"], atol=1e-9)
        assert list(b["lane"]) == list(lane_map[a["lane"]])
        assert [replayed.names[n] for n in b["name"]] == [live.names[n] for n in a["name"]]
    assert list(replayed.flows["fid"]) == list(live.flows["fid"])
    assert list(replayed.flows["dir"]) == list(live.flows["dir"])
    assert len(replayed.arrows()) == len(live.arrows())
    assert list(replayed.counters) == list(live.counters)
    for name, column in live.counters.items():
        assert list(replayed.counters[name]["value"]) == list(column["value"])
    assert abs(replayed.end_time - live.end_time) < 1e-6
    assert replayed.result == live.result          # the lesson's figures


@pytest.mark.parametrize("lesson_id", list(RECORDED))
def test_a_trace_reads_back_as_the_run_it_recorded(recorded, lesson_id):
    run = recorded[lesson_id]
    replay = read(run.path)
    assert replay.lesson_id == lesson_id
    assert replay.values == run.session.values
    assert replay.python == run.session.python_version
    assert replay.output == run.output and replay.output.strip()
    assert replay.path == run.path
    assert_same_model(run.session.model, replay.model)


@pytest.mark.parametrize("lesson_id", list(RECORDED))
def test_writing_a_replayed_trace_again_gives_the_same_bytes(recorded, lesson_id, tmp_path):
    replay = read(recorded[lesson_id].path)
    again = chrome_json.write(tmp_path / "again.json", replay.model, replay.lesson_id,
                              replay.values, replay.python, replay.output)
    assert Path(again).read_bytes() == Path(recorded[lesson_id].path).read_bytes()
    twice = read(again)
    assert_same_model(replay.model, twice.model)


def test_asyncio_tasks_come_back_as_sublanes_of_their_thread(recorded):
    model = read(recorded["async.asyncio"].path).model
    tasks = [lane for lane in model.lanes if lane.sublane]
    assert len(tasks) >= 2 and all(lane.parent.name == "MainThread" for lane in tasks)
    assert any("hello" in lane.name for lane in tasks)
    spanned = set(model.spans["lane"].tolist())
    assert any(lane.id in spanned for lane in tasks)


def test_a_killed_worker_keeps_its_exit_code_its_parent_and_its_arrows(recorded):
    model = read(recorded["distributed.worker_crash"].path).model
    workers = [lane for lane in model.processes.values() if lane.name.startswith("worker on ")]
    assert sorted(lane.exit_code for lane in workers) == [-9, 0]
    manager = model.root()
    assert manager.name.startswith("manager on ")
    assert all(lane.parent is manager and lane.start is not None for lane in workers)
    kinds = [model.names[name] for *_, name in model.arrows()]
    assert kinds.count("task") == 4 and kinds.count("result") == 3


def test_stacked_virtual_rows_come_back_together(recorded):
    model = read(recorded["process.pool"].path).model
    rows = [lane for lane in model.lanes if lane.virtual]
    assert len(rows) >= 2 and {lane.group for lane in rows} == {"waiting for a worker"}
    assert rows[0].parent is model.root()
    labels = [lane.label for lane, _ in model.rows()]
    first = labels.index("waiting for a worker")
    assert labels[first + 1:first + len(rows)] == [""] * (len(rows) - 1)


def test_counters_and_the_reader_exit_code_come_back(recorded):
    race = read(recorded["threads.race"].path)
    assert len(race.model.counters["balance"]) > 0
    queue = read(recorded["process.queue"].path).model
    assert -15 in [lane.exit_code for lane in queue.processes.values()]


def test_the_figures_and_the_result_in_words_are_the_same_from_the_replay(recorded):
    for lesson_id in ("process.queue", "distributed.worker_crash", "threads.race"):
        run, replay = recorded[lesson_id], read(recorded[lesson_id].path)
        assert run.session.model.result and replay.model.result == run.session.model.result
        again = Run(lesson_id, replay.values, replay.model, replay.model.result, replay.python)
        live = unit(lesson_id).sentence(run_of(run.session))
        assert live and unit(lesson_id).sentence(again) == live


def test_a_trace_without_lane_details_still_opens_with_its_names_and_exits(recorded, tmp_path):
    """Traces exported before lanes carried their details: names come from the labels."""
    doc = json.loads(Path(recorded["distributed.worker_crash"].path).read_text())
    for event in doc["traceEvents"]:
        if event["ph"] == "M":
            event["args"].pop("lane")
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc))
    model = read(old).model
    workers = [lane for lane in model.processes.values() if lane.name.startswith("worker on ")]
    assert sorted(lane.exit_code for lane in workers) == [-9, 0]
    assert model.root().name.startswith("manager on ")
    assert len(model.spans) == len(recorded["distributed.worker_crash"].session.model.spans)
