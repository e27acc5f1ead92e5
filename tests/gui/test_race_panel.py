"""The Balance tab on real runs of threads.race: the big numbers are the run's own, the plot
follows the `balance` counter, and the captured interleaving reads as a step table."""
import re
import sys

import pytest

from gui.views.race_panel import BIG_PT, LOST_ROW, RacePanel, parse_race_output
from tests.gui import panel_runs as panels
from tests.gui.waiting import until

GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
EXACT_LEDGER = sys.version_info >= (3, 11) and GIL_BUILD


async def run_with_panel(panel, settings):
    return await panels.run_with_panel(panel, "threads.race", settings)


def make_panel(qtbot):
    panel = RacePanel("threads.race")
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
        printed = parse_race_output(out)
        if printed.lost:
            break
    balance = int(re.search(r"^final balance: (-?\d+)", out, re.M).group(1))
    lost = re.search(r"^lost updates: (at least )?(\d+)", out, re.M)
    # the big numbers are the printed ones, in big type
    assert panel.balance_card.value.text() == str(balance)
    shown_lost = panel.lost_card.value.text()
    assert shown_lost == (f"≥ {lost.group(2)}" if lost.group(1) else lost.group(2))
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
    assert len(rows) == len(printed.rows) >= 8
    assert any(r[1] for r in rows) and any(r[2] for r in rows)     # both threads' steps
    lost_rows = [i for i, r in enumerate(rows) if "✗" in r[1] + r[2]]
    assert len(lost_rows) == 1
    i = lost_rows[0]
    assert panel.table.item(i, 1).background().color() == LOST_ROW
    writer = 1 if rows[i][1] else 2
    assert re.match(rf"balance = x{writer}  → -?\d+  ✗ t{3 - writer}'s -?\d+ lost$",
                    rows[i][writer])
    assert rows[i][3] == printed.rows[i][3]
    assert any(re.match(rf"x{writer} = balance [+-] \d+  → -?\d+$", r[writer])
               for r in rows[:i])                                   # its read came first
    assert "update is lost" in panel.caption.text()


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


def test_parse_race_output_reads_what_the_lesson_prints():
    text = ("CPython 3.11.7, variant widened: t1 and t2 each make 10 deposits\n"
            "final balance: -3\n"
            "lost updates: 2 (1 of t1's, 1 of t2's)\n\n"
            "One real interleaving from this run, around the first lost update:\n"
            "step | t1 (adds 5)          | t2 (adds 8)   | balance\n"
            "   1 | x1 = balance - 5  # 5 - 5 = 0 |   |       5\n"
            " ... |   | ... 4 more steps ... |        \n"
            "   2 | balance = x1  # = 0, t2's 13 is lost |  |       0\n"
            "threads.race: finished normally\n")
    result = parse_race_output(text)
    assert (result.balance, result.lost, result.at_least) == (-3, 2, False)
    assert result.detail == "(1 of t1's, 1 of t2's)"
    assert [row[0] for row in result.rows] == ["1", "...", "2"]
    assert result.rows[2][1] == "balance = x1  # = 0, t2's 13 is lost"
    bound = parse_race_output("final balance: 16\nlost updates: at least 2 (from the balance)\n")
    assert (bound.balance, bound.lost, bound.at_least, bound.rows) == (16, 2, True, [])
