"""The CPU model against real processes: real psutil, real busy children, no mocks.

Every process a test starts is killed and reaped in a ``finally`` and checked to be gone, so a
failing test never leaves a core spinning. Waits poll a condition with a generous deadline;
no fixed sleep decides an assertion.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import numpy as np
import psutil

from gui.cpu.core_usage import CoreUsage, ProcessRow, ProcessTree
from tests.cpu.children import assert_gone, kill_and_reap

BUSY = [sys.executable, "-c", "while True: pass"]
# A parent that starts one busy child (our grandchild), prints its pid and reaps it.
PARENT = [sys.executable, "-c",
          "import subprocess, sys\n"
          "p = subprocess.Popen([sys.executable, '-c', 'while True: pass'])\n"
          "print(p.pid, flush=True)\n"
          "p.wait()\n"]
DEADLINE_S = 30.0


def wait_for(condition, timeout: float = DEADLINE_S, step: float = 0.1):
    """Poll ``condition`` until it returns something truthy; return its last value."""
    deadline = time.monotonic() + timeout
    value = condition()
    while not value and time.monotonic() < deadline:
        time.sleep(step)
        value = condition()
    return value


def scan_until(tree: ProcessTree, condition, timeout: float = DEADLINE_S):
    """Scan every 0.2 s until ``condition(rows)`` holds; the rows then, else ``[]``."""
    found = []

    def check():
        rows = tree.scan()
        if condition(rows):
            found.append(rows)
            return True
        return False

    wait_for(check, timeout=timeout, step=0.2)
    return found[0] if found else []


# -- CoreUsage ----------------------------------------------------------------------------


def test_core_usage_shapes_and_ring_wraparound():
    usage = CoreUsage(history_s=1, rate_hz=10)  # room for 10 samples
    assert usage.cores == len(psutil.cpu_percent(percpu=True)) >= 1
    assert len(usage) == 0 and usage.times().shape == (0,)
    assert usage.per_core().shape == (usage.cores, 0)
    for i in range(25):
        values = usage.sample(now=float(i))
        assert len(values) == usage.cores
    assert usage.revision == 25
    assert len(usage) == 10
    np.testing.assert_array_equal(usage.times(), np.arange(15.0, 25.0))
    per_core, total = usage.per_core(), usage.total()
    assert per_core.shape == (usage.cores, 10) and total.shape == (10,)
    assert ((per_core >= 0) & (per_core <= 100)).all()
    np.testing.assert_allclose(total, per_core.mean(axis=0))


def test_core_usage_sees_a_busy_child():
    child = subprocess.Popen(BUSY)
    proc = psutil.Process(child.pid)
    try:
        usage = CoreUsage()

        def busy_core_seen():
            usage.sample()
            return usage.per_core().max() > 50

        assert wait_for(busy_core_seen), "no core ever reported > 50 % with a busy child"
        assert (np.diff(usage.times()) >= 0).all()
    finally:
        kill_and_reap(child)
    assert_gone(proc)


def test_first_sample_is_primed_not_a_meaningless_zero():
    """psutil keeps its 'previous call' per thread: a fresh thread's first call returns 0s.

    The constructor must make that call itself, so the first real sample measures something.
    """
    child = subprocess.Popen(BUSY)
    proc = psutil.Process(child.pid)
    result = {}

    def in_a_fresh_thread():
        usage = CoreUsage()
        deadline = time.monotonic() + 0.3  # let some CPU time pass between prime and sample
        while time.monotonic() < deadline:
            pass
        result["first"] = usage.sample()

    try:
        assert wait_for(lambda: proc.cpu_percent() > 0), "busy child never got CPU"
        thread = threading.Thread(target=in_a_fresh_thread)
        thread.start()
        thread.join(timeout=DEADLINE_S)
        assert sum(result["first"]) > 20, result  # two busy loops (child + thread) ran
    finally:
        kill_and_reap(child)
    assert_gone(proc)


# -- ProcessTree --------------------------------------------------------------------------


def test_process_tree_follows_a_busy_child_and_forgets_it_when_gone():
    child = subprocess.Popen(BUSY)
    proc = psutil.Process(child.pid)
    tree = ProcessTree()
    try:
        tree.set_root(child.pid)
        rows = scan_until(tree, lambda rows: rows and rows[0].cpu_percent > 50)
        assert rows, "the busy child never reached 50 % CPU"
        (row,) = rows
        assert isinstance(row, ProcessRow)
        assert (row.pid, row.ppid, row.depth) == (child.pid, os.getpid(), 0)
        assert "python" in row.name.lower() and row.threads >= 1
        assert tree.total_cpu_percent == row.cpu_percent > 50
        assert tree.total_history()[-1] == tree.total_cpu_percent
        assert len(tree.times()) == len(tree.total_history()) >= 2
        assert tree.known_pids == {child.pid}
    finally:
        kill_and_reap(child)
    assert_gone(proc)
    assert tree.scan() == []  # a vanished root is no error, just an empty tree
    assert tree.total_cpu_percent == 0.0
    assert tree.known_pids == {child.pid}  # the runner's "left behind" check still has it


def test_process_tree_depth_parent_and_a_vanishing_grandchild():
    parent = subprocess.Popen(PARENT, stdout=subprocess.PIPE, text=True)
    parent_proc = psutil.Process(parent.pid)
    grandchild = None
    tree = ProcessTree()
    try:
        grandchild = psutil.Process(int(parent.stdout.readline()))
        tree.set_root(parent.pid)

        def grandchild_busy(rows):
            return len(rows) == 2 and rows[1].cpu_percent > 50

        rows = scan_until(tree, grandchild_busy)
        assert rows, f"grandchild never seen busy: {tree.rows}"
        top, sub = rows
        assert (top.pid, top.ppid, top.depth) == (parent.pid, os.getpid(), 0)
        assert (sub.pid, sub.ppid, sub.depth) == (grandchild.pid, parent.pid, 1)
        assert tree.known_pids == {parent.pid, grandchild.pid}
        assert tree.total_cpu_percent >= sub.cpu_percent > 50

        grandchild.kill()  # the parent reaps it and then exits by itself
        scan_until(tree, lambda rows: grandchild.pid not in {r.pid for r in rows})
        assert grandchild.pid not in {r.pid for r in tree.rows}
        assert tree.known_pids == {parent.pid, grandchild.pid}
        assert parent.wait(timeout=DEADLINE_S) == 0
    finally:
        kill_and_reap(parent, *([grandchild] if grandchild else []))
    assert_gone(parent_proc, *([grandchild] if grandchild else []))


def test_set_root_none_keeps_known_pids_and_a_new_root_resets_them():
    tree = ProcessTree()
    tree.set_root(os.getpid())
    rows = tree.scan()
    assert rows[0].pid == os.getpid() and rows[0].depth == 0
    tree.set_root(None)
    assert tree.scan() == [] and tree.total_history()[-1] == 0.0
    assert os.getpid() in tree.known_pids
    tree.set_root(os.getppid())
    assert tree.known_pids == {os.getppid()}


def test_a_scan_is_cheap():
    """The GUI thread calls scan() once a second: it must never wait on psutil."""
    tree = ProcessTree()
    tree.set_root(os.getppid())  # pytest's parent: a shell or runner with a few descendants
    tree.scan()
    costs = []
    for _ in range(5):
        start = time.perf_counter()
        tree.scan()
        costs.append(time.perf_counter() - start)
    assert sorted(costs)[2] < 0.1, costs


def test_the_model_needs_no_qt():
    """Design boundary 3: the CPU model is plain Python + numpy + psutil, no Qt."""
    probe = ("import sys, gui.cpu.core_usage as m; m.CoreUsage().sample(); "
             "m.ProcessTree().scan(); "
             "print(sorted({n.split('.')[0] for n in sys.modules} & "
             "{'PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'}))")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"
