"""The parameter form checks every edit as the command line does: a value the lesson cannot
take, or values whose run would keep the class waiting, show their reason under the form and
Run does not start; a cleared address is this machine only; a run that waits for workers
started by hand says how long before it starts."""
import pytest
from PySide6.QtCore import Qt

from gui.main_window import MainWindow
from gui.views.param_form import ParamForm


@pytest.fixture
def form(qtbot):
    f = ParamForm()
    qtbot.addWidget(f)
    f.show()
    return f


@pytest.mark.parametrize("lesson, name, text, words", [
    ("async.wget", "delays", "abc,def", "delays"),
    ("async.wget", "delays", "1e9", "between 0 and 30"),
    ("async.gevent_io", "delays", "nan", "delays"),
    ("async.gevent_io", "delays", " , , ", "1 to 20"),
    ("process.queue", "items", "x" * 500, "at most 20 characters"),
    ("distributed.manager", "bind", "-x", "bind"),
])
def test_a_bad_text_shows_its_reason_and_is_refused(form, qtbot, lesson, name, text, words):
    form.set_lesson(lesson)
    reason = form.findChild(type(form._reason), "paramProblem")
    assert not reason.isVisible()
    editor = form._editors[name]
    editor.clear()
    qtbot.keyClicks(editor, text)
    assert reason.isVisible() and words in reason.text() and "\n" not in reason.text()
    with pytest.raises(ValueError):
        form.values()
    editor.setText(form._lesson.param(name).default)    # a good value: the reason goes
    assert not reason.isVisible() and form.problem is None


def test_values_that_would_run_too_long_together_are_refused(form):
    form.set_lesson("process.pool")
    form._editors["workers"].setValue(1)
    form._editors["tasks"].setValue(200)
    assert "at most 60 s" in form.problem
    form._editors["workers"].setValue(32)
    assert form.problem is None and form.values()["tasks"] == 200


def test_a_cleared_address_is_this_machine_only(form):
    form.set_lesson("distributed.manager")
    form._editors["bind"].clear()
    assert form.problem is None
    assert form.values()["bind"] == "127.0.0.1"


def test_a_manager_without_workers_says_how_long_it_waits(form):
    form.set_lesson("distributed.manager")
    note = form.findChild(type(form._note), "paramNote")
    assert not note.isVisible()
    form._editors["wait_s"].setValue(3600)
    form._editors["workers"].setValue(0)
    assert note.isVisible() and "waits up to 3600 s" in note.text()
    form._editors["workers"].setValue(2)
    assert not note.isVisible()


def test_run_does_not_start_with_a_bad_value_and_says_why(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select("async.wget")
    window.params._editors["delays"].setText("abc,def")
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    assert not window.runner.running and window.runner.session is None
    assert "delays" in window.status.text()
