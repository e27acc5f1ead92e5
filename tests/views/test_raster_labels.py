"""Thousands of GIL turns put the timeline in raster mode; the spans wide enough to read (the
showdown's "sequential", "threads", …) still say what they are."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

from gui.trace.model import STATES, TraceModel  # noqa: E402

S = {name: code for code, name in enumerate(STATES)}


def test_wide_named_spans_keep_their_labels_among_thousands_of_slices(view):
    model = TraceModel()
    model.process(1, 0, "MainProcess", start=0.0)
    worker = model.thread_started(1, 2, 102, "Worker_0", 0.0)
    models = model.thread_started(1, 3, 103, "models", 0.0)
    n = 6000                                    # GIL turns: far more than vector mode draws
    t0 = np.arange(n) * (8 / n)
    model.add_spans(t0, t0 + 4 / n, np.full(n, worker.id), np.full(n, S["run"], np.uint8),
                    np.zeros(n, np.int32))
    names = ["sequential", "threads", "processes", "asyncio"]
    starts = np.arange(4) * 2.0
    model.add_spans(starts, starts + 2.0, np.full(4, models.id), np.full(4, S["task"], np.uint8),
                    np.array([model.name_id(name) for name in names], np.int32))
    model.add_spans([3.0], [3.0001], [models.id], [S["task"]], [model.name_id("too narrow")])
    view.set_model(model)
    view.viewbox.setXRange(0, 8, padding=0)
    view.plot.grab()
    assert view.spans.mode == "raster"
    shown = {text for _, text in view.spans.drawn_labels}
    assert set(names) <= shown and "too narrow" not in shown
