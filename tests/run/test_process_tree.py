"""The run's process tree, the one owner that scans a lesson's processes, against real
processes: what a look reports for the cores view, and how waiting for an end treats zombies
and the runner's own child. Every process started here is killed and reaped in a `finally`."""
import os
import signal
import subprocess
import sys
import time

import psutil

from gui.run.process_tree import ProcessRow, ProcessTree, Snapshot, ordered, wait_gone
from tests.cpu.children import assert_gone, kill_and_reap

BUSY = [sys.executable, "-c", "while True: pass"]
# A parent that starts one busy child (our grandchild), prints its pid and reaps it.
PARENT = [sys.executable, "-c",
          "import subprocess, sys\n"
          "p = subprocess.Popen([sys.executable, '-c', 'while True: pass'])\n"
          "print(p.pid, flush=True)\n"
          "p.wait()\n"]
# A parent whose child ends at once and is never collected: a zombie while the parent lives.
NEGLECTFUL = [sys.executable, "-c",
              "import os, sys, time\n"
              "pid = os.fork()\n"
              "if pid == 0:\n"
              "    os._exit(0)\n"
              "print(pid, flush=True)\n"
              "time.sleep(600)\n"]
DEADLINE_S = 30.0


def look_until(tree, condition):
    """Look at the tree every 0.2 s until `condition(snapshot)` holds; that snapshot."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        snapshot = tree.look()
        if condition(snapshot):
            return snapshot
        time.sleep(0.2)
    raise AssertionError(f"never seen; last look: {snapshot}")


def zombie(pid):
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_look_reports_a_busy_child_measured_on_the_same_object():
    child = subprocess.Popen(BUSY)
    proc = psutil.Process(child.pid)
    tree = ProcessTree(child.pid)
    try:
        first = tree.look()
        assert isinstance(first, Snapshot) and first.root_pid == child.pid
        (row,) = first.rows
        assert isinstance(row, ProcessRow) and row.cpu_percent == 0.0   # nothing to compare
        busy = look_until(tree, lambda snap: snap.rows[0].cpu_percent > 50)
        (row,) = busy.rows
        assert (row.pid, row.ppid, row.depth) == (child.pid, os.getpid(), 0)
        assert "python" in row.name.lower() and row.threads >= 1
        assert busy.total_cpu_percent == row.cpu_percent and busy.at > first.at
        assert tree.look(show=False) is None           # a look that only remembers
    finally:
        kill_and_reap(child)
    assert_gone(proc)
    assert tree.look().rows == ()                      # a vanished root: an empty tree


def test_a_grandchild_is_listed_under_its_parent_and_stays_known_when_gone():
    parent = subprocess.Popen(PARENT, stdout=subprocess.PIPE, text=True)
    parent_proc = psutil.Process(parent.pid)
    grandchild = None
    tree = ProcessTree(parent.pid)
    try:
        grandchild = psutil.Process(int(parent.stdout.readline()))
        snap = look_until(tree, lambda s: len(s.rows) == 2 and s.rows[1].cpu_percent > 50)
        top, sub = snap.rows
        assert (top.pid, top.ppid, top.depth) == (parent.pid, os.getpid(), 0)
        assert (sub.pid, sub.ppid, sub.depth) == (grandchild.pid, parent.pid, 1)
        assert snap.total_cpu_percent >= sub.cpu_percent > 50
        grandchild.kill()                 # the parent reaps it and then ends by itself
        look_until(tree, lambda s: grandchild.pid not in {r.pid for r in s.rows})
        assert grandchild.pid in tree.known            # Stop would still look for it
        assert parent.wait(timeout=DEADLINE_S) == 0
    finally:
        kill_and_reap(parent, *([grandchild] if grandchild else []))
    assert_gone(parent_proc, *([grandchild] if grandchild else []))


def test_rows_are_depth_first_and_an_orphan_starts_its_own_row():
    info = {10: (1, "lesson", 1, 5.0), 12: (11, "helper", 1, 0.0), 13: (10, "worker", 2, 90.0),
            11: (10, "worker", 2, 80.0)}
    rows = ordered(info, 10)
    assert [(r.pid, r.depth) for r in rows] == [(10, 0), (11, 1), (12, 2), (13, 1)]
    del info[11]                          # the worker ended between two reads: 12 is orphaned
    assert [(r.pid, r.depth) for r in ordered(info, 10)] == [(10, 0), (13, 1), (12, 0)]


def test_a_zombie_counts_as_ended_without_waiting_out_the_timeout():
    parent = subprocess.Popen(NEGLECTFUL, stdout=subprocess.PIPE, text=True)
    parent_proc = psutil.Process(parent.pid)
    try:
        child = psutil.Process(int(parent.stdout.readline()))
        deadline = time.monotonic() + DEADLINE_S
        while not zombie(child.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert zombie(child.pid)
        timeout = 20.0
        started = time.monotonic()
        assert wait_gone([child], timeout) == []
        assert time.monotonic() - started < timeout / 4
        assert zombie(child.pid)          # only its parent collects it
    finally:
        kill_and_reap(parent)
    assert_gone(parent_proc)


def test_waiting_for_the_root_leaves_its_exit_status_to_the_runner():
    """psutil would reap a child of ours to learn its end, and the runner that started it
    would never learn how it ended: the root is watched, never reaped."""
    root = subprocess.Popen(["sleep", "600"])
    proc = psutil.Process(root.pid)
    try:
        proc.send_signal(signal.SIGTERM)
        assert wait_gone([proc], DEADLINE_S, root=proc) == []
        assert root.wait(timeout=DEADLINE_S) == -signal.SIGTERM
    finally:
        if root.poll() is None:
            root.kill()
            root.wait()
    assert_gone(proc)
