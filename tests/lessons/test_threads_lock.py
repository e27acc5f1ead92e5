"""threads.lock claims, on real runs: one holder at a time (hold spans never overlap), every
wait ends when a hold ends, and the lesson reports what the lock cost in throughput."""
import dataclasses

import numpy as np
import pytest

from gui.lessons import Run, run_of, unit
from gui.lessons.threads.lock import runs
from gui.trace.model import STATES
from gui.trace.waitfor import lock_name
from workloads import catalog

HOLD, WAIT = STATES.index("lock.hold"), STATES.index("wait.lock")


def lock_spans(model, state):
    """[(t0, t1, lane id, lock name)] of one state, sorted by start."""
    s = model.spans
    keep = np.flatnonzero(s["state"] == state)
    return sorted((float(s["t0"][i]), float(s["t1"][i]), int(s["lane"][i]),
                   lock_name(model.names[s["name"][i]])[0]) for i in keep)


@pytest.fixture(scope="module")
def four_workers():
    from tests.lessons.conftest import run_lesson
    return run_lesson("threads.lock", workers=4, iterations=15)


def test_hold_spans_never_overlap(four_workers):
    session, out = four_workers
    assert session.run.returncode == 0, out
    holds = lock_spans(session.model, HOLD)
    assert len(holds) == 4 * 15                     # every `with lock:` is one hold
    assert {name for *_, name in holds} == {"lock"}     # named after its variable
    assert len({lane for _, _, lane, _ in holds}) == 4
    for (_, end, *_), (start, *_) in zip(holds, holds[1:]):
        assert start >= end, "two threads held the lock at the same time"
    assert not session.model.open_spans                 # every wait and hold ended


def test_waits_end_when_a_hold_of_another_thread_ends(four_workers):
    session, _ = four_workers
    holds = lock_spans(session.model, HOLD)
    waits = lock_spans(session.model, WAIT)
    assert len(waits) >= 10, "four threads sharing one lock should wait for it"
    ends = np.array([end for _, end, _, _ in holds])
    lanes = np.array([lane for _, _, lane, _ in holds])
    for w0, w1, lane, _ in waits:
        before = (ends <= w1 + 1e-6) & (ends >= w0 - 1e-6) & (lanes != lane)
        assert before.any(), "a wait ended while nobody released the lock"
        # its own hold starts where its wait ends...
        own = [k for k, (h0, _, l, _) in enumerate(holds) if l == lane and abs(h0 - w1) < 1e-6]
        assert own, "a wait that got the lock is followed by a hold"
        # ...right after the release it waited for: the hold just before it is another
        # thread's, and ended during the wait (nobody held the lock in between)
        previous = holds[own[0] - 1]
        assert own[0] > 0 and previous[2] != lane and w0 - 1e-6 <= previous[1] <= w1 + 1e-6


def test_the_lesson_reports_the_throughput_with_and_without_the_lock(four_workers):
    session, out = four_workers
    figures = run_of(session).result
    assert set(figures) == {"expected", "locked_counter", "locked_s", "unlocked_counter",
                            "unlocked_s"}
    assert all(isinstance(figures[k], int) for k in ("expected", "locked_counter",
                                                     "unlocked_counter"))
    found = runs(figures)
    counter, expected, seconds, rate = found["with"]
    assert counter == expected == 60 and rate > 0
    _, expected, _, free_rate = found["without"]
    assert expected == 60 and free_rate > 0
    # the locked run is timed before the mark, the unlocked one after it
    model = session.model
    (mark_t,) = [float(t) for t, n in zip(model.marks["t"], model.marks["name"])
                 if model.names[n] == "now without the lock"]
    assert lock_spans(model, HOLD)[-1][1] <= mark_t
    # the console, for people, says the same
    assert f"with the lock: counter = 60 (expected 60), {figures['locked_s']:0.2f} s" in out
    assert "the lock cost" in out and "updates/s" in out
    # the slow saves overlap without the lock: it is faster (by far; 1.1x is generous)
    assert free_rate > 1.1 * rate


def test_one_worker_never_waits(lesson_run):
    session, out = lesson_run("threads.lock", workers=1, iterations=10)
    assert session.run.returncode == 0, out
    assert len(lock_spans(session.model, HOLD)) == 10
    assert lock_spans(session.model, WAIT) == []
    counter, expected, _, _ = runs(run_of(session).result)["without"]
    assert counter == expected == 10                    # one thread alone loses nothing


def test_the_lock_panel_adds_up_each_threads_holding_and_waiting(qtbot, four_workers):
    session, out = four_workers
    panel = unit("threads.lock").tab()("threads.lock")
    qtbot.addWidget(panel)
    panel.start(session)
    panel.refresh()
    run = run_of(session)
    panel.finish(run)
    table = panel.table
    rows = {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in
            range(table.rowCount())}
    assert rows == {f"Locked-{i}": 15 for i in range(1, 5)}      # holds per thread
    found = runs(run.result)
    assert panel.cards["with"][0].text() == f"{found['with'].rate:,.0f} updates/s"
    lost = 60 - run.result["unlocked_counter"]
    assert f"counter {run.result['unlocked_counter']} of 60: {lost} update" in \
        panel.cards["without"][1].text()
    assert panel.cards["cost"][0].text().endswith("% throughput")
    panel.resize(1280, 420)
    panel.grab().save("/tmp/threads_a-lock.png")


def test_a_replayed_run_fills_the_tab_without_a_live_part(qtbot, four_workers):
    session, _ = four_workers
    panel = unit("threads.lock").tab()("threads.lock")
    qtbot.addWidget(panel)
    panel.finish(run_of(session))
    assert panel.table.rowCount() == 4
    assert panel.cards["cost"][0].text().endswith("% throughput")


def test_lock_answer_follows_the_unlocked_counter(four_workers):
    session, out = four_workers
    values = catalog.resolve("threads.lock", {"workers": "4", "iterations": "15"})
    question = unit("threads.lock").question(values)
    assert len(question.choices) == 3
    run = run_of(session)
    counter = run.result["unlocked_counter"]
    right, words = question.answer(run)
    assert right == (0 if counter == 60 else 1), out
    assert words == f"without the lock the counter ended at {counter:,} of 60"
    # had no update been lost, "exactly" would be right
    right, _ = question.answer(dataclasses.replace(
        run, result={**run.result, "unlocked_counter": 60}))
    assert right == 0
    right, _ = question.answer(dataclasses.replace(
        run, result={**run.result, "unlocked_counter": 59}))
    assert right == 1
    assert unit("threads.lock").question({"workers": 1, "iterations": 10}) is None


def test_the_words_come_from_the_figures_with_plurals():
    lock = unit("threads.lock")
    figures = dict(expected=80, locked_counter=80, locked_s=2.0, unlocked_counter=79,
                   unlocked_s=1.0)
    run = Run("threads.lock", {"workers": 4, "iterations": 20}, None, figures)
    from gui.lessons.threads.lock import counter_text
    found = runs(figures)
    assert counter_text(found["without"]) == "counter 79 of 80: 1 update lost (1.00 s)"
    assert counter_text(found["with"]) == "counter 80 of 80 (2.00 s)"
    assert counter_text(runs({**figures, "unlocked_counter": 20})["without"]) == \
        "counter 20 of 80: 60 updates lost (1.00 s)"
    assert lock.compare_rows(run) == (("With the lock", "40 updates/s"),
                                      ("Without the lock", "80 updates/s"),
                                      ("What the lock cost", "−50% throughput"),
                                      ("Updates lost without the lock", "1"))
    assert lock.sentence(run) == ""
