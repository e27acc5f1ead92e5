"""The task switches close-up on real runs: the OS thread's row on top, a row per coroutine
under it, steps one at a time with a switch marked at every hand-over, and the figures of
the whole run (switches, at most one running at once, one OS thread) on the tab's cards."""
from gui.lessons import run_of, unit
from gui.lessons.coroutines.close_up import RUN, close_up


def one_at_a_time(bars):
    bars = sorted(bars)
    return all(a[1] <= b[0] + 1e-6 for a, b in zip(bars, bars[1:]))


def test_asyncio_tasks_take_turns_on_one_thread_in_the_close_up(lesson_run, qtbot):
    session, out = lesson_run("async.asyncio", sleep_s=0.2)
    assert session.run.returncode == 0, out
    data = close_up(session.model)
    assert data.rows == ["MainThread", "main(0.2)", "hello('A', 0.2)", "hello('B', 0.2)"]
    steps = data.runs(0)
    assert len(steps) >= 3 and one_at_a_time(steps)
    assert [text for *_, text in sorted(steps)][:3] == list(data.rows[1:])   # main, A, B
    assert len(data.switches) == len(steps) - 1 and data.at_once == 1
    assert data.total_switches >= 4
    # each switch: one task's step ends, and the next step is another task's
    for t, before, after in data.switches:
        assert before != after
        assert any(abs(b - t) < 1e-9 for _, b, row, state, _ in data.bars
                   if row == before and state == RUN)
    # the waits of the tasks are named after what they await
    assert {text for *_, row, state, text in data.bars if row >= 2 and state != RUN} == {
        "sleep 0.2 s"}
    panel = unit("async.asyncio").tab()("async.asyncio")
    qtbot.addWidget(panel)
    panel.finish(run_of(session))
    assert panel.tab_title() == "Task switches"
    assert panel.numbers == {"switches": str(data.total_switches), "at_once": "1",
                             "threads": "1"}


def test_generators_hand_over_in_the_close_up(lesson_run):
    session, out = lesson_run("async.generator", **unit("async.generator").quick)
    assert session.run.returncode == 0, out
    data = close_up(session.model)
    assert data.rows == ["MainThread", "producer", "consumer"]
    steps = data.runs(0)
    assert one_at_a_time(steps) and data.at_once == 1
    names = [text for *_, text in sorted(steps)]
    assert all(a != b for a, b in zip(names, names[1:]))          # strictly alternating
    assert data.total_switches == session.model.result["hand_overs"]
