"""The GIL close-up tab on real runs: the numbers a class reads are the run's own, the
close-up shows ~50 ms of the workers, and the threads' turns are wide bars."""
import sys

import numpy as np
import psutil
import pytest

from gui.lessons import free_cores, run_of, unit
from gui.lessons.threads.gil.tab import RUN, GilPanel
from gui.trace.analysis import gil_turns, overlap_fraction, run_spans
from tests.gui import panel_runs as panels
from tests.gui.waiting import until

GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
TWO_CORES = (psutil.cpu_count() or 1) >= 2


async def run_with_panel(panel, settings, live_check=None):
    """threads.gil with the panel; `live_check(panel, session)` once while it still runs."""
    async def check(session):
        await until(lambda: _ran_for(session.model) >= 0.1 or not session.run.running,
                    message="the workers' first 100 ms")
        live_check(panel, session)
    return await panels.run_with_panel(panel, "threads.gil", settings,
                                       check if live_check else None)


def _ran_for(model):
    t0, t1, _ = run_spans(model)
    return float(t1.max() - t0.min()) if len(t0) else 0.0


def make_panel(qtbot):
    panel = GilPanel("threads.gil")
    qtbot.addWidget(panel)
    panel.resize(700, 480)
    panel.show()
    banners = []
    panel.attention.connect(banners.append)
    return panel, banners


def shown(panel, card):
    """The big number of a card, as the user reads it."""
    return panel.cards[card].value.text()


def check_live_window(seen):
    def check(panel, session):
        panel.refresh()
        _, t1, _ = run_spans(session.model)
        seen.append((panel.data.start, panel.data.end, float(t1.max())))
    return check


@pytest.mark.skipif(not GIL_BUILD, reason="the GIL is off in this interpreter")
def test_threads_numbers_and_turns_in_the_close_up(qtbot, run_async):
    panel, banners = make_panel(qtbot)
    live = []
    session, out = run_async(run_with_panel(
        panel, dict(variant="threads", workers=2, seconds=1.5, switch_interval_ms=5),
        check_live_window(live)))
    assert session.run.returncode == 0, out
    # while live the close-up showed the newest 50 ms
    (start, end, newest), = live
    assert end == pytest.approx(newest) and end - start == pytest.approx(0.05)
    # the big numbers are this run's figures
    model = session.model
    turns = gil_turns(model)
    t0, t1, _ = run_spans(model)
    assert shown(panel, "hand-offs") == f"{turns.handoffs:,}"
    assert shown(panel, "turn") == f"{turns.median_s * 1e3:.1f} ms"
    assert shown(panel, "together") == f"{overlap_fraction(t0, t1) * 100:.0f}%"
    cpu = model.result["cpu_cores_used"]
    assert shown(panel, "cpu") == f"{cpu:.1f} cores"
    assert panel.cards["cpu"].caption.text() == f"CPU used, of {model.result['cores']} cores"
    assert "switch interval 5 ms" in panel.cards["turn"].caption.text()
    # after the run: 50 ms from the middle, one row per worker thread
    data = panel.data
    assert data.rows == ["Worker-1", "Worker-2"]
    assert data.end - data.start == pytest.approx(0.05)
    assert t0.min() < data.start < data.end < t1.max()
    bars = data.turns()
    assert len(bars) >= 1 and set(bars[:, 2].tolist()) <= {0.0, 1.0}
    # turns do not overlap: one thread holds the GIL at a time
    bars = bars[np.argsort(bars[:, 0])]
    overlap = np.clip(bars[:-1, 1] - bars[1:, 0], 0, None).sum()
    assert overlap < 0.05 * (bars[:, 1] - bars[:, 0]).sum()
    if TWO_CORES:
        # ~10 turns of ~5 ms in 50 ms, both threads' (generous: the machine may be busy): a
        # typical turn is a few switch intervals at most, far from the close-up's width
        assert len(bars) >= 3 and set(bars[:, 2].tolist()) == {0.0, 1.0}
        assert np.median(bars[:, 1] - bars[:, 0]) < 5 * 0.005
    # the tab asks to be looked at with the lesson's own sentence, the banner's words
    assert banners == [unit("threads.gil").sentence(run_of(session))]
    if free_cores.starved(run_of(session), 1):      # other programs left no core free
        assert banners[0].startswith("Other programs used ")
        pytest.skip(f"other programs kept {run_of(session).others_cores:.1f} cores busy")
    assert banners[0].startswith(f"The threads took turns {turns.handoffs} times")


@pytest.mark.skipif(not TWO_CORES, reason="needs two cores to run processes side by side")
def test_processes_show_overlap_instead_of_hand_offs(qtbot, run_async):
    panel, banners = make_panel(qtbot)
    session, out = run_async(run_with_panel(panel, dict(variant="processes", workers=2,
                                                        seconds=1.5)))
    assert session.run.returncode == 0, out
    t0, t1, _ = run_spans(session.model)
    together = overlap_fraction(t0, t1)
    assert shown(panel, "hand-offs") == "—" and shown(panel, "turn") == "—"
    assert shown(panel, "together") == f"{together * 100:.0f}%"
    assert panel.data.rows == ["Pool worker 1", "Pool worker 2"]
    run = run_of(session)
    assert banners == [unit("threads.gil").sentence(run)]
    if free_cores.starved(run, 2):
        # other programs took the cores (measured by the session): the headline and the
        # banner say so instead of "the workers run at the same time"
        assert panel.headline.text() == banners[0]
        assert banners[0].startswith("Other programs used ")
        pytest.skip(f"other programs kept {run.others_cores:.1f} cores busy")
    assert panel.headline.text().startswith("One GIL per process")
    assert banners[0].startswith(f"The processes ran at the same time {together * 100:.0f}%")


@pytest.mark.skipif(not GIL_BUILD, reason="the GIL is off in this interpreter")
def test_a_longer_switch_interval_widens_the_close_up(qtbot, run_async):
    panel, _ = make_panel(qtbot)
    session, out = run_async(run_with_panel(panel, dict(workers=2, seconds=1,
                                                        switch_interval_ms=20)))
    assert session.run.returncode == 0, out
    data = panel.data
    assert data.end - data.start == pytest.approx(0.2)      # ten switch intervals
    assert "switch interval 20 ms" in panel.cards["turn"].caption.text()
    assert RUN in data.bars[:, 3]
