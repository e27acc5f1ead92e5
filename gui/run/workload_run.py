"""One running lesson: starts it, streams its output, stops its whole process tree.

`WorkloadRun` owns the lesson's process from start to cleanup. It is plain asyncio (the window
drives it from the qasync loop, the command line from `asyncio.run`), reports through
callbacks, and turns the exit status into words. Which processes it may signal is the OS's
answer, never the trace's (`gui/run/process_tree.py`). Its `ProcessTree` is the one owner that
scans the lesson's processes: every half second, in a worker thread, it notes the tree's
members (for Stop) and about once a second reads them for the cores view, which is handed the
`Snapshot` through `on_processes` and scans nothing itself.
"""
import asyncio
import codecs
import os
import sys
import time
from pathlib import Path

import psutil

from gui.run.exit_reason import describe
from gui.run.process_tree import ProcessTree
from gui.tasks import spawn
from workloads import catalog

ROOT = Path(__file__).resolve().parents[2]          # holds gui/ and workloads/
BOOT = Path(catalog.__file__).resolve().parent / "_boot"
SCRIPT_RUNNER = "workloads._trace.script_run"      # runs a file as __main__, traced
WATCH_S = 0.5           # how often the running tree is looked at (children that leave it)
SHOW_EVERY = 2          # every second look is read for the cores view: about once a second
LINGER_S = 1.0          # after the lesson's end: for its output, then for its children
EXIT_POLL_S = 0.02


class WorkloadRun:
    """``run = WorkloadRun("process.pool", values, listener_env); await run.start()``."""

    def __init__(self, lesson, values, trace_env=None, python=None,
                 on_output=None, on_exit=None, argv=None, on_processes=None):
        self.lesson = catalog.lesson(lesson)
        self.values = values
        self.python = python or sys.executable
        self.trace_env = trace_env or {}
        self.on_output = on_output or (lambda stream, text: None)
        self.on_exit = on_exit or (lambda run: None)
        # a `process_tree.Snapshot` about once a second while the lesson runs, on the loop;
        # with nobody to show it to (the command line), the tree is only noted, not read
        self.on_processes = on_processes
        self.argv = argv                # `python argv...` instead of the lesson (benchmarks)
        self.process = None
        self.returncode = None
        self.stopped_by = None          # who asked for the stop: "you", "the deadlock watch"
        self.started_ns = None
        self.tree = None                # the processes of this run, as the OS reports them
        self.leftovers = []             # pids still alive after the end (should stay empty)
        self.snapshot = None            # the newest `Snapshot` of the running tree
        self._readers = []
        self._done = None
        self._stopping = None
        self._watcher = None

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
        args = catalog.command_args(self.lesson.id, self.values)
        script = getattr(self.lesson, "script", "")     # a student's version of the lesson
        if script:
            return [self.python, "-m", SCRIPT_RUNNER, str(ROOT), script, *args]
        return [self.python, "-m", self.lesson.module, *args]

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
        self.tree = await asyncio.to_thread(own_tree, self.process.pid)
        if self.tree is not None:
            self._watcher = spawn(self._watch_tree(), f"watching the processes of {self.name}")
        self._readers = [spawn(self._pump(self.process.stdout, "stdout"),
                               f"reading the output of {self.name}"),
                         spawn(self._pump(self.process.stderr, "stderr"),
                               f"reading the errors of {self.name}")]
        self._done = spawn(self._wait(), f"ending {self.name}")
        return self

    @property
    def name(self):
        return self.lesson.id or "the workload"

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
        # Not `process.wait()`: it also waits for the output pipes to close, which a process
        # the lesson left behind may hold open for ever.
        while self.process.returncode is None:
            await asyncio.sleep(EXIT_POLL_S)
        self.returncode = self.process.returncode
        if self._watcher is not None:
            self._watcher.cancel()
        # What its processes still write comes first. Children of a finished lesson (a pool
        # it forgot to join, an orphan that holds its output open) must not outlive it: the
        # whole tree is ended and checked before the run counts as over.
        await asyncio.wait(self._readers, timeout=LINGER_S)
        await self._end_tree()
        _, stuck = await asyncio.wait(self._readers, timeout=LINGER_S)
        for reader in stuck:            # held open by a process that is not of this run
            reader.cancel()
        self.on_exit(self)
        return self.returncode

    async def wait(self):
        """Wait until the lesson has ended and its output is read; returns the exit status."""
        return await asyncio.shield(self._done)

    async def look_at_tree(self, show=True):
        """Note the processes of the running tree: a child that leaves the lesson's session
        (`setsid`) is known while its parent still shows it, and ended with the rest. With
        `show`, also hand a `Snapshot` of them to `on_processes`."""
        if self.tree is None:
            return
        snapshot = await asyncio.to_thread(self.tree.look, show)
        if snapshot is not None and self.returncode is None and self.on_processes is not None:
            self.snapshot = snapshot
            self.on_processes(snapshot)

    async def _watch_tree(self):
        looks = 0
        while self.returncode is None:
            shown = self.on_processes is not None and (looks % SHOW_EVERY == 0
                                                       or self.snapshot is None)
            await self.look_at_tree(show=shown)     # the first one as soon as someone looks
            looks += 1
            await asyncio.sleep(WATCH_S)

    async def stop(self, by="you"):
        """Terminate the whole tree, kill what is left after a grace period, then check."""
        if self.process is None:
            return []
        if self.returncode is None and self.stopped_by is None:
            self.stopped_by = by
        if self._stopping is None:      # a second Stop waits for the first
            self._stopping = spawn(self._stop(), f"stopping {self.name}")
        await asyncio.shield(self._stopping)
        return self.leftovers

    async def _stop(self):
        await self._end_tree()
        await self.wait()               # ends and checks the whole tree once more

    async def _end_tree(self):
        self.leftovers = await self.tree.end() if self.tree is not None else []


def own_tree(pid):
    """The `ProcessTree` of the process we just started as `pid`, or None when it has already
    ended and been reaped (it started nothing), or its pid went to a process not ours."""
    try:
        tree = ProcessTree(pid)
        if tree.root.ppid() == os.getpid():     # not yet reaped: still our child
            return tree
    except psutil.NoSuchProcess:
        pass
    return None
