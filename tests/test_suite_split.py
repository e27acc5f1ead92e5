"""The split of the suite: a test that runs a lesson or a command, itself or through a helper
or fixture of tests/, is marked `realrun`; the rest is the quick part (-m "not realrun")."""
import os

import pytest

from tests.gui import panel_runs
from tests.lessons import stopping
from tests.lessons.conftest import lesson_run, run_lesson


@pytest.fixture
def rule(request):
    """tests/conftest.py's rule, as pytest loaded it."""
    conftest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conftest.py")
    plugin, = [p for p in request.config.pluginmanager.get_plugins()
               if os.path.abspath(getattr(p, "__file__", "") or "") == conftest]
    return lambda func: plugin._starts_a_process(func, set())


def test_the_helpers_that_run_lessons_start_a_process(rule):
    assert rule(run_lesson) and rule(stopping.stop_midway) and rule(panel_runs.run_with_panel)
    assert rule(lesson_run)                         # the fixture, through run_lesson


def test_a_test_is_judged_by_what_it_calls_even_through_a_module(rule):
    def through_a_module(panel):
        return panel_runs.run_with_panel(panel, "threads.gil", {})

    def through_a_helper():
        return stopping.stop_midway("threads.gil", 1)

    def nested():
        def inner():
            return run_lesson("threads.gil")
        return inner

    assert rule(through_a_module) and rule(through_a_helper) and rule(nested)


def test_reading_a_model_or_a_file_is_quick(rule):
    def reads(session):
        return stopping.alive(session.run.pid) and len(session.model.lanes)

    assert not rule(reads) and not rule(stopping.assert_nothing_left)


def test_this_session_marked_what_it_collected(request):
    marked = {item.nodeid: item.get_closest_marker("realrun") is not None
              for item in request.session.items}
    assert marked[request.node.nodeid] is False
    # whatever part was selected, no selected test of the quick part runs a lesson
    quick = [n for n, m in marked.items() if not m]
    gevent = [n for n in marked if n.startswith("tests/lessons/test_async_gevent.py")]
    assert not [n for n in quick if n in gevent and "lesson_run" in _arguments(request, n)]


def _arguments(request, nodeid):
    item, = [i for i in request.session.items if i.nodeid == nodeid]
    return item.fixturenames
