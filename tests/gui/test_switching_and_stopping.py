"""What the window shows after Stop and after choosing another lesson, on real runs: a
stopped run keeps its banner, saying it was stopped and what Stop cut short (counted from
the trace, and carried by the exported pictures); another lesson never shows the last run's
timeline, banner, clock or console under its name, also when it is chosen mid-run."""
import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.main_window import MainWindow
from gui.trace.model import STATES
from tests.gui.waiting import active_window, run_to_the_end, until

BASICS = {"ticks": 3, "tick_s": 0.05}               # the quickest run
LONG_BASICS = {"ticks": 100, "tick_s": 0.2}         # far longer than the test


def make_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def running_tasks(model):
    """Tasks open on the timeline now (begun, not yet ended)."""
    return sum(1 for _lane, state, _name in model.open_spans if STATES[state] == "task")


def svg_texts(path):
    """The words an SVG draws, with a text drawn word by word joined again."""
    root = ET.parse(path).getroot()
    texts = [" ".join(e.itertext()).strip() for e in root.iter() if e.tag.endswith("text")]
    return " ".join(" ".join(texts).split())


def assert_shows_no_run(window):
    assert window.timeline.model is None
    assert not window.result.isVisible() and window.outcome.current() is None
    assert window.clock.text() == "0.0 s"
    assert window.console.toPlainText() == ""


def test_stop_keeps_a_banner_that_says_what_stop_cut_short(qtbot, run_async, tmp_path):
    """process.pool with two workers, stopped while both run a task: the banner stays,
    says "stopped by you" and counts the two tasks Stop cut; the timeline picture says it
    too, under its title."""
    window = make_window(qtbot)
    window.lessons.select("process.pool")
    window.params.set_values({"tasks": 20, "workers": 2})

    async def scenario():
        window.run_button.click()
        await until(lambda: window.runner.running, message="the run")
        model = window.runner.session.model
        await until(lambda: running_tasks(model) == 2, message="both workers busy")
        window.stop_button.click()
        await until(lambda: window.run_button.isEnabled() and not window.runner.busy,
                    message="the end of the stopped run")
    run_async(scenario())

    status = window.status.text()
    assert "stopped by you" in status and "no process left behind" in status
    banner = window.result.text()
    assert window.result.isVisible(), "the banner went away after Stop"
    seconds = float(re.search(r"Stopped by you after ([0-9.]+) s", banner).group(1))
    assert 0 < seconds <= window.runner.session.model.end_time + 0.05
    assert "cutting short 2 running tasks" in banner, banner
    model = window.runner.session.model
    cut = [i for i in model.cut if model.cut_reason(i) == "stopped"]
    assert sum(STATES[model.spans["state"][i]] == "task" for i in cut) == 2   # as drawn
    svg = window.exports.save_timeline_svg(tmp_path / "stopped.svg")
    drawn = svg_texts(svg)
    assert drawn.startswith("process.pool") or "process.pool" in drawn
    assert banner in drawn, "the picture does not say how the run ended"


def test_another_lesson_shows_nothing_of_the_last_run(qtbot, run_async, tmp_path):
    window = make_window(qtbot)
    window.lessons.select("threads.basics")
    window.params.set_values(BASICS)
    run_async(run_to_the_end(window))
    assert window.timeline.model is window.runner.session.model
    assert window.console.toPlainText()

    window.lessons.select("process.pool")
    assert_shows_no_run(window)
    assert window.status.text() == "Choose a lesson and press Run."
    assert set(window.params.values()) == {"workers", "tasks", "seed"}
    assert window.exports.save_timeline_png(tmp_path / "old.png") is None     # nothing to export
    assert window.status.text().startswith("Nothing to export yet")
    assert window.exports.default_name("png").startswith("process.pool-")


def test_a_lesson_chosen_mid_run_is_shown_once_the_run_has_stopped(qtbot, run_async):
    """The run is stopped, its end is said in the status line under its own id, and only
    then the chosen lesson shows, with no timeline, banner or console of that run."""
    window = make_window(qtbot)
    window.lessons.select("threads.basics")
    window.params.set_values(LONG_BASICS)
    seen = []

    async def scenario():
        window.run_button.click()
        await until(lambda: window.runner.running and window.runner.session.model.rows(),
                    message="the run's lanes")
        window.lessons.select("threads.lock")
        # while the run ends, the screen still shows it, never under the new lesson's tab
        seen.append((window.params.values().keys(), window.timeline.model))
        await until(lambda: not window.runner.busy and window.run_button.isEnabled(),
                    timeout=120, message="the run to stop")
    run_async(scenario())

    assert set(seen[0][0]) == {"ticks", "tick_s"} and seen[0][1] is not None
    assert window.lessons.current_lesson() == "threads.lock"
    assert set(window.params.values()) == {"workers", "iterations"}
    assert_shows_no_run(window)
    status = window.status.text()
    assert status.startswith("threads.basics: stopped by you") and "no process left" in status
    assert window.runner.session.run.stopped_by == "you"


def test_space_runs_from_a_number_field_and_types_in_a_text_field(qtbot, run_async):
    window = active_window(qtbot)
    window.lessons.select("process.queue")
    items = window.params._editors["items"]
    items.setFocus()
    hint = window.params._typing
    qtbot.waitUntil(lambda: hint.isVisible())
    assert "F5" in hint.text()
    QTest.keyClick(items, Qt.Key.Key_Space)
    assert items.text().endswith(" ") and not window.runner.busy    # Space typed, ran nothing

    window.lessons.select("threads.basics")
    window.params.set_values(LONG_BASICS)
    ticks = window.params._editors["ticks"]
    ticks.setFocus()
    qtbot.waitUntil(lambda: ticks.hasFocus())

    async def scenario():
        QTest.keyClick(ticks, Qt.Key.Key_Space)
        await until(lambda: window.runner.running, message="Space to run the lesson")
        model = window.runner.session.model
        await until(lambda: any(lane.name == "LoopThread" for lane, _ in model.rows()),
                    message="LoopThread on the timeline")
        QTest.keyClick(window, Qt.Key.Key_Space)    # the fields are locked while it runs
        await until(lambda: not window.runner.busy and window.run_button.isEnabled(),
                    message="Space to stop it")
    run_async(scenario())
    assert window.runner.session.run.stopped_by == "you"
    assert not window.params._typing.isVisible()
    # LoopThread was still counting: Stop cut it short, and the banner says so
    assert "cutting short 1 running thread." in window.result.text(), window.result.text()
