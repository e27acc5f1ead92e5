import asyncio

import pytest

from gui.run.session import LessonSession
from gui.trace.model import STATES


def run_lesson(lesson_id, **settings):
    """Run a real lesson to its end under the probe; returns (session, console text)."""
    out = []

    async def go():
        session = LessonSession(lesson_id, {k: str(v) for k, v in settings.items()},
                                on_output=lambda stream, text: out.append(text))
        await session.start()
        await asyncio.wait_for(session.wait(), 120)
        return session

    loop = asyncio.new_event_loop()        # not asyncio.run: it would unset a test's loop
    try:
        session = loop.run_until_complete(go())
    finally:
        loop.close()
    return session, "".join(out)


@pytest.fixture
def lesson_run():
    return run_lesson


def spans_named(model, name):
    """(t0, t1, lane, state) of every span called `name`."""
    return [(float(t0), float(t1), model.lanes[lane], STATES[state])
            for t0, t1, lane, state, n in zip(model.spans["t0"], model.spans["t1"],
                                              model.spans["lane"], model.spans["state"],
                                              model.spans["name"])
            if model.names[n] == name]
