"""Ending the child processes a CPU test starts, and checking they are gone."""
import subprocess

import psutil


def kill_and_reap(popen: subprocess.Popen, *others: psutil.Process) -> None:
    """Kill ``others`` (grandchildren) first so their parent can still reap them, then it."""
    for proc in others:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(list(others), timeout=10)
    popen.kill()
    popen.wait(timeout=10)
    popen.stdout and popen.stdout.close()


def assert_gone(*procs: psutil.Process) -> None:
    for proc in procs:
        assert not proc.is_running(), f"pid {proc.pid} survived the test"
