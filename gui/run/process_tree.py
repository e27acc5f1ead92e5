"""Which processes belong to a run, as the operating system tells it, and how they are ended.

A run's tree is the process the runner started (the lesson's first process, the leader of a
session of its own), every member of that session (a forked, spawned or double-forked child
stays in it, also once its parent has gone), and every descendant the OS reports of a process
already known to be of the tree (one that left the session with `setsid` is found this way
while its parent lives). Nothing a process says about itself counts: a pid claimed on the
trace socket is shown, never signalled.

Every process is held as a `psutil.Process`, which knows its creation time: a signal never
reaches a process that took over the pid of one that has ended. The tree is the one owner of
these objects: what the cores view shows of the lesson's processes (`Snapshot`) is read from
them too, so a process's CPU share is measured on the same object from one look to the next.
Every method here reads /proc (or the system's process table) and may block: callers on an
event loop run them in a worker thread, `end` does so itself.
"""
import asyncio
import os
import signal
import time
from typing import NamedTuple, Tuple

import psutil

GRACE_S = 2.0           # after SIGTERM, before SIGKILL
ROUNDS = 5              # a process may start while the tree is being ended: look again
SLICE_S = 0.05          # waiting for processes to end: how often a zombie is noticed


class ProcessRow(NamedTuple):
    """One process of the lesson, as the cores view lists it."""
    pid: int
    ppid: int
    name: str
    threads: int
    cpu_percent: float  # since the previous look; 100 = one core busy, as in `top`
    depth: int          # 0 for the lesson's first process (or an orphan), 1 for its children


class Snapshot(NamedTuple):
    """The tree at one look: its living processes, parents first, each under its parent."""
    root_pid: int
    at: float                           # time.monotonic() of the look
    rows: Tuple[ProcessRow, ...]

    @property
    def total_cpu_percent(self):
        """The whole tree's CPU, in percent of one core (200 = two cores busy)."""
        return float(sum(row.cpu_percent for row in self.rows))


class ProcessTree:
    def __init__(self, root_pid):
        self.root = psutil.Process(root_pid)    # started by us and not yet reaped: it is ours
        self.known = {root_pid: self.root}      # pid -> psutil.Process, of this tree

    def scan(self, whole_session=True):
        """The living processes of the tree, as the OS reports them now."""
        found = {}
        for proc in list(self.known.values()):      # the root first
            if proc.pid in found or not alive(proc):  # found: with its descendants, a walk ago
                continue
            found[proc.pid] = proc
            try:
                for child in proc.children(recursive=True):    # psutil: born after its parent
                    found.setdefault(child.pid, child)
            except psutil.Error:
                continue
        if whole_session:
            for proc in self._session_members():
                found.setdefault(proc.pid, proc)
        return [proc for proc in found.values() if alive(proc)]

    def remember(self, procs):
        """Keep `procs` (found by `scan`) as known members of the tree; a pid that a new
        process took over is known as the new one (psutil compares pid and creation time)."""
        for proc in procs:
            if self.known.get(proc.pid) != proc:
                self.known[proc.pid] = proc

    def look(self, show=True):
        """Scan the running tree and remember what it found. With `show`, the whole session
        is scanned too (what Stop would end is what the cores view shows) and each process is
        read: returns a `Snapshot` (a process seen for the first time shows 0 % CPU, psutil's
        first measure), else None."""
        procs = self.scan(whole_session=show)
        self.remember(procs)
        if not show:
            return None
        info = {}
        for proc in procs:
            proc = self.known[proc.pid]         # the object measured at the previous look
            try:
                with proc.oneshot():
                    info[proc.pid] = (proc.ppid(), proc.name(), proc.num_threads(),
                                      proc.cpu_percent(interval=None))
            except psutil.Error:                # ended while being read
                continue
        return Snapshot(self.root.pid, time.monotonic(), tuple(ordered(info, self.root.pid)))

    def _session_members(self):
        """Processes of the session the root leads. The pid of a session's leader is not
        given to another process while the session has members, so once it is free (or still
        the root's) every process with that session id is of this run."""
        getsid = getattr(os, "getsid", None)
        if getsid is None or not self._session_is_ours():
            return []
        sid, born = self.root.pid, self.root.create_time()
        members = []
        for proc in psutil.process_iter():
            try:
                if getsid(proc.pid) == sid and proc.create_time() >= born:
                    members.append(proc)
            except (OSError, psutil.Error):
                continue
        return members

    def _session_is_ours(self):
        try:
            return psutil.Process(self.root.pid).create_time() == self.root.create_time()
        except psutil.NoSuchProcess:
            return True
        except psutil.Error:
            return False

    async def end(self, grace_s=GRACE_S):
        """SIGTERM the whole tree, SIGKILL what is left after `grace_s`, and look again until
        a whole scan finds nothing; returns the pids still alive after that (none, normally).
        Every scan, signal and wait runs in a worker thread: the event loop never waits."""
        for round_ in range(ROUNDS):
            procs = await asyncio.to_thread(self.scan)
            if not procs:
                return []
            self.remember(procs)
            if round_ == 0:             # a first polite request; what starts later is killed
                procs = await asyncio.to_thread(self._signal_and_wait, procs, signal.SIGTERM,
                                                grace_s)
            if procs:
                await asyncio.to_thread(self._signal_and_wait, procs, signal.SIGKILL, grace_s)
        return sorted(proc.pid for proc in await asyncio.to_thread(self.scan))

    def _signal_and_wait(self, procs, sig, timeout):
        signal_all(procs, sig)
        return wait_gone(procs, timeout, self.root)


def ordered(info, root_pid):
    """Rows depth-first from the root, children by pid; `info` maps pid -> (ppid, name,
    threads, cpu). A process whose parent is not listed (an orphan) starts a row of its own."""
    kids = {}
    for pid, (ppid, *_rest) in info.items():
        kids.setdefault(ppid, []).append(pid)
    tops = sorted(pid for pid, (ppid, *_rest) in info.items()
                  if pid == root_pid or ppid not in info)
    rows, stack = [], [(pid, 0) for pid in reversed(tops)]
    while stack:
        pid, depth = stack.pop()
        ppid, name, threads, cpu = info[pid]
        rows.append(ProcessRow(pid, ppid, name, threads, cpu, depth))
        stack.extend((kid, depth + 1) for kid in sorted(kids.get(pid, ()), reverse=True)
                     if kid != root_pid)
    return rows


def alive(proc):
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def signal_all(procs, sig):
    for proc in procs:
        try:
            proc.send_signal(sig)       # psutil checks it is still the same process first
        except psutil.Error:
            pass


def wait_gone(procs, timeout, root=None):
    """Wait until `procs` have ended, at most `timeout` seconds; returns those still alive.
    psutil.wait_procs waits, in short slices, because two kinds of ended process never leave
    its sight: a zombie whose parent does not collect it (an orphan under an init that does not
    reap, a child of a stuck lesson), and `root`, the runner's own child, which psutil would
    reap, taking its exit status from the runner. Both count as ended once they are zombies."""
    deadline = time.monotonic() + timeout
    while True:
        procs = [proc for proc in procs if alive(proc)]
        left = deadline - time.monotonic()
        if not procs or left <= 0:
            return procs
        waitable = [proc for proc in procs if proc != root]
        if waitable:
            psutil.wait_procs(waitable, timeout=min(SLICE_S, left))
        else:
            time.sleep(min(SLICE_S, left))
