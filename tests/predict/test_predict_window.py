"""Predict, then reveal, in the window on real runs: Run asks the class first, a choice (click
or number key) starts the lesson, and its end reveals the answer the run measured."""
import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from gui import presentation
from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end, until


def make_window(qtbot, lesson_id, settings=None, ask=True):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    if ask != window.predict.action.isChecked():
        window.predict.action.trigger()         # View > Ask the class first
    window.lessons.select(lesson_id)
    window.params.set_values(settings or {})
    return window


def editable(window):
    """The parameter editors that take input now."""
    return [w for w in window.params.findChildren(QWidget)
            if not isinstance(w, QLabel) and w.isEnabled()]


def tags(card):
    return [box.tag.text() if not box.tag.isHidden() else "" for box in card.boxes]


async def revealed(window):
    await until(lambda: window.predict.card.state == "done", message="the reveal")


def test_run_asks_first_and_the_end_reveals_the_answer_beside_the_class_choice(qtbot,
                                                                                run_async):
    window = make_window(qtbot, "process.fork")
    card, note = window.predict.card, window.predict.note

    async def scenario():
        window.run_button.click()
        assert card.isVisible() and card.state == "ask"
        assert card.question.text() == "fork() is called once. How many times does it return?"
        assert len(card.boxes) == 3 and window.runner.session is None
        qtbot.mouseClick(card.boxes[0], Qt.LeftButton)          # "Once: in the parent"
        assert not card.isVisible()
        assert note.isVisible() and note.text().startswith("Your class said 1: “Once")
        await until(lambda: window.runner.session is not None, message="a session")
        await revealed(window)
        await until(lambda: window.run_button.isEnabled(), message="the end of the run")

    run_async(scenario())
    out = window.console.toPlainText()
    child = re.search(r"I am child process \((\d+)\)", out).group(1)
    assert card.isVisible() and not note.isVisible()
    assert tags(card) == ["✗ your class", "✓ right answer", ""]
    assert card.verdict.text() == (f"✗ You said 1. Measured: fork() returned {child} and 0: "
                                   "in 2 processes.")


def test_number_keys_choose_and_a_right_guess_is_marked_right(qtbot, run_async):
    sleep_s = 0.5           # long beside the run's own overhead, even on a busy machine
    window = make_window(qtbot, "async.asyncio", {"sleep_s": sleep_s})
    card = window.predict.card
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    async def scenario():
        assert editable(window)
        window.run_button.click()
        assert not editable(window)                 # the question is about these values
        QTest.keyClick(window, Qt.Key.Key_3)        # two choices: 3 is not one of them
        assert card.state == "ask" and window.runner.session is None
        QTest.keyClick(window, Qt.Key.Key_1)        # "About 0.5 s"
        assert card.state == "hidden" and window.predict.choice == 0
        await until(lambda: window.runner.session is not None, message="a session")
        await revealed(window)

    run_async(scenario())
    total = float(re.search(r"^total: ([\d.]+) s", window.console.toPlainText(), re.M)[1])
    assert total - sleep_s < 2 * sleep_s - total    # nearer one sleep than two: right
    assert tags(card) == ["✓ right answer · your class", ""]
    assert card.verdict.text() == f"✓ Right! Measured: total {total:.2f} s."


def test_with_the_mode_off_run_starts_at_once_and_skip_runs_without_a_prediction(qtbot,
                                                                                  run_async):
    window = make_window(qtbot, "threads.basics", {"ticks": 3, "tick_s": 0.05}, ask=False)
    card = window.predict.card
    run_async(run_to_the_end(window))
    assert "finished normally" in window.status.text()
    assert card.state == "hidden" and not card.isVisible()
    assert not window.predict.note.isVisible()

    window.predict.action.trigger()                 # on again
    window.run_button.click()
    assert card.state == "ask"
    card.skip.click()

    async def scenario():
        await until(lambda: window.runner.session is not None, message="a session")
        await revealed(window)

    run_async(scenario())
    assert tags(card) == ["✓ right answer", ""]     # MainThread ends last; no class choice
    assert card.verdict.text() == "Measured: MainThread ended last."

    window.predict.action.trigger()                 # off: the next run has no question...
    run_async(run_to_the_end(window))
    assert not card.isVisible()                     # ...and the old answer is gone


