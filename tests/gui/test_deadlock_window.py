"""The deadlock lesson in the window: the panel reports the cycle in the banner, and its own
Stop button ends the program with no process left."""
import psutil

from gui.main_window import MainWindow
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
