"""Every lesson runs from the window: Run, watch it end on its own, nothing left behind."""
import pytest

from gui.lessons import run_of, unit
from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end
from workloads import catalog

# the short run each unit keeps for the pre-class check and the tests
QUICK = {item.id: dict(unit(item.id).quick) for item in catalog.LESSONS}
# (a lesson that serves until Stop in the window is run there by its own test)
ENDS_ON_ITS_OWN = [item.id for item in catalog.LESSONS if not item.unavailable()
                   and not getattr(unit(item.id), "waits_for_stop", False)]


@pytest.mark.parametrize("lesson_id", ENDS_ON_ITS_OWN)
def test_the_lesson_runs_from_the_window(qtbot, run_async, lesson_id):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select(lesson_id)
    window.params.set_values(QUICK.get(lesson_id, {}))

    run_async(run_to_the_end(window))
    session = window.runner.session
    assert "finished normally; no process left behind" in window.status.text(), \
        window.console.toPlainText()
    assert session.model.rows(), "no lane was drawn"
    assert window.console.toPlainText().strip()
    # the banner says what the lesson's figures say, and the same quick run answers the
    # question the class can be asked before it
    run = run_of(session)
    assert window.result.text() == unit(lesson_id).sentence(run)
    question = unit(lesson_id).question(session.values)
    if question is not None:
        right, words = question.answer(run)
        if right is None:       # other programs took the cores: the run cannot tell, says why
            assert window.result.text().startswith("Other programs used "), words
        else:
            assert right in range(len(question.choices)), words
        assert words.strip()
