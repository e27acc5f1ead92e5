"""Every lesson runs from the window: Run, watch it end on its own, nothing left behind."""
import pytest

from gui.lessons import run_of, unit
from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end
from workloads import catalog

QUICK = {"process.start": {"seconds": 0.3}, "process.pool": {"tasks": 3},
         "process.futures": {"tasks": 3},
         "process.queue": {"delay": 0.1}, "process.pipe": {"messages": 2},
         "threads.gil": {"seconds": 0.5}, "threads.basics": {"ticks": 3, "tick_s": 0.05},
         "threads.race": {"iterations": 20_000}, "threads.lock": {"iterations": 10, "workers": 2},
         "threads.deadlock": {"variant": "ordered"},
         "async.generator": {"items": 3}, "async.asyncio": {"sleep_s": 0.2},
         "async.wget": {"delays": "0.1,0.2"}, "async.gevent_io": {"delays": "0.1,0.2"},
         "async.aiohttp": {"clients": 3}, "distributed.manager": {"tasks": 4},
         "distributed.bad_key": {"tasks": 4}, "distributed.worker_crash": {"tasks": 4},
         "showdown.cpu": {"jobs": 2, "size": 100_000},
         "showdown.io": {"jobs": 3, "delay_ms": 300}}    # a pool starts in well under 0.3 s
ENDS_ON_ITS_OWN = [item.id for item in catalog.LESSONS if not item.unavailable()]


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
        assert right in range(len(question.choices)), words
        assert words.strip()
