"""The timeline view as a user sees it: labels, colours, tooltips, export, big traces."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from gui.trace.model import STATES, TraceModel  # noqa: E402
from gui.views.palette import STATE_ARGB, STATE_LABELS  # noqa: E402
from gui.views.timeline_view import TimelineView  # noqa: E402

S = {name: code for code, name in enumerate(STATES)}
RUN_RGB = int(STATE_ARGB[S["run"]]) & 0xFFFFFF
GIL_RGB = int(STATE_ARGB[S["wait.gil"]]) & 0xFFFFFF


def small_model():
    """Two processes (parent and pool worker), two threads each, a few spans of every kind."""
    m = TraceModel()
    lanes = {}
    for pid, ppid, name in ((100, 0, "MainProcess"), (101, 100, "SpawnPoolWorker-1")):
        proc = m.process(pid, ppid, name, start=0.0)
        proc.end, proc.exit_code = 1.0, 0
        for tid, tname in ((pid * 10 + 1, "MainThread"), (pid * 10 + 2, "Worker-1")):
            lanes[pid, tname] = m.thread(pid, tid, tname)
            lanes[pid, tname].start = 0.0

    def span(pid, thread, t0, t1, state, name):
        m.add_spans([t0], [t1], [lanes[pid, thread].id], [S[state]], [m.name_id(name)])

    span(100, "MainThread", 0.0, 0.4, "run", "compute")
    span(100, "MainThread", 0.4, 0.6, "wait.gil", "want the GIL")
    span(100, "Worker-1", 0.1, 0.5, "wait.lock", "acquire")
    span(100, "Worker-1", 0.5, 0.9, "lock.hold", "critical section")
    span(101, "MainThread", 0.2, 0.8, "task", "task 3")
    span(101, "Worker-1", 0.0, 0.7, "wait.io", "sleep(0.7)")
    m.add_mark(0.3, lanes[100, "MainThread"].id, "put A")
    m.add_flow(0.3, lanes[100, "MainThread"].id, "job", 1, 1)
    m.add_flow(0.35, lanes[101, "MainThread"].id, "job", 1, -1)
    return m


def row_of(model, label, pid):
    return next(i for i, (lane, _) in enumerate(model.rows())
                if lane.label == label and lane.pid == pid)


def colours(image):
    """RGB values (0xRRGGBB) of every pixel of a QImage."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint32, image.sizeInBytes() // 4)
    return data.reshape(image.height(), -1)[:, :image.width()] & 0xFFFFFF


def test_one_label_per_row_in_order(view, qtbot):
    model = small_model()
    view.set_model(model)
    view.grab()
    expected = ["PID 100 · main process", "MainThread", "Worker-1",
                "PID 101 · Pool worker 1", "MainThread", "Worker-1"]
    assert [lane.label for lane, _ in model.rows()] == expected
    qtbot.waitUntil(lambda: [text for _, text in view.lane_axis.drawn] == expected)
    assert [row for row, _ in view.lane_axis.drawn] == list(range(len(expected)))


def test_new_model_replaces_labels(view, qtbot):
    view.set_model(small_model())
    other = TraceModel()
    other.process(7, 0, "MainProcess", start=0.0)
    lane = other.thread(7, 70, "LoopThread")
    other.add_spans([0.0], [2.0], [lane.id], [S["run"]], [other.name_id("loop")])
    view.set_model(other)
    view.grab()
    qtbot.waitUntil(lambda: [t for _, t in view.lane_axis.drawn]
                    == ["PID 7 · main process", "LoopThread"])


def test_export_png_is_a_real_picture(view, tmp_path):
    view.set_model(small_model())
    path = view.export_png(tmp_path / "timeline.png")
    image = QImage(str(path))
    assert not image.isNull() and (image.width(), image.height()) == (1600, 900)
    pixels = colours(image)
    values, counts = np.unique(pixels, return_counts=True)
    assert (counts > 200).sum() >= 6, "expected several colour areas, not a blank picture"
    assert counts[values == RUN_RGB].sum() > 500, "the running span is drawn in its colour"


