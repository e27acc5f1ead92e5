"""Shared test set-up: no screen needed, and no test may leave a process behind."""
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings the app remembers go to a file of this test run, never the user's own; each test
# starts from none (see the autouse fixture below).
os.environ["CLAB_SETTINGS"] = os.path.join(
    __import__("tempfile").mkdtemp(prefix="clab-settings-"), "concurrency-lab.ini")
# The window starts in English whatever the machine's locale; tests switch on purpose.
os.environ["LANGUAGE"] = "en"

import psutil  # noqa: E402
import pytest  # noqa: E402


def _lesson_processes(since):
    """Processes this test started: our descendants, and lesson processes orphaned since
    (re-parented to PID 1). Lessons that other programs run have a living parent: not ours."""
    me = psutil.Process()
    found = {p.pid: p for p in me.children(recursive=True)}
    for proc in psutil.process_iter(["cmdline", "create_time", "ppid"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            if proc.info["create_time"] >= since and proc.info["ppid"] == 1 and (
                    "workloads." in cmdline or "multiprocessing" in cmdline):
                found[proc.pid] = proc
        except psutil.Error:
            continue
    return [p for p in found.values() if _alive(p)]


def _alive(proc):
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


@pytest.fixture(autouse=True)
def fresh_settings():
    """No remembered language, theme or zoom leaks from one test into the next."""
    path = os.environ["CLAB_SETTINGS"]
    if os.path.exists(path):
        os.remove(path)
    yield


@pytest.fixture(autouse=True)
def no_process_left_behind():
    """Fail any test after which a child or lesson process is still running."""
    since = time.time() - 1
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    yield
    deadline = time.monotonic() + 5
    left = []
    while time.monotonic() < deadline:
        left = [p for p in _lesson_processes(since) if p.pid not in before]
        if not left:
            return
        time.sleep(0.05)
    for proc in left:
        try:
            proc.kill()
        except psutil.Error:
            pass
    pytest.fail(f"processes left behind: {[(p.pid, p.name()) for p in left]}")
