"""Traces of real lesson runs, recorded once per test session and written as the app writes
them (with the console text), for the replay tests to read back."""
from dataclasses import dataclass

import pytest

from gui.run.session import LessonSession
from gui.trace import chrome_json
from tests.gui.conftest import run_async  # noqa: F401  (the window tests' qasync loop)
from tests.lessons.conftest import run_lesson

# small parameters, as in tests/gui/test_lessons_in_window.py QUICK; process.pool with one
# worker makes tasks wait, which draws the stacked virtual rows "waiting for a worker"
RECORDED = {"process.queue": {"delay": 0.1}, "async.asyncio": {"sleep_s": 0.2},
            "distributed.worker_crash": {"tasks": 4}, "threads.race": {"iterations": 20_000},
            "process.pool": {"tasks": 4, "workers": 1}}


@dataclass
class Recorded:
    session: LessonSession
    output: str
    path: str


def record(lesson_id, settings, folder):
    """Run a real lesson to its end and write its trace with the console text."""
    session, output = run_lesson(lesson_id, **settings)
    assert session.run.returncode == 0, output
    path = str(folder / f"{lesson_id}.json")
    chrome_json.write(path, session.model, lesson_id, session.values, session.python_version,
                      output)
    return Recorded(session, output, path)


@pytest.fixture(autouse=True)
def windows_deleted_when_the_test_ends(qapp):
    """pytest-qt closes a test's windows and asks Qt to delete them later, which used to
    mean: while the next test sets up, with pyqtgraph items still getting events. Delete
    them now, in this test's teardown (after pytest-qt closed them)."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def recorded(tmp_path_factory):
    """lesson id -> Recorded, each lesson run once for the whole test session."""
    folder = tmp_path_factory.mktemp("traces")
    return {lesson_id: record(lesson_id, settings, folder)
            for lesson_id, settings in RECORDED.items()}
