"""`concurrency-lab bench`: the performance figures of DESIGN.md, measured on the code paths the
window uses, printed as one JSON object (medians of repeated runs; ratios measured A/B
interleaved in one run, see gui/bench_fidelity.py)."""
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

from gui.run.workload_run import ROOT

TARGETS = {"probe_vs_floor": ("<=", 2.5), "ingest_events_per_s": (">=", 2_000_000),
           "frame_ms_1m_spans": ("<=", 16), "startup_s": ("<=", 1.0),
           "bytes_per_span": ("<=", 40), "gil_traced_vs_untraced": (">=", 0.97),
           "traced_vs_untraced": (">=", 0.97),
           "live_fps": (">=", 30), "timer_lag_p99_ms": ("<=", 50)}

# Runs inside a traced workload process: the cost of one probe event, loop overhead removed,
# next to DESIGN.md's floor (a Python call, a perf_counter_ns and a list append), both in
# CPU time of this process: every thread of it (the flusher too) and no other program. Each
# batch of events ends with a flush, so the packing and sending they cause is counted.
_PROBE_CHILD = r"""
import statistics, time
from workloads import probe
assert probe.enabled(), "the probe is not connected"
cpu = time.process_time_ns
def batch(call, n=20000, then=None):
    t = cpu()
    for _ in range(n):
        call("tick")
    if then is not None:
        then()
    return (cpu() - t) / n
def empty(n=20000):
    t = cpu()
    for _ in range(n):
        pass
    return (cpu() - t) / n
def floor(n=20000, perf=time.perf_counter_ns):
    out = []
    def event(name):
        out.append(perf())
    return batch(event, n)
loop = statistics.median(empty() for _ in range(%(repeats)d))
costs, floors, ratios = [], [], []
for _ in range(%(repeats)d):        # interleaved, so both see the same machine load
    cost = batch(probe.mark, then=probe.flush) - loop
    base = floor() - loop
    costs.append(cost)
    floors.append(base)
    ratios.append(cost / base)
print(statistics.median(costs), statistics.median(floors), statistics.median(ratios))
"""


async def _traced(argv, timeout=120):
    """Run `python argv...` under a real trace listener; returns (stdout, model)."""
    from gui.run.workload_run import WorkloadRun
    from gui.trace.listener import TraceListener
    from gui.trace.model import TraceModel
    from workloads.catalog import Lesson

    model = TraceModel(time.perf_counter_ns())
    listener = await TraceListener(model).start()
    out = []
    run = WorkloadRun(Lesson("bench", "", "", ""), {}, listener.env, argv=argv,
                      on_output=lambda s, t: out.append(t) if s == "stdout" else None)
    await run.start()
    await asyncio.wait_for(run.wait(), timeout)
    await listener.drain()
    await listener.close()
    return "".join(out), model


def probe_ns_per_event(repeats):
    """(CPU ns per probe.mark in a traced process, CPU ns of the call+clock+append floor,
    the median of their ratio, batch by batch)."""
    out, _ = asyncio.run(_traced(["-c", _PROBE_CHILD % {"repeats": repeats}]))
    cost, floor, ratio = out.strip().splitlines()[-1].split()
    return float(cost), float(floor), float(ratio)


def synthetic_stream(n_spans, threads=8):
    """The bytes a busy workload would send: HELLO, names, then records in ~64 KiB frames."""
    from workloads import probe
    hello = probe.HELLO_STRUCT.pack(b"bench".ljust(32, b"\0"), 1, 0, 0) + b"MainProcess"
    parts = [probe.FRAME_HEADER.pack(len(hello), probe.HELLO) + hello]
    name = probe.STRING_ID.pack(1) + b"running"
    parts.append(probe.FRAME_HEADER.pack(len(name), probe.STRING) + name)
    from gui.trace.decoder import RECORD_DTYPE
    records = np.zeros(n_spans, RECORD_DTYPE)
    records["kind"], records["cat"], records["name"] = probe.SPAN, 1, 1
    records["ts"] = np.arange(n_spans) * 1000
    records["a"] = records["ts"] + 500
    records["thread"] = np.arange(n_spans) % threads + 1000
    per_frame = 2048
    for lo in range(0, n_spans, per_frame):
        body = records[lo:lo + per_frame].tobytes()
        parts.append(probe.FRAME_HEADER.pack(len(body), probe.RECORDS) + body)
    return parts


