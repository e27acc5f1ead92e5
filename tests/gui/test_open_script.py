"""File › Open script… and a dropped .py file: a script the lab has never seen runs in the
window, traced with no tracing code in it, named as a script, with its thread states drawn;
Stop ends its whole tree; a script that raises is marked failed with its traceback in the
console; bad input changes nothing on screen. Real runs of tests/script/data/ scripts."""
import json
import os
from pathlib import Path

import numpy as np
import psutil
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from gui.main_window import MainWindow
from gui.trace.model import STATES
from tests.gui.waiting import until

DATA = Path(__file__).resolve().parents[1] / "script" / "data"
RUN, GIL = STATES.index("run"), STATES.index("wait.gil")


def make_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def answer_open_dialog(monkeypatch, path):
    """The file dialog is the user's part: answer it with a path, as a user would."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def drop(widget, path):
    """Drag a file from a file manager onto `widget` and let go: True when it was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = widget.rect().center()
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, dropped)
    return dropped.isAccepted()


async def ended_with_states(window, timeout=120):
    """Wait until the script's run has ended and its thread states are drawn."""
    await until(lambda: window.runner.session is not None, message="the script's session")
    await until(lambda: not window.runner.busy and window.run_button.isEnabled(),
                timeout=timeout, message="the script to end")
    await until(lambda: window.script is not None and window.script.gil is not None,
                message="the thread states")


def lane_spans(model, name, state):
    """(t0, t1) of the spans in `state` on the thread lane called `name`."""
    lane = next(lane for lane in model.lanes if lane.name == name)
    spans = model.spans
    keep = (spans["lane"] == lane.id) & (spans["state"] == state)
    return np.column_stack([spans["t0"][keep], spans["t1"][keep]])


def overlap_seconds(a, b):
    """How long spans of `a` and spans of `b` were drawn at the same time."""
    return sum(max(0.0, min(a1, b1) - max(a0, b0)) for a0, a1 in a for b0, b1 in b)


@pytest.mark.realrun
def test_a_script_opened_from_the_menu_is_traced_named_and_exported(qtbot, run_async,
                                                                   monkeypatch, tmp_path):
    window = make_window(qtbot)
    script = DATA / "counter_race.py"
    answer_open_dialog(monkeypatch, script)

    async def opened_and_ended():       # the menu's action, on the running loop as in the app
        window.open_script_action.trigger()
        await ended_with_states(window)
    run_async(opened_and_ended())

    # it is named as a script, its folder too; the text says what can and cannot be known
    assert window.script.path == script
    strip = window.script_opener.screen.strip
    assert strip.isVisible() and "counter_race.py" in strip.text() and str(DATA) in strip.text()
    assert "counter_race.py" in window.windowTitle()
    assert "counter_race.py" in window.status.text() and "finished normally" in \
        window.status.text()
    assert "cannot know" in window.text.toPlainText()
    assert window.code.toPlainText() == script.read_text()
    assert not window.params.isVisible()

    # the run as the trace saw it: two named threads that never ran at the same time
    model = window.timeline.model
    assert model is window.runner.session.model
    names = {lane.name for lane in model.lanes if lane.kind == "thread"}
    assert {"Thread-1 (increment)", "Thread-2 (increment)"} <= names
    one, two = (lane_spans(model, f"Thread-{i} (increment)", RUN) for i in (1, 2))
    assert len(one) and len(two)
    assert overlap_seconds(one, two) == 0.0
    assert len(lane_spans(model, "Thread-1 (increment)", GIL)) + \
        len(lane_spans(model, "Thread-2 (increment)", GIL)) > 0
    assert window.script.gil["sampled"] and window.script.gil["handoffs"] > 0
    assert "Final counter:" in window.console.toPlainText()
    assert "2 threads" in window.result.text() or "3 threads" in window.result.text()

    # exported: the trace JSON says it was a script, the picture is written
    trace, picture = tmp_path / "run.json", tmp_path / "run.png"
    assert window.exports.save_trace_json(trace) is not None
    assert window.exports.save_timeline_png(picture) is not None
    other = json.loads(trace.read_text())["otherData"]
    assert other["lesson"] == "script" and other["params"]["script"] == str(script)
    assert "Final counter:" in other["output"] and picture.stat().st_size > 1000

    # another language keeps the script on screen, its text and title too
    window.set_language("zh_CN")
    run_async(until(lambda: "counter_race.py" in window.text.toPlainText()
                    and "counter_race.py" in window.windowTitle(), message="the script's text"))
    assert strip.isVisible() and "counter_race.py" in window.status.text()
    window.set_language("en")

    # Run runs the script again, a new run of it
    first = window.runner.session
    window.run_button.click()
    run_async(until(lambda: window.runner.session is not first, message="a second run"))
    run_async(ended_with_states(window))
    assert window.script.path == script and window.runner.session.lesson.id == "script"

    # a lesson chosen afterwards shows the lesson, nothing of the script's run
    window.lessons.select("threads.lock")
    assert window.script is None and not strip.isVisible()
    assert window.timeline.model is None
    assert "counter_race" not in window.code.toPlainText()
    assert "Final counter" not in window.console.toPlainText()
    assert window.params.isVisible() and "counter_race.py" not in window.windowTitle()


