"""Replay the real run: the race lesson's interleaving, recorded from a real, unstepped run of
its widened variant (the lesson's ``steps`` figure), stepped again on the real threads at the
teacher's speed. The figure starts mid-run and skips a long turn of one thread, so the replay
starts fresh and makes the same switches (`scheduler_words.replay_plan`); it uses the rules
of any machine, because the switches are where the real run made them.

Each function takes the `gui.scheduler_mode.SchedulerMode` that owns the stepped run.
"""
import asyncio
import json
import sys

from gui.i18n import translate
from gui.run.workload_run import ROOT
from gui.views import scheduler_words as words

RECORD_TRIES = 3                # real runs of the widened race until one loses an update
STEPS_PER_EVENT = 40            # a recorded read or write is at most this many steps away


async def replay(mode, generation, speed):
    """Record (or take the window's last run), start afresh, then step at `speed` steps a
    second until the recorded events have happened; stops when `generation` is over."""
    steps = await _recorded(mode, generation)
    if generation != mode.generation:
        return
    if not steps:
        mode.panel.refuse(lambda: translate(
            "Scheduler", "The real runs lost no update this time: nothing to replay."))
        return
    mode.values = dict(mode.values, variant="widened")
    mode.goal = words.goal_of(mode.lesson_id, mode.values)
    mode._revealed = False
    # the recorded switches are where the real run made them: replayed as they came
    mode.panel.rules.setCurrentIndex(mode.panel.rules.findData("any"))
    await mode._start(generation, "any", ask=False)
    if mode.run is None:
        return
    mode._replaying = True
    try:
        await _play(mode, generation, steps, speed)
    finally:
        mode._replaying = False


async def _play(mode, generation, steps, speed):
    for event in words.replay_plan(steps):
        for _ in range(STEPS_PER_EVENT):
            await asyncio.sleep(1.0 / speed)
            if generation != mode.generation:
                return
            step = await mode._step(event[0], generation)
            if step is None or words.replay_done(step, event, "balance"):
                break


async def _recorded(mode, generation):
    """The ``steps`` figure of a real run of the widened race: the window's last run when
    it has one, else new real runs (up to `RECORD_TRIES`)."""
    session = mode.window.runner.session
    if session is not None and session.lesson.id == mode.lesson_id and \
            session.values.get("variant") == "widened" and session.model.result.get("steps"):
        return session.model.result["steps"]
    mode.panel.say(lambda: translate("Scheduler", "Recording a real run of the widened "
                                                  "race…"))
    python = mode.window.interpreter.python()
    argv = [sys.executable, "-m", "gui", "run", mode.lesson_id, "--set", "variant=widened",
            "--json"] + (["--python", python] if python else [])
    for _ in range(RECORD_TRIES):
        mode._recorder = await asyncio.create_subprocess_exec(
            *argv, cwd=str(ROOT), stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, start_new_session=True)
        out, _ = await mode._recorder.communicate()
        if generation != mode.generation or mode._recorder.returncode:
            return None
        lines = out.decode("utf-8", "replace").strip().splitlines()
        figures = json.loads(lines[-1]) if lines else {}
        if figures.get("steps"):
            return figures["steps"]
    return None
