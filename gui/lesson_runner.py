"""Qt face of a `LessonSession`: the window asks it to run or stop and listens to its signals.

Runs on the qasync loop; never blocks the GUI thread. One run at a time: the runner is busy
from the moment a run is asked for (while it starts, runs and ends) until its whole process
tree has been ended and checked. A run asked for meanwhile first stops the current one and
waits for its end; Stop while a run is starting stops it as soon as it has started, and a run
stopped before it could start never starts.

While a run is on, the runner passes on what the run's process tree (its one owner, in
`gui/run/process_tree.py`) found: `processes_changed` carries a `Snapshot` about once a second,
and None once the run has ended; the cores view shows it (`CoresView.show_processes`).
"""
import asyncio
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from gui.i18n import translate
from gui.run.session import LessonSession
from gui.tasks import spawn

IDLE, STARTING, RUNNING, STOPPING = "idle", "starting", "running", "stopping"


@dataclass(eq=False)
class _Job:
    """One run asked for."""
    lesson_id: object
    values: dict
    python: object = None
    make_session: object = None         # builds its session (a user's script); a lesson's else
    stop_wanted: bool = False
    started: bool = False               # its session has started (its lesson runs)
    session: LessonSession = None
    stopping: asyncio.Future = None
    task: asyncio.Task = field(default=None, repr=False)


class LessonRunner(QObject):
    output = Signal(str, str)            # stream ("stdout", "stderr", "status"), text
    started = Signal(object)             # LessonSession
    finished = Signal(object)            # LessonSession, after it ended on its own or by Stop
    failed = Signal(str)                 # could not start: a one-line reason
    cancelled = Signal()                 # stopped before it started: nothing ran
    processes_changed = Signal(object)   # process_tree.Snapshot while it runs; None after

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.state = IDLE
        self._job = None                 # the newest run asked for, until it has ended

    @property
    def busy(self):
        """A run is starting, running or being ended: nothing new starts now."""
        return self._job is not None

    @property
    def stopping(self):
        """Stop was asked for the current run (it may still be starting)."""
        return self._job is not None and self._job.stop_wanted

    @property
    def running(self):
        """The lesson's first process is alive."""
        return self.session is not None and self.session.run is not None \
            and self.session.run.running

    def run(self, lesson_id, values, python=None, make_session=None):
        """Start a lesson; a current run is stopped, and has ended, before this one starts.
        `make_session`, called like `LessonSession`, builds what runs instead (a user's
        script). Returns the task of this run (done when it has ended)."""
        previous = self._job
        if previous is not None:
            self._stop_job(previous)
        job = self._job = _Job(lesson_id, values, python, make_session)
        job.task = spawn(self._run(job, previous), f"running {describe(lesson_id)}")
        if previous is None:
            self.state = STARTING
        return job.task

    async def stop(self):
        """Stop the current run (also one still starting) and wait until its whole tree has
        ended; returns the pids that survived (none)."""
        job = self._job
        if job is None:
            return []
        self._stop_job(job)
        await asyncio.gather(job.task, return_exceptions=True)
        if job.session is None or job.session.run is None:
            return []
        leftovers = job.session.run.leftovers
        if leftovers:
            text = translate("LessonRunner", "Still running after Stop: {pids}").format(
                pids=leftovers)
            self.output.emit("stderr", f"\n{text}\n")
        return leftovers

    def _stop_job(self, job):
        job.stop_wanted = True
        if job.started and job.stopping is None:
            self.state = STOPPING
            job.stopping = spawn(job.session.stop(), f"stopping {describe(job.lesson_id)}")

    async def _run(self, job, previous):
        try:
            if previous is not None:        # it was asked to stop: wait for its whole end
                await asyncio.gather(previous.task, return_exceptions=True)
            if job.stop_wanted:             # stopped (or replaced) before it could start
                self._idle(job)
                self.cancelled.emit()
                return
            await self._run_job(job)
        finally:
            self._idle(job)

    async def _run_job(self, job):
        self.state = STARTING
        make = job.make_session or LessonSession
        session = job.session = self.session = make(
            job.lesson_id, job.values, job.python, on_output=self.output.emit, window=True)
        try:
            await session.start()
        except OSError as exc:
            self._idle(job)
            self.failed.emit(translate("LessonRunner", "could not start {lesson}: {error}")
                             .format(lesson=describe(job.lesson_id), error=exc))
            return
        job.started, self.state = True, RUNNING
        self.started.emit(session)
        session.run.on_processes = self.processes_changed.emit     # the next look shows them
        if job.stop_wanted:                 # Stop came while it was starting
            self._stop_job(job)
        await session.wait()                # the lesson ended and its whole tree was checked
        if job.stopping is not None:
            await job.stopping
        self._idle(job)
        self.processes_changed.emit(None)
        self.finished.emit(session)

    def _idle(self, job):
        if self._job is job:
            self._job = None
            self.state = IDLE


def describe(lesson_id):
    """The id of a lesson given as its id or as a `catalog.Lesson`."""
    return getattr(lesson_id, "id", lesson_id)
