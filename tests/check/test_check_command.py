"""`concurrency-lab check [LESSON ...] [--times N]`, on real runs of the installed command:
progress on stderr, the table on stdout (lesson | claim | held n/N | what to do), exit 0 when
every claim held, 2 on bad input with one line, and Ctrl+C stops the lesson's whole tree."""
import io
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from gui.check import Row
from gui.check_command import Progress, table_text
from tests.cli.test_command_line import ROOT, SCRIPT, cli

SHORT = ("process.pipe", "process.queue", "process.start")


def test_the_check_prints_a_row_per_lesson_and_exits_0_when_every_claim_held():
    out = cli("check", *SHORT, "--times", "1")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["lesson", "claim", "held", "what", "to", "do"]
    assert set(lines[1]) <= {"-", " "}
    rows = [line for line in lines[2:] if line[:1].strip()]      # a row's first line
    assert [row.split()[0] for row in rows[:3]] == list(SHORT)
    for row in rows[:3]:
        assert " 1/1 " in row and "FAILED" not in row
    held_at = lines[0].index("held")                # the columns line up under the heads
    assert all(row[held_at:held_at + 3] == "1/1" for row in rows[:3])
    assert lines[-1] == "Every claim held in every run (3 rows)."
    # progress: a line per run on a pipe, in order, none on stdout
    progress = [line for line in out.stderr.splitlines() if line.startswith("[")]
    assert progress == [f"[{i}/3] {lesson}: run 1 of 1" for i, lesson in enumerate(SHORT, 1)]


def test_times_repeats_each_run():
    out = cli("check", "process.pipe", "--times", "2")
    assert out.returncode == 0, out.stdout + out.stderr
    assert " 2/2 " in out.stdout
    assert "[2/2] process.pipe: run 2 of 2" in out.stderr


@pytest.mark.parametrize("args, reason", [
    (["no.such.lesson"], "unknown lesson 'no.such.lesson'"),
    (["process.pipe", "--times", "0"], "--times must be between 1 and 20"),
    (["process.pipe", "--times", "21"], "--times must be between 1 and 20"),
])
def test_bad_input_exits_2_with_one_line(args, reason):
    out = cli("check", *args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0], out.stderr


def lesson_processes(pid):
    """The check's lesson processes (its children that run a lesson)."""
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if "workloads." in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            pass
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a process group is POSIX")
def test_ctrl_c_stops_the_check_and_its_lesson_and_leaves_no_process():
    command = [SCRIPT] if SCRIPT else [sys.executable, "-m", "gui"]
    check = subprocess.Popen([*command, "check", "process.start", "--times", "3"], cwd=ROOT,
                             env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert check.stderr.readline().startswith("[1/3] process.start")
        deadline = time.monotonic() + 60
        while not lesson_processes(check.pid) and time.monotonic() < deadline:
            time.sleep(0.02)                # poll: the lesson starts right after the line
        lessons = lesson_processes(check.pid)
        assert lessons, "the lesson never started"
        check.send_signal(signal.SIGINT)
        stdout, stderr = check.communicate(timeout=60)
    finally:
        if check.poll() is None:
            check.kill()
            check.communicate()
    assert check.returncode == 128 + signal.SIGINT
    assert stderr.strip().splitlines()[-1] == ("concurrency-lab: stopped by SIGINT; the check "
                                               "was stopped, no process left behind")
    assert not [p for p in lessons if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_progress_is_one_line_that_updates_in_place():
    screen = Terminal()
    progress = Progress(screen)
    progress.show(0, 2, "process.pool: run 1 of 2")
    progress.show(1, 2, "process.pool: run 2 of 2")
    progress.clear()
    assert "\n" not in screen.getvalue()
    shown = screen.getvalue().split("\r")
    assert shown[1:3] == ["[1/2] process.pool: run 1 of 2", "[2/2] process.pool: run 2 of 2"]
    assert shown[-1] == "" and shown[-2].strip() == ""      # cleared for the table


def test_long_claims_and_advice_wrap_inside_their_columns():
    rows = [Row("threads.gil", "processes", "the processes run at the same time " * 4, 1, 3,
                ["close other programs: the processes variant needs a free core",
                 "run it with more seconds"])]
    lines = table_text(rows, 80).splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[2].startswith("threads.gil ") and lines[3].startswith("(processes) ")
    assert "1/3 FAILED" in lines[2]
    claim_at = lines[0].index("claim")
    assert all(line[claim_at - 2:claim_at] == "  " for line in lines[2:])   # the column
    advice_at = lines[0].index("what to do")
    advice = " ".join(line[advice_at:].strip() for line in lines[2:] if line[advice_at:])
    assert advice == ("close other programs: the processes variant needs a free core; run it "
                      "with more seconds")
