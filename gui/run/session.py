"""A lesson session: the trace model, its listener and the running workload, as one unit.

The window and the command line both run lessons through this, so a run behaves the same
with or without a screen.
"""
import asyncio
import platform
import time

from gui.run.workload_run import WorkloadRun
from gui.trace.listener import TraceListener
from gui.trace.model import TraceModel
from workloads import catalog


class LessonSession:
    def __init__(self, lesson, settings=None, python=None, on_output=None, on_exit=None):
        self.lesson = catalog.lesson(lesson)
        self.values = catalog.resolve(self.lesson, settings or {})
        self.python = python
        self.model = TraceModel(time.perf_counter_ns())
        self.listener = TraceListener(self.model)
        self.run = None
        self._on_output, self._on_exit = on_output, on_exit

    async def start(self):
        if self.python:
            self._python_version = await interpreter_version(self.python)
        await self.listener.start()
        self.model.origin_ns = time.perf_counter_ns()
        self.run = WorkloadRun(self.lesson, self.values, self.listener.env, self.python,
                               self._on_output, self._finished)
        try:
            await self.run.start()
        except BaseException:
            await self.listener.close()
            raise
        return self

    def _finished(self, run):
        lane = self.model.processes.get(run.pid)
        if lane is not None:
            lane.exit_code = run.returncode
            self.model.changed()
        if self._on_exit:
            self._on_exit(self)

    def remember_pids(self):
        """Every pid the probe or psutil has seen belongs to this run's tree."""
        if self.run is not None:
            self.run.seen_pids.update(self.model.processes)
            self.run.remember_tree()

    async def wait(self):
        code = await self.run.wait()
        await self.listener.drain()
        await self.listener.close()
        return code

    async def stop(self, by="you"):
        """Stop the lesson and its whole tree; returns pids that survived (should be none)."""
        if self.run is None:
            await self.listener.close()
            return []
        self.remember_pids()
        leftovers = await self.run.stop(by)
        await self.listener.drain()
        await self.listener.close()
        return leftovers

    @property
    def python_version(self):
        """Version of the interpreter that runs the lesson."""
        return getattr(self, "_python_version", None) or platform.python_version()


async def interpreter_version(python):
    """``"3.9.18"`` for an interpreter path, or None if it does not answer like a Python."""
    try:
        proc = await asyncio.create_subprocess_exec(
            python, "-c", "import platform; print(platform.python_version())",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    except OSError:
        return None
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), 30)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        return None
    text = out.decode(errors="replace").strip()
    return text if proc.returncode == 0 and text[:1].isdigit() else None
