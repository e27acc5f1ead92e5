"""What one peer of the trace socket can cost: a stranger little and briefly, a token holder
with bad data only its own connection, and nobody the end of a run."""
import asyncio
import json
import os
import time

import pytest

from gui.run.session import LessonSession
from gui.run.workload_run import WorkloadRun
from gui.trace import chrome_json, listener as listener_module
from gui.trace.listener import MAX_CONNECTIONS, MAX_WAITING, TraceListener
from gui.trace.model import STATES, TraceModel
from workloads import probe

QUICK = ("process.pool", {"tasks": "1", "workers": "1"})


def frame(kind, payload):
    return probe.FRAME_HEADER.pack(len(payload), kind) + payload


def hello(listener, pid=None):
    fixed = probe.HELLO_STRUCT.pack(listener.token.encode(), pid or os.getpid(), os.getppid(),
                                    time.perf_counter_ns())
    return frame(probe.HELLO, fixed + b"token holder")


def records(*rows):
    return frame(probe.RECORDS, b"".join(probe.RECORD.pack(*row) for row in rows))


async def connect(listener):
    return await asyncio.open_unix_connection(listener.address.partition(":")[2])


async def until(condition, timeout=60.0):
    """Wait for `condition()` (a generous timeout only against a hang)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def closed_by_listener(reader, timeout=60.0):
    """True once the listener has closed this connection (we read its end of file)."""
    try:
        while await asyncio.wait_for(reader.read(4096), timeout):
            pass
    except ConnectionError:
        pass
    return True


def test_idle_peers_do_not_hold_up_the_end_of_a_run():
    timeout = 30.0

    async def go():
        session = LessonSession(*QUICK)
        await session.start()
        listener = session.listener
        stranger = await connect(listener)                  # never says HELLO
        holder = await connect(listener)                    # has the token, then says nothing
        holder[1].write(hello(listener))
        await until(lambda: any(lane.pid == os.getpid() for lane in
                                session.model.processes.values()))
        await session.run.wait()
        started = time.monotonic()
        ended = await listener.drain(timeout)
        took = time.monotonic() - started
        told = [await closed_by_listener(r) for r, _ in (stranger, holder)]
        await listener.close()
        for _, writer in (stranger, holder):
            writer.close()
        return session, ended, took, told

    session, ended, took, told = asyncio.run(go())
    assert ended and told == [True, True]
    assert took < timeout / 10                              # not held up by the idle peers
    lesson = session.model.processes[session.run.pid]       # and the lesson's data is whole
    assert lesson.end is not None and lesson.exit_code == 0
    assert session.listener.rejected == []


def test_bad_records_from_a_token_holder_close_only_its_connection_and_export_still_works(
        tmp_path):
    async def go():
        session = LessonSession(*QUICK)
        await session.start()
        reader, writer = await connect(session.listener)
        t = time.perf_counter_ns()
        writer.write(hello(session.listener)
                     + frame(probe.STRING, probe.STRING_ID.pack(1) + b"sent before")
                     + records((probe.SPAN, 1, 1, 0, t, t + 10, 5))
                     + records((probe.SPAN, 200, 1, 0, t, t + 10, 5))     # no such category
                     + records((probe.SPAN, 1, 1, 0, t, t + 10, 6)))
        closed = await closed_by_listener(reader)
        await session.wait()
        writer.close()
        return session, closed

    session, closed = asyncio.run(go())
    model = session.model
    assert closed and session.listener.rejected == ["a record of unknown category 200"]
    mine = model.processes[os.getpid()]
    assert mine.end is not None
    assert [model.lanes[lane].key for lane in model.spans["lane"]
            if model.lanes[lane].pid == os.getpid()] == [5]        # what came before, only
    assert int(model.spans["state"].max()) < len(STATES)
    path = chrome_json.write(tmp_path / "run.json", model, "process.pool")
    events = json.loads(path.read_text())["traceEvents"]
    assert "sent before" in {e["name"] for e in events}
    assert session.model.processes[session.run.pid].exit_code == 0


def test_a_big_partial_hello_is_refused_at_once():
    async def go():
        listener = await TraceListener(TraceModel()).start()
        peers = [await connect(listener) for _ in range(5)]
        for _, writer in peers:
            writer.write(probe.FRAME_HEADER.pack(16 << 20, probe.HELLO) + b"\0" * 65536)
        closed = [await closed_by_listener(reader) for reader, _ in peers]
        await listener.close()
        for _, writer in peers:
            writer.close()
        return listener, closed

    listener, closed = asyncio.run(go())
    assert all(closed) and listener.connections == 0
    assert listener.rejected == [f"a HELLO of {16 << 20} bytes is larger than 4096"] * 5


def test_a_stranger_that_sends_no_hello_is_closed_after_its_patience(monkeypatch):
    monkeypatch.setattr(listener_module, "HELLO_S", 0.2)

    async def go():
        listener = await TraceListener(TraceModel()).start()
        reader, writer = await connect(listener)
        writer.write(hello(listener)[:20])                  # a HELLO that never completes
        closed = await closed_by_listener(reader)
        await listener.close()
        writer.close()
        return listener, closed

    listener, closed = asyncio.run(go())
    assert closed and listener.rejected == ["a connection sent no HELLO within 0.2 s"]


def test_many_idle_strangers_hold_few_connections_and_not_for_long():
    count = MAX_CONNECTIONS + 44

    async def go():
        listener = await TraceListener(TraceModel()).start()
        peers = [await connect(listener) for _ in range(count)]
        await until(lambda: listener.open_connections <= MAX_WAITING)
        closed = [await closed_by_listener(reader) for reader, _ in peers]
        await listener.close()
        for _, writer in peers:
            writer.close()
        return listener, closed

    listener, closed = asyncio.run(go())
    assert all(closed) and listener.refused == count and listener.connections == 0


def test_a_hello_that_claims_another_process_is_refused():
    async def go():
        listener = await TraceListener(TraceModel()).start()
        reader, writer = await connect(listener)
        writer.write(hello(listener, pid=1))
        closed = await closed_by_listener(reader)
        await listener.close()
        writer.close()
        return listener, closed

    listener, closed = asyncio.run(go())
    assert closed and listener.connections == 0
    assert listener.rejected == [f"a HELLO claims pid 1 but comes from pid {os.getpid()}"]


def test_a_lesson_is_traced_whole_while_strangers_wait():
    async def go():
        session = LessonSession("process.pool", {"tasks": "2", "workers": "2"})
        await session.listener.start()
        strangers = [await connect(session.listener) for _ in range(MAX_WAITING + 4)]
        await until(lambda: session.listener.open_connections == len(strangers))
        session.run = WorkloadRun(session.lesson, session.values, session.listener.env)
        await session.run.start()
        await session.wait()
        for _, writer in strangers:
            writer.close()
        return session

    session = asyncio.run(go())
    assert session.run.returncode == 0
    pool = session.model.processes
    assert len([lane for lane in pool.values() if "Pool worker" in lane.label]) == 2
    assert all(reason.startswith("a connection sent no HELLO")
               for reason in session.listener.rejected)
