"""A lesson session: the trace model, its listener and the running workload, as one unit.

The window and the command line both run lessons through this, so a run behaves the same
with or without a screen.
"""
import asyncio
import platform
import sys
import time

import psutil

from gui.run.workload_run import WorkloadRun
from gui.trace.listener import TraceListener
from gui.trace.model import TraceModel
from workloads import catalog, interpreters


class CannotRun(OSError):
    """The lesson cannot run under the chosen interpreter; the message says why and what to
    do (an OSError, so every caller that reports a failed start reports this too)."""


class LessonSession:
    def __init__(self, lesson, settings=None, python=None, on_output=None, on_exit=None,
                 window=False, argv=None):
        self.lesson = catalog.lesson(lesson)
        self.argv = argv            # `python argv...` instead of the lesson (a user's script)
        # shown in the window: a lesson may then wait for Stop (a server stays up to visit)
        self.window = window
        self.values = catalog.resolve(self.lesson, settings or {})
        self.python = python
        self.model = TraceModel(time.perf_counter_ns())
        self.listener = TraceListener(self.model)
        self.run = None
        self._on_output, self._on_exit = on_output, on_exit

    async def start(self):
        if self.python:
            self.interpreter = await asyncio.to_thread(interpreters.ask, self.python)
            check_interpreter(self.lesson, self.python, self.interpreter)
            self._python_version = version_text(self.interpreter)
        check_syntax = getattr(self.lesson, "check_syntax", None)  # a student's version
        if check_syntax is not None:
            self.syntax_problem = await check_syntax(self.python)
            if self.syntax_problem is not None:
                raise self.syntax_problem
        await self.listener.start()
        self.model.origin_ns = time.perf_counter_ns()
        self._others = OtherPrograms()
        env = dict(self.listener.env, CLAB_WINDOW="1") if self.window else self.listener.env
        self.run = WorkloadRun(self.lesson, self.values, env, self.python,
                               self._on_output, self._finished, argv=self.argv)
        try:
            await self.run.start()
        except BaseException:
            await self.listener.close()
            raise
        return self

    def _finished(self, run):
        # the lesson is reaped by now, so its CPU time counts as this app's, not as others'
        self.model.others_cores = self._others.cores()
        lane = self.model.processes.get(run.pid)
        if lane is not None:
            lane.exit_code = run.returncode
            self.model.changed()
        if self._on_exit:
            self._on_exit(self)

    async def wait(self):
        code = await self.run.wait()
        await self.listener.drain()
        await self.listener.close()
        return code

    async def stop(self, by="you"):
        """Stop the lesson and its whole tree; returns pids that survived (should be none).
        The tree is what the OS reports (`gui/run/process_tree.py`); the pids in the trace
        are what its processes say of themselves: shown, never trusted with a signal."""
        if self.run is None:
            await self.listener.close()
            return []
        leftovers = await self.run.stop(by)
        await self.listener.drain()
        await self.listener.close()
        return leftovers

    interpreter = None              # an interpreters.Interpreter when `python` was chosen
    syntax_problem = None           # a student's version that does not compile: why

    @property
    def others_cores(self):
        """How many cores' worth of CPU other programs took, on average, while the lesson
        ran; None until it has ended."""
        return self.model.others_cores

    @property
    def python_version(self):
        """Version of the interpreter that runs the lesson: "3.9.18", "3.13.0t"."""
        return getattr(self, "_python_version", None) or platform.python_version()


class OtherPrograms:
    """Measures how many cores other programs keep busy while a lesson runs: the whole
    machine's busy CPU time less this app's own (the lesson's processes count as this app's
    once they are reaped), over the wall time. A claim such as "processes run together" can
    only show when the cores it needs are free. Two cheap reads of /proc at the start and
    at the end. Only where psutil reports the CPU time of reaped children (Linux): elsewhere
    the lesson's own processes would count as others, so nothing is measured (None)."""

    measurable = sys.platform.startswith("linux")

    def __init__(self):
        self._me = psutil.Process()
        self._start = self._sample()

    def _sample(self):
        return time.perf_counter(), busy_seconds(psutil.cpu_times()), own_seconds(self._me)

    def cores(self):
        """The average since the start, in cores (0.0 or more), or None."""
        if not self.measurable:
            return None
        (wall0, busy0, own0), (wall1, busy1, own1) = self._start, self._sample()
        if wall1 <= wall0:
            return 0.0
        return round(max(0.0, (busy1 - busy0) - (own1 - own0)) / (wall1 - wall0), 3)


def busy_seconds(times):
    """CPU seconds the machine's cores were not idle: all but idle and iowait. Time a
    hypervisor gave another machine (steal) counts: the core was taken. Guest time is also
    counted in user and nice on Linux, so it is left out once."""
    fields = times._asdict()
    left_out = ("idle", "iowait", "guest", "guest_nice")
    return sum(value for name, value in fields.items() if name not in left_out)


def own_seconds(process):
    """CPU seconds of this process and of the children it has reaped (and theirs)."""
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def version_text(interpreter):
    return interpreter.release + ("t" if interpreter.free_threaded else "")


def check_interpreter(lesson, python, interpreter):
    """CannotRun with what to do when `lesson` cannot run under `python`."""
    if interpreter is None:
        raise CannotRun(f"{python} does not answer like a Python interpreter")
    if not interpreter.usable:
        raise CannotRun(f"{interpreter.reason}; choose Python "
                        f"{interpreters.MIN_VERSION[0]}.{interpreters.MIN_VERSION[1]} or newer")
    missing = interpreter.missing(lesson.packages)
    if missing:
        names = " and ".join(missing)
        raise CannotRun(f"{lesson.id} needs {names}, which Python {interpreter.release} at "
                        f"{python} does not have. Install it there with: "
                        f"{interpreter.install_hint(missing)}")
