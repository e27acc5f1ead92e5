"""The listener's socket directory: gone after every normal exit, and what a killed window
left is removed by the next one, never a live owner's directory or anything not ours."""
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest

from gui.run.workload_run import ROOT
from gui.trace import socket_dir
from gui.trace.listener import TraceListener
from gui.trace.model import TraceModel

OWNER = """
import asyncio, sys
from gui.trace.listener import TraceListener
from gui.trace.model import TraceModel

async def main():
    listener = await TraceListener(TraceModel()).start()
    print(listener.address.partition(":")[2], flush=True)
    if sys.argv[1] == "wait":
        sys.stdin.read()                                   # until killed
    elif sys.argv[1] == "raise":
        raise RuntimeError("the window crashed")
asyncio.run(main())
"""


def owner(tmp_path, how):
    """A process that opens a listener in `tmp_path`; returns it and its socket directory."""
    proc = subprocess.Popen([sys.executable, "-c", OWNER, how], cwd=ROOT,
                            env=dict(os.environ, TMPDIR=str(tmp_path)), text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    return proc, os.path.dirname(proc.stdout.readline().strip())


def start_and_close_a_listener(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    async def go():
        listener = await TraceListener(TraceModel()).start()
        own = os.path.dirname(listener.address.partition(":")[2])
        await listener.close()
        return own
    return asyncio.run(go())


@pytest.mark.parametrize("how", ["return", "raise"])
def test_the_directory_goes_when_its_owner_ends_without_closing(tmp_path, how):
    proc, path = owner(tmp_path, how)
    assert path.startswith(str(tmp_path))
    proc.communicate(timeout=60)
    assert proc.returncode == (0 if how == "return" else 1)
    assert not os.path.exists(path)


def test_a_killed_owners_directory_is_removed_by_the_next_listener(tmp_path, monkeypatch):
    killed, killed_dir = owner(tmp_path, "wait")
    alive, alive_dir = owner(tmp_path, "wait")
    try:
        killed.send_signal(signal.SIGKILL)
        killed.communicate(timeout=60)
        assert os.path.isdir(killed_dir)                   # nothing runs after SIGKILL
        not_ours = [tmp_path / "clab-settings-abcdefgh", tmp_path / f"clab-{killed.pid}-zzzzzzzz",
                    tmp_path / "clab-1-notadir"]
        not_ours[0].mkdir()
        not_ours[1].mkdir()
        (not_ours[1] / "notes.txt").write_text("someone else's")    # holds more than a socket
        not_ours[2].write_text("a file")
        own = start_and_close_a_listener(tmp_path, monkeypatch)
        assert not os.path.exists(killed_dir)
        assert os.path.exists(os.path.join(alive_dir, socket_dir.SOCKET))   # a live owner's
        assert all(path.exists() for path in not_ours)
        assert not os.path.exists(own)
    finally:
        for proc in (killed, alive):
            proc.kill()
            proc.communicate(timeout=60)


def test_an_old_style_directory_is_removed_only_when_nobody_answers(tmp_path, monkeypatch):
    dead, live = tmp_path / "clab-abcd1234", tmp_path / "clab-efgh5678"
    sockets = []
    for path in (dead, live):
        path.mkdir()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(str(path / socket_dir.SOCKET))
        sock.listen()
        sockets.append(sock)
        long_ago = time.time() - 3600
        os.utime(path / socket_dir.SOCKET, (long_ago, long_ago))
    sockets[0].close()                                     # its owner is gone
    try:
        start_and_close_a_listener(tmp_path, monkeypatch)
        assert not dead.exists() and live.exists()
    finally:
        sockets[1].close()
