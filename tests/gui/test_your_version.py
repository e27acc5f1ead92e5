"""A student's own version of a lesson, in the window: Edit, Run and their version runs traced
like the textbook's, with the lesson's parameters and unit; it is kept across launches; a
failing version shows its line and never hangs the window. Real runs of threads.lock (quick
settings), edited as a student would."""
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from gui import user_versions
from gui.lessons import unit
from gui.trace.waitfor import HOLD, WAIT
from tests.gui.waiting import active_window, run_to_the_end, until

LESSON = "threads.lock"
QUICK = {"iterations": 10, "workers": 2}
MARK = '    probe.mark("now without the lock")\n'


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """Versions are kept beside the settings file: this test's own."""
    monkeypatch.setenv("CLAB_SETTINGS", str(tmp_path / "concurrency-lab.ini"))


def lock_window(qtbot):
    window = active_window(qtbot)
    window.lessons.select(LESSON)
    window.params.set_values(QUICK)
    window.tabs.setCurrentWidget(window.code)
    return window


def edit(window, change):
    """Edit on, the main file changed by `change(text)`; kept as Run would keep it."""
    code = window.code
    code.edit_bar.edit.click()
    assert code.editing and not code.editor.isReadOnly()
    code.editor.setPlainText(change(code.textbook))
    code.keep_edit()


def marked(window):
    code = window.code
    return code.edit_bar.marker.isVisible() and window.your_version.tab_marker.isVisible()


def error_line(window):
    """The line highlighted in the editor (1-based), or None."""
    found = window.code.editor.extraSelections()
    return found[0].cursor.blockNumber() + 1 if found else None


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


def test_an_edit_is_kept_across_launches_and_the_textbook_comes_back(qtbot):
    window = lock_window(qtbot)
    assert not marked(window) and window.code.editor.isReadOnly()
    QTest.keyClick(window.focusWidget() or window, Qt.Key_E, Qt.AltModifier)    # Edit: Alt+E
    assert window.code.editing
    window.code.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(window.code.editor, Qt.Key_Return)
    QTest.keyClicks(window.code.editor, "# my own try")         # Space types, never runs
    QTest.keyClick(window.code.editor, Qt.Key_Return)
    assert not window.runner.busy
    window.close()                                              # kept on closing

    again = lock_window(qtbot)
    assert again.code.toPlainText().endswith("# my own try\n")
    assert marked(again) and again.code.is_yours()
    again.code.edit_bar.back.click()                            # asks nothing
    assert again.code.toPlainText() == again.code.textbook and not marked(again)
    assert again.code.edit_bar.restore.isVisibleTo(again.code)  # the edit is one step away
    assert user_versions.previous(LESSON).endswith("# my own try\n")     # also after a restart
    again.code.edit_bar.restore.click()
    assert again.code.toPlainText().endswith("# my own try\n") and marked(again)


OLDER = Path.home() / ".pyenv/versions/3.9.18/bin/python3"


@pytest.mark.realrun
@pytest.mark.skipif(not OLDER.exists(), reason="needs CPython 3.9 from pyenv")
def test_the_syntax_is_that_of_the_chosen_python(tmp_path, run_async):
    """A `match` statement compiles under 3.10+, not under 3.9: the check asks the Python
    that will run the version."""
    script = tmp_path / "version.py"
    script.write_text("x = 1\nmatch x:\n    case 1:\n        pass\n", encoding="utf-8")
    lesson = user_versions.YourVersion(LESSON, "", "", "", script=str(script))
    assert run_async(lesson.check_syntax(sys.executable)) is None
    problem = run_async(lesson.check_syntax(str(OLDER)))
    assert problem is not None and problem.line == 2


