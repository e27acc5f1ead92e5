"""Is the window still live while a workload streams 100k events/s into it? Measures the
timeline's frame rate and the lag of a 10 ms GUI timer, on the qasync loop the app uses."""
import asyncio
import os
import sys
import time

import numpy as np

# A workload that emits `rate` spans a second, in real time, for `seconds`.
_STREAM_CHILD = r"""
import time
from workloads import probe
rate, seconds = %(rate)d, %(seconds)f
step = 1_000_000_000 // rate
t = start = time.perf_counter_ns()
end = start + int(seconds * 1e9)
while t < end:
    for _ in range(rate // 1000):            # one millisecond's worth of events
        probe.emit_span("running", "run", t, t + step // 2)
        t += step
    lead = t - time.perf_counter_ns()
    if lead > 0:
        time.sleep(lead / 1e9)
print("sent", (t - start) // step)
"""


def _frame_counter_class():
    from PySide6.QtCore import QEvent, QObject

    class FrameCounter(QObject):
        """Notes the time of every paint of the timeline's viewport: one frame each."""

        def __init__(self, frames):
            super().__init__()
            self.frames = frames

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.frames.append(time.perf_counter())
            return False

    return FrameCounter


def live_figures(rate=100_000, seconds=4.0):
    """{"live_fps": frames per second, "timer_lag_p99_ms": ..., "live_events": n}."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtCore import QTimer

    from gui.app import create_app
    from gui.run.workload_run import WorkloadRun
    from gui.trace.listener import TraceListener
    from gui.trace.model import TraceModel
    from gui.views.timeline_view import TimelineView
    from workloads.catalog import Lesson

    _FrameCounter = _frame_counter_class()
    app = create_app()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    view = TimelineView()
    view.resize(1280, 720)
    view.show()
    frames, ticks = [], []
    counter = _FrameCounter(frames)
    view.plot.viewport().installEventFilter(counter)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    async def scenario():
        model = TraceModel(time.perf_counter_ns())
        listener = await TraceListener(model).start()
        view.set_model(model)
        view.set_live(True)
        argv = ["-c", _STREAM_CHILD % {"rate": rate, "seconds": seconds}]
        run = WorkloadRun(Lesson("bench.live", "", "", ""), {}, listener.env, argv=argv)
        await run.start()
        timer.start()
        started = time.perf_counter()
        await run.wait()
        elapsed = time.perf_counter() - started
        timer.stop()
        await listener.drain()
        await listener.close()
        return model, elapsed, started

    with loop:
        model, elapsed, started = loop.run_until_complete(scenario())
    view.timer.stop()
    lags = (np.diff(ticks) - 0.010) * 1000
    shown = [t for t in frames if t >= started]
    return {"live_fps": round(len(shown) / elapsed, 1),
            "timer_lag_p99_ms": round(float(np.percentile(lags, 99)), 1),
            "live_events": len(model.spans)}


if __name__ == "__main__":
    import json
    print(json.dumps(live_figures(*(float(a) for a in sys.argv[1:]))))
