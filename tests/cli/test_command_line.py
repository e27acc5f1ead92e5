"""The command line contract of LESSONS.md, on real runs of the installed entry point."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = shutil.which("concurrency-lab", path=os.path.dirname(sys.executable))


def cli(*args, timeout=120):
    command = [SCRIPT] if SCRIPT else [sys.executable, "-m", "gui"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([*command, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_the_console_script_is_installed():
    assert SCRIPT, "pip install did not create the concurrency-lab command"


def test_list_prints_one_lesson_id_a_line():
    out = cli("list")
    assert out.returncode == 0
    assert {"process.pool", "threads.gil"} <= set(out.stdout.split("\n"))


@pytest.mark.parametrize("args, reason", [
    (["run", "no.such.lesson"], "unknown lesson 'no.such.lesson'"),
    (["run", "process.pool", "--set", "colour=red"], "has no parameter 'colour'"),
    (["run", "process.pool", "--set", "workers=0"], "workers must be between 1 and 32"),
    (["run", "process.pool", "--set", "tasks=many"],
         "tasks must be a whole number between 1 and 200"),
    (["run", "threads.gil", "--set", "variant=fibers"], "variant must be one of threads"),
    (["run", "process.pool", "--set", "workers"], "--set expects KEY=VALUE"),
    (["run", "process.pool", "--python", "no-such-python3.99"], "not found"),
])
def test_bad_input_exits_non_zero_with_a_one_line_reason(args, reason):
    out = cli(*args)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0], out.stderr


def test_a_failing_workload_makes_run_fail(tmp_path):
    # the manager cannot listen on an address this machine does not have: it says so, exits 2
    out = cli("run", "distributed.manager", "--set", "bind=203.0.113.7")
    assert out.returncode != 0
    assert "the lesson failed: exited with status 2" in out.stderr
    assert "not an address of this machine" in out.stderr or "Cannot listen" in out.stderr


def test_a_program_that_is_not_python_is_refused_before_the_run():
    out = cli("run", "process.pool", "--python", "false")
    assert out.returncode != 0
    assert "does not answer like a Python interpreter" in out.stderr


def test_run_writes_the_trace_json_and_the_picture(tmp_path):
    trace, picture = tmp_path / "pool.json", tmp_path / "pool.png"
    out = cli("run", "process.pool", "--set", "workers=2", "--set", "tasks=4",
              "--trace", str(trace), "--png", str(picture))
    assert out.returncode == 0, out.stderr
    assert "All subprocesses done." in out.stdout
    doc = json.loads(trace.read_text())
    assert doc["displayTimeUnit"] == "ms"
    assert doc["otherData"]["lesson"] == "process.pool"
    assert doc["otherData"]["params"] == {"workers": 2, "tasks": 4, "seed": 1}
    assert doc["otherData"]["python"].count(".") == 2
    events = doc["traceEvents"]
    tasks = [e for e in events if e["ph"] == "X" and e["cat"] == "task"]
    assert sorted(e["name"] for e in tasks) == ["task 0", "task 1", "task 2", "task 3"]
    assert all(isinstance(e["pid"], int) and isinstance(e["tid"], int) and e["dur"] > 0
               for e in tasks)
    named = {e["pid"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
    assert {e["pid"] for e in tasks} <= named and len(named) == 3
    image = QImage(str(picture))
    assert image.width() >= 800 and image.height() >= 300
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
               for y in range(0, image.height(), 5)}
    assert len(colours) > 5 and 0xFF0072B2 in colours      # the task blue is there


@pytest.mark.parametrize("lesson_id, settings", [
    ("threads.race", ["iterations=20000"]), ("distributed.worker_crash", ["tasks=4"])])
def test_run_json_prints_the_figures_the_trace_keeps(tmp_path, lesson_id, settings):
    """`run --json`: stdout is one JSON object, the lesson's figures; the lesson's own text
    and the result sentence go to stderr; the trace of the same run keeps the same figures."""
    trace = tmp_path / "run.json"
    out = cli("run", lesson_id, *(f"--set={s}" for s in settings), "--json",
              "--trace", str(trace))
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert isinstance(figures, dict) and figures
    assert figures == json.loads(trace.read_text(encoding="utf-8"))["otherData"]["result"]
    assert out.stdout.count("\n") == 1 and "trace written to" in out.stderr


def test_run_json_of_a_lesson_stopped_at_its_deadlock_prints_one_object():
    out = cli("run", "threads.deadlock", "--json")       # stopped by the deadlock watch
    assert isinstance(json.loads(out.stdout), dict), out.stdout
    assert "deadlock" in out.stderr.lower()


def test_the_app_without_a_screen_says_why_instead_of_crashing():
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if sys.platform != "linux":
        pytest.skip("only Linux desktops can lack a display server")
    out = subprocess.run([sys.executable, "-m", "gui"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2
    assert "no screen" in out.stderr and "--png" in out.stderr


def _another_python():
    """Some CPython 3.9+ on this machine other than the one running the tests, or None."""
    import glob
    import platform
    candidates = [shutil.which(f"python3.{minor}") for minor in range(9, 15)]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3")))
    for path in filter(None, candidates):
        out = subprocess.run([path, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, timeout=30)
        version = out.stdout.strip()
        if out.returncode == 0 and version != platform.python_version() \
                and tuple(map(int, version.split(".")[:2])) >= (3, 9):
            return path, version
    return None


def test_run_under_another_interpreter_records_it(tmp_path):
    found = _another_python()
    if found is None:
        pytest.skip("no other CPython 3.9+ on this machine")
    python, version = found
    trace = tmp_path / "gil.json"
    out = cli("run", "threads.gil", "--set", "seconds=0.5", "--python", python,
              "--trace", str(trace))
    assert out.returncode == 0, out.stderr
    doc = json.loads(trace.read_text())
    assert doc["otherData"]["python"] == version
    assert any(e["ph"] == "X" and e["cat"] == "run" for e in doc["traceEvents"])


def test_a_deadlocked_lesson_is_reported_and_stopped(tmp_path):
    picture = tmp_path / "deadlock.png"
    out = cli("run", "threads.deadlock", "--png", str(picture))
    assert out.returncode == 0, out.stderr
    assert ("Deadlock: Thread-1 holds lock_a and waits for lock_b; "
            "Thread-2 holds lock_b and waits for lock_a") in out.stderr
    assert "stopped by the deadlock watch" in out.stderr
    assert picture.exists()