@pytest.mark.realrun
def test_a_dropped_script_that_raises_is_marked_failed_with_its_traceback(qtbot, run_async,
                                                                          tmp_path):
    window = make_window(qtbot)
    script = tmp_path / "broken.py"
    script.write_text("import threading\n\n"
                      "def work():\n    print('working')\n\n"
                      "t = threading.Thread(target=work, name='Worker')\nt.start()\nt.join()\n"
                      "raise ValueError('the answer was wrong')\n")
    assert drop(window, script)
    run_async(ended_with_states(window))
    console = window.console.toPlainText()
    assert "Traceback" in console and "ValueError: the answer was wrong" in console
    assert "broken.py" in console and "working" in console
    assert window.runner.session.run.returncode == 1
    assert "broken.py failed" in window.status.text()
    assert window.tabs.currentWidget() is window.console
    assert "Worker" in {lane.name for lane in window.timeline.model.lanes}


@pytest.mark.realrun
def test_stop_ends_a_script_that_never_ends_and_every_process_it_started(qtbot, run_async,
                                                                         tmp_path):
    window = make_window(qtbot)
    script = tmp_path / "forever.py"
    script.write_text("import multiprocessing, sys, time\n\n"
                      "def spin():\n    while True:\n        time.sleep(0.01)\n\n"
                      "if __name__ == '__main__':\n"
                      "    multiprocessing.Process(target=spin).start()\n"
                      "    print('stdin gave', len(sys.stdin.read()), 'characters', flush=True)\n"
                      "    while True:\n        pass\n")
    assert drop(window, script)
    run_async(until(lambda: window.runner.session is not None
                    and len(window.runner.session.model.processes) >= 2
                    and "stdin gave 0 characters" in window.console.toPlainText(),
                    timeout=60, message="the script, its child and an empty stdin"))
    pids = list(window.runner.session.model.processes)
    window.stop_button.click()
    run_async(ended_with_states(window))
    run = window.runner.session.run
    assert run.stopped_by == "you" and run.leftovers == []
    assert not [pid for pid in pids if psutil.pid_exists(pid)
                and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert "Stopped by you" in window.result.text()


def refused(window, run_async, path, words):
    """Open `path`: refused with `words` in the status and a message box; nothing changed."""
    before = (window.timeline.model, window.text.toPlainText(), window.code.toPlainText(),
              window.console.toPlainText(), window.windowTitle())
    assert run_async(window.script_opener.open(str(path))) is False
    assert window.status.text().startswith("Could not open the script")
    assert words in window.status.text(), window.status.text()
    box = window.script_opener.error_box
    assert box is not None and words in box.text()
    box.close()
    assert window.script is None and not window.runner.busy
    assert before == (window.timeline.model, window.text.toPlainText(),
                      window.code.toPlainText(), window.console.toPlainText(),
                      window.windowTitle())


def test_bad_input_gets_one_line_and_a_message_and_changes_nothing(qtbot, run_async, tmp_path,
                                                                  monkeypatch):
    window = make_window(qtbot)
    notes = tmp_path / "notes.txt"
    notes.write_text("print('hello')\n")
    assert not drop(window, notes)              # only .py files are taken when dropped
    refused(window, run_async, notes, "is not a Python script")
    refused(window, run_async, tmp_path, "is a folder")
    refused(window, run_async, tmp_path / "gone.py", "no such file")
    bad = tmp_path / "bad.py"
    bad.write_text("print('fine')\ndef broken(:\n    pass\n")
    refused(window, run_async, bad, "line 2")
    monkeypatch.setattr(window.interpreter, "python", lambda: str(tmp_path / "python3.99"))
    refused(window, run_async, DATA / "counter_race.py", "cannot be found")


@pytest.mark.realrun
def test_the_syntax_is_checked_by_the_chosen_interpreter(qtbot, run_async, tmp_path):
    old = Path.home() / ".pyenv/versions/3.9.18/bin/python3"
    if not old.exists():
        pytest.skip("needs Python 3.9 at ~/.pyenv/versions/3.9.18")
    window = make_window(qtbot)
    window.interpreter.discover_now()
    try:
        window.interpreter.select(str(old))
    except KeyError:
        pytest.skip("Python 3.9 is not in the window's Python list")
    script = tmp_path / "new_syntax.py"
    script.write_text("match 1:\n    case 1:\n        print('one')\n")    # 3.10 and up
    refused(window, run_async, script, "syntax error")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root reads every file")
def test_an_unreadable_script_is_refused(qtbot, run_async, tmp_path):
    window = make_window(qtbot)
    script = tmp_path / "secret.py"
    script.write_text("print('hidden')\n")
    script.chmod(0)
    refused(window, run_async, script, "cannot be read")


@pytest.mark.realrun
def test_a_deadlocked_script_is_named_on_the_banner_and_stop_ends_it(qtbot, run_async):
    window = make_window(qtbot)
    assert drop(window, DATA / "deadlock.py")
    run_async(until(lambda: window.script is not None and window.script.deadlock is not None,
                    timeout=60, message="the deadlock found"))
    assert "Deadlock" in window.result.text() and "lock_a" in window.result.text()
    assert "deadlock.py is deadlocked" in window.status.text()
    window.stop_button.click()
    run_async(ended_with_states(window))
    assert window.runner.session.run.leftovers == []
    assert "lock_b" in window.result.text() and window.script.found["locks"] == [
        "lock_a", "lock_b"]
