"""The deadlock lesson in the window: the panel reports the cycle in the banner, and its own
Stop button ends the program with no process left. The tab on its own: live, stopped and
replayed runs."""
import psutil

from gui.lessons import run_of, unit
from gui.lessons.threads.deadlock.tab import DeadlockPanel
from gui.main_window import MainWindow
from tests.gui import panel_runs as panels
from tests.gui.waiting import run_to_the_end, until


def _gone(pids):
    return all(not psutil.pid_exists(p) or psutil.Process(p).status() == psutil.STATUS_ZOMBIE
               for p in pids)


def test_the_window_reports_the_deadlock_and_its_stop_button_ends_it(qtbot, run_async):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select("threads.deadlock")
    window.params.set_values({"variant": "deadlock"})
    panel = window.panel
    assert panel is not None and panel.title == "Wait-for graph"

    async def scenario():
        window.run_button.click()
        await until(lambda: window.runner.running, message="the lesson to start")
        session = window.runner.session
        await until(lambda: window.result.isVisible() and "Deadlock" in window.result.text(),
                    timeout=60, message="the deadlock banner")
        assert window.tabs.currentWidget() is panel          # the panel was brought forward
        assert panel.stop_button.isVisible() and panel.stop_button.isEnabled()
        pids = set(session.model.processes)
        panel.stop_button.click()
        await until(lambda: not window.runner.running and window.run_button.isEnabled(),
                    message="the lesson to stop")
        return session, pids

    session, pids = run_async(scenario())
    assert ("Deadlock: Thread-1 holds lock_a and waits for lock_b; "
            "Thread-2 holds lock_b and waits for lock_a") == panel.deadlock.describe()
    assert session.run.stopped_by == "you" and session.run.leftovers == []
    assert _gone(pids)
    assert "no process left behind" in window.status.text()
    assert not panel.stop_button.isVisible()
    assert "Deadlock" in panel.status.text()                  # the panel still says what happened
    assert panel.view.cycle is panel.deadlock                 # ...and still draws the cycle


def test_the_ordered_variant_finishes_and_the_panel_says_no_deadlock(qtbot, run_async):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select("threads.deadlock")
    window.params.set_values({"variant": "ordered"})

    run_async(run_to_the_end(window))
    assert "finished normally" in window.status.text()
    assert window.panel.deadlock is None
    assert "No deadlock" in window.panel.status.text()


# -- the tab on its own (as the window feeds it) ----------------------------------------------
CYCLE = ("Deadlock: Thread-1 holds lock_a and waits for lock_b; "
         "Thread-2 holds lock_b and waits for lock_a")


def make_tab(qtbot):
    tab = DeadlockPanel("threads.deadlock")
    qtbot.addWidget(tab)
    tab.resize(900, 420)
    tab.show()
    said, stops = [], []
    tab.attention.connect(said.append)
    tab.stop_requested.connect(lambda: stops.append(True))
    return tab, said, stops


def test_the_tab_reports_the_deadlock_live_and_keeps_it_after_stop(qtbot, run_async):
    tab, said, stops = make_tab(qtbot)

    async def stop_at_the_deadlock(session):
        await until(lambda: tab.deadlock is not None, message="the deadlock in the tab")
        assert tab.stop_button.isVisible()
        tab.stop_button.click()                 # the tab asks; the window stops the run
        await session.stop()

    session, out = run_async(panels.run_with_panel(tab, "threads.deadlock",
                                                   {"variant": "deadlock"}, stop_at_the_deadlock))
    assert said == [CYCLE] and stops == [True]
    assert session.run.stopped_by == "you"
    assert not tab.stop_button.isVisible() and tab.view.cycle is tab.deadlock
    assert tab.status.text() == (f"{CYCLE}. The threads would have waited for ever; stopping "
                                 "the program was the only way out.")
    assert unit("threads.deadlock").sentence(run_of(session)) == CYCLE


def test_a_finished_deadlocked_run_draws_its_cycle_without_a_live_part(qtbot, run_async):
    """A replayed trace of a deadlock: the waits lasted to the end; the tab draws them."""
    live, _, _ = make_tab(qtbot)

    async def stop_at_the_deadlock(session):
        await until(lambda: live.deadlock is not None, message="the deadlock")
        await session.stop()

    session, _ = run_async(panels.run_with_panel(live, "threads.deadlock",
                                                 {"variant": "deadlock"}, stop_at_the_deadlock))
    tab, said, _ = make_tab(qtbot)
    tab.finish(run_of(session))
    assert tab.deadlock is not None and tab.deadlock.describe() == CYCLE
    assert tab.view.cycle is tab.deadlock and len(tab.view.graph.waits) == 2
    assert tab.status.text().startswith(CYCLE)


def test_the_ordered_run_ends_with_no_deadlock_in_the_tab(qtbot, run_async):
    tab, said, _ = make_tab(qtbot)
    session, out = run_async(panels.run_with_panel(tab, "threads.deadlock",
                                                   {"variant": "ordered"}))
    assert session.run.returncode == 0, out
    assert tab.deadlock is None and said == []
    assert tab.status.text() == "No deadlock: both threads got both locks and finished."
