"""You are the scheduler, in the window: the student's keys step the lesson's real threads,
the same keys always give the same run, the goals are revealed from the real state, and
Stop ends the stepped process at once."""
import psutil
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.waiting import active_window, until

pytestmark = pytest.mark.realrun          # every test here starts a lesson process

# t1 reads and notes (line by line), t2 deposits 8 whole, t1 writes its stale 5 over it
WIDENED_ANY = "1111222221"
DEADLOCK = "11122211112222"


async def stepping(window, lesson, values, unit, rules):
    """Open the scheduler on `lesson` and start it with `unit` and `rules`."""
    window.lessons.select(lesson)
    window.params.set_values(values)
    QTest.keyClick(window, Qt.Key.Key_F7)               # Run > You are the scheduler
    mode = window.scheduler
    await until(mode.idle, message="the stepped lesson to start")
    panel = mode.panel
    panel.unit.setCurrentIndex(panel.unit.findData(unit))
    panel.rules.setCurrentIndex(panel.rules.findData(rules))
    first = mode.run.pid
    panel.start_button.click()
    await until(lambda: mode.idle() and mode.run.pid != first, message="a fresh stepped run")
    assert not psutil.pid_exists(first) or psutil.Process(first).status() == "zombie"
    return mode, panel


async def press(mode, panel, keys):
    for key in keys:
        QTest.keyClick(panel, key)
    await until(mode.idle, message="the moves to be played")


def table(panel):
    return [[panel.table.item(r, c).text() for c in range(4)]
            for r in range(panel.table.rowCount())]


def test_the_same_keys_lose_the_same_update_on_the_widened_race(qtbot, run_async):
    window = active_window(qtbot)

    async def scenario():
        mode, panel = await stepping(window, "threads.race",
                                     {"variant": "widened", "iterations": 1000}, "line", "any")
        await press(mode, panel, WIDENED_ANY)
        first = (mode.run.state()["shared"], table(panel), panel.message.text(),
                 window.clock.text())
        spans = len(mode.model.spans)
        labels = [lane.label for lane, _ in mode.model.rows()]
        hover = [window.timeline.describe(x, labels.index(name) + 0.5)
                 for x, name in ((0.5, "t1"), (4.5, "t2"))]
        panel.start_button.click()
        await until(lambda: mode.idle() and mode.run.state()["moves"] == 0,
                    message="a fresh run")
        await press(mode, panel, WIDENED_ANY)
        again = (mode.run.state()["shared"], table(panel), panel.message.text(),
                 window.clock.text())
        pid = mode.run.pid
        panel.stop_button.click()
        return first, again, spans, pid, mode, hover

    first, again, spans, pid, mode, hover = run_async(scenario())
    shared, rows, message, clock = first
    assert shared["value"] == 5 and shared["expected"] == 13 and shared["lost"] == 1
    assert any("✗" in row[1] for row in rows)            # t1's stale write, in the t1 column
    assert "10 moves" in message and "t2's update is lost" in message
    assert clock == "10 moves"                           # the run's clock counts moves
    assert again == first                                # the same keys, the same run
    assert spans == len(WIDENED_ANY)                     # one span per step on the timeline
    assert "move 1" in hover[0] and "move 5" in hover[1]      # the mouse counts moves, not s
    assert not any(" s ·" in text for text in hover)
    assert mode.stopped() and not psutil.pid_exists(pid)


def test_opposite_lock_order_stepped_by_hand_draws_the_cycle(qtbot, run_async):
    window = active_window(qtbot)

    async def scenario():
        mode, panel = await stepping(window, "threads.deadlock", {"variant": "deadlock"},
                                     "line", "cpython")
        await press(mode, panel, DEADLOCK)
        graph = panel.graph.isVisible() and panel.graph.cycle is not None
        message = panel.message.text()
        await press(mode, panel, "1")
        refused = panel.message.text()
        window.grab().save("/tmp/u4/deadlock-test.png")
        mode.stop()
        return graph, message, refused

    graph, message, refused = run_async(scenario())
    assert graph
    assert "Thread-1 holds lock_a and waits for lock_b" in message
    assert "Thread-1 cannot step now" in refused and "held by Thread-2" in refused


def test_this_cpython_refuses_to_split_the_naive_line_and_the_lock_holds(qtbot, run_async):
    window = active_window(qtbot)

    async def scenario():
        mode, panel = await stepping(window, "threads.race",
                                     {"variant": "naive", "iterations": 1000},
                                     "instruction", "cpython")
        while mode.run.state()["threads"][0]["op"]["opname"] != "STORE_GLOBAL":
            await press(mode, panel, "1")
        listing = [panel.cards[0].ops.item(i).text() for i in range(panel.cards[0].ops.count())]
        await press(mode, panel, "2")
        refused = panel.message.text()
        assert panel.cards[0].operands.text() == "will write balance = 5"
        mode2, panel = await stepping(window, "threads.lock", {"workers": 2, "iterations": 10},
                                      "line", "any")
        for _ in range(12):
            await press(mode2, panel, "1")
            if mode2.run.state()["locks"][0]["holder"]:
                break
        await press(mode2, panel, "2222")
        held = panel.message.text()
        pid = mode2.run.pid
        QTest.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)   # Stop
        await until(lambda: mode2.stopped(), message="the stepped run to end")
        return listing, refused, held, pid

    listing, refused, held, pid = run_async(scenario())
    import sys
    if sys.version_info >= (3, 10):
        assert "cannot be switched away from here" in refused
        inside = listing[[i for i, t in enumerate(listing) if "LOAD_GLOBAL" in t and
                          "balance" in t][0]:[i for i, t in enumerate(listing)
                                              if "STORE_GLOBAL" in t][0]]
        assert not any(t.startswith("⇄") for t in inside)
    assert "The Lock held" in held
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == "zombie"