def test_presentation_mode_asks_by_default_and_each_mode_remembers_its_choice(qtbot):
    window = make_window(qtbot, "threads.basics", ask=False)
    action, card = window.predict.action, window.predict.card
    try:
        assert not action.isChecked()
        presentation.set_presentation(window, True)
        assert action.isChecked()                   # on by default in presentation mode
        window.run_button.click()
        assert card.isVisible() and card.state == "ask"
        card.close_button.click()                   # no run, and the parameters free again
        assert not card.isVisible() and window.runner.session is None
        assert editable(window)
        action.trigger()                            # the teacher turns it off here
        presentation.set_presentation(window, False)
        assert not action.isChecked()
        action.trigger()                            # and on outside presentation mode
        assert action.isChecked()
    finally:
        presentation.set_presentation(window, False)

    again = MainWindow()                            # the next launch remembers both
    qtbot.addWidget(again)
    try:
        assert again.predict.action.isChecked() and again.predict.enabled()
        presentation.set_presentation(again, True)
        assert not again.predict.action.isChecked() and not again.predict.enabled()
    finally:
        presentation.set_presentation(again, False)


def test_escape_puts_the_question_away_as_its_close_button_does(qtbot):
    window = make_window(qtbot, "threads.basics")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.run_button.click()
    assert window.predict.card.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.predict.card.isVisible() and window.runner.session is None
    assert editable(window)


def test_choosing_another_lesson_puts_the_question_away(qtbot):
    window = make_window(qtbot, "async.asyncio")
    window.run_button.click()
    assert window.predict.card.isVisible() and not editable(window)
    window.lessons.select("threads.basics")
    assert not window.predict.card.isVisible() and window.runner.session is None
    assert editable(window)


def test_a_stopped_run_reveals_no_answer(qtbot, run_async):
    window = make_window(qtbot, "async.asyncio", {"sleep_s": 10.0})
    card = window.predict.card

    async def scenario():
        window.run_button.click()
        qtbot.mouseClick(card.boxes[1], Qt.LeftButton)
        await until(lambda: window.runner.running, message="the lesson to start")
        window.stop_button.click()
        await until(lambda: window.run_button.isEnabled(), message="the lesson to stop")
        await revealed(window)

    run_async(scenario())
    assert "stopped by you" in window.status.text()
    assert tags(card) == ["", "your class"]         # nothing marked right or wrong
    assert card.verdict.text() == "The run was stopped before the end: no answer."


def test_a_deadlock_is_revealed_while_it_lasts_and_stays_after_stop(qtbot, run_async):
    window = make_window(qtbot, "threads.deadlock", {"variant": "deadlock"})
    card = window.predict.card

    async def scenario():
        window.run_button.click()
        qtbot.mouseClick(card.boxes[0], Qt.LeftButton)          # "Yes: both finish"
        await until(lambda: window.runner.running, message="the lesson to start")
        await revealed(window)
        assert window.runner.running                            # it never ends by itself
        window.stop_button.click()
        await until(lambda: window.run_button.isEnabled(), message="the lesson to stop")

    run_async(scenario())
    verdict = ("✗ You said 1. Measured: Deadlock: Thread-1 holds lock_a and waits for lock_b; "
               "Thread-2 holds lock_b and waits for lock_a.")
    assert tags(card) == ["✗ your class", "✓ right answer"]
    assert card.verdict.text() == verdict
    # a language switch says it again, though the stopped run no longer shows the cycle
    window.set_language("en")
    assert card.isVisible() and tags(card) == ["✗ your class", "✓ right answer"]
    assert card.verdict.text() == verdict
