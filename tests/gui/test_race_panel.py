"""The Balance tab on real runs of threads.race: the big numbers are the run's own, the plot
follows the `balance` counter, and the captured interleaving reads as a step table."""
import re
import sys

import pytest

from gui.lessons import Run, run_of, unit
from gui.lessons.threads.race.tab import BIG_PT, LOST_ROW
from tests.gui import panel_runs as panels

GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
EXACT_LEDGER = sys.version_info >= (3, 11) and GIL_BUILD


async def run_with_panel(panel, settings):
    return await panels.run_with_panel(panel, "threads.race", settings)


def make_panel(qtbot):
    panel = unit("threads.race").tab()("threads.race")
    qtbot.addWidget(panel)
    panel.resize(900, 640)
    panel.show()
    banners = []
    panel.attention.connect(banners.append)
    return panel, banners


def table_text(panel):
    table = panel.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def big(label):
    label.ensurePolished()
    return label.font().pointSize()


def test_widened_run_big_numbers_plot_and_step_table(qtbot, run_async, tmp_path):
    panel, banners = make_panel(qtbot)
    for _ in range(3):                              # a run that lost updates (nearly all do)
        session, out = run_async(run_with_panel(panel, dict(variant="widened")))
        figures = run_of(session).result
        if figures["lost"]:
            break
    balance, lost = figures["balance"], figures["lost"]
    # the big numbers are the run's figures, in big type
    assert panel.balance_card.value.text() == str(balance)
    shown_lost = panel.lost_card.value.text()
    assert shown_lost == (str(lost) if figures["lost_exact"] else f"≥ {lost}")
    assert big(panel.balance_card.value) >= 28 and big(panel.lost_card.value) >= 28
    assert BIG_PT >= 28
    # the plot is the run's balance counter, ending at the final balance
    x, y = panel.curve.getData()
    assert len(y) == len(session.model.counters["balance"]) > 100
    assert y[-1] == balance
    # the attention banner says the result in one line, with this run's numbers
    assert len(banners) == 1 and f"Balance {balance} after 400,000 deposits" in banners[0]
    panel.grab().save(str(tmp_path / "race_panel_widened.png"))
    if not EXACT_LEDGER:
        assert panel.table.rowCount() == 0 and "No steps shown" in panel.caption.text()
        return
    rows = table_text(panel)
    assert [panel.table.horizontalHeaderItem(c).text() for c in range(4)] == \
        ["step", "t1 (adds 5)", "t2 (adds 8)", "balance"]
    assert len(rows) == len(figures["steps"]) >= 8
    assert any(r[1] for r in rows) and any(r[2] for r in rows)     # both threads' steps
    lost_rows = [i for i, r in enumerate(rows) if "✗" in r[1] + r[2]]
    assert len(lost_rows) == 1
    i = lost_rows[0]
    assert panel.table.item(i, 1).background().color() == LOST_ROW
    writer = 1 if rows[i][1] else 2
    assert re.match(rf"balance = x{writer}  → -?\d+  ✗ t{3 - writer}'s -?\d+ lost$",
                    rows[i][writer])
    assert rows[i][3] == str(figures["steps"][i][2])               # the balance it wrote
    assert any(re.match(rf"x{writer} = balance [+-] \d+  → -?\d+$", r[writer])
               for r in rows[:i])                                   # its read came first
    assert "update is lost" in panel.caption.text()
    tip = panel.lost_card.toolTip()
    assert tip == f"lost updates ({figures['lost_t1']} of t1's, {figures['lost_t2']} of t2's)"
    panel.resize(1280, 420)
    panel.grab().save("/tmp/threads_a-race.png")


def test_naive_run_says_nothing_was_lost_and_why(qtbot, run_async, tmp_path):
    panel, banners = make_panel(qtbot)
    session, out = run_async(run_with_panel(panel, dict(variant="naive", iterations=50_000)))
    panel.grab().save(str(tmp_path / "race_panel_naive.png"))
    if sys.version_info < (3, 10) or not GIL_BUILD:
        pytest.skip("this interpreter can lose updates in the naive code")
    assert panel.balance_card.value.text() == "0"
    assert panel.lost_card.value.text() == "0"
    assert panel.table.rowCount() == 0
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert banners == [f"Balance 0 after 100,000 deposits and 100,000 withdrawals: no update "
                       f"lost on CPython {version}. See why in the text."]


def test_a_replayed_run_fills_the_tab_from_its_figures_alone(qtbot, run_async):
    """A finished run shown without a live part (a trace file): the same numbers, no console."""
    panel, _ = make_panel(qtbot)
    session, out = run_async(run_with_panel(panel, dict(variant="locked", iterations=20_000)))
    again, banners = make_panel(qtbot)
    again.finish(run_of(session))
    assert again.balance_card.value.text() == "0" and again.lost_card.value.text() == "0"
    assert again.table.rowCount() == 0
    assert again.caption.text() == \
        "No update lost: the lock let one thread at a time into change_it."
    assert banners == ["Balance 0 after 40,000 deposits and 40,000 withdrawals: no update "
                       "lost, the lock let one thread at a time change the balance."]
    x, y = again.curve.getData()
    assert len(y) == len(session.model.counters["balance"])


def test_a_run_without_figures_says_it_ended_before_its_result(qtbot):
    from gui.trace.model import TraceModel
    panel, banners = make_panel(qtbot)
    panel.finish(Run("threads.race", {"variant": "widened", "iterations": 1000},
                     TraceModel(), {}))
    assert panel.headline.text() == "The run ended before the lesson printed its result."
    assert panel.balance_card.value.text() == "…" and banners == []
