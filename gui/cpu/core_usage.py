"""The CPU model: per-core utilisation and the workload's process tree.

Plain Python + numpy + psutil, no Qt (design boundary 3), so it can be tested without a
QApplication and read by any view. Every call here is non-blocking: psutil is only ever asked
"what changed since last time" (``interval=None``), never told to sleep, because the caller is
the GUI thread's timer.

Both models keep their history in fixed-size numpy ring buffers: the app is open for hours in a
classroom and must not grow without bound, and a view wants a contiguous array per curve.
"""

from __future__ import annotations

import time
from typing import Dict, List, NamedTuple, Optional, Set

import numpy as np
import psutil

#: Errors meaning "this process is gone or not ours to look at": skip it, never crash the GUI.
_GONE = (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied)


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


class ProcessRow(NamedTuple):
    """One process of the workload, as the process tree view shows it."""

    pid: int
    ppid: int
    name: str
    threads: int
    cpu_percent: float  # 100 = one core busy, as in `top`
    depth: int  # 0 for the root, 1 for its children, ...


class ProcessTree:
    """The workload's processes: the root the runner started and every descendant.

    The ``psutil.Process`` objects are kept from one scan to the next because a process's
    ``cpu_percent()`` is measured since the previous call *on the same object*; a fresh object
    always says 0. A process seen for the first time therefore shows 0 % until the next scan.
    """

    def __init__(self, history_s: float = 60, rate_hz: float = 1):
        self._root_pid: Optional[int] = None
        self._procs: Dict[int, psutil.Process] = {}
        self._history = _Ring(round(history_s * rate_hz), 1)
        #: Every pid ever seen under the current root; the runner checks none is left behind.
        #: Kept after ``set_root(None)`` so the check can run once the lesson has stopped.
        self.known_pids: Set[int] = set()
        #: Sum of the tree's CPU at the last scan, in percent of one core (200 = two cores).
        self.total_cpu_percent = 0.0
        self.rows: List[ProcessRow] = []
        self.revision = 0

    @property
    def root_pid(self) -> Optional[int]:
        return self._root_pid

    def set_root(self, pid: Optional[int]) -> None:
        """Follow the tree under ``pid``; ``None`` when no lesson runs.

        A new pid starts a new run: the cached processes and ``known_pids`` are reset.
        """
        if pid == self._root_pid:
            return
        self._root_pid = pid
        self._procs.clear()
        self.rows = []
        self.total_cpu_percent = 0.0
        if pid is not None:
            self.known_pids = {pid}

    def _process(self, proc: psutil.Process) -> psutil.Process:
        """The cached object for ``proc`` (same pid *and* start time), else cache this one."""
        cached = self._procs.get(proc.pid)
        if cached is not None and cached == proc:  # psutil compares pid + create_time
            return cached
        self._procs[proc.pid] = proc
        return proc

    def _collect(self) -> List[psutil.Process]:
        if self._root_pid is None:
            return []
        try:
            root = self._procs.get(self._root_pid) or psutil.Process(self._root_pid)
            if not root.is_running():  # pid reused by an unrelated process
                return []
            kids = root.children(recursive=True)
            return [self._process(root)] + [self._process(p) for p in kids]
        except _GONE:
            return []

    def scan(self, now: Optional[float] = None) -> List[ProcessRow]:
        """Re-read the tree (cheap, non-blocking); returns rows parents-first, depth-first.

        Processes that vanish while being read are skipped. Also appends the tree's total CPU
        to the history, 0 while there is no root, so the graph's time axis stays continuous.
        """
        if now is None:
            now = time.monotonic()
        info = {}
        for proc in self._collect():
            try:
                with proc.oneshot():
                    info[proc.pid] = (proc.ppid(), proc.name(), proc.num_threads(),
                                      proc.cpu_percent(interval=None))
            except _GONE:
                continue
        for pid in [p for p in self._procs if p not in info]:
            del self._procs[pid]
        self.known_pids.update(info)
        self.rows = self._order(info)
        self.total_cpu_percent = float(sum(r.cpu_percent for r in self.rows))
        self._history.append(now, [self.total_cpu_percent])
        self.revision += 1
        return list(self.rows)

    def _order(self, info) -> List[ProcessRow]:
        """Depth-first from the root, children by pid, each row with its depth."""
        kids: Dict[int, List[int]] = {}
        for pid, (ppid, *_rest) in info.items():
            kids.setdefault(ppid, []).append(pid)
        rows: List[ProcessRow] = []
        # Roots of the listing: the root itself, or orphans whose parent vanished mid-scan.
        tops = sorted(pid for pid, (ppid, *_rest) in info.items()
                      if pid == self._root_pid or ppid not in info)
        stack = [(pid, 0) for pid in reversed(tops)]
        while stack:
            pid, depth = stack.pop()
            ppid, name, threads, cpu = info[pid]
            rows.append(ProcessRow(pid, ppid, name, threads, cpu, depth))
            stack.extend((kid, depth + 1) for kid in sorted(kids.get(pid, ()), reverse=True)
                         if kid != self._root_pid)
        return rows

    def times(self) -> np.ndarray:
        """Scan times (``time.monotonic()`` seconds), oldest first."""
        return self._history.times()

    def total_history(self) -> np.ndarray:
        """The tree's CPU at each scan, percent of one core (divide by 100 for "cores")."""
        return self._history.values()[0]
