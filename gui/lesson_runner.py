"""Qt face of a `LessonSession`: the window asks it to run or stop and listens to its signals.

Runs on the qasync loop; never blocks the GUI thread. One run at a time: running a new lesson
stops the previous one first.
"""
import asyncio

from PySide6.QtCore import QObject, QTimer, Signal

from gui.i18n import translate
from gui.run.session import LessonSession


class LessonRunner(QObject):
    output = Signal(str, str)            # stream ("stdout", "stderr", "status"), text
    started = Signal(object)             # LessonSession
    finished = Signal(object)            # LessonSession, after it ended on its own or by Stop
    failed = Signal(str)                 # could not start: a one-line reason

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self._task = None
        self._watch = QTimer(self)
        self._watch.setInterval(1000)
        self._watch.timeout.connect(self._remember_pids)

    @property
    def running(self):
        return self.session is not None and self.session.run is not None \
            and self.session.run.running

    def run(self, lesson_id, values, python=None):
        """Start a lesson (stopping any current one first)."""
        self._task = asyncio.ensure_future(self._run(lesson_id, values, python))
        return self._task

    async def _run(self, lesson_id, values, python):
        if self.running:
            await self.stop()
        session = LessonSession(lesson_id, values, python, on_output=self.output.emit)
        self.session = session
        try:
            await session.start()
        except OSError as exc:
            self.failed.emit(translate("LessonRunner", "could not start {lesson}: {error}")
                             .format(lesson=lesson_id, error=exc))
            return
        self.started.emit(session)
        self._watch.start()
        await session.wait()
        self._watch.stop()
        if self.session is session:
            self.finished.emit(session)

    async def stop(self):
        """Stop the running lesson's whole tree; returns the pids that survived (none)."""
        session = self.session
        if session is None or session.run is None:
            return []
        self._watch.stop()
        leftovers = await session.stop()
        if leftovers:
            text = translate("LessonRunner", "Still running after Stop: {pids}").format(
                pids=leftovers)
            self.output.emit("stderr", f"\n{text}\n")
        return leftovers

    def _remember_pids(self):
        if self.session is not None:
            self.session.remember_pids()
