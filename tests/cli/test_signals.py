"""`concurrency-lab run` under signals: SIGTERM, SIGHUP and Ctrl+C stop the lesson's whole
tree and say so in one line; a killed command leaves no lesson process behind (the slow
server of showdown.io included); Ctrl+C after the lesson leaves no partial file."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.realrun
ROOT = Path(__file__).resolve().parents[2]


def start_cli(*args):
    return subprocess.Popen([sys.executable, "-m", "gui", "run", *args], cwd=ROOT,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def alive(proc):
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def wait_until(condition, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {message}"
        time.sleep(0.02)


def lesson_tree(cli):
    """Every process of the command's lesson: its descendants and its lesson's session."""
    found = {p.pid: p for p in psutil.Process(cli.pid).children(recursive=True)}
    roots = [p for p in found.values() if p.ppid() == cli.pid]
    for proc in psutil.process_iter():
        try:
            if any(os.getsid(proc.pid) == root.pid for root in roots):
                found.setdefault(proc.pid, proc)
        except (OSError, psutil.Error):
            continue
    return found


def named(sig):
    return signal.Signals(sig).name


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=named)
def test_a_killed_command_leaves_no_process_of_showdown_io(sig):
    cli = start_cli("showdown.io", "--set", "delay_ms=3000", "--set", "jobs=4")
    try:
        for line in cli.stdout:             # the server answers: the requests have begun
            if line.startswith("sequential"):
                break
        tree = lesson_tree(cli)
        assert any("slow_server" in " ".join(p.cmdline()) for p in tree.values())
        cli.send_signal(sig)
        _, err = cli.communicate(timeout=60)
        wait_until(lambda: not [p for p in tree.values() if alive(p)], timeout=30,
                   message="every process of the lesson to end")
    finally:
        cli.kill()
        cli.communicate()
    assert len(tree) >= 2                   # the lesson and its server, at least
    if sig == signal.SIGTERM:
        assert cli.returncode == 128 + signal.SIGTERM
        assert err.strip().splitlines()[-1] == ("concurrency-lab: stopped by SIGTERM; the "
                                                "lesson was stopped, no process left behind")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=named)
def test_a_signal_while_the_lesson_runs_stops_it_and_says_so(sig):
    cli = start_cli("threads.gil", "--set", "variant=processes", "--set", "seconds=30")
    try:
        wait_until(lambda: len(psutil.Process(cli.pid).children(recursive=True)) >= 3,
                   message="the lesson and its workers")
        tree = lesson_tree(cli)
        cli.send_signal(sig)
        _, err = cli.communicate(timeout=60)
    finally:
        cli.kill()
        cli.communicate()
    name = signal.Signals(sig).name
    assert cli.returncode == 128 + sig
    ours = [line for line in err.splitlines() if line.startswith("concurrency-lab:")]
    assert ours == [f"concurrency-lab: stopped by {name}; the lesson was stopped, "
                    "no process left behind"]
    assert not [p for p in tree.values() if alive(p)]


def test_ctrl_c_after_the_lesson_ended_leaves_no_partial_file(tmp_path):
    trace, picture = tmp_path / "pool.json", tmp_path / "pool.png"
    cli = start_cli("process.pool", "--set", "tasks=2", "--set", "workers=2",
                    "--trace", str(trace), "--png", str(picture))
    try:
        for line in cli.stderr:             # the summary line: the lesson has ended
            if " spans, " in line:
                cli.send_signal(signal.SIGINT)
                break
        rest = cli.stderr.read()
        cli.wait(timeout=60)
    finally:
        cli.kill()
        cli.communicate()
    assert cli.returncode == 128 + signal.SIGINT
    ours = [line for line in rest.splitlines() if line.startswith("concurrency-lab:")]
    assert len(ours) == 1 and ours[0].startswith(
        "concurrency-lab: stopped by SIGINT after the lesson had ended")
    assert "Traceback" not in rest
    # each file is whole or absent, and said so; nothing half-written is left beside them
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (trace, picture) if p.exists())
    if trace.exists():
        assert json.loads(trace.read_text())["otherData"]["lesson"] == "process.pool"
    else:
        assert str(trace) in ours[0]
    if picture.exists():
        assert not QImage(str(picture)).isNull()
    else:
        assert str(picture) in ours[0]
