"""Tasks started beside their caller are kept until they end, and what they raise is logged
with what they were doing; a cancelled task is no failure."""
import asyncio
import gc
import logging

from gui import tasks


def test_a_task_is_kept_until_it_ends_and_its_failure_is_logged(caplog):
    async def fails(ready):
        await ready.wait()
        raise ValueError("the pipe broke")

    async def scenario():
        ready = asyncio.Event()
        task = tasks.spawn(fails(ready), "reading the lesson's output")
        task_id = id(task)
        del task
        gc.collect()                    # nobody but spawn holds it now
        assert task_id in {id(t) for t in tasks.running()}
        ready.set()
        while task_id in {id(t) for t in tasks.running()}:
            await asyncio.sleep(0.01)

    with caplog.at_level(logging.ERROR, logger="concurrency_lab"):
        asyncio.run(scenario())
    (record,) = [r for r in caplog.records if r.name == "concurrency_lab"]
    assert "reading the lesson's output failed: the pipe broke" in record.getMessage()
    assert record.exc_info[0] is ValueError


def test_a_cancelled_or_finished_task_logs_nothing(caplog):
    async def scenario():
        sleeper = tasks.spawn(asyncio.sleep(600), "waiting")
        done = tasks.spawn(asyncio.sleep(0, result=7), "answering")
        await asyncio.sleep(0)
        sleeper.cancel()
        await asyncio.gather(sleeper, return_exceptions=True)
        assert await done == 7
        await asyncio.sleep(0)          # the done callbacks have run
        return {sleeper, done} & tasks.running()

    with caplog.at_level(logging.ERROR, logger="concurrency_lab"):
        assert asyncio.run(scenario()) == set()
    assert not [r for r in caplog.records if r.name == "concurrency_lab"]
