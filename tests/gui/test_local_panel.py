"""The per-thread values tab on real runs: one row per thread with the student it bound and
what it read back through threading.local and through the global dict (the run's
figures)."""
from dataclasses import replace

from gui.lessons import run_of, unit
from gui.lessons.threads.local.tab import COLUMNS, LocalPanel
from tests.gui import panel_runs as panels
from tests.gui.waiting import until


async def run_with_panel(panel, names, live=None):
    """threads.local with the panel; `live` collects the table as it looked once every
    thread had bound its student."""
    async def collect(session):
        count = len(names.split(","))

        def bound():
            panel.refresh()
            return panel.table.rowCount() == count

        await until(lambda: bound() or not session.run.running, message="a row per thread")
        if session.run.running:            # else the run was over first (a very slow machine)
            live.extend(table(panel))
    return await panels.run_with_panel(panel, "threads.local", {"names": names},
                                       collect if live is not None else None)


def table(panel):
    """The table as the user reads it: one tuple of cell texts per row."""
    return [tuple(panel.cell(row, column) for column in range(len(COLUMNS)))
            for row in range(panel.table.rowCount())]


def make_panel(qtbot):
    panel = LocalPanel("threads.local")
    qtbot.addWidget(panel)
    panel.resize(700, 460)
    panel.show()
    banners = []
    panel.attention.connect(banners.append)
    return panel, banners


def test_each_thread_reads_its_own_student(qtbot, run_async):
    panel, banners = make_panel(qtbot)
    live = []
    session, out = run_async(run_with_panel(panel, "Alice,Bob", live))
    assert session.run.returncode == 0, out
    assert table(panel) == [("Thread-A", "Alice", "Alice", "Alice", "✓ yes"),
                            ("Thread-B", "Bob", "Bob", "Bob", "✓ yes")]
    # while it ran, the rows came from the threads' marks: bound, not read back yet
    assert live in ([], [("Thread-A", "Alice", "…", "…", "…"),
                         ("Thread-B", "Bob", "…", "…", "…")])
    assert banners == [unit("threads.local").sentence(run_of(session))]
    assert banners[0].startswith("Each thread read its own student back")
    notes = panel.notes.text()
    assert "hasattr(local_school, 'student') is False" in notes
    assert "global_dict still holds 2 entries" in notes


def test_more_names_give_more_rows(qtbot, run_async):
    panel, _ = make_panel(qtbot)
    names = ["Ann", "Ben", "Cy", "Di"]
    session, out = run_async(run_with_panel(panel, ",".join(names)))
    assert session.run.returncode == 0, out
    assert table(panel) == [(f"Thread-{letter}", name, name, name, "✓ yes")
                            for letter, name in zip("ABCD", names)]


def test_a_thread_that_reads_another_s_value_is_flagged(qtbot, run_async):
    panel, banners = make_panel(qtbot)
    session, out = run_async(run_with_panel(panel, "Alice,Bob"))
    assert session.run.returncode == 0, out
    # the real run, with figures of a broken lesson: Thread-B reads Alice through the dict
    run = run_of(session)
    rows = [list(row) for row in run.result["reads"]]
    rows[1][3] = "Alice"
    panel.finish(replace(run, result=dict(run.result, reads=rows)))
    assert table(panel)[1] == ("Thread-B", "Bob", "Bob", "Alice", "✗ NO")
    assert banners[-1].startswith("Thread-B read another thread's student")


def test_a_finished_run_fills_the_tab_without_a_live_part(qtbot, run_async):
    """A replayed trace: the tab is given only the finished run."""
    live, _ = make_panel(qtbot)
    session, out = run_async(run_with_panel(live, "Ann,Ben,Cy"))
    assert session.run.returncode == 0, out
    panel, banners = make_panel(qtbot)
    panel.finish(run_of(session))
    assert table(panel) == table(live) == [(f"Thread-{letter}", name, name, name, "✓ yes")
                                           for letter, name in zip("ABC", ["Ann", "Ben", "Cy"])]
    assert "global_dict still holds 3 entries" in panel.notes.text()
    assert banners == [unit("threads.local").sentence(run_of(session))]
