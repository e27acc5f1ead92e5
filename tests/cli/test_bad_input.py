"""Bad input on the command line gets one line, before anything runs: parameter values a
lesson cannot take or that would keep a class waiting, and files that cannot be written. A
file that still cannot be written after the run is said in one line, with the run's result
kept, and leaves no half-written file."""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from gui.output_path import problem, write_whole

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = shutil.which("concurrency-lab", path=os.path.dirname(sys.executable))


def command(*args):
    return [*([SCRIPT] if SCRIPT else [sys.executable, "-m", "gui"]), *args]


def cli(*args, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(command(*args), cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def refused(done, *words):
    """One line on stderr, exit 2, nothing run (no lesson output, no summary line)."""
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("concurrency-lab: "), done.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert done.stdout == ""
    return lines[0]


# -- parameters ------------------------------------------------------------------------------
@pytest.mark.parametrize("lesson, setting, words", [
    ("async.wget", "delays=abc,def", ("delays", "between 0 and 30", "'abc'")),
    ("async.wget", "delays=1e9", ("delays", "between 0 and 30")),
    ("async.gevent_io", "delays=nan", ("delays", "'nan'")),
    ("async.asyncio", "sleep_s=inf", ("sleep_s", "between 0.05 and 10")),
    ("showdown.io", "delay_ms=10000", ("delay_ms=10000", "at most 60 s")),
    ("process.pool", "tasks=200", ("tasks=200", "at most 60 s", "more workers")),
    ("threads.lock", "iterations=1000", ("iterations", "between 10 and 500")),
    ("process.queue", "items=" + "x" * 5000, ("items",)),
])
def test_values_that_broke_the_lesson_or_never_ended_are_refused_before_the_run(
        lesson, setting, words):
    start = time.monotonic()
    refused(cli("run", lesson, "--set", setting), *words)
    assert time.monotonic() - start < 30            # nothing ran: no lesson, no wait


def test_values_that_start_with_a_dash_reach_the_lesson_as_values():
    done = cli("run", "process.queue", "--set", "items=-A,B")
    assert done.returncode == 0, done.stderr
    assert "Get -A from queue." in done.stdout and "Get B from queue." in done.stdout
    done = cli("run", "threads.local", "--set", "names=-x,--help")
    assert done.returncode == 0, done.stderr
    assert "-x" in done.stdout and "--help" in done.stdout


def test_a_manager_that_waits_for_workers_says_so_before_it_starts():
    done = cli("run", "distributed.manager", "--set", "workers=0", "--set", "wait_s=1",
               "--set", "tasks=1")
    first = done.stderr.splitlines()[0]
    assert first.startswith("This run waits up to 1 s for workers you start yourself"), first
    assert "Traceback" not in done.stderr


# -- files to write --------------------------------------------------------------------------
def bad_paths(folder):
    locked = folder / "locked.json"
    locked.write_text("{}")
    locked.chmod(0o444)
    paths = [("/dev/full", "not a regular file"), ("/proc/x", "cannot write in folder /proc"),
             (str(folder), "is a folder"), (str(folder / ("a" * 300 + ".json")), "at most"),
             (str(folder / "no" / "x.json"), "does not exist"), ("", "no file name")]
    if os.geteuid() != 0:                               # root may write anyway
        paths.append((str(locked), "is not writable"))
    return [(p, w) for p, w in paths if os.name == "posix" or not p.startswith("/")]


def test_files_that_cannot_be_written_are_refused_before_the_run(tmp_path):
    for path, words in bad_paths(tmp_path):
        assert words in problem(path), path
        for option in ("--trace", "--png"):
            line = refused(cli("run", "process.start", "--set", "seconds=0.1", option, path),
                           option, words)
            assert "Traceback" not in line
    assert problem(tmp_path / "fine.json") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.json"]


def test_a_file_that_cannot_be_written_after_the_run_is_said_and_the_result_kept(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    proc = subprocess.Popen(command("run", "threads.basics", "--set", "ticks=60",
                                    "--set", "tick_s=0.05", "--trace", str(gone / "t.json"),
                                    "--png", str(gone / "t.png")),
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        deadline = time.monotonic() + 60
        while not lesson_running(proc.pid):             # the checks passed, the run is on
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        shutil.rmtree(gone)                             # now the folder is gone
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert "threads.basics: finished normally" in err              # the run's summary
    assert "thread LoopThread >>> 60" in out
    said = [line for line in err.splitlines() if "cannot write" in line]
    assert said == [f"concurrency-lab: --trace: cannot write {gone / 't.json'}: "
                    "No such file or directory",
                    f"concurrency-lab: --png: cannot write {gone / 't.png'}: "
                    "No such file or directory"], err


def lesson_running(pid):
    try:
        return any("workloads.threads.basics" in " ".join(p.cmdline())
                   for p in psutil.Process(pid).children(recursive=True))
    except psutil.Error:
        return False


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path):
    target = tmp_path / "trace.json"
    target.write_text('{"old": true}')

    def half_then_fail(temp):
        Path(temp).write_text('{"traceEvents": [')
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_whole(target, half_then_fail)
    assert json.loads(target.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["trace.json"]
    write_whole(target, lambda temp: Path(temp).write_text('{"new": true}'))
    assert json.loads(target.read_text()) == {"new": True}
    assert [p.name for p in tmp_path.iterdir()] == ["trace.json"]
