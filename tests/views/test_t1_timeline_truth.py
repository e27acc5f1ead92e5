"""The timeline tells the truth: a wait that began long ago is drawn for as long as it lasts,
the shortest slice stays visible, a bar says what it waits for or holds, and no two labels
overlap. Built models, no processes: the real runs are in test_t1_labels_on_real_runs.py."""
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from gui.trace.model import STATES, TraceModel  # noqa: E402
from gui.views import label_text  # noqa: E402
from gui.views.coverage import widen_islands  # noqa: E402
from gui.views.palette import LIGHT  # noqa: E402

S = {name: code for code, name in enumerate(STATES)}


def rgb(state):
    return LIGHT.state_colors[S[state]].rgb() & 0xFFFFFF


def deadlocked(seconds_ago):
    """A run that began `seconds_ago`: two threads, each holding one lock since 0.1 s and
    waiting for the other since 0.3 s, still open (a deadlock adds nothing more)."""
    model = TraceModel(origin_ns=time.perf_counter_ns() - int(seconds_ago * 1e9))
    model.process(1, 0, "MainProcess", start=0.0)
    model.thread_started(1, 1, 1, "MainThread", 0.0)
    lanes = []
    for key, (held, wanted) in ((2, ("lock_a", "lock_b")), (3, ("lock_b", "lock_a"))):
        lane = model.thread_started(1, key, 100 + key, f"Thread-{key - 1}", 0.05)
        model.begin(lane.id, S["lock.hold"], held, 0.1)
        model.begin(lane.id, S["wait.lock"], wanted, 0.3)
        lanes.append(lane)
    return model, lanes


def picture(view):
    return view.plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def pixel(view, t, y):
    at = view.plot.mapFromScene(view.viewbox.mapViewToScene(QPointF(t, y)))
    return round(at.x()), round(at.y())


def colour_at(view, image, t, y):
    return image.pixel(*pixel(view, t, y)) & 0xFFFFFF


def test_waits_that_began_long_before_the_live_window_are_drawn_all_along_it(view):
    model, lanes = deadlocked(seconds_ago=60)
    view.set_model(model)
    view.set_live(True)
    view.tick()
    x0, x1 = view.viewbox.viewRange()[0]
    assert x0 > 30 and x1 >= 60            # the live view slid far past where the waits began
    image = picture(view)
    rows = model.lane_rows()
    for lane in lanes:
        row = int(rows[lane.id])
        along = [colour_at(view, image, x0 + f * (x1 - x0), row + 0.5)
                 for f in (0.02, 0.2, 0.8, 0.9)]       # its label is in the middle
        assert along == [rgb("wait.lock")] * 4
        assert colour_at(view, image, (x0 + x1) / 2, row + 0.2) == rgb("lock.hold")
    assert {text for _, text in view.spans.drawn_labels} == {
        "holds lock_a, waits for lock_b", "holds lock_b, waits for lock_a"}


@pytest.mark.parametrize("many", [False, True], ids=["vector", "raster"])
def test_a_finished_span_that_began_before_the_window_is_drawn_inside_it(view, many):
    model = TraceModel()
    model.process(1, 0, "MainProcess", start=0.0)
    long = model.thread_started(1, 2, 102, "Sleeper", 0.0)
    busy = model.thread_started(1, 3, 103, "Busy", 0.0)
    model.add_spans([0.5], [100.0], [long.id], [S["wait.io"]], [model.name_id("sleep")])
    n = 5000 if many else 10                # many slices in view: drawn as a raster
    t0 = 90 + np.arange(n) * (8 / n)
    model.add_spans(t0, t0 + 4 / n, np.full(n, busy.id), np.full(n, S["run"], np.uint8),
                    np.zeros(n, np.int32))
    view.set_model(model)
    view.viewbox.setXRange(90, 98, padding=0)
    image = picture(view)
    assert view.spans.mode == ("raster" if many else "vector")
    row = int(model.lane_rows()[long.id])
    assert [colour_at(view, image, t, row + 0.5) for t in (90.2, 91, 97, 97.8)] == \
        [rgb("wait.io")] * 4


