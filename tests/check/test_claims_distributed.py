"""The distributed lessons' claims hold on real runs, as the pre-class check runs them: every
result comes back exactly once from a manager on 127.0.0.1 with a new random key and a worker
command shown; a wrong key is refused with an AuthenticationError while the others finish;
the killed worker's task never comes back and is counted. And each claim says no when its
run shows something else (the same run with other figures, as another run could end)."""
import asyncio
import dataclasses
import functools

import pytest

from gui.check import run_once
from gui.lessons import unit
from tests.check.claims import holds_and_breaks
from workloads import catalog

LESSONS = ("distributed.manager", "distributed.bad_key", "distributed.worker_crash")
# What another run could have shown instead, for each lesson: its claim must not hold
BROKEN = {"distributed.manager": dict(came_back_twice=1),
          "distributed.bad_key": dict(wrong_key_refused=False, wrong_key_exit_code=0),
          "distributed.worker_crash": dict(lost=0, lost_tasks=[], results_back=4)}


@functools.cache
def finished(lesson_id):
    """The lesson's one check run, run to its end once for this module: the Run."""
    runs = unit(lesson_id).check_runs(catalog.lesson(lesson_id))
    assert len(runs) == 1 and runs[0].values["tasks"] <= 4       # quick: a few seconds
    run, session = asyncio.run(run_once(lesson_id, runs[0].values, runs[0].python))
    assert session.run.returncode == 0, session.run.exit_reason
    return run


@pytest.mark.realrun
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_each_distributed_lesson_holds_its_claim_on_a_real_run(lesson_id):
    run = finished(lesson_id)
    claim = holds_and_breaks(lesson_id, run, dataclasses.replace(
        run, result=dict(run.result, **BROKEN[lesson_id])))
    assert claim.advice == ""


@pytest.mark.realrun
def test_the_manager_s_claim_says_where_it_listens_and_needs_a_random_key():
    lesson_id = "distributed.manager"
    run = finished(lesson_id)
    claim = unit(lesson_id).claim(run)
    assert claim.held and "127.0.0.1" in claim.text and "random key" in claim.text
    # a manager that bound every interface by default, or made a short key, breaks it
    model = run.model
    index = next(i for i, name in enumerate(model.names) if name.startswith("Worker command"))
    real = model.names[index]
    try:
        model.names[index] = real.replace("--host 127.0.0.1", "--host 192.0.2.7")
        assert not unit(lesson_id).claim(run).held
        key = real.split("--key ")[1].split()[0]
        model.names[index] = real.replace(key, "abc")
        assert not unit(lesson_id).claim(run).held
    finally:
        model.names[index] = real
    assert unit(lesson_id).claim(run).held