def ingest_events_per_s(repeats, n_spans=1_000_000):
    from gui.trace.decoder import StreamDecoder
    from gui.trace.ingest import ProcessFeed
    from gui.trace.model import TraceModel

    frames = synthetic_stream(n_spans)
    chunks = [b"".join(frames[i:i + 4]) for i in range(0, len(frames), 4)]   # 256 KiB reads
    rates = []
    for _ in range(repeats):
        model, decoder, feed = TraceModel(), StreamDecoder(), None
        t = time.perf_counter()
        for chunk in chunks:
            for frame in decoder.feed(chunk):
                if feed is None:
                    feed = ProcessFeed(model, frame)
                else:
                    feed.add(frame)
        rates.append(n_spans / (time.perf_counter() - t))
        assert len(model.spans) == n_spans
    return statistics.median(rates), model.bytes_per_span


def startup_s(repeats):
    """Seconds from launch until the window is on screen, and until its graphs are built."""
    env = dict(os.environ, CLAB_EXIT_AFTER_SHOW="1")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    shown, ready = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "gui"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in proc.stdout:
            if "window shown" in line:
                shown.append(time.perf_counter() - t)
            elif "window ready" in line:
                ready.append(time.perf_counter() - t)
                break
        proc.wait(timeout=60)
    return statistics.median(shown), statistics.median(ready)


def measure(quick=False):
    from gui.bench_fidelity import lesson_id, traced_vs_untraced
    from gui.views.frame_bench import frame_ms
    repeats = 3 if quick else 7
    ingest, bytes_per_span = ingest_events_per_s(repeats)
    probe_ns, floor_ns, probe_ratio = probe_ns_per_event(5 if quick else 15)
    shown_s, ready_s = startup_s(repeats)
    fidelity = traced_vs_untraced(quick)
    gil = fidelity["traced_vs_untraced"][lesson_id("workloads.threads.gil")]
    return {
        "probe_ns_per_event": round(probe_ns, 1),
        "probe_floor_ns": round(floor_ns, 1),
        "probe_vs_floor": round(probe_ratio, 2),
        "ingest_events_per_s": round(ingest),
        "frame_ms_1m_spans": round(frame_ms(repeats=5 if quick else 15), 2),
        "startup_s": round(shown_s, 3),
        "ready_s": round(ready_s, 3),
        "bytes_per_span": round(bytes_per_span, 1),
        "gil_traced_vs_untraced": gil,
        **fidelity,
        **_live(),
    }


def _live():
    """Live figures, measured in a fresh process so the window's loop runs as in the app."""
    out = subprocess.run([sys.executable, "-m", "gui.bench_live"], cwd=ROOT, text=True,
                         capture_output=True, timeout=120, env=dict(os.environ,
                                                                    QT_QPA_PLATFORM="offscreen"))
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures.pop("live_events", None)
    return figures


def missed(figures):
    """The figures that miss DESIGN.md's targets, as one-line reasons."""
    out = []
    for key, (op, target) in TARGETS.items():
        values = figures[key] if isinstance(figures[key], dict) else {key: figures[key]}
        for name, value in values.items():
            ok = value <= target if op == "<=" else value >= target
            if not ok:
                label = key if name == key else f"{key}[{name}]"
                out.append(f"{label} = {value}, target {op} {target}")
    return out


def main(quick=False):
    figures = measure(quick)
    print(json.dumps(figures))
    for line in missed(figures):
        print(f"bench: misses its target: {line}", file=sys.stderr)
    return 0
