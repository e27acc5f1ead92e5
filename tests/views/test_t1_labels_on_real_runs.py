"""Labels on real runs: what the timeline writes on a finished run of the lessons with the
most words on it never overlaps another label and is never cut by the view's edge, at the
normal size and at presentation size; a deadlock's waits stay drawn long after they began."""
import asyncio
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from gui.run.session import LessonSession  # noqa: E402
from gui.trace.model import STATES  # noqa: E402
from gui.views.palette import LIGHT  # noqa: E402
from tests.lessons.conftest import run_lesson  # noqa: E402

S = {name: code for code, name in enumerate(STATES)}
RUNS = {"distributed.worker_crash": {"tasks": 4},
        "threads.race": {"variant": "widened"},
        "process.pipe": {"messages": 3}}
# words each picture must show (the rest may give way where they would overlap)
MUST = {"distributed.worker_crash": {"killed by SIGKILL", "killed holding task #0"},
        "threads.race": {"stale write"},
        "process.pipe": {"ping 1", "pong 1", "ping 2", "pong 2", "ping 3", "pong 3"}}


@pytest.fixture(scope="module")
def finished():
    """One finished run of each lesson, shared by the tests of this file."""
    runs = {}
    for lesson, settings in RUNS.items():
        session, out = run_lesson(lesson, **settings)
        assert session.run.returncode == 0, out
        runs[lesson] = session.model
    return runs


def overlapping(boxes):
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.intersects(b)]


@pytest.mark.parametrize("scale", [1.0, 1.6], ids=["normal", "presentation"])
@pytest.mark.parametrize("lesson", list(RUNS))
def test_labels_of_a_finished_run_never_overlap_nor_leave_the_view(view, finished, lesson,
                                                                   scale):
    view.apply_look(LIGHT, scale)
    view.set_model(finished[lesson])
    view.plot.grab()
    placed = view.spans.drawn_labels
    boxes = [box for box, _ in placed]
    assert not overlapping(boxes), [text for _, text in placed]
    inside = view.plot.mapFromScene(view.viewbox.sceneBoundingRect()).boundingRect()
    assert [text for box, text in placed if not inside.adjusted(-1, -1, 1, 1).contains(
        box.toRect())] == []
    if scale == 1.0:
        assert MUST[lesson] <= {text for _, text in placed}


def test_a_deadlock_seen_live_long_after_its_waits_began_still_shows_them(view):
    async def go():
        session = LessonSession("threads.deadlock", {"variant": "deadlock"})
        await session.start()
        try:
            view.set_model(session.model)
            view.set_live(True)
            for _ in range(1500):           # until both threads wait for each other
                if sum(state == S["wait.lock"]
                       for _, state, _ in session.model.open_spans) == 2:
                    break
                await asyncio.sleep(0.02)
            # the class has watched for a minute: the run began 60 s ago
            session.model.origin_ns = time.perf_counter_ns() - 60 * 10 ** 9
            view.tick()
            return view.plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32), \
                dict(session.model.open_spans)
        finally:
            await session.stop()

    image, waits = asyncio.run(go())
    (x0, x1), _ = view.viewbox.viewRange()
    assert x0 > 30
    wait_lock = LIGHT.state_colors[S["wait.lock"]].rgb() & 0xFFFFFF
    rows = view.model.lane_rows()
    for lane, state, _ in waits:
        if state != S["wait.lock"]:
            continue
        for t in (x0 + 0.05 * (x1 - x0), x0 + 0.85 * (x1 - x0)):
            at = view.plot.mapFromScene(view.viewbox.mapViewToScene(
                QPointF(t, rows[lane] + 0.5)))
            assert image.pixel(at.x(), at.y()) & 0xFFFFFF == wait_lock
