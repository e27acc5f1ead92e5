"""Discoverable: the keyboard runs and stops a lesson, moves between lessons and lists every
shortcut; the About box names the Python, Qt and the interpreter's GIL."""
import platform

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui import about
from gui.main_window import MainWindow
from tests.gui.waiting import active_window, until
from workloads import catalog


def test_space_runs_and_stops_the_lesson(qtbot, run_async):
    window = active_window(qtbot)
    window.lessons.select("threads.basics")
    window.params.set_values({"ticks": 100, "tick_s": 0.2})
    window.timeline.setFocus()

    async def scenario():
        QTest.keyClick(window, Qt.Key.Key_Space)
        await until(lambda: window.runner.running, message="the run to start")
        QTest.keyClick(window, Qt.Key.Key_Space)
        await until(lambda: not window.runner.running and window.run_button.isEnabled(),
                    message="the run to stop")
    run_async(scenario())
    assert window.runner.session.run.stopped_by == "you"


def test_next_and_previous_lesson_from_the_keyboard(qtbot):
    window = active_window(qtbot)
    order = [lesson.id for lesson in catalog.LESSONS]     # the list's order
    here = order.index("process.pool")
    window.lessons.select("process.pool")
    window.lessons.setFocus()               # keys go where the focus is: the lesson list
    press = lambda key: QTest.keyClick(window.focusWidget() or window, key,  # noqa: E731
                                       Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_PageDown)
    assert window.lessons.current_lesson() == order[here + 1]
    press(Qt.Key.Key_PageUp)
    press(Qt.Key.Key_PageUp)
    assert window.lessons.current_lesson() == order[here - 1]


def test_every_shortcut_is_listed_once_and_the_about_box_names_the_versions(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    listed = about.shortcuts(window)
    keys = [key for key, _ in listed]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    for key in ("Space", "F5", "F11", "Ctrl+O", "Ctrl+E", "Ctrl+K", "Ctrl+PgDown", "F1"):
        assert key in keys
    html = about.about_html()
    assert platform.python_version() in html and "Qt" in html and "GIL" in html


def test_the_file_menu_opens_first_and_quits_last(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    entries = [a for a in window.file_menu.actions() if not a.isSeparator()]
    assert entries[0] is window.open_trace_action
    assert entries[-1] is window.quit_action


def test_choosing_a_lesson_shows_its_own_tab(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    for lesson_id, own_tab in (("threads.race", True), ("process.fork", False),
                               ("threads.gil", True)):
        window.tabs.setCurrentWidget(window.console)        # the teacher was elsewhere
        window.lessons.select(lesson_id)
        expected = window.panel if own_tab else window.text
        assert expected is not None and window.tabs.currentWidget() is expected
