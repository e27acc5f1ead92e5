"""The per-thread values tab on real runs: one row per thread with the student it bound and
what it read back through threading.local and through the global dict."""
import pytest
from PySide6.QtCore import QTimer

from gui.run.session import LessonSession
from gui.views.local_panel import COLUMNS, LocalPanel
from tests.gui.waiting import until


async def run_with_panel(panel, names, live=None):
    """Run threads.local to its end while the panel refreshes on a timer, as in the window;
    `live` collects the table as it looked once every thread had bound its student."""
    out = []
    session = LessonSession("threads.local", {"names": names},
                            on_output=lambda stream, text: out.append(text))
    timer = QTimer()
    timer.setInterval(200)
    timer.timeout.connect(panel.refresh)
    await session.start()
    try:
        panel.start(session)
        timer.start()
        if live is not None:
            count = len(names.split(","))

            def bound():
                panel.refresh()
                return panel.table.rowCount() == count

            await until(lambda: bound() or not session.run.running, message="a row per thread")
            if session.run.running:        # else the run was over first (a very slow machine)
                live.extend(table(panel))
        await session.wait()
    finally:
        timer.stop()
        if session.run.running:
            await session.stop()
    panel.refresh()
    panel.finish(session, "".join(out))
    return session, "".join(out)


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
    assert banners == [panel.verdict]
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


@pytest.mark.parametrize("output", [
    # what a broken lesson would print: Thread-B reads Alice's student through the dict
    "Hello, Alice (in Thread-A, via local_school)\nHello, Alice (in Thread-A, via global_dict)\n"
    "Hello, Bob (in Thread-B, via local_school)Hello, Alice (in Thread-B, via global_dict)\n\n",
])
def test_a_thread_that_reads_another_s_value_is_flagged(qtbot, run_async, output):
    panel, banners = make_panel(qtbot)
    session, out = run_async(run_with_panel(panel, "Alice,Bob"))
    assert session.run.returncode == 0, out
    panel.finish(session, output)           # the real marks, with these printed reads
    assert table(panel)[1] == ("Thread-B", "Bob", "Bob", "Alice", "✗ NO")
    assert banners[-1].startswith("Thread-B read another thread's student")
