"""Stop a real lesson in the middle of its run and check that nothing is left behind."""
import asyncio
from dataclasses import dataclass

import psutil

from gui.run.session import LessonSession


@dataclass
class Stopped:
    session: LessonSession
    running: bool           # the lesson was still running when Stop came
    pids: list              # every process the probe had seen by then
    leftovers: list         # what survived the stop (must be empty)


def stop_midway(lesson_id, processes, **settings):
    """Run a lesson until `processes` of its processes have connected, then press Stop."""
    async def go():
        session = LessonSession(lesson_id, {k: str(v) for k, v in settings.items()})
        await session.start()
        for _ in range(1500):               # until the lesson's processes have connected
            if len(session.model.processes) >= processes or not session.run.running:
                break
            await asyncio.sleep(0.02)
        running = session.run.running
        pids = list(session.model.processes)
        leftovers = await session.stop()
        return Stopped(session, running, pids, leftovers)
    return asyncio.run(go())


def alive(pid):
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def assert_nothing_left(stopped, at_least):
    """The stop came mid-run, by the user, and no process of the lesson survived it."""
    assert stopped.running and stopped.session.run.stopped_by == "you"
    assert len(stopped.pids) >= at_least
    assert stopped.leftovers == [] and stopped.session.run.leftovers == []
    assert not [pid for pid in stopped.pids if alive(pid)]
