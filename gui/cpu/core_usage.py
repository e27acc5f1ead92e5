"""The CPU model: per-core utilisation and the CPU of the lesson's processes.

Plain Python + numpy + psutil, no Qt (design boundary 3), so it can be tested without a
QApplication and read by any view. ``CoreUsage`` is the one psutil call left on the GUI
thread's timer: ``psutil.cpu_percent(percpu=True)`` reads /proc/stat and never waits (about
0.2 ms, measured on two cores); it is only asked "what changed since last time"
(``interval=None``). The lesson's processes are scanned by their run, off the GUI thread, and
``LessonProcesses`` only keeps what it is given.

Both models keep their history in fixed-size numpy ring buffers: the app is open for hours in a
classroom and must not grow without bound, and a view wants a contiguous array per curve.
"""

from __future__ import annotations

import time
from typing import List, Optional

import numpy as np
import psutil

from gui.run.process_tree import ProcessRow, Snapshot

__all__ = ["CoreUsage", "LessonProcesses", "ProcessRow", "Snapshot"]


class _Ring:
    """Fixed-capacity time series of ``rows`` float channels, oldest first on read.

    Each value is written twice (at ``i`` and ``i + capacity``) so the chronological window is
    always one contiguous slice: reads are a single copy, no ``np.roll``.
    """

    def __init__(self, capacity: int, rows: int):
        self.capacity = max(1, int(capacity))
        self._t = np.zeros(2 * self.capacity)
        self._v = np.zeros((rows, 2 * self.capacity))
        self._head = 0
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, t: float, values) -> None:
        cap, i = self.capacity, self._head
        self._t[i] = self._t[i + cap] = t
        self._v[:, i] = values
        self._v[:, i + cap] = values
        self._head = (i + 1) % cap
        self._count = min(self._count + 1, cap)

    def _window(self) -> slice:
        end = self._head if self._count < self.capacity else self._head + self.capacity
        return slice(end - self._count, end)

    def times(self) -> np.ndarray:
        return self._t[self._window()].copy()

    def values(self) -> np.ndarray:
        return self._v[:, self._window()].copy()

    def clear(self) -> None:
        self._head = self._count = 0


class CoreUsage:
    """Per-core CPU utilisation of the whole machine, sampled by the caller (about 10 Hz).

    ``psutil.cpu_percent(percpu=True)`` reports usage since its previous call; its very first
    call has nothing to compare with and returns zeros, which would draw a false "idle" dip,
    so the constructor makes that call and throws the answer away. psutil keeps the "previous
    call" per thread and module-wide, so two samplers on one thread shorten each other's
    windows (noisier, still true); the app is meant to have one.
    """

    def __init__(self, history_s: float = 60, rate_hz: float = 10):
        self.history_s = float(history_s)
        self.rate_hz = float(rate_hz)
        primed = psutil.cpu_percent(percpu=True)  # meaningless zeros: discarded on purpose
        #: Number of logical CPUs, as psutil lists them (one curve each).
        self.cores = len(primed) or (psutil.cpu_count() or 1)
        self._ring = _Ring(round(self.history_s * self.rate_hz), self.cores + 1)
        #: Incremented on every sample, so a view can skip redrawing when nothing changed.
        self.revision = 0

    def sample(self, now: Optional[float] = None) -> List[float]:
        """Record one sample (percent per core, 0..100) at ``now`` (default: monotonic clock).

        Returns the per-core values just recorded.
        """
        if now is None:
            now = time.monotonic()
        per_core = psutil.cpu_percent(percpu=True)
        values = np.zeros(self.cores + 1)
        n = min(len(per_core), self.cores)  # a CPU going offline must not break the buffer
        values[:n] = per_core[:n]
        values[self.cores] = values[: self.cores].mean()
        self._ring.append(now, values)
        self.revision += 1
        return list(values[: self.cores])

    def __len__(self) -> int:
        return len(self._ring)

    def times(self) -> np.ndarray:
        """Sample times (``time.monotonic()`` seconds), oldest first."""
        return self._ring.times()

    def per_core(self) -> np.ndarray:
        """Percent busy per core, shape (cores, samples), oldest first."""
        return self._ring.values()[: self.cores]

    def total(self) -> np.ndarray:
        """Percent busy of the whole machine (mean of the cores), oldest first."""
        return self._ring.values()[self.cores]


class LessonProcesses:
    """The lesson's processes as the runner last reported them, and the history of their CPU.

    Nothing here asks the OS: the run's process tree (``gui/run/process_tree.py``, the one
    owner that scans it, in a worker thread) hands over a ``Snapshot`` about once a second.
    """

    def __init__(self, history_s: float = 60, rate_hz: float = 1):
        self._root_pid: Optional[int] = None
        self._history = _Ring(round(history_s * rate_hz), 1)
        #: Sum of the tree's CPU at the last snapshot, in percent of one core (200 = two cores).
        self.total_cpu_percent = 0.0
        self.rows: List[ProcessRow] = []
        self.revision = 0

    @property
    def root_pid(self) -> Optional[int]:
        """The first process of the lesson shown, None while no lesson runs."""
        return self._root_pid

    def show(self, snapshot: Optional[Snapshot], now: Optional[float] = None) -> None:
        """Take the tree's newest ``snapshot``; ``None`` when no lesson runs (any more).

        Appends the tree's total CPU to the history at the snapshot's time (0 at ``now``, by
        default the monotonic clock, when there is none), so the lesson's curve drops to 0.
        """
        if snapshot is None:
            self._root_pid, self.rows, self.total_cpu_percent = None, [], 0.0
            self.idle(now)
            return
        self._root_pid = snapshot.root_pid
        self.rows = list(snapshot.rows)
        self.total_cpu_percent = snapshot.total_cpu_percent
        self._history.append(snapshot.at, [self.total_cpu_percent])
        self.revision += 1

    def idle(self, now: Optional[float] = None) -> None:
        """A 0 in the history while no lesson runs, so the graph's time axis stays continuous
        (the view calls it about once a second)."""
        if self._root_pid is None:
            self._history.append(time.monotonic() if now is None else now, [0.0])
            self.revision += 1

    def times(self) -> np.ndarray:
        """Snapshot times (``time.monotonic()`` seconds), oldest first."""
        return self._history.times()

    def total_history(self) -> np.ndarray:
        """The tree's CPU at each snapshot, percent of one core (divide by 100 for "cores")."""
        return self._history.values()[0]
