"""The check's one loop (`gui/check.py`), which the command and the window share: it runs
each check run N times, counts the runs that held, keeps the advice of the failed ones (most
common first), counts a failed lesson as not held with its exit reason, tells its progress,
and Stop ends the current lesson's whole tree."""
import asyncio

import psutil
import pytest

from gui import check
from gui.lessons import CheckRun
from workloads import catalog


def test_the_advice_of_the_failed_runs_comes_most_common_first():
    outcomes = [("claim", False, "rare"), ("claim", True, ""), ("claim", False, "common"),
                ("claim", False, "common")]
    row = check.tally(check.Row("process.pool", "", ""), outcomes)
    assert (row.claim, row.held, row.total, row.failed) == ("claim", 1, 4, True)
    assert row.advice == ["common", "rare"]
    assert check.summary([row]) == "1 of 1 row did not hold in every run: see what to do."


def test_every_lesson_that_can_run_here_is_checked_when_none_is_named():
    chosen = check.lessons_to_check()
    assert [item.id for item in chosen] == [item.id for item in catalog.LESSONS
                                            if item.unavailable() is None]
    with pytest.raises(KeyError, match="unknown lesson 'nope'"):
        check.lessons_to_check(["nope"])


def test_the_plan_is_every_check_run_of_every_lesson():
    methods = catalog.lesson("process.start_methods")
    job = check.Check([methods, catalog.lesson("process.pipe")], times=2)
    asyncio.run(job.make_plan())
    assert [(item.id, run.label) for item, run in job.runs] == [
        ("process.start_methods", "picklable"), ("process.start_methods", "unpicklable"),
        ("process.pipe", "")]
    assert job.total == 6


@pytest.mark.realrun
def test_a_run_that_fails_does_not_hold_and_names_the_exit_reason():
    manager = catalog.lesson("distributed.manager")
    progress, rows = [], []
    job = check.Check([], times=2, on_progress=lambda *step: progress.append(step),
                      on_row=rows.append)
    # the manager cannot listen on an address this machine does not have: it exits with 2
    job.runs = [(manager, CheckRun("bind=203.0.113.7",
                                   catalog.resolve(manager, {"bind": "203.0.113.7"})))]
    job.total = 2
    assert asyncio.run(job.run()) == rows
    row, = rows
    assert (row.name, row.held, row.total) == ("distributed.manager (bind=203.0.113.7)", 0, 2)
    assert row.advice == ["it exited with status 2: run it in the window and read its console"]
    assert progress == [(0, 2, "distributed.manager (bind=203.0.113.7): run 1 of 2"),
                        (1, 2, "distributed.manager (bind=203.0.113.7): run 2 of 2"),
                        (2, 2, "")]


@pytest.mark.realrun
def test_stop_ends_the_running_lesson_s_whole_tree_and_keeps_no_half_row():
    async def go():
        job = check.Check([catalog.lesson("process.pool")], times=3)
        running = asyncio.ensure_future(job.run())
        for _ in range(3000):               # until the pool's workers are there
            session = job.session
            if session is not None and len(session.model.processes) >= 3:
                break
            await asyncio.sleep(0.02)
        pids = list(session.model.processes)
        assert session.run.running
        left = await job.stop()
        return job, await running, pids, left

    job, rows, pids, left = asyncio.run(go())
    assert job.stopped and rows == [] and left == []
    assert not [pid for pid in pids if psutil.pid_exists(pid)
                and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
