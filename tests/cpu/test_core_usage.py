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

from gui.cpu.core_usage import CoreUsage, LessonProcesses, ProcessRow, Snapshot
from tests.cpu.children import assert_gone, kill_and_reap

BUSY = [sys.executable, "-c", "while True: pass"]
DEADLINE_S = 30.0


def wait_for(condition, timeout: float = DEADLINE_S, step: float = 0.1):
    """Poll ``condition`` until it returns something truthy; return its last value."""
    deadline = time.monotonic() + timeout
    value = condition()
    while not value and time.monotonic() < deadline:
        time.sleep(step)
        value = condition()
    return value


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


# -- LessonProcesses ------------------------------------------------------------------------


def snapshot(at, *cpus, root=10):
    """A run's snapshot: the root and one child per further figure, each with its CPU %."""
    rows = [ProcessRow(root + i, root if i else 1, "python", 1, cpu, min(i, 1))
            for i, cpu in enumerate(cpus)]
    return Snapshot(root, at, tuple(rows))


def test_lesson_processes_keep_what_the_run_found_and_drop_to_zero_after():
    shown = LessonProcesses(history_s=10, rate_hz=1)
    assert shown.root_pid is None and shown.rows == []
    shown.idle(now=1.0)                          # no lesson: a zero keeps the axis going
    shown.show(snapshot(2.0, 5.0, 90.0))
    assert shown.root_pid == 10 and [r.pid for r in shown.rows] == [10, 11]
    assert shown.total_cpu_percent == 95.0
    shown.idle(now=2.5)                          # a lesson runs: its snapshots fill the history
    shown.show(snapshot(3.0, 1.0, 99.0, 100.0))
    assert len(shown.rows) == 3 and shown.total_cpu_percent == 200.0
    shown.show(None, now=4.0)                    # the run ended
    assert shown.root_pid is None and shown.rows == [] and shown.total_cpu_percent == 0.0
    np.testing.assert_array_equal(shown.times(), [1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(shown.total_history(), [0.0, 95.0, 200.0, 0.0])


def test_lesson_processes_history_is_bounded():
    shown = LessonProcesses(history_s=5, rate_hz=1)
    for i in range(12):
        shown.show(snapshot(float(i), float(i)))
    np.testing.assert_array_equal(shown.times(), np.arange(7.0, 12.0))
    assert shown.revision == 12


def test_the_model_needs_no_qt():
    """Design boundary 3: the CPU model is plain Python + numpy + psutil, no Qt."""
    probe = ("import sys, gui.cpu.core_usage as m; m.CoreUsage().sample(); "
             "m.LessonProcesses().idle(); "
             "print(sorted({n.split('.')[0] for n in sys.modules} & "
             "{'PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'}))")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"