def test_your_version_runs_traced_with_the_lessons_parameters_and_unit(qtbot, run_async):
    window = lock_window(qtbot)
    edit(window, lambda text: text.replace("unlocked_s=unlocked_s)",
                                           "unlocked_s=unlocked_s, mine=1)"))
    run_async(run_to_the_end(window))
    session = window.runner.session
    assert user_versions.is_yours(session.lesson) and session.run.returncode == 0
    assert session.model.result["mine"] == 1                    # this version ran
    assert session.values == {"iterations": 10, "workers": 2}
    assert session.model.result["expected"] == 20               # the lesson's parameters
    claim = unit(LESSON).claim(window.outcome.current().run)    # the unit reads its figures
    assert claim is not None and claim.held, claim
    assert "your version" in window.status.text().lower()
    holds = (session.model.spans["state"] == HOLD).sum()
    assert holds >= 20                                          # every hold of the lock


def test_an_edit_without_probe_calls_still_draws_threads_and_locks(qtbot, run_async):
    window = lock_window(qtbot)
    edit(window, without_probe_calls)
    assert "probe." not in window.code.toPlainText()
    run_async(run_to_the_end(window))
    session = window.runner.session
    model = session.model
    assert session.run.returncode == 0 and not model.result
    names = {lane.name for lane in model.lanes if lane.kind == "thread"}
    assert {"Locked-1", "Locked-2", "Unlocked-1", "Unlocked-2"} <= names
    states = model.spans["state"]
    assert (states == HOLD).sum() >= 20 and (states == WAIT).sum() >= 1
    assert "no figures" in window.result.text()                 # said, not guessed
    assert not window.outcome.current().sentence


def without_probe_calls(text):
    text = text.replace(MARK, "").replace("from workloads import lesson_args, probe",
                                          "from workloads import lesson_args")
    text = text.replace('        with probe.span("save"):    # draws the save (the lock\'s '
                        'holds are drawn for us)\n            time.sleep(SAVE_S)',
                        "        time.sleep(SAVE_S)")
    return re.sub(r"\n    probe\.result\([^)]*\)", "\n", text)


def test_an_exception_marks_its_line_and_the_run_as_failed(qtbot, run_async):
    window = lock_window(qtbot)
    edit(window, lambda text: text.replace(MARK, MARK + "    undefined_name()\n"))
    line = line_of(window.code.toPlainText(), "undefined_name()")
    run_async(run_to_the_end(window))
    assert window.runner.session.run.returncode == 1
    assert "NameError" in window.console.toPlainText()          # the traceback
    assert error_line(window) == line
    assert f"line {line}" in window.result.text() and "NameError" in window.result.text()
    assert "failed" in window.result.text() and "status 1" in window.status.text()


@pytest.mark.realrun
def test_a_syntax_error_is_found_before_anything_runs(qtbot, run_async):
    window = lock_window(qtbot)
    edit(window, lambda text: text.replace("def timed_run(work", "def timed_run(work,,"))
    line = line_of(window.code.toPlainText(), "def timed_run(")
    window.run_button.click()
    run_async(until(lambda: error_line(window) is not None, message="the line marked"))
    assert error_line(window) == line
    assert window.runner.session.run is None                    # nothing was run
    assert "syntax error" in window.result.text() and "Nothing was run" in window.result.text()
    assert window.run_button.isEnabled() and not window.runner.busy


def test_stop_ends_an_endless_print_flood_and_the_window_stays_live(qtbot, run_async):
    window = lock_window(qtbot)
    edit(window, lambda text: text.replace(MARK, MARK + "    while True:\n"
                                                        "        print('again ' * 20)\n"))

    async def flood_then_stop():
        window.run_button.click()
        await until(lambda: len(window.console.toPlainText()) > 20_000, message="the flood")
        clock = window.clock.text()
        await until(lambda: window.clock.text() != clock, message="the clock to move")
        window.stop_button.click()
        await until(lambda: not window.runner.busy, message="the stop")

    run_async(flood_then_stop())
    run = window.runner.session.run
    assert run.stopped_by == "you" and run.leftovers == []
