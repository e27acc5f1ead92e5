"""A student's script at a million traced events a second (`workloads/_trace/bench_flood.py`):
does the window stay live, within its memory, and say what it had to leave out? And how much
does tracing slow such a script down?

`flood_figures` runs the flood under the window's own listener, model and timeline (offscreen,
on the qasync loop the app uses) and measures the timeline's paints, the lag of a 10 ms timer,
the window process's memory and what the model kept. `flood_slowdown` runs the same script
flat out, traced and untraced, interleaved, and compares their times.
"""
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from gui.run.workload_run import ROOT

FLOOD = ["-m", "workloads._trace.bench_flood"]
FULL_DETAIL_S = 1.0         # the end of the run that must be kept span for span


def _paint_timer_class():
    from PySide6.QtCore import QEvent, QObject

    class PaintTimer(QObject):
        """Paints the timeline's viewport itself, timing each: one frame's cost, in wall-clock
        and in the GUI thread's CPU time (which other programs on the machine inflate less)."""

        def __init__(self, view, frames, costs):
            super().__init__()
            self.view, self.frames, self.costs = view, frames, costs

        def eventFilter(self, obj, event):
            if event.type() != QEvent.Type.Paint:
                return False
            t, cpu = time.perf_counter(), time.thread_time()
            self.view.viewportEvent(event)
            self.frames.append(t)
            self.costs.append((time.perf_counter() - t, time.thread_time() - cpu))
            return True

    return PaintTimer


def flood_figures(seconds=60.0, rate=1_000_000):
    """The window's figures while the flood runs for about `seconds` at `rate` events/s."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import psutil
    import qasync
    from PySide6.QtCore import QTimer

    from gui.app import create_app
    from gui.run.workload_run import WorkloadRun
    from gui.trace.listener import TraceListener
    from gui.trace.model import TraceModel
    from gui.views.timeline_view import TimelineView
    from workloads.catalog import Lesson

    app = create_app()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    view = TimelineView()
    view.resize(1280, 720)
    view.show()
    frames, costs, ticks, rss = [], [], [], []
    painter = _paint_timer_class()(view.plot, frames, costs)
    view.plot.viewport().installEventFilter(painter)
    me = psutil.Process()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    sampler = QTimer()
    sampler.setInterval(250)
    sampler.timeout.connect(lambda: rss.append(me.memory_info().rss))

    async def scenario():
        model = TraceModel(time.perf_counter_ns())
        listener = await TraceListener(model).start()
        view.set_model(model)
        view.set_live(True)
        argv = FLOOD + [str(int(rate * seconds)), str(rate)]
        run = WorkloadRun(Lesson("bench.flood", "", "", ""), {}, listener.env, argv=argv)
        await run.start()
        timer.start()
        sampler.start()
        started = time.perf_counter()
        await run.wait()
        elapsed = time.perf_counter() - started
        timer.stop()
        await listener.drain()
        await listener.close()
        sampler.stop()
        return model, elapsed, started

    with loop:
        model, elapsed, started = loop.run_until_complete(scenario())
    view.timer.stop()
    rss.append(me.memory_info().rss)
    lags = (np.diff(ticks) - 0.010) * 1000
    costs = np.array(costs).reshape(-1, 2)
    shown = [t for t in frames if t >= started]
    sent = int(model.result.get("sent", 0))
    return {"flood_events_per_s": round(sent / max(model.result.get("seconds", 0), 1e-9)),
            "flood_frame_ms_p99": round(float(np.percentile(costs[:, 0], 99)) * 1000, 1),
            "flood_frame_cpu_ms_p99": round(float(np.percentile(costs[:, 1], 99)) * 1000, 1),
            "flood_fps": round(len(shown) / elapsed, 1),
            "flood_timer_lag_p99_ms": round(float(np.percentile(lags, 99)), 1),
            "flood_window_rss_mb": round(max(rss) / 2 ** 20),
            "flood_sent": sent, "flood_dropped": model.summary.dropped,
            "flood_merged": model.summary.merged,
            "flood_kept_spans": len(model.spans),
            "flood_end_in_full": end_in_full(model)}


def end_in_full(model, seconds=FULL_DETAIL_S):
    """True when the last `seconds` of the run were neither summarised nor dropped from."""
    return model.summary.detail_from() < model.end_time - seconds


def _untraced_s(events):
    """Seconds the flood takes flat out with no window (its own figure, from its result)."""
    with tempfile.TemporaryDirectory(prefix="clab-flood-") as tmp:
        path = os.path.join(tmp, "result.json")
        env = dict(os.environ, CLAB_RESULT_FILE=path)
        for name in ("CLAB_TRACE", "CLAB_TOKEN"):
            env.pop(name, None)
        subprocess.run([sys.executable] + FLOOD + [str(events), "0"], cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, check=True, timeout=300)
        with open(path, encoding="utf-8") as figures:
            return json.loads(figures.readline())["seconds"]


def _traced_s(events):
    from gui.bench import _traced
    _, model = asyncio.run(_traced(FLOOD + [str(events), "0"]))
    return model.result["seconds"]


def flood_slowdown(events=2_000_000, pairs=5, best=False):
    """(traced seconds / untraced seconds) of the flood flat out, over `pairs` pairs run back
    to back so both see the same machine: the median, or with `best` the smallest (a busy
    machine only ever slows a run down; a script the window held back is slow in every
    pair)."""
    ratios = []
    for _ in range(pairs):
        plain = _untraced_s(events)
        ratios.append(_traced_s(events) / plain)
    return round(min(ratios) if best else statistics.median(ratios), 2)


def measure(quick=False):
    """A student's script at 1M events a second: for 60 s (8 s when `quick`), measured in a
    fresh process (the window's loop runs as in the app); and its slowdown."""
    seconds = "8" if quick else "60"
    out = subprocess.run([sys.executable, "-m", "gui.bench_flood", seconds, "1000000"],
                         cwd=ROOT, text=True, capture_output=True, timeout=600,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["flood_slowdown"] = flood_slowdown(pairs=3 if quick else 5)
    return figures


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    print(json.dumps(flood_figures(*args[:1], *[int(a) for a in args[1:2]])))
