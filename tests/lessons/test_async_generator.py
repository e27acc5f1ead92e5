"""async.generator claims, on real runs: the producer and the consumer take turns in one OS
thread; their run stretches strictly alternate and never overlap, and each hand-over is an
arrow (send: producer -> consumer, yield: consumer -> producer). The figures, the sentence,
the question's answer and the compare rows come from the run."""
import re
from dataclasses import replace

import pytest

from gui.lessons import Run, run_of, unit
from gui.trace.model import STATES
from workloads import catalog

GENERATOR = unit("async.generator")


def sublanes(session):
    """{name: Lane} of the sublanes of the lesson's main process."""
    return {lane.name: lane for lane in session.model.lanes
            if lane.sublane and lane.pid == session.run.pid}


def runs(model, lane):
    s = model.spans
    keep = (s["lane"] == lane.id) & (s["state"] == STATES.index("run"))
    return sorted(zip(s["t0"][keep].tolist(), s["t1"][keep].tolist()))


@pytest.mark.parametrize("items", [1, 5])
def test_producer_and_consumer_alternate_in_one_thread(lesson_run, items):
    session, out = lesson_run("async.generator", items=items)
    assert session.run.returncode == 0, out
    expected = []
    for n in range(1, items + 1):
        expected += [f"[PRODUCER] Producing {n}...", f"[CONSUMER] Consuming {n}...",
                     "[PRODUCER] Consumer return: 200 OK"]
    assert out.splitlines() == expected
    model = session.model
    lanes = sublanes(session)
    producer, consumer = lanes["producer"], lanes["consumer"]
    # one OS thread: both lanes hang under MainThread, the process's only (visible) thread
    assert producer.parent is consumer.parent
    assert producer.parent.name == "MainThread" and producer.parent.kind == "thread"
    threads = [lane for lane in model.lanes if lane.kind == "thread" and lane.pid == session.run.pid
               and not lane.sublane and not lane.virtual]
    assert [lane.name for lane in threads] == ["MainThread"]
    assert list(model.processes) == [session.run.pid]
    # strictly alternating: producer, consumer, producer, ... and never overlapping
    p, c = runs(model, producer), runs(model, consumer)
    assert len(p) == items + 2 and len(c) == items + 1
    merged = sorted([(t0, t1, "producer") for t0, t1 in p] + [(t0, t1, "consumer") for t0, t1 in c])
    assert [who for *_, who in merged] == ["producer", "consumer"] * (items + 1) + ["producer"]
    for (a0, a1, _), (b0, b1, _) in zip(merged, merged[1:]):
        assert a0 <= a1 <= b0 <= b1
    # the consumer's stretches are where it printed: each holds about one WORK_S of sleep,
    # so the busy parts dwarf the hand-overs (a ratio, not an absolute time)
    busy = sum(t1 - t0 for t0, t1, _ in merged)
    assert busy > 0.9 * (merged[-1][1] - merged[0][0])


def test_every_hand_over_is_an_arrow_between_the_two_lanes(lesson_run):
    items = 4
    session, out = lesson_run("async.generator", items=items)
    assert session.run.returncode == 0, out
    model = session.model
    lanes = sublanes(session)
    producer, consumer = lanes["producer"], lanes["consumer"]
    arrows = sorted(model.arrows())
    # send(None) starts the consumer, then one send and one yield per item
    assert len(arrows) == 2 * (items + 1)
    p, c = runs(model, producer), runs(model, consumer)
    for i, (t_out, lane_out, t_in, lane_in, name) in enumerate(arrows):
        if i % 2 == 0:
            assert model.names[name] == "send"
            assert (lane_out, lane_in) == (producer.id, consumer.id)
            # leaves where a producer stretch ends, lands where a consumer stretch begins
            assert t_out == pytest.approx(p[i // 2][1], abs=1e-3)
            assert c[i // 2][0] - 1e-3 <= t_in <= c[i // 2][1]
        else:
            assert model.names[name] == "yield"
            assert (lane_out, lane_in) == (consumer.id, producer.id)
            assert t_out == pytest.approx(c[i // 2][1], abs=1e-3)
            assert p[i // 2 + 1][0] - 1e-3 <= t_in <= p[i // 2 + 1][1]
        assert t_out <= t_in
    assert re.findall(r"Consuming (\d+)", out) == [str(n) for n in range(1, items + 1)]


def test_the_figures_the_sentence_and_the_answer_come_from_one_run(lesson_run):
    session, out = lesson_run("async.generator", items=3)
    assert session.run.returncode == 0, out
    run = run_of(session)
    # the figures: as many items as asked, a hand-over per arrow, the one thread of the run
    assert run.result == {"items": 3, "hand_overs": len(session.model.arrows()),
                          "os_threads": 1, "thread_names": ["MainThread"]}
    assert run.result["hand_overs"] == 2 * (3 + 1)
    assert GENERATOR.sentence(run) == ("Producer and consumer took turns: 8 hand-overs of "
                                       "control, all in MainThread.")
    assert dict(GENERATOR.compare_rows(run)) == {"hand-overs of control": "8",
                                                 "OS threads": "1"}
    question = GENERATOR.question(catalog.resolve("async.generator", {"items": "3"}))
    assert question.answer(run) == (0, "OS threads: 1 (MainThread)")
    # had the consumer run in a thread of its own, the answer would be "two"
    two = replace(run, result=dict(run.result, os_threads=2,
                                   thread_names=["MainThread", "Thread-1"]))
    assert question.answer(two) == (1, "OS threads: 2 (MainThread, Thread-1)")
    assert question.answer(replace(run, result={}))[0] is None
    assert GENERATOR.sentence(replace(run, result={})) == ""


def test_one_hand_over_reads_in_the_singular():
    run = Run("async.generator", {"items": 1}, None,
              {"items": 0, "hand_overs": 1, "os_threads": 1, "thread_names": ["MainThread"]})
    assert GENERATOR.sentence(run) == ("Producer and consumer took turns: 1 hand-over of "
                                       "control, all in MainThread.")
