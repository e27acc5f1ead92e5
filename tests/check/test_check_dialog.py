"""Help › Check this computer: the same check as the command, in a dialog on the window's
qasync loop. It checks the current lesson (or all), fills the table as rows are done, marks a
row that failed in words, refuses the window's Run while it checks, and Stop or Close in the
middle of a run ends the lesson's whole tree."""
import psutil
import pytest

from gui.check import Row
from gui.main_window import MainWindow
from tests.gui.waiting import until

pytestmark = pytest.mark.realrun            # every test here runs a real lesson


def check_dialog(qtbot, lesson_id):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select(lesson_id)
    window.check_action.trigger()               # Help › Check this computer…
    dialog = window.check_dialog
    assert dialog.isVisible() and dialog.isModal()
    assert window.check_action in window.help_menu.actions()
    dialog.this_lesson.setChecked(True)
    assert dialog.this_lesson.text() == f"This lesson: {lesson_id}"
    return window, dialog


def alive(pids):
    return [pid for pid in pids if psutil.pid_exists(pid)
            and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


def test_the_dialog_checks_the_current_lesson_and_fills_the_table(qtbot, run_async):
    window, dialog = check_dialog(qtbot, "process.pipe")
    dialog.times.setValue(2)
    task = dialog.start()
    assert not dialog.start_button.isEnabled() and dialog.stop_button.isEnabled()
    # the window's Run waits for the check: the run gate refuses it with a reason
    window.run_lesson()
    assert not window.runner.busy
    assert "stop the check" in window.status.text()
    run_async(task)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, column).text() for column in range(4)]
    assert cells == ["process.pipe", "messages go both ways over one pipe, each way in the "
                     "order sent", "✓ 2/2 held", "—"]
    assert dialog.progress.value() == dialog.progress.maximum() == 2
    assert dialog.summary.text() == "Every claim held in every run (1 row)."
    assert dialog.start_button.isEnabled() and not dialog.stop_button.isEnabled()
    # a row that failed says so in words, not only in colour
    dialog._add_row(Row("process.pipe", "", "a claim", 1, 3, ["close other programs"]))
    assert dialog.table.item(1, 2).text() == "✗ 1/3 failed"
    assert dialog.table.item(1, 2).background() != dialog.table.item(0, 2).background()
    dialog.close()
    assert not dialog.isVisible()


def test_stop_in_the_middle_of_a_run_leaves_no_process(qtbot, run_async):
    window, dialog = check_dialog(qtbot, "process.start")

    async def stop_midway():
        task = dialog.start()
        await until(lambda: dialog.job.session is not None
                    and len(dialog.job.session.model.processes) >= 2, message="the child")
        pids = list(dialog.job.session.model.processes)
        dialog.stop_button.click()
        await task
        return pids

    pids = run_async(stop_midway())
    assert alive(pids) == []
    assert dialog.current.text() == "Stopped; no process left behind."
    assert dialog.table.rowCount() == 0 and dialog.start_button.isEnabled()


def test_closing_the_dialog_mid_check_stops_it(qtbot, run_async):
    window, dialog = check_dialog(qtbot, "process.start")

    async def close_midway():
        task = dialog.start()
        await until(lambda: dialog.job.session is not None
                    and len(dialog.job.session.model.processes) >= 2, message="the child")
        pids = list(dialog.job.session.model.processes)
        dialog.close()                          # stops first, then closes
        await task
        await until(lambda: not dialog.isVisible(), message="the dialog to close")
        return pids

    assert alive(run_async(close_midway())) == []
