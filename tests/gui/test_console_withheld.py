"""The window never reads what a lesson prints: with the console stream withheld, a run still
gets its banner, its tab and its revealed answer, and they are the same as those of the same
run opened later from its trace file (where the console text is back)."""
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableWidget, QTreeWidget

from gui import settings
from gui.lessons import run_of, unit
from gui.main_window import MainWindow
from tests.gui.test_lessons_in_window import QUICK
from tests.gui.waiting import until

# Lessons with a tab, a result sentence and a question between them, one of each kind of tab.
WITHHELD = ["threads.race", "threads.gil", "threads.local", "threads.lock", "process.queue",
            "process.fork", "distributed.worker_crash", "showdown.io", "async.asyncio"]


def tab_texts(panel):
    """What a tab says: its labels, buttons and table cells, in order."""
    if panel is None:
        return []
    texts = [w.text() for w in panel.findChildren(QLabel) if w.text()]
    texts += [w.text() for w in panel.findChildren(QAbstractButton) if w.text()]
    for table in panel.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount())
                  for c in range(table.columnCount()) if table.item(r, c) is not None]
    for tree in panel.findChildren(QTreeWidget):
        root = tree.invisibleRootItem()
        texts += [root.child(i).text(c) for i in range(root.childCount())
                  for c in range(tree.columnCount())]
    return texts


def window_for(qtbot, lesson_id):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select(lesson_id)
    window.params.set_values(QUICK.get(lesson_id, {}))
    return window


@pytest.fixture
def ask_first():
    """"Ask the class first" on, as a teacher sets it; off again afterwards."""
    settings.set_value("predict/ask", True)
    yield
    settings.set_value("predict/ask", False)


@pytest.mark.parametrize("lesson_id", WITHHELD)
def test_banner_tab_and_reveal_come_from_figures_not_the_console(qtbot, run_async, lesson_id,
                                                                  tmp_path, ask_first):
    window = window_for(qtbot, lesson_id)
    window.runner.output.disconnect()           # nothing the lesson prints reaches the window
    asked = unit(lesson_id).question(window.params.values()) is not None

    async def run():
        window.run_button.click()
        if asked:
            await until(lambda: window.predict.card.state == "ask", message="the question")
            window.predict.card.chosen.emit(0)
        await until(lambda: window.runner.session is not None, message="a session")
        await until(lambda: window.outcome.current() is not None and not window.runner.busy,
                    timeout=120, message="the run's end")
    run_async(run())
    shown = window.outcome.current()
    session = shown.session
    assert session.run.returncode == 0, session.run.exit_reason
    assert "$ concurrency-lab run" in window.console.toPlainText()     # the window's own line
    assert session.model.result, "the lesson reported no figures"
    sentence = unit(lesson_id).sentence(run_of(session))
    assert window.result.text() == sentence and window.result.isVisible() == bool(sentence)
    tab = tab_texts(window.panel)
    assert sentence or tab, "the run says nothing: no sentence and no tab"
    if asked:
        right, words = window.predict.outcome
        assert right is not None and words, window.predict.outcome
    path = window.exports.save_trace_json(tmp_path / "run.json")
    assert path is not None

    again = window_for(qtbot, lesson_id)            # the same run, from its file
    assert again.replayer.open(str(path))
    assert again.result.text() == sentence
    assert tab_texts(again.panel) == tab
    if asked:
        question = unit(lesson_id).question(again.replay.values)
        assert question.answer(run_of(again.replay)) == window.predict.outcome
