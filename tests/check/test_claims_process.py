"""The process lessons' claims hold on real runs, as the pre-class check runs them: fork()
returns 0 in a child whose parent is the parent, join() returns after the child's exit, a pool
runs at most `size` tasks at once and each once, as_completed() follows the finishing order,
a queue is first in first out and its reader ends by terminate(), a pipe keeps the order both
ways, and spawn and forkserver re-import the module and refuse a lambda. Each claim also says
no when its run shows something else (the same run with other figures, as another run could
end), with advice for the teacher."""
import asyncio
import dataclasses
import functools
import os

import pytest

from gui.check import run_once
from gui.lessons import unit
from workloads import catalog

LESSONS = [item.id for item in catalog.LESSONS if item.chapter == "Processes"
           and item.unavailable() is None]
CHECK_RUNS = [(lesson_id, check) for lesson_id in LESSONS
              for check in unit(lesson_id).check_runs(catalog.lesson(lesson_id))]
# What another run could have shown instead: the claim must not hold on it
BROKEN = {
    "process.fork": dict(child_got=1),
    "process.start": dict(child_exit_code=1),
    "process.pool": dict(most_at_once=99),
    "process.futures": dict(completed=[0, 0, 1]),
    "process.queue": dict(got=["B", "A"]),
    "process.pipe": dict(pongs_got=[2, 1]),
    ("process.start_methods", "picklable"): dict(methods=["fork", "spawn", "forkserver",
                                                          "thread"]),
    ("process.start_methods", "unpicklable"): dict(cannot_pickle=[]),
}


@functools.cache
def finished(lesson_id, label):
    """The check run `label` of the lesson, run to its end once for this module: the Run."""
    check, = [c for i, c in CHECK_RUNS if i == lesson_id and c.label == label]
    run, session = asyncio.run(run_once(lesson_id, check.values, check.python))
    assert session.run.returncode == 0, session.run.exit_reason
    return run


def test_every_process_lesson_is_checked():
    assert set(LESSONS) >= {"process.start", "process.pool", "process.futures",
                            "process.queue", "process.pipe", "process.start_methods"}
    assert ("process.fork" in LESSONS) == hasattr(os, "fork")


@pytest.mark.realrun
@pytest.mark.parametrize("lesson_id, label", [(i, c.label) for i, c in CHECK_RUNS],
                         ids=[f"{i}-{c.label}" if c.label else i for i, c in CHECK_RUNS])
def test_each_process_lesson_holds_its_claim_on_a_quick_run(lesson_id, label):
    run = finished(lesson_id, label)
    claim = unit(lesson_id).claim(run)
    assert claim is not None and claim.text
    assert claim.held, (claim, run.result)
    assert claim.advice == ""

    broken_figures = BROKEN.get((lesson_id, label), BROKEN.get(lesson_id))
    broken = dataclasses.replace(run, result=dict(run.result, **broken_figures))
    refused = unit(lesson_id).claim(broken)
    assert not refused.held and refused.advice, (refused, broken.result)
    assert refused.text == claim.text            # the same claim, judged on other figures


@pytest.mark.realrun
def test_a_run_whose_figures_never_arrived_does_not_hold_and_says_run_it_again():
    run = finished("process.pipe", "")
    claim = unit("process.pipe").claim(dataclasses.replace(run, result={}))
    assert not claim.held and "run it again" in claim.advice


@pytest.mark.realrun
def test_the_pool_claim_names_the_pool_size_and_needs_a_task_to_wait():
    run = finished("process.pool", "")
    size = run.values["workers"]
    assert run.values["tasks"] > size            # quick: one task has to wait for a worker
    claim = unit("process.pool").claim(run)
    assert f"never more than {size} tasks at once" in claim.text
    # had the last task started before any other ended, a worker ran two tasks at once
    early = dataclasses.replace(run, result=dict(run.result, ended_before_last_started=0))
    assert not unit("process.pool").claim(early).held
