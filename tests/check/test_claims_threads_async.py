"""The threads and coroutines lessons' claims hold on real runs, as the pre-class check runs
them (each check run once, quick settings): named threads and join order; one lock holder at
a time; the deadlock's cycle found, the fixed variants finishing; a value per thread; the
generators and the greenlets taking turns in one OS thread; waits that overlap (about the
longest, not the sum); the old coroutine syntax behaving like the new; an aiohttp server
answering together or one after another. And each claim says no, with advice, when the same
run shows something else (other figures, as another run could end)."""
import asyncio
import dataclasses
import functools
import importlib.util

import pytest

from gui.check import run_once
from gui.lessons import unit
from gui.trace.model import TraceModel
from tests import pythons_here
from tests.check.claims import holds_and_breaks
from workloads import catalog

LESSONS = ("threads.basics", "threads.lock", "threads.deadlock", "threads.local",
           "async.generator", "async.gevent", "async.gevent_io", "async.asyncio", "async.wget",
           "async.await_syntax", "async.aiohttp")
CHECKS = [(lesson_id, check.label) for lesson_id in LESSONS
          for check in unit(lesson_id).check_runs(catalog.lesson(lesson_id))]


def figures(**changed):
    """The run with some of its figures changed."""
    return lambda run: dataclasses.replace(run, result=dict(run.result, **changed))


def lock_lets_one_through(run):
    return figures(locked_counter=run.result["expected"] - 1)(run)


def dict_gives_alice_to_b(run):
    rows = [list(row) for row in run.result["reads"]]
    rows[1][3] = rows[0][1]
    return figures(reads=rows)(run)


def lines_in_turns(run):
    return figures(print_order="0 1 2 " * 5)(run)


def lines_one_after_another(run):
    return figures(print_order="0 0 0 0 0 1 1 1 1 1 2 2 2 2 2")(run)


def waits_one_after_another(run):
    return figures(total_s=run.result["waits_added_s"])(run)


def sleeps_one_after_another(run):
    return figures(total_s=2 * run.result["sleep_s"])(run)


def requests_one_after_another(run):
    return figures(total_s=run.result["requests"] * run.result["handler_wait_s"])(run)


def requests_together(run):
    return figures(total_s=run.result["handler_wait_s"] + 0.01)(run)


# What another run could have shown instead, by (lesson, variant): its claim must not hold
BROKEN = {("threads.basics", ""): figures(ended_last="LoopThread"),
          ("threads.lock", ""): lock_lets_one_through,
          ("threads.deadlock", "deadlock"): lambda run: dataclasses.replace(
              run, model=TraceModel()),
          ("threads.deadlock", "ordered"): figures(threads_finished=1),
          ("threads.deadlock", "timeout"): figures(gave_up=0),
          ("threads.local", ""): dict_gives_alice_to_b,
          ("async.generator", ""): figures(os_threads=2),
          ("async.gevent", "no_sleep"): lines_in_turns,
          ("async.gevent", "sleep0"): lines_one_after_another,
          ("async.gevent_io", ""): waits_one_after_another,
          ("async.asyncio", ""): sleeps_one_after_another,
          ("async.await_syntax", ""): figures(old_syntax_s=1.0),
          ("async.aiohttp", "async"): requests_one_after_another,
          ("async.aiohttp", "blocking"): requests_together,
          ("async.wget", ""): waits_one_after_another}


def missing_package(lesson_id):
    """Why the lesson cannot run under this Python, or None."""
    for package in catalog.lesson(lesson_id).packages:
        if importlib.util.find_spec(package) is None:
            return f"{package} is not installed for this Python: python -m pip install {package}"
    return catalog.lesson(lesson_id).unavailable()


@functools.cache
def finished(lesson_id, label):
    """The lesson's check run `label`, run once for this module: the Run (skipped when the
    lesson cannot run under this Python)."""
    reason = missing_package(lesson_id)
    if reason:
        pytest.skip(reason)
    check, = [c for c in unit(lesson_id).check_runs(catalog.lesson(lesson_id))
              if c.label == label]
    run, session = asyncio.run(run_once(lesson_id, check.values, check.python))
    if lesson_id == "threads.deadlock" and label == "deadlock":
        assert session.run.stopped_by == "the deadlock watch"       # it never ends by itself
    else:
        assert session.run.returncode == 0, session.run.exit_reason
    assert session.run.leftovers == []
    return run


@pytest.mark.realrun
@pytest.mark.parametrize("lesson_id, label", CHECKS,
                         ids=[f"{lesson_id}-{label}".rstrip("-") for lesson_id, label in CHECKS])
def test_each_check_run_holds_its_claim_and_other_figures_break_it(lesson_id, label):
    run = finished(lesson_id, label)
    holds_and_breaks(lesson_id, run, BROKEN[lesson_id, label](run))


@pytest.mark.realrun
def test_await_syntax_names_the_older_python_or_says_to_install_one():
    lesson_id = "async.await_syntax"
    run = finished(lesson_id, "")
    await_syntax = unit(lesson_id)
    claim = await_syntax.claim(run)
    older = [i for i in pythons_here.found() if i.usable and tuple(i.version[:2]) < (3, 11)]
    if not older:
        assert "asyncio_coroutine_s" not in run.result
        assert claim.text.endswith("(install Python 3.10 or older to show @asyncio.coroutine "
                                   "too)")
        return
    python = run.result["asyncio_coroutine_python"]
    assert tuple(map(int, python.split(".")[:2])) < (3, 11)
    assert f"@asyncio.coroutine (Python {python})" in claim.text
    # the older Python started but reported nothing: the claim says so, naming it
    unreported = {k: v for k, v in run.result.items() if not k.startswith("asyncio_coroutine")}
    refused = await_syntax.claim(dataclasses.replace(run, result=unreported))
    assert not refused.held and refused.text == claim.text
    assert refused.advice == f"@asyncio.coroutine did not finish under Python {python}: report it"
