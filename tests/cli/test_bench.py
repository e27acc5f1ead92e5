"""`concurrency-lab bench`'s tracing figures, on real runs: traced vs untraced throughput of
each lesson measured in interleaved A/B pairs, and the probe's cost next to its floor
measured in the same process. The figures themselves depend on the machine's load; these
tests check what they are made of, not their values."""
import json

import pytest

from gui import bench, bench_fidelity
from workloads._trace import wire

LESSONS = {"threads.gil", "threads.race", "threads.lock"}


@pytest.mark.realrun
def test_each_lesson_runs_in_interleaved_plain_and_traced_pairs():
    figures = bench_fidelity.traced_vs_untraced(quick=True, count=2)
    json.dumps(figures)                                  # goes out as JSON as it is
    assert set(figures["traced_vs_untraced"]) == LESSONS
    for lesson in LESSONS:
        # one untraced and one traced run a pair; the pairs take turns at going first
        assert figures["traced_vs_untraced_order"][lesson] == ["plain", "traced",
                                                              "traced", "plain"]
        ratios = figures["traced_vs_untraced_pairs"][lesson]
        assert len(ratios) == 2 and all(isinstance(r, float) and 0.2 < r < 5 for r in ratios)
        median = figures["traced_vs_untraced"][lesson]
        assert min(ratios) <= median <= max(ratios)


@pytest.mark.realrun
def test_the_probe_cost_and_its_floor_come_from_one_traced_process():
    cost, floor, ratio = bench.probe_ns_per_event(repeats=3)
    assert cost > 0 and floor > 0
    if wire._records is not None:   # the C record writer: about one floor (batches interleaved)
        assert ratio <= bench.TARGETS["probe_vs_floor"][1]
    else:                           # pure Python: a call, two lookups, struct.pack, extend
        assert 1 < ratio < 50


def test_a_lesson_below_its_fidelity_target_is_named():
    figures = {"probe_vs_floor": 2.0, "ingest_events_per_s": 3e6, "frame_ms_1m_spans": 5,
               "startup_s": 0.5, "bytes_per_span": 30, "gil_traced_vs_untraced": 0.99,
               "traced_vs_untraced": {"threads.gil": 0.99, "threads.lock": 0.9},
               "live_fps": 31, "timer_lag_p99_ms": 9}
    assert bench.missed(figures) == ["traced_vs_untraced[threads.lock] = 0.9, target >= 0.97"]
