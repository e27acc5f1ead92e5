"""A student's script far busier than a lesson (workloads/_trace/bench_flood.py): the window's
model stays bounded, says what it summarised and dropped, keeps the end of the run in full,
and does not hold the script back. Small limits stand in for the window's real ones, so a
few seconds of flood cross them many times."""
import asyncio
import json
import time

import numpy as np
import pytest

from gui.bench_flood import FLOOD, flood_slowdown
from gui.run.workload_run import WorkloadRun
from gui.trace import chrome_json
from gui.trace.listener import TraceListener
from gui.trace.model import TraceModel
from gui.views.coverage import SpanIndex
from gui.views.frame_bench import synthetic_model
from gui.views.summary_note import note_lines
from workloads._trace.bench_flood import TAIL
from workloads.catalog import Lesson

DETAIL_SPANS, DETAIL_MARKS, CHUNK = 65536, 16384, 32768


async def _flood(events, busy_share=None):
    """Run the flood flat out under a listener and a model with small limits; returns the
    model and samples (events received, rows kept) taken while it ran."""
    model = TraceModel(time.perf_counter_ns())
    s = model.summary
    s.detail_spans, s.detail_marks, s.chunk = DETAIL_SPANS, DETAIL_MARKS, CHUNK
    listener = await TraceListener(model).start()
    if busy_share is not None:          # the window counts as behind after a short while
        listener.busy_share, listener.load_s, listener.hold_records = busy_share, 0.1, 65536
    run = WorkloadRun(Lesson("bench.flood", "", "", ""), {}, listener.env,
                      argv=FLOOD + [str(events), "0"])
    samples = []

    async def watch():
        while True:
            samples.append((model.events, len(model.spans) + len(model.marks)))
            await asyncio.sleep(0.02)

    await run.start()
    watcher = asyncio.ensure_future(watch())
    try:
        await asyncio.wait_for(run.wait(), 120)
    finally:
        watcher.cancel()
        await run.stop()
        await listener.drain()
        await listener.close()
    assert run.returncode == 0
    return model, samples


def _end_spans(model):
    end = model.names.index("end")
    return model.spans["t0"][model.spans["name"] == end]


@pytest.mark.realrun
def test_a_long_flood_keeps_a_bounded_model_that_accounts_for_every_event():
    model, samples = asyncio.run(_flood(1_500_000))
    s = model.summary
    assert model.result["sent"] == model.events == 1_500_000 + TAIL
    assert s.merged > 0 and s.thinned > 0
    # rows kept stop growing once the limits are reached: events double, rows do not
    bound = DETAIL_SPANS + DETAIL_MARKS + 4 * CHUNK
    assert max(kept for _, kept in samples) <= bound
    half = next(kept for events, kept in samples if events >= model.events / 2)
    assert len(model.spans) + len(model.marks) <= 1.5 * max(half, bound / 2)
    # the end of the run is there span for span, after all that was summarised
    ends = _end_spans(model)
    assert len(ends) == TAIL and ends.min() > s.detail_from()
    assert any("slices closer than" in line for line in note_lines(s, 0.0))


@pytest.mark.realrun
def test_when_the_window_falls_behind_it_drops_counts_and_shows_never_the_end():
    model, _ = asyncio.run(_flood(1_000_000, busy_share=0.0))
    s = model.summary
    assert s.dropped > 0
    kept = len(model.spans) + len(model.marks) + s.merged + s.thinned
    assert s.dropped == model.result["sent"] - kept
    assert len(_end_spans(model)) == TAIL               # held back, then kept whole
    note = note_lines(s, 0.0)
    assert f"{s.dropped} events dropped" in note[0]
    other = json.loads(chrome_json.dumps(model, "bench.flood"))["otherData"]
    assert other["summary"]["dropped_events"] == s.dropped


@pytest.mark.realrun
def test_tracing_does_not_hold_the_flood_back():
    # traced vs untraced time of the same script, back to back, the best of three pairs:
    # traced, it makes its events at least half as fast
    assert flood_slowdown(events=500_000, pairs=3, best=True) <= 2.0


def _pictures(index, x0, x1, width):
    """(lane, state) -> the pixel columns its spans touch."""
    index.sync()
    cov = index.coverage(x0, x1, width)
    return {(int(lane), int(state)): cov[k].tobytes() for k, (lane, state)
            in enumerate(zip(index.key_lane, index.key_state)) if cov[k].any()}


def test_summarised_spans_draw_the_same_picture_at_the_summary_resolution():
    whole = synthetic_model(400_000, lanes=6, seconds=20.0)
    spans = {c: np.array(whole.spans[c]) for c in ("t0", "t1", "lane", "state", "name")}
    small = TraceModel()
    small.lanes, small.names = whole.lanes, whole.names
    s = small.summary
    s.detail_spans, s.chunk = DETAIL_SPANS, CHUNK
    live = SpanIndex(small)                 # kept up to date while old spans are summarised
    for lo in range(0, len(spans["t0"]), 20_000):
        small.add_spans(*(spans[c][lo:lo + 20_000] for c in spans))
        live.sync()
        live.coverage(0.0, 20.0, 1000)
    assert s.merged > 0 and len(small.spans) < len(whole.spans) / 2
    # one pixel of 20 ms is coarser than the summary (1 ms): every pixel is as it was
    picture = _pictures(SpanIndex(whole), 0.0, 20.0, 1000)
    assert _pictures(SpanIndex(small), 0.0, 20.0, 1000) == picture
    assert _pictures(live, 0.0, 20.0, 1000) == picture
    # the newest spans are all there, one by one
    newest = spans["t0"] > s.detail_from()
    assert np.count_nonzero(small.spans["t0"] > s.detail_from()) >= np.count_nonzero(newest)
