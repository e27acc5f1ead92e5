"""A script's thread states are drawn while it runs, not only once it has ended: a real run
of two threads counting as fast as they can (tests/script/data/two_counters.py, 4 s)."""
from pathlib import Path

import numpy as np
import pytest

from gui import open_script
from gui.main_window import MainWindow
from gui.trace.model import STATES
from tests.gui.waiting import until

DATA = Path(__file__).resolve().parents[1] / "script" / "data"
RUN, GIL = STATES.index("run"), STATES.index("wait.gil")


def counting_lanes(model):
    """The lanes of the script's two counting threads."""
    return [lane for lane in model.lanes
            if lane.kind == "thread" and lane.name.endswith("(count)")]


def spans_of(model, lane, *states):
    """(t0, t1) of the spans of `lane` in one of `states`, in time order."""
    spans = model.spans
    keep = (spans["lane"] == lane.id) & np.isin(spans["state"], states)
    found = np.column_stack([spans["t0"][keep], spans["t1"][keep]])
    return found[np.argsort(found[:, 0])]


def overlap_seconds(a, b):
    return sum(max(0.0, min(a1, b1) - max(a0, b0)) for a0, a1 in a for b0, b1 in b)


def live_states(window):
    """While the script runs: both counting threads drawn running and waiting for the GIL."""
    session = window.runner.session
    if session is None or session.run is None or not session.run.running:
        return False
    lanes = counting_lanes(session.model)
    return len(lanes) == 2 and all(len(spans_of(session.model, lane, state))
                                   for lane in lanes for state in (RUN, GIL))


def assert_drawn_once_and_one_at_a_time(model):
    one, two = counting_lanes(model)
    for lane in (one, two):             # no stretch drawn twice on a lane
        drawn = spans_of(model, lane, RUN, GIL)
        assert (drawn[1:, 0] >= drawn[:-1, 1] - 1e-9).all()
    assert overlap_seconds(spans_of(model, one, RUN), spans_of(model, two, RUN)) == 0.0


@pytest.mark.realrun
def test_thread_states_are_drawn_while_the_script_runs_and_counted_at_the_end(qtbot,
                                                                            run_async):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.resize(1280, 720)
    assert run_async(window.script_opener.open(str(DATA / "two_counters.py")))
    run_async(until(lambda: live_states(window), timeout=60,
                    message="thread states drawn while the script runs"))
    model = window.runner.session.model
    assert window.script.gil is None and window.runner.busy        # it has not ended
    assert_drawn_once_and_one_at_a_time(model)
    drawn_live = len(model.spans)

    run_async(until(lambda: not window.runner.busy and window.script.gil is not None,
                    timeout=60, message="the script to end"))
    assert len(model.spans) > drawn_live
    assert_drawn_once_and_one_at_a_time(model)
    gil, live = window.script.gil, window.script.live
    assert gil["sampled"] and gil["handoffs"] > 0 and gil["contended_s"] > 0
    assert f"{gil['handoffs']} GIL hand-off" in window.result.text()
    assert window.script.found["threads"] >= 2 and window.script.found["locks"] == []
    # the figures are those of the whole run, as `concurrency-lab trace` counts them
    from gui import trace_command
    from workloads._trace import script_states
    _, whole = script_states.states(script_states.parse(live.sampler.lines))
    assert gil == trace_command.gil_figures(whole)
    assert len(live.costs) >= 3          # drawn in chunks while it ran, a small slice at a time
    longest = sorted(slice_s for _, slice_s in live.costs)
    assert longest[len(longest) // 2] < open_script.CHUNK_S / 10


def test_a_wait_the_trace_has_begun_wins_over_sampled_states_and_a_late_thread_gets_its_own():
    """While the script runs, a wait the trace announced and has not ended is its own: the
    sampled states do not draw over it; a thread the trace names only later gets its spans
    once its lane is there."""
    from gui import trace_command
    from gui.trace.model import TraceModel
    model = TraceModel()
    waiter = model.thread_started(7, 1, 11, "Waiter", 0.0)
    model.begin(waiter.id, STATES.index("wait.lock"), "lock_a", 1.0)
    ms = 1_000_000
    sampled = [(7, 11, 500 * ms, 1500 * ms, "wait.lock", "timed wait"),
               (7, 12, 500 * ms, 1500 * ms, "run", "")]
    laneless = trace_command.draw_states(model, sampled, live=True)
    assert laneless == [sampled[1]]                 # thread 12 has no lane yet
    assert model.spans["t0"].tolist() == [0.5] and model.spans["t1"].tolist() == [1.0]
    late = model.thread_started(7, 2, 12, "Late", 0.2)
    assert trace_command.draw_states(model, laneless, live=True) == []
    assert spans_of(model, late, RUN).tolist() == [[0.5, 1.5]]
