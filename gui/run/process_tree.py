"""Which processes belong to a run, as the operating system tells it, and how they are ended.

A run's tree is the process the runner started (the lesson's first process, the leader of a
session of its own), every member of that session (a forked, spawned or double-forked child
stays in it, also once its parent has gone), and every descendant the OS reports of a process
already known to be of the tree (one that left the session with `setsid` is found this way
while its parent lives). Nothing a process says about itself counts: a pid claimed on the
trace socket is shown, never signalled.

Every process is held as a `psutil.Process`, which knows its creation time: a signal never
reaches a process that took over the pid of one that has ended. Scanning reads /proc (or the
system's process table), so callers on an event loop run it in a worker thread.
"""
import asyncio
import os
import signal
import time

import psutil

GRACE_S = 2.0           # after SIGTERM, before SIGKILL
ROUNDS = 5              # a process may start while the tree is being ended: look again


class ProcessTree:
    def __init__(self, root_pid):
        self.root = psutil.Process(root_pid)    # started by us and not yet reaped: it is ours
        self.known = {root_pid: self.root}      # pid -> psutil.Process, of this tree

    def scan(self, whole_session=True):
        """The living processes of the tree, as the OS reports them now (blocking)."""
        found = {}
        for proc in list(self.known.values()):
            if not alive(proc):
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
        """Keep `procs` (found by `scan`) as known members of the tree."""
        for proc in procs:
            self.known.setdefault(proc.pid, proc)

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
        Never blocks the event loop."""
        for round_ in range(ROUNDS):
            procs = await asyncio.to_thread(self.scan)
            if not procs:
                return []
            self.remember(procs)
            if round_ == 0:             # a first polite request; what starts later is killed
                signal_all(procs, signal.SIGTERM)
                procs = await wait_gone(procs, grace_s)
            if procs:
                signal_all(procs, signal.SIGKILL)
                await wait_gone(procs, grace_s)
        return sorted(proc.pid for proc in await asyncio.to_thread(self.scan))


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


async def wait_gone(procs, timeout):
    deadline = time.monotonic() + timeout
    while True:
        procs = [p for p in procs if alive(p)]
        if not procs or time.monotonic() > deadline:
            return procs
        await asyncio.sleep(0.02)