def test_a_slice_far_shorter_than_a_pixel_is_two_pixels_wide_and_keeps_to_its_place(view):
    model = TraceModel()
    model.process(1, 0, "MainProcess", start=0.0)
    lane = model.thread_started(1, 2, 102, "Worker", 0.0)
    model.add_spans([5.0, 5.0 + 2e-6], [5.0 + 1e-6, 7.0], [lane.id, lane.id],
                    [S["run"], S["wait.gil"]], [0, 0])
    view.set_model(model)
    view.viewbox.setXRange(0, 10, padding=0)
    image = picture(view)
    x, y = pixel(view, 5.0, int(model.lane_rows()[lane.id]) + 0.5)
    row = [image.pixel(x + dx, y) & 0xFFFFFF for dx in range(-3, 6)]
    assert row.count(rgb("run")) >= 2                    # 1 us at 10 s across: still seen
    assert row.count(rgb("run")) <= 3                    # ...and no wider than it must be
    assert row[-1] == rgb("wait.gil")                    # the wait that follows still shows


def test_a_lone_pixel_of_the_raster_grows_only_into_empty_room():
    states = np.array([[0, 3, 0, 0, 2, 2, 0, 5, 4, 1]], np.uint8)
    assert widen_islands(states).tolist() == [[0, 3, 3, 0, 2, 2, 0, 5, 4, 1]]


def test_marks_exits_and_arrows_share_the_room_without_overlapping(view):
    model = TraceModel()
    main = model.process(1, 0, "MainProcess", start=0.0)
    worker = model.process(2, 1, "worker on vm", start=0.1)
    lane = model.thread_started(2, 2, 2, "MainThread", 0.1)
    model.add_mark(0.97, lane.id, "killed holding task #0")
    worker.end, worker.exit_code = 0.98, -9
    main.end = 2.0
    model.touch(2.0)
    for n, t in enumerate((0.2, 0.22, 0.24, 0.26), 1):
        model.add_mark(t, lane.id, "stale write")
        model.add_flow(t, main.id, "ping", n, 1)
        model.add_flow(t + 0.01, lane.id, "ping", n, -1)
    view.apply_look(LIGHT, 1.0)                     # 13 pt, whatever an earlier test left
    view.set_model(model)
    view.viewbox.setXRange(0, 1.0, padding=0)        # the killed worker ends at the edge
    picture(view)
    assert view.viewbox.viewRange()[0][1] == pytest.approx(1.0)
    placed = view.spans.drawn_labels
    texts = [text for _, text in placed]
    assert "killed by SIGKILL" in texts and "killed holding task #0" in texts
    assert "ping 1" in texts and "stale write" in texts
    boxes = [box for box, _ in placed]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.intersects(b)]
    inside = view.plot.mapFromScene(view.viewbox.sceneBoundingRect()).boundingRect()
    assert all(inside.adjusted(-1, -1, 1, 1).contains(box.toRect()) for box in boxes)


def test_label_texts_are_translated_when_known_and_kept_when_the_lessons_own(monkeypatch):
    words = {"stale write": "陈旧写入", "killed holding task #{n}": "被杀时持有任务 #{n}",
             "waits for {lock}": "等待 {lock}", "holds {held}, waits for {lock}":
             "持有 {held}，等待 {lock}", "manager on {host}": "{host} 上的管理者"}
    monkeypatch.setattr(label_text, "translate", lambda context, text: words.get(text, text))
    assert label_text.shown("stale write") == "陈旧写入"
    assert label_text.shown("killed holding task #0") == "被杀时持有任务 #0"
    assert label_text.shown("PID 7 · manager on vm") == "PID 7 · vm 上的管理者"
    assert label_text.span_label(S["wait.lock"], "lock_b") == "等待 lock_b"
    assert label_text.span_label(S["wait.lock"], "lock_b", ["lock_a"]) == "持有 lock_a，等待 lock_b"
    for own in ("lock_a", "Thread-1", "recv()", "task 3"):
        assert label_text.shown(own) == own
