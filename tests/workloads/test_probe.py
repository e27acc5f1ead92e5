"""The probe on real processes: fork, spawn, threads, arrows, and orphan protection."""
import asyncio
import subprocess
import sys

import psutil
import pytest

from gui.run.session import LessonSession
from gui.run.workload_run import ROOT, WorkloadRun
from workloads.catalog import Lesson


def _lesson(module):
    return Lesson(f"test.{module}", "Processes", module, f"tests.workloads.{module}")


def _run(module, **kwargs):
    async def go():
        session = LessonSession(_lesson(module), **kwargs)
        await session.start()
        await session.wait()
        return session
    return asyncio.run(go())


def test_round_trip_across_fork_spawn_and_threads():
    out = []
    session = _run("fork_and_spawn", on_output=lambda s, t: out.append(t))
    model, run = session.model, session.run
    assert run.returncode == 0, "".join(out)
    words = "".join(out).split()
    fork_pid, spawn_pid, server_pid = (int(words[words.index(w) + 1])
                                       for w in ("fork", "spawn", "forkserver"))
    parent = model.processes[run.pid]
    assert set(model.processes) >= {run.pid, fork_pid, spawn_pid, server_pid}
    assert model.processes[server_pid].label == f"PID {server_pid} · ServerChild"
    # children nest under their parent, with the parent's pid as ppid
    assert model.processes[fork_pid].parent is parent
    assert model.processes[spawn_pid].parent is parent
    assert model.processes[spawn_pid].label == f"PID {spawn_pid} · Spawned"
    spans = {model.names[n]: model.lanes[l] for n, l in zip(model.spans["name"],
                                                          model.spans["lane"])}
    assert spans["forked work"].pid == fork_pid
    assert spans["spawned work"].pid == spawn_pid
    thread_work = [model.lanes[l] for n, l in zip(model.spans["name"], model.spans["lane"])
                   if model.names[n] == "thread work"]
    assert [(lane.pid, lane.name) for lane in thread_work] == [(run.pid, "Helper"),
                                                              (server_pid, "MainThread")]
    (t_out, lane_out, t_in, lane_in, _), = model.arrows()
    assert model.lanes[lane_out].pid == run.pid and model.lanes[lane_in].pid == spawn_pid
    assert t_out <= t_in
    assert [model.names[n] for n in model.marks["name"]] == ["got parcel"]
    assert list(model.counters["answer"]["value"]) == [42.0, 42.0]
    # multiprocessing's own helper processes are named for what they are
    roles = {lane.label.split(" · ")[1] for lane in model.processes.values()}
    assert "forkserver" in roles
    # every process reported its end
    assert all(lane.end is not None for lane in model.processes.values())
    assert session.listener.rejected == []


def test_without_the_variable_the_probe_is_silent():
    out = subprocess.run([sys.executable, "-m", "tests.workloads.fork_and_spawn"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("fork ")


def test_workload_ends_itself_when_the_window_goes_away():
    async def go():
        session = LessonSession("threads.gil", {"seconds": "40", "variant": "processes",
                                                "workers": "2"})
        await session.start()
        for _ in range(1000):                      # wait until all three processes connected
            if session.listener.connections >= 3:
                break
            await asyncio.sleep(0.02)
        pids = list(session.model.processes)
        session.listener.drop_connections()
        code = await asyncio.wait_for(session.run.wait(), 30)
        await session.listener.close()
        return code, pids
    code, pids = asyncio.run(go())
    assert len(pids) == 3
    assert code == 70
    assert not [p for p in pids if psutil.pid_exists(p)
                and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


def test_a_wrong_token_is_refused():
    async def go():
        session = LessonSession("process.pool", {"tasks": "1", "workers": "1"})
        session.listener.token = "0" * 32
        await session.listener.start()
        real = dict(session.listener.env)
        session.listener.token = "f" * 32       # the workload presents a token we won't accept
        session.run = WorkloadRun(session.lesson, session.values, real)
        await session.run.start()
        await session.wait()
        return session
    session = asyncio.run(go())
    assert session.run.returncode in (0, 70)
    assert len(session.model.processes) == 0
    assert any("wrong token" in r for r in session.listener.rejected)


def test_names_past_the_id_space_show_an_ellipsis_never_another_name():
    count = 70_000

    async def go():
        s = LessonSession(_lesson("many_names"))
        await s.listener.start()
        s.run = WorkloadRun(s.lesson, s.values, s.listener.env,
                            argv=["-m", "tests.workloads.many_names", str(count)])
        await s.run.start()
        await s.wait()
        return s
    session = asyncio.run(go())
    model = session.model
    assert session.run.returncode == 0 and session.listener.rejected == []
    shown = [model.names[n] for n in model.marks["name"]]
    assert len(shown) == count + 3
    expected = ["first"] + [f"name {i}" for i in range(count)] + ["first", "last"]
    wrong = [(want, got) for want, got in zip(expected, shown) if got not in (want, "…")]
    assert wrong == []
    assert shown[:65_000] == expected[:65_000]          # every name while ids last
    assert shown[-2:] == ["first", "…"]                 # an early name keeps its text


def test_a_flush_held_up_for_long_goes_out_in_frames_the_window_accepts():
    import socket
    import threading

    from gui.trace.decoder import StreamDecoder
    from workloads import probe

    ours, theirs = socket.socketpair()
    ours.settimeout(30)                                     # a send nobody reads gives up
    connection = probe.Connection("unix:unused", "t" * 32)
    connection.sock = ours
    count = (17 << 20) // probe.RECORD.size                 # more than one frame may carry
    connection.records.extend(probe.RECORD.pack(probe.MARK, 0, 0, 0, 1, 0, 7) * count)
    hello = probe.HELLO_STRUCT.pack(b"t" * 32, 1, 0, 0)
    decoder = StreamDecoder()
    decoder.feed(probe.FRAME_HEADER.pack(len(hello), probe.HELLO) + hello)
    received = []

    def read():
        got = 0
        while got < count * probe.RECORD.size:
            chunk = theirs.recv(1 << 20)
            received.extend(decoder.feed(chunk))
            got = sum(len(frame) for frame in received) * probe.RECORD.size
    reader = threading.Thread(target=read)
    reader.start()
    connection.flush()
    reader.join(60)
    ours.close()
    theirs.close()
    assert not reader.is_alive()
    assert sum(len(frame) for frame in received) == count
    assert all(len(frame) * probe.RECORD.size <= probe.MAX_RECORDS_FRAME for frame in received)


def test_a_counter_that_is_not_a_finite_number_is_left_out(monkeypatch):
    import math

    from workloads import probe

    connection = probe.Connection("unix:unused", "t" * 32)     # not connected: sends nothing
    monkeypatch.setattr(probe, "connection", connection)
    for value in (1.5, math.inf, -math.inf, math.nan, 2):
        probe.counter("balance", value)
    sent = [probe._FLOAT.unpack(probe._INT.pack(record[5]))[0]
            for record in probe.RECORD.iter_unpack(bytes(connection.records))]
    assert sent == [1.5, 2.0]
