"""`concurrency-lab run --trace` records a run that reads back; `concurrency-lab open`
replays it in the window, or says in one line why it cannot (and opens no window)."""
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gui.lessons import Run, unit
from gui.trace import chrome_json
from gui.trace.chrome_reader import read

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = shutil.which("concurrency-lab", path=os.path.dirname(sys.executable))


def cli(*args, timeout=120, **env):
    command = [SCRIPT] if SCRIPT else [sys.executable, "-m", "gui"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLAB_EXIT_AFTER_SHOW="1", **env)
    return subprocess.run([*command, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def race_trace(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "race.json"
    out = cli("run", "threads.race", "--set", "iterations=20000", "--trace", str(path))
    assert out.returncode == 0, out.stderr
    return path, out


def test_run_trace_records_the_console_text_and_reads_back(race_trace, tmp_path):
    path, out = race_trace
    replay = read(path)
    assert replay.lesson_id == "threads.race"
    assert replay.values["iterations"] == 20000
    assert "final balance:" in replay.output
    assert all(line in out.stdout + out.stderr for line in replay.output.splitlines())
    assert replay.model.result["balance"] is not None
    assert unit("threads.race").sentence(Run("threads.race", replay.values, replay.model,
                                             replay.model.result, replay.python))
    assert len(replay.model.counters["balance"]) > 0
    again = chrome_json.write(tmp_path / "again.json", replay.model, replay.lesson_id,
                              replay.values, replay.python, replay.output)
    assert Path(again).read_bytes() == path.read_bytes()


def test_open_shows_the_replay_in_the_window(race_trace):
    path, _ = race_trace
    out = cli("open", str(path))
    assert out.returncode == 0, out.stderr
    assert "window ready" in out.stdout
    assert "status: Replaying race.json (recorded with Python " in out.stdout, out.stdout


@pytest.mark.parametrize("name, content, reason", [
    ("missing.json", None, "no such file"),
    ("notes.json", "not a trace at all", "not valid JSON"),
    ("package.json", '{"name": "x"}', 'JSON, but not a trace'),
])
def test_open_of_a_bad_file_exits_non_zero_in_one_line_without_a_window(tmp_path, name,
                                                                        content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    out = cli("open", str(path))
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and name in lines[0], out.stderr
    assert "window shown" not in out.stdout


def test_open_of_a_broken_real_trace_says_why_in_one_line(recorded, tmp_path):
    """A lane's "group" made a number once crashed the window; now `open` refuses it."""
    doc = json.loads(Path(recorded["process.pool"].path).read_text(encoding="utf-8"))
    lane = next(e["args"]["lane"] for e in doc["traceEvents"]
                if "group" in e.get("args", {}).get("lane", {}))
    lane["group"] = 7
    path = tmp_path / "group.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = cli("open", str(path))
    assert out.returncode == 2
    assert out.stderr.startswith("concurrency-lab: cannot open ")
    assert len(out.stderr.strip().splitlines()) == 1 and '"group" is not text' in out.stderr
    assert "window shown" not in out.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_open_reads_the_file_once(race_trace, tmp_path):
    """The trace is parsed once: `open` checks it and the window shows what was read (a
    pipe can be read only once, so a second read would wait forever)."""
    path, _ = race_trace
    pipe = tmp_path / "race.json"
    os.mkfifo(pipe)

    def feed():
        with open(pipe, "wb") as out:
            out.write(path.read_bytes())
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        out = cli("open", str(pipe), timeout=90)
    finally:
        if writer.is_alive():                   # never read: let the writer go
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(10)
    assert out.returncode == 0, out.stderr
    assert "status: Replaying race.json (recorded with Python " in out.stdout, out.stdout
