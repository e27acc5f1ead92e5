"""The race's claims hold on real runs: locked ends at 0, widened loses updates, naive ends
at 0 on a CPython that cannot switch inside `balance = balance + n` and loses updates under
an older one (run again until the balance moves), each as the pre-class check runs it."""
import asyncio

import pytest

from gui.check import run_once
from gui.lessons import unit
from workloads import catalog

RACE = "threads.race"
RUNS = unit(RACE).check_runs(catalog.lesson(RACE))


@pytest.mark.realrun
@pytest.mark.parametrize("check", RUNS, ids=[run.label for run in RUNS])
def test_each_check_run_of_the_race_holds_its_claim(check):
    run, session = asyncio.run(run_once(RACE, check.values, check.python))
    assert session.run.returncode == 0, session.run.exit_reason
    claim = unit(RACE).claim(run)
    assert claim is not None and claim.text
    assert claim.held, (claim, run.result)
    if run.result["rounds"][-1] == 0:           # every round at 0: one round was enough
        assert len(run.result["rounds"]) == 1