def test_tooltip_names_the_span_under_the_mouse(view, qtbot):
    model = small_model()
    view.set_model(model)
    row = row_of(model, "MainThread", 101)
    scene = view.viewbox.mapViewToScene(QPointF(0.5, row + 0.5))
    qtbot.mouseMove(view.plot.viewport(), view.plot.mapFromScene(scene))
    qtbot.waitUntil(lambda: "task 3" in view.hover_text)
    assert STATE_LABELS[S["task"]] in view.hover_text
    assert "600" in view.hover_text                 # duration 600 ms
    assert "MainThread" in view.hover_text


def test_tooltip_texts_for_spans_and_lanes(view):
    model = small_model()
    view.set_model(model)
    row = row_of(model, "Worker-1", 100)
    text = view.describe(0.7, row + 0.5)
    assert "critical section" in text and "holding a lock" in text
    process_row = row_of(model, "PID 101 · Pool worker 1", 101)
    lane_text = view.describe_lane(process_row)
    assert "PID 101" in lane_text and "exit code 0" in lane_text


def test_live_follows_the_edge_and_stopping_fits(view):
    model = small_model()
    view.set_model(model)
    view.set_live(True)
    x0, x1 = view.viewbox.viewRange()[0]
    assert x0 == pytest.approx(0) and x1 >= 5.0
    lane = model.rows()[1][0]
    model.add_spans([1.0], [30.0], [lane.id], [S["run"]], [model.name_id("long")])
    view.tick()
    x0, x1 = view.viewbox.viewRange()[0]
    assert x1 >= 30.0 and x0 == pytest.approx(10.0, abs=0.5)
    view.set_live(False)
    x0, x1 = view.viewbox.viewRange()[0]
    assert x0 <= 0.0 and x1 >= 30.0


def test_double_click_fits_the_whole_run(view, qtbot):
    model = small_model()
    view.set_model(model)
    view.viewbox.setXRange(0.4, 0.5, padding=0)
    centre = view.plot.mapFromScene(view.viewbox.sceneBoundingRect().center())
    # what a real double click delivers: press, release, double-click, release
    viewport, left = view.plot.viewport(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(viewport, left, pos=centre)
    qtbot.mouseDClick(viewport, left, pos=centre)
    qtbot.mouseRelease(viewport, left, pos=centre)
    qtbot.waitUntil(lambda: view.viewbox.viewRange()[0][1] >= model.end_time)
    assert view.viewbox.viewRange()[0][0] <= 0.0


def test_many_spans_use_the_raster_path(view, qtbot):
    model = TraceModel()
    model.process(1, 0, "MainProcess", start=0.0)
    busy = model.thread(1, 11, "Busy").id
    waiting = model.thread(1, 12, "Waiting").id
    n = 100_000
    t0 = np.arange(n) * 1e-4
    for lane, state in ((busy, "run"), (waiting, "wait.gil")):
        model.add_spans(t0, t0 + 5e-5, np.full(n, lane), np.full(n, S[state], np.uint8),
                        np.zeros(n, np.int32))
    view.set_model(model)
    qtbot.waitUntil(lambda: view.spans.mode is not None)
    shot = view.grab()
    assert view.spans.mode == "raster"
    pixels = colours(shot.toImage())
    assert (pixels == RUN_RGB).sum() > 1000 and (pixels == GIL_RGB).sum() > 1000
    more = model.revision
    model.add_spans([10.0], [10.5], [busy], [S["run"]], [0])
    view.tick()
    assert model.revision != more
    assert not view.grab().isNull() and view.spans.mode == "raster"


def test_a_killed_process_ends_in_a_red_cross_and_a_normal_one_does_not(view, tmp_path):
    from gui.views.lane_extras import BAD_EXIT
    red = BAD_EXIT.rgb() & 0xFFFFFF
    model = small_model()
    view.set_model(model)
    normal = colours(QImage(str(view.export_png(tmp_path / "normal.png"))))
    assert (normal == red).sum() == 0
    worker = model.processes[101]
    worker.exit_code, worker.end = -9, 0.8               # the pool worker was SIGKILLed
    view.set_model(model)
    image = QImage(str(view.export_png(tmp_path / "killed.png")))
    ys, xs = np.nonzero(colours(image) == red)
    assert len(xs) > 100, "the cross and the words 'killed by SIGKILL' in red"
    # drawn where the worker's lane ends (t = 0.8 s, near the right end of the run)
    assert xs.min() > image.width() * 0.5
