"""One run at a time, whatever the keys: a second press while a run starts never starts a
second run, Stop stops what was started, and "no process left behind" is only said when the
OS shows none of the run's processes."""
import asyncio
import os

import psutil
import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest

from gui.main_window import MainWindow
from tests.gui.waiting import active_window, until
from workloads.catalog import Lesson

pytestmark = pytest.mark.realrun


def gil_window(qtbot):
    window = active_window(qtbot)
    window.lessons.select("threads.gil")
    window.params.set_values({"variant": "processes", "seconds": 30.0})
    window.timeline.setFocus()
    return window


def lesson_processes():
    """This test's lesson processes (a threads.gil run in processes), alive now."""
    found = []
    for proc in psutil.Process().children(recursive=True):
        try:
            if "workloads.threads.gil" in " ".join(proc.cmdline()) \
                    and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except psutil.Error:
            continue
    return found


def note_runs(seen):
    """Note the session of every lesson process (one session per run); returns them."""
    procs = lesson_processes()
    for proc in procs:
        try:
            seen.add(os.getsid(proc.pid))
        except OSError:
            pass
    return procs


async def watch_runs(seen):
    while True:
        note_runs(seen)
        await asyncio.sleep(0.02)


def idle(window):
    return not window.runner.busy and window.run_button.isEnabled()


PRESSES = {"Space Space": [Qt.Key.Key_Space, Qt.Key.Key_Space],
           "F5 F5": [Qt.Key.Key_F5, Qt.Key.Key_F5],
           "Run then Space": ["Run", Qt.Key.Key_Space],
           "F5 then Space": [Qt.Key.Key_F5, Qt.Key.Key_Space]}


@pytest.mark.parametrize("presses", PRESSES)
def test_a_second_press_while_a_run_starts_never_starts_a_second_run(qtbot, run_async,
                                                                        presses):
    window = gil_window(qtbot)
    seen = set()

    async def scenario():
        watcher = asyncio.ensure_future(watch_runs(seen))
        try:
            for key in PRESSES[presses]:
                if key == "Run":
                    window.run_button.click()
                else:
                    QTest.keyClick(window, key)
            # F5 F5 runs (the second F5 does nothing); a second press that means Stop ends it
            await until(lambda: idle(window) or (
                window.runner.running and not window.runner.stopping
                and len(note_runs(seen)) == 3), message="the run to settle")
            if not idle(window):
                assert presses == "F5 F5"
                assert len(seen) == 1 and window.stop_button.isEnabled()
                QTest.keyClick(window, Qt.Key.Key_Space)
            await until(lambda: idle(window), timeout=120, message="the end of the run")
            return lesson_processes()
        finally:
            watcher.cancel()
            await window.runner.stop()          # after a failure: leave nothing running

    left = run_async(scenario())
    assert len(seen) <= 1, f"{len(seen)} runs started"
    assert left == []
    status = window.status.text()
    assert "Running" not in status and "Stopping" not in status
    if "no process left behind" not in status:          # stopped before anything started
        assert status == "Choose a lesson and press Run." and not seen


def test_choosing_another_lesson_stops_the_run_fully(qtbot, run_async):
    window = gil_window(qtbot)

    async def scenario():
        QTest.keyClick(window, Qt.Key.Key_F5)
        await until(lambda: window.runner.running and len(lesson_processes()) == 3,
                    message="the run with its two workers")
        window.lessons.select("process.pool")
        await until(lambda: idle(window), timeout=120, message="the run to stop")
        return lesson_processes()

    assert run_async(scenario()) == []
    assert window.lessons.current_lesson() == "process.pool"
    assert "threads.gil: stopped by you" in window.status.text()
    assert "no process left behind" in window.status.text()


def test_stopping_processes_that_ignore_sigterm_keeps_the_window_live(qtbot, run_async):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    stubborn = Lesson("test.stubborn", "Processes", "stubborn", "tests.workloads.stubborn")
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(asyncio.get_event_loop().time()))

    async def scenario():
        done = window.runner.run(stubborn, {})
        await until(lambda: "child ready" in window.console.toPlainText(),
                    message="the lesson and its child")
        root = psutil.Process(window.runner.session.run.pid)
        tree = [root, *root.children(recursive=True)]
        timer.start()
        started = asyncio.get_event_loop().time()
        window.stop_button.click()
        await done
        elapsed = asyncio.get_event_loop().time() - started
        timer.stop()
        return tree, elapsed

    tree, elapsed = run_async(scenario())
    assert len(tree) == 2 and not [p for p in tree if p.is_running()
                                   and p.status() != psutil.STATUS_ZOMBIE]
    assert "killed by SIGKILL" in window.status.text()
    assert "no process left behind" in window.status.text()
    # the stop waited for SIGTERM to be ignored, and the window's timer kept ticking
    assert len(ticks) >= 0.5 * elapsed / 0.020
