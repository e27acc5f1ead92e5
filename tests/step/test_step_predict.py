"""Before a stepped race the class is asked whether an update can be lost there, and the answer
comes from the stepped run's own listing under the real interpreter and rules: no under this
CPython (3.10+) for naive, yes on 3.9, yes on any machine, yes for widened at its call. The
window asks on the predict card, holds the moves until the class answers, and reveals when the
balance goes wrong or when the student gives up; with a Lock (the locked race) it asks
nothing."""
import os
import sys

import psutil
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui import scheduler_predict
from gui.stepping import SteppedRun
from tests.gui.waiting import active_window, until

pytestmark = pytest.mark.realrun          # every test here starts a lesson process

PY39 = os.path.expanduser("~/.pyenv/versions/3.9.18/bin/python3")
QUICK = {"iterations": 1000}
WIDENED_ANY = "1111222221"              # t1 reads, t2 deposits whole, t1 writes its stale 5


def answered(variant, rules, python=None):
    """(right choice, why) for a stepped race, read from the engine's listing."""
    with SteppedRun("threads.race", {"variant": variant, **QUICK}, "instruction", rules,
                    python) as run:
        return scheduler_predict.answer(run.listing(), run.hello, rules)


def test_the_answer_comes_from_the_listing_of_the_interpreter_and_rules_that_run_it():
    right, why = answered("naive", "cpython")
    if sys.version_info >= (3, 10):
        assert right == scheduler_predict.NO
        assert "LOAD_GLOBAL balance" in why and "STORE_GLOBAL balance" in why
        assert "BINARY_OP" in why or "BINARY_ADD" in why
    right, why = answered("naive", "any")
    assert right == scheduler_predict.YES and "LOAD_GLOBAL balance" in why
    right, why = answered("widened", "cpython")
    assert right == scheduler_predict.YES and "CALL" in why       # the call between
    if os.access(PY39, os.X_OK):
        right, why = answered("naive", "cpython", PY39)
        assert right == scheduler_predict.YES and "CPython 3.9" in why


async def stepping(window, values, rules):
    """F7 on the race with these values and rules, a line a step; returns (mode, panel,
    card)."""
    window.lessons.select("threads.race")
    window.params.set_values(values)
    QTest.keyClick(window, Qt.Key.Key_F7)
    mode, card = window.scheduler, window.predict.card
    await until(lambda: card.state == "ask", message="the question")
    await until(lambda: mode.run is not None and mode.prediction.asking(),
                message="the stepped run")
    panel = mode.panel
    if panel.choice() != ("line", rules):
        first = mode.run.pid
        panel.unit.setCurrentIndex(panel.unit.findData("line"))
        panel.rules.setCurrentIndex(panel.rules.findData(rules))
        panel.start_button.click()                  # the rules apply from a fresh start
        await until(lambda: mode.run is not None and mode.run.pid != first and
                    mode.prediction.asking(), message="the question for the new rules")
    return mode, panel, card


def test_the_class_answers_before_the_first_move_and_sees_why_when_it_gives_up(qtbot,
                                                                              run_async):
    window = active_window(qtbot)
    if not window.predict.action.isChecked():
        window.predict.action.trigger()             # View > Ask the class first

    async def scenario():
        mode, panel, card = await stepping(window, {"variant": "naive", **QUICK}, "cpython")
        asked = card.question.text()
        panel.cards[0].button.click()               # a move before the answer: not played
        held = mode.run.state()["moves"]
        QTest.keyClick(window, Qt.Key.Key_2)        # "No: ... one piece"
        await until(lambda: card.state == "hidden", message="the answer taken")
        note = window.predict.note.text()
        for key in "11":
            QTest.keyClick(panel, key)
        await until(lambda: mode.idle() and mode.run.state()["moves"] == 2, message="2 moves")
        giving_up = panel.give_up.isVisible()
        QTest.keyClick(panel, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
        await until(lambda: card.state == "done", message="the reveal")
        axis = window.timeline.bottom_axis.labelText        # x counts the moves
        naive = (asked, held, note, giving_up, card.verdict.text(), axis,
                 [box.tag.text() for box in card.boxes], panel.give_up.isVisible())

        mode, panel, card = await stepping(window, {"variant": "widened", **QUICK}, "any")
        QTest.keyClick(window, Qt.Key.Key_1)        # "Yes"
        await until(lambda: card.state == "hidden", message="the answer taken")
        for key in WIDENED_ANY:
            QTest.keyClick(panel, key)
        await until(lambda: card.state == "done", message="the reveal at the lost update")
        widened = (card.verdict.text(), mode.run.state()["shared"]["lost"])
        window.params.set_values({"variant": "locked", **QUICK})   # a Lock guards it
        first = mode.run.pid
        QTest.keyClick(window, Qt.Key.Key_F7)
        await until(lambda: mode.idle() and mode.run.pid != first, message="the locked race")
        locked = (card.state, mode.prediction.made)
        pid = mode.run.pid
        QTest.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)   # Stop
        await until(mode.stopped, message="the stepped run to end")
        return naive, widened, locked, pid

    naive, widened, locked, pid = run_async(scenario())
    asked, held, note, giving_up, verdict, axis, tags, after = naive
    assert asked.startswith("Can you lose an update in naive under CPython 3.")
    assert held == 0 and note.startswith("Your class said 2")
    assert giving_up and not after
    assert axis.startswith("moves")
    if sys.version_info >= (3, 10):
        assert verdict.startswith("✓ Right!") and "STORE_GLOBAL balance" in verdict
        assert tags[1].startswith("✓ right answer")
    verdict, lost = widened
    assert lost == 1 and verdict.startswith("✓ Right!") and "LOAD_GLOBAL balance" in verdict
    assert locked == ("hidden", None)               # nothing to ask when the Lock decides
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == "zombie"
