"""The window on real lesson runs: live lanes, Stop, crashes, closing, export."""
import os
import signal

import psutil
from PySide6.QtGui import QImage

from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end, until
from workloads.catalog import Lesson


def _gone(pids):
    return all(not psutil.pid_exists(p) or psutil.Process(p).status() == psutil.STATUS_ZOMBIE
               for p in pids)


def make_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def long_processes_run(window):
    """Choose a GIL run in three processes that lasts far longer than the test."""
    window.lessons.select("threads.gil")
    window.params.set_values({"variant": "processes", "seconds": 30.0})


async def start_and_wait_for_all_processes(window):
    window.run_button.click()
    await until(lambda: window.runner.running, message="the lesson to start")
    session = window.runner.session
    # while it runs: the main process and its two worker processes get lanes
    await until(lambda: sum(l.kind == "process" for l, _ in session.model.rows()) == 3,
                message="three process lanes")
    return session


def test_lanes_appear_live_and_stop_leaves_no_process(qtbot, run_async):
    window = make_window(qtbot)
    long_processes_run(window)

    async def scenario():
        session = await start_and_wait_for_all_processes(window)
        await until(lambda: len(session.model.spans) > 20, message="live run spans")
        assert window.runner.running
        labels = [lane.label for lane, _ in session.model.rows()]
        assert any(label.startswith(f"PID {session.run.pid}") for label in labels)
        assert window.stop_button.isEnabled()
        pids = set(session.model.processes)
        window.stop_button.click()
        await until(lambda: not window.runner.running and window.run_button.isEnabled(),
                    message="the lesson to stop")
        return session, pids

    session, pids = run_async(scenario())
    assert session.run.leftovers == []
    assert _gone(pids)
    assert "stopped by you" in window.status.text()
    assert "no process left behind" in window.status.text()


def test_a_lesson_runs_to_its_end_and_exports_a_picture(qtbot, run_async, tmp_path):
    window = make_window(qtbot)
    window.lessons.select("process.pool")
    window.params.set_values({"tasks": 3, "workers": 2})

    run_async(run_to_the_end(window))
    assert "finished normally" in window.status.text()
    assert "All subprocesses done." in window.console.toPlainText()
    assert window.result.isVisible()
    assert window.result.text() == "3 tasks ran on 2 worker processes, at most 2 at once."
    path = window.timeline.export_png(str(tmp_path / "pool.png"))
    image = QImage(path)
    assert not image.isNull() and image.width() > 400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 5, "the exported picture is blank"


def test_a_crash_shows_the_traceback_and_the_reason(qtbot, run_async):
    window = make_window(qtbot)
    crashing = Lesson("test.crash", "Processes", "crash", "tests.workloads.crashing")

    async def scenario():
        await window.runner.run(crashing, {})

    run_async(scenario())
    console = window.console.toPlainText()
    assert "RuntimeError: this lesson crashed on purpose" in console
    assert "Traceback" in console
    assert "exited with status 1" in window.status.text()


def test_a_killed_lesson_is_reported_in_words(qtbot, run_async):
    window = make_window(qtbot)
    window.lessons.select("threads.gil")
    window.params.set_values({"seconds": 30.0})

    async def scenario():
        window.run_button.click()
        await until(lambda: window.runner.running, message="the lesson to start")
        os.kill(window.runner.session.run.pid, signal.SIGKILL)
        await until(lambda: window.run_button.isEnabled(), message="the end of the run")

    run_async(scenario())
    assert "killed by SIGKILL" in window.status.text()


def test_closing_the_window_stops_the_lesson(qtbot, run_async):
    window = make_window(qtbot)
    long_processes_run(window)

    async def scenario():
        session = await start_and_wait_for_all_processes(window)
        pids = set(session.model.processes)
        window.close()
        await until(lambda: not window.isVisible(), message="the window to close")
        return pids

    pids = run_async(scenario())
    assert _gone(pids)


def test_a_lesson_this_system_cannot_run_is_disabled_and_says_why(qtbot, monkeypatch):
    import os as os_module
    monkeypatch.delattr(os_module, "fork")          # as on Windows
    from gui.views.lesson_list import LessonList
    lessons = LessonList()
    qtbot.addWidget(lessons)
    item = lessons._items["process.fork"]
    assert item.isDisabled()
    assert "POSIX" in item.toolTip(0) and "not on this system" in item.text(0)
    assert not lessons._items["process.pool"].isDisabled()


def test_every_lesson_tab_is_a_lesson_panel():
    from gui.lessons import load_all
    from gui.views.lesson_panel import LessonPanel
    tabs = {lesson_id: lesson.tab() for lesson_id, lesson in load_all().items()}
    assert all(issubclass(cls, LessonPanel) for cls in tabs.values() if cls is not None)
    assert sum(cls is not None for cls in tabs.values()) >= 11      # as many tabs as before


def test_the_export_shortcuts_write_the_picture_and_the_trace(qtbot, run_async, tmp_path,
                                                              monkeypatch):
    import json
    from PySide6.QtWidgets import QFileDialog
    window = make_window(qtbot)
    window.lessons.select("process.pool")
    window.params.set_values({"tasks": 2, "workers": 2})

    run_async(run_to_the_end(window))
    assert window.export_png_action.shortcut().toString() == "Ctrl+E"
    # the file dialog is the user's part: answer it with a path, as a user would
    answers = iter([str(tmp_path / "pool.png"), str(tmp_path / "pool.json")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (next(answers), "")))
    window.export_png_action.trigger()
    window.export_json_action.trigger()
    image = QImage(str(tmp_path / "pool.png"))
    assert image.width() >= 800 and not image.isNull()
    doc = json.loads((tmp_path / "pool.json").read_text())
    assert doc["otherData"]["lesson"] == "process.pool"
    assert sum(e["ph"] == "X" and e["cat"] == "task" for e in doc["traceEvents"]) == 2
    assert "saved to" in window.status.text()


def test_the_window_opens_within_a_small_screen(qtbot):
    """A 1280x720 projector (here the offscreen screen, smaller still) gets the whole window,
    not a window wider than the screen with its right side cut off."""
    window = MainWindow()
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.width() < 1600                       # the screen is smaller than the default
    assert window.width() <= room.width() and window.height() <= room.height()
