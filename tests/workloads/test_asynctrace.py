"""The asyncio task tracer: a sublane per task with run and wait spans; return values,
exceptions, cancellation and task names pass through untouched; a no-op untraced."""
import asyncio
import subprocess
import threading
import sys
from asyncio import base_events

import pytest

from workloads import asynctrace, probe


@pytest.fixture
def traced(monkeypatch):
    """Tracing on, into an unconnected Connection whose records the test decodes."""
    connection = probe.Connection("unix:/nonexistent", "token")
    monkeypatch.setattr(probe, "connection", connection)
    monkeypatch.setattr(base_events.BaseEventLoop, "create_task",
                        base_events.BaseEventLoop.create_task)     # restored afterwards
    asynctrace._patch_create_task(base_events.BaseEventLoop)

    def records():
        names = {sid: text for text, sid in connection.strings.items()}
        out = []
        for off in range(0, len(connection.records), probe.RECORD.size):
            kind, cat, name, _, ts, a, key = probe.RECORD.unpack_from(connection.records, off)
            out.append((kind, probe.CATEGORIES[cat], names[name], ts, a, key))
        return out
    return records


async def napper(result):
    await asyncio.sleep(0.01)
    return result


def test_a_task_gets_a_lane_with_runs_and_named_waits(traced):
    async def main():
        task = asyncio.get_running_loop().create_task(napper(42), name="nap")
        return await task
    assert asyncio.run(main()) == 42
    recs = traced()
    starts = [r for r in recs if r[0] == probe.SUBLANE_START]
    assert [r[2] for r in starts] == ["main()", "nap"]       # the call, or the task's name
    key = starts[1][5]
    spans = [(r[1], r[2]) for r in recs if r[0] == probe.SPAN and r[5] == key]
    assert spans == [("run", "run"), ("wait.io", "sleep 0.01 s"), ("run", "run")]
    thread = [(r[1], r[2]) for r in recs if r[0] == probe.SPAN and r[5] == threading.get_ident()]
    assert ("run", "nap") in thread and ("run", "main()") in thread  # its thread's lane too
    assert [r for r in recs if r[0] == probe.SUBLANE_END and r[5] == key]
    ordered = [(r[3], r[4]) for r in recs if r[0] == probe.SPAN and r[5] == key]
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:]))    # back to back


def test_exceptions_cancellation_and_names_pass_through(traced):
    class Oops(Exception):
        pass

    async def fails():
        await asyncio.sleep(0)
        raise Oops("boom")

    async def main():
        task = asyncio.create_task(fails(), name="mine")
        assert task.get_name() == "mine"
        with pytest.raises(Oops, match="boom"):
            await task
        sleeper = asyncio.create_task(asyncio.sleep(10))
        await asyncio.sleep(0)
        sleeper.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sleeper
        assert sleeper.cancelled()

        async def catches():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                return "cleaned up"
        catcher = asyncio.create_task(catches())
        await asyncio.sleep(0)
        catcher.cancel()
        assert await catcher == "cleaned up"
        assert await asyncio.gather(napper(1), napper(2)) == [1, 2]
        assert await asyncio.wait_for(napper("in time"), 5) == "in time"
        return "done"
    assert asyncio.run(main()) == "done"
    ends = [r for r in traced() if r[0] == probe.SUBLANE_END]
    assert len(ends) >= 5                  # every traced task's lane ended, errors or not


def test_untraced_it_is_a_no_op(monkeypatch):
    monkeypatch.setattr(probe, "connection", None)
    asynctrace.install()                   # does nothing without a window
    assert not asynctrace._installed

    async def main():
        task = asyncio.create_task(napper(7))
        assert type(task.get_coro()).__name__ == "coroutine"
        return await task
    assert asyncio.run(main()) == 7


def test_traced_tasks_keep_their_coroutine_details(traced):
    async def main():
        task = asyncio.create_task(napper(1))
        assert "napper" in repr(task)
        assert task.get_coro().cr_code is napper.__code__
        return await task
    assert asyncio.run(main()) == 1


def test_the_lesson_runs_as_a_plain_script():
    out = subprocess.run([sys.executable, "-m", "workloads.coroutines.asyncio_tasks",
                          "--sleep_s", "0.05"], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    assert out.splitlines()[:2] == ["Hello world! (A, MainThread)",
                                    "Hello world! (B, MainThread)"]
