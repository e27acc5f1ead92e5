"""threads.lock claims, on real runs: one holder at a time (hold spans never overlap), every
wait ends when a hold ends, and the lesson prints what the lock cost in throughput."""
import numpy as np
import pytest

from gui.trace.model import STATES
from gui.trace.waitfor import lock_name
from gui.views.lock_panel import parse_runs

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


def test_the_lesson_prints_the_throughput_with_and_without_the_lock(four_workers):
    session, out = four_workers
    runs = parse_runs(out)
    counter, expected, seconds, rate = runs["with"]
    assert counter == expected == 60 and rate > 0
    _, expected, _, free_rate = runs["without"]
    assert expected == 60 and free_rate > 0
    assert "the lock cost" in out and "updates/s" in out
    # the slow saves overlap without the lock: it is faster (by far; 1.1x is generous)
    assert free_rate > 1.1 * rate


def test_one_worker_never_waits(lesson_run):
    session, out = lesson_run("threads.lock", workers=1, iterations=10)
    assert session.run.returncode == 0, out
    assert len(lock_spans(session.model, HOLD)) == 10
    assert lock_spans(session.model, WAIT) == []
    counter, expected, _, _ = parse_runs(out)["without"]
    assert counter == expected == 10                    # one thread alone loses nothing


def test_the_lock_panel_adds_up_each_threads_holding_and_waiting(qtbot, four_workers):
    from gui.views.lock_panel import LockPanel
    session, out = four_workers
    panel = LockPanel("threads.lock")
    qtbot.addWidget(panel)
    panel.start(session)
    panel.refresh()
    panel.finish(session, out)
    table = panel.table
    rows = {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in
            range(table.rowCount())}
    assert rows == {f"Locked-{i}": 15 for i in range(1, 5)}      # holds per thread
    rate = parse_runs(out)["with"][3]
    assert panel.cards["with"][0].text() == f"{rate:,} updates/s"
    assert "updates lost" in panel.cards["without"][1].text()
    assert panel.cards["cost"][0].text().endswith("% throughput")
