"""Timeline frame benchmark: milliseconds per full repaint of a big trace, offscreen.

Feeds the project's benchmark ("timeline frame, 1M spans in view, 50 lanes, 1280x720 <= 16 ms").
It drives the real TimelineView, so it measures the same code paths the window uses.
"""
import os
import statistics
import time

import numpy as np

_STREAM_BATCH = 50_000      # spans per add_spans call, like a live stream's batches


def synthetic_model(n_spans=1_000_000, lanes=50, seconds=60.0, seed=1):
    """A TraceModel with `lanes` rows (a few processes and their threads) full of spans."""
    from gui.trace.model import STATES, TraceModel

    model = TraceModel()
    rng = np.random.default_rng(seed)
    n_proc = max(1, lanes // 10)
    for p in range(n_proc):
        model.process(1000 + p, 1000 if p else 0,
                      "MainProcess" if p == 0 else f"SpawnPoolWorker-{p}", start=0.0)
    threads = [model.thread(1000 + i % n_proc, 1 + i, f"Thread-{i + 1}").id
               for i in range(max(1, lanes - n_proc))]
    per = max(1, n_spans // len(threads))
    dur = rng.exponential(seconds / per, size=(len(threads), per))
    t1 = np.cumsum(dur, axis=1)
    t0 = t1 - dur
    codes = [STATES.index(s) for s in ("run", "wait.gil", "wait.io", "wait.lock", "task")]
    state = rng.choice(codes, size=t0.shape, p=[0.5, 0.25, 0.1, 0.1, 0.05]).astype(np.uint8)
    names = np.array([model.name_id(f"task {k}") for k in range(16)], np.int32)
    name = names[rng.integers(0, len(names), size=t0.shape)]
    lane = np.repeat(np.array(threads, np.int32)[:, None], per, axis=1)
    order = np.argsort(t1.ravel(), kind="stable")        # spans arrive when they end
    columns = [a.ravel()[order] for a in (t0, t1, lane, state, name)]
    for lo in range(0, len(order), _STREAM_BATCH):
        model.add_spans(*(c[lo:lo + _STREAM_BATCH] for c in columns))
    return model


def _app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def frame_times(n_spans=1_000_000, lanes=50, size=(1280, 720), repeats=15):
    """Times of the first (cold) frame and of `repeats` further frames, in milliseconds.

    Every frame pans the view by one pixel, so the spans are re-culled and re-rasterised;
    the whole widget (axes, legend, spans) is rendered into a QImage. The first frame also
    indexes the spans; "cpu_median" is the GUI thread's CPU time, which other load on the
    machine inflates less than the wall-clock "median".
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from gui.views.timeline_view import TimelineView

    app = _app()
    model = synthetic_model(n_spans, lanes)
    view = TimelineView()
    view.timer.stop()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(*size)
    view.show()
    app.processEvents()
    view.set_model(model)             # the first frame below indexes the spans: a cold start
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    (x0, x1), _ = view.viewbox.viewRange()
    pixel = (x1 - x0) / size[0]

    def frame(i):
        shift = pixel * (i % 2)
        view.viewbox.setXRange(x0 + shift, x1 + shift, padding=0)
        start, cpu = time.perf_counter(), time.thread_time()
        view.render(image)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    first = frame(1)[0]
    wall, cpu = zip(*(frame(i) for i in range(repeats)))
    mode = view.spans.mode
    view.close()
    view.deleteLater()
    return {"first": first, "median": statistics.median(wall), "times": list(wall),
            "cpu_median": statistics.median(cpu), "mode": mode}


def frame_ms(n_spans=1_000_000, lanes=50, size=(1280, 720), repeats=15):
    """Median milliseconds per full timeline frame with `n_spans` spans in view."""
    return frame_times(n_spans, lanes, size, repeats)["median"]


if __name__ == "__main__":
    result = frame_times()
    print(f"timeline frame: median {result['median']:.1f} ms (CPU {result['cpu_median']:.1f} ms), "
          f"first {result['first']:.1f} ms ({result['mode']} mode)")
