"""The pre-class check: does each lesson's claim hold on this computer?

Each lesson runs headless, as `concurrency-lab run` runs it (same session, probe and model),
with its unit's quick settings once per variant (`LessonUnit.check_runs`), and its unit says
what the class should see and whether this run showed it (`LessonUnit.claim`).
"""
import asyncio

from gui.lessons import run_of
from gui.run.session import LessonSession
from gui.tasks import spawn


async def run_once(lesson_id, values, python=None, limit_s=180.0):
    """Run a lesson to its end (a deadlock is reported and stopped, as on the command line;
    a run past `limit_s` is stopped); returns (Run, session)."""
    from gui.cli import _stop_on_deadlock
    session = LessonSession(lesson_id, values, python, on_output=lambda stream, text: None)
    await session.start()
    watch = spawn(_stop_on_deadlock(session), "watching for a deadlock")
    try:
        try:
            await asyncio.wait_for(asyncio.shield(session.wait()), limit_s)
        except asyncio.TimeoutError:
            await session.stop(by="the check's time limit")
    finally:
        watch.cancel()
        if session.run.running:
            await session.stop()
    return run_of(session), session
