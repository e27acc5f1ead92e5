"""One running lesson: starts it, streams its output, stops its whole process tree.

`WorkloadRun` owns the lesson's process from start to cleanup. It is plain asyncio (the window
drives it from the qasync loop, the command line from `asyncio.run`), reports through
callbacks, and turns the exit status into words.
"""
import asyncio
import codecs
import os
import signal
import sys
import time
from pathlib import Path

import psutil

from gui.run.exit_reason import describe
from workloads import catalog

ROOT = Path(__file__).resolve().parents[2]          # holds gui/ and workloads/
BOOT = Path(catalog.__file__).resolve().parent / "_boot"
GRACE_S = 2.0


class WorkloadRun:
    """``run = WorkloadRun("process.pool", values, listener_env); await run.start()``."""

    def __init__(self, lesson, values, trace_env=None, python=None,
                 on_output=None, on_exit=None, argv=None):
        self.lesson = catalog.lesson(lesson)
        self.values = values
        self.python = python or sys.executable
        self.trace_env = trace_env or {}
        self.on_output = on_output or (lambda stream, text: None)
        self.on_exit = on_exit or (lambda run: None)
        self.argv = argv                # `python argv...` instead of the lesson (benchmarks)
        self.process = None
        self.returncode = None
        self.stopped_by = None          # who asked for the stop: "you", "the deadlock watch"
        self.started_ns = None
        self.seen_pids = set()          # every pid of the tree we have seen, for cleanup
        self.leftovers = []             # pids still alive after stop (should stay empty)
        self._readers = []
        self._done = None

    @property
    def pid(self):
        return self.process.pid if self.process else None

    @property
    def running(self):
        return self.process is not None and self.returncode is None

    @property
    def exit_reason(self):
        return describe(self.returncode, self.stopped_by)

    def command(self):
        if self.argv:
            return [self.python, *self.argv]
        return [self.python, "-m", self.lesson.module,
                *catalog.command_args(self.lesson.id, self.values)]

    def environment(self):
        env = dict(os.environ)
        env.update(self.trace_env)
        path = [str(BOOT), str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        env["PYTHONPATH"] = os.pathsep.join(path)
        env["PYTHONIOENCODING"] = "utf-8"
        return env

    async def start(self):
        """Start the lesson in its own process group; raises OSError if it cannot start."""
        self.started_ns = time.perf_counter_ns()
        self.process = await asyncio.create_subprocess_exec(
            *self.command(), stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=self.environment(), cwd=str(ROOT), start_new_session=True)
        self.seen_pids.add(self.process.pid)
        self._readers = [asyncio.ensure_future(self._pump(self.process.stdout, "stdout")),
                         asyncio.ensure_future(self._pump(self.process.stderr, "stderr"))]
        self._done = asyncio.ensure_future(self._wait())
        return self

    async def _pump(self, stream, name):
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        while True:
            chunk = await stream.read(65536)
            text = decoder.decode(chunk, final=not chunk)
            if text:
                self.on_output(name, text)
            if not chunk:
                return

    async def _wait(self):
        self.returncode = await self.process.wait()
        await asyncio.gather(*self._readers, return_exceptions=True)
        # Children of a finished lesson (a pool it forgot to join) must not outlive it.
        await self._end_tree(list(self._tree()))
        self.on_exit(self)
        return self.returncode

    async def wait(self):
        """Wait until the lesson has ended and its output is read; returns the exit status."""
        return await asyncio.shield(self._done)

    def remember_tree(self):
        """Note the pids of the running tree (called every second while it runs, so it only
        walks the known processes' children, not every process of the machine)."""
        for proc in self._tree(whole_group=False):
            self.seen_pids.add(proc.pid)

    def _tree(self, whole_group=True):
        found = {}
        for pid in list(self.seen_pids):
            try:
                proc = psutil.Process(pid)
                found[pid] = proc
                for child in proc.children(recursive=True):
                    found[child.pid] = child
            except psutil.Error:
                continue
        if whole_group and self.process is not None:    # anything still in the group
            for proc in psutil.process_iter():
                try:
                    if proc.pid not in found and os.getpgid(proc.pid) == self.process.pid:
                        found[proc.pid] = proc
                except (OSError, psutil.Error):
                    continue
        return [p for p in found.values() if _alive(p)]

    async def stop(self, by="you"):
        """Terminate the whole tree, kill what is left after a grace period, then check."""
        if self.process is None:
            return []
        if self.returncode is None:
            self.stopped_by = by
        await self._end_tree(self._tree())
        await self.wait()
        return self.leftovers

    async def _end_tree(self, procs):
        procs = [p for p in procs if _alive(p)]
        if not procs:
            self.leftovers = []
            return
        self.seen_pids.update(p.pid for p in procs)
        _signal_all(procs, signal.SIGTERM)
        procs = await _wait_gone(procs, GRACE_S)
        if procs:
            _signal_all(procs, signal.SIGKILL)
            procs = await _wait_gone(procs, GRACE_S)
        self.leftovers = [p.pid for p in procs]


def _alive(proc):
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _signal_all(procs, sig):
    for proc in procs:
        try:
            proc.send_signal(sig)
        except psutil.Error:
            pass


async def _wait_gone(procs, timeout):
    deadline = time.monotonic() + timeout
    while True:
        procs = [p for p in procs if _alive(p)]
        if not procs or time.monotonic() > deadline:
            return procs
        await asyncio.sleep(0.02)
