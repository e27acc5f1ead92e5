"""Only the processes a run started, and their descendants as the OS reports them, are ever
signalled. A pid that a connection to the trace socket claims is shown, never signalled; the
lesson's own processes, however they were started, all end with the run."""
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from gui.main_window import MainWindow
from gui.run.session import LessonSession
from tests.gui.waiting import until
from workloads import probe
from workloads.catalog import Lesson

pytestmark = pytest.mark.realrun
ROOT = Path(__file__).resolve().parents[2]

# A program that holds the token and connects honestly, as itself, then waits for its input
# to close: the socket shows its pid, so the window admits it.
STRANGER = """
import os, socket, sys, time
from workloads import probe
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect(sys.argv[1])
body = probe.HELLO_STRUCT.pack(sys.argv[2].encode(), os.getpid(), os.getppid(),
                               time.perf_counter_ns()) + b"stranger"
sock.sendall(probe.FRAME_HEADER.pack(len(body), probe.HELLO) + body)
sys.stdin.read()
"""


def alive(pid_or_proc):
    try:
        proc = pid_or_proc if isinstance(pid_or_proc, psutil.Process) else \
            psutil.Process(pid_or_proc)
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def claim(listener, pid):
    """A token holder's connection whose HELLO claims `pid`."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(listener.address.partition(":")[2])
    body = probe.HELLO_STRUCT.pack(listener.token.encode(), pid, 1,
                                   time.perf_counter_ns()) + b"claimed"
    sock.sendall(probe.FRAME_HEADER.pack(len(body), probe.HELLO) + body)
    return sock


def handled(session, pid):
    """The window has admitted the claim of `pid`, or refused it."""
    return pid in session.model.processes or any(
        str(pid) in reason for reason in session.listener.rejected)


@pytest.mark.parametrize("ending", ["stop", "its own end"])
def test_pids_claimed_on_the_trace_socket_are_never_signalled(qtbot, run_async, ending):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select("threads.gil")
    window.params.set_values({"variant": "processes",
                              "seconds": 30.0 if ending == "stop" else 3.0})
    sleeper = subprocess.Popen(["sleep", "600"])
    parent = psutil.Process().parent()
    strangers, sockets = [], []

    async def scenario():
        window.run_button.click()
        await until(lambda: window.runner.running, message="the lesson to start")
        session = window.runner.session
        root = psutil.Process(session.run.pid)
        listener = session.listener
        strangers.append(subprocess.Popen(
            [sys.executable, "-c", STRANGER, listener.address.partition(":")[2],
             listener.token], stdin=subprocess.PIPE, cwd=ROOT))
        sockets.extend([claim(listener, sleeper.pid), claim(listener, parent.pid)])
        await until(lambda: strangers[0].pid in session.model.processes,
                    message="the honest stranger to be admitted")
        await until(lambda: handled(session, sleeper.pid) and handled(session, parent.pid),
                    message="the claims to be handled")
        await until(lambda: len(root.children()) == 2, message="the lesson's two workers")
        lesson = [root, *root.children()]
        if ending == "stop":
            window.stop_button.click()
        await until(lambda: window.run_button.isEnabled() and not window.runner.busy,
                    timeout=120, message="the end of the run")
        return lesson

    try:
        lesson = run_async(scenario())
        assert alive(sleeper.pid) and alive(parent) and alive(strangers[0].pid)
        assert not [proc.pid for proc in lesson if alive(proc)]
        assert "no process left behind" in window.status.text()
        expected = "stopped by you" if ending == "stop" else "finished normally"
        assert expected in window.status.text()
    finally:
        for sock in sockets:
            sock.close()
        for proc in [sleeper, *strangers]:
            proc.kill()
            proc.wait()


def scattered(seconds):
    """A session of tests/workloads/scattered.py, which waits `seconds` once it is ready."""
    lesson = Lesson("test.scattered", "Processes", "scattered", "tests.workloads.scattered")
    out = []
    session = LessonSession(lesson, {}, on_output=lambda stream, text: out.append(text))
    session.values = {"seconds": seconds}
    return session, out


def away_pid(out):
    """The pid of the child that left the session, from the workload's "ready PID" line."""
    text = "".join(out)
    return int(text.split("ready ", 1)[1].split()[0]) if "ready " in text else None


def session_members(sid):
    members = []
    for proc in psutil.process_iter():
        try:
            if os.getsid(proc.pid) == sid:
                members.append(proc)
        except (OSError, psutil.Error):
            continue
    return members


@pytest.mark.parametrize("ending", ["stop", "its own end"])
def test_forked_orphaned_and_setsid_processes_of_a_lesson_all_end(ending):
    async def go():
        session, out = scattered(600 if ending == "stop" else 3)
        await session.start()
        for _ in range(3000):
            if away_pid(out) or not session.run.running:
                break
            await asyncio.sleep(0.02)
        try:
            away = psutil.Process(away_pid(out))
            mine = [away, *session_members(session.run.pid)]
            if ending == "stop":
                leftovers = await session.stop()
            else:
                await asyncio.wait_for(session.wait(), 120)
                leftovers = session.run.leftovers
        finally:
            await session.stop()
        return session, mine, leftovers

    loop = asyncio.new_event_loop()
    try:
        session, mine, leftovers = loop.run_until_complete(go())
    finally:
        loop.close()
    # the lesson's process, its orphaned grandchild (in its session) and the child that
    # left the session: three processes, all ended
    assert len(mine) == 3
    assert leftovers == [] and not [proc.pid for proc in mine if alive(proc)]
    expected = "stopped by you" if ending == "stop" else "finished normally"
    assert session.run.exit_reason.startswith(expected)
