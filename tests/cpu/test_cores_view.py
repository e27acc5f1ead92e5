"""CoresView with real timers, real psutil and a real lesson run (offscreen, no mocks).

Each waits on a condition, never on a fixed sleep. The lesson's processes come from its run
(the runner's `processes_changed`), as in the window; its run ends them all with Stop.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import functools  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import pytest  # noqa: E402
from PySide6 import QtGui  # noqa: E402

from gui.cpu.core_usage import ProcessRow, Snapshot  # noqa: E402
from gui.cpu.cores_view import CORE_BLUE, CoresView  # noqa: E402
from gui.lesson_runner import LessonRunner  # noqa: E402
from tests.gui.waiting import until  # noqa: E402
from workloads.catalog import Lesson  # noqa: E402

WAIT_MS = 30_000


@pytest.fixture
def view(qtbot):
    widget = CoresView()
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    widget.show()
    yield widget
    widget.stop()


def test_one_graph_per_core_with_readable_titles(view):
    cores = psutil.cpu_count()
    assert view.core_usage.cores == cores
    assert len(view.core_plots) == len(view.core_curves) == cores
    for i, plot in enumerate(view.core_plots):
        assert f"core {i}" in plot.titleLabel.text
        assert plot.listDataItems() == [view.core_curves[i]]
        assert plot.getAxis("left").style["tickFont"].pointSize() >= 12
    assert view.tree_widget.font().pointSize() >= 12
    assert [view.tree_widget.headerItem().text(c) for c in range(5)] == [
        "PID", "PPID", "name", "threads", "CPU %"]


def test_samples_accumulate_and_curves_are_updated_in_place(qtbot, view):
    curves = list(view.core_curves)
    qtbot.waitUntil(lambda: len(view.core_usage) >= 15, timeout=WAIT_MS)
    assert view.core_curves == curves  # setData on the same items, never recreated
    for plot, curve in zip(view.core_plots, curves):
        x, y = curve.getData()
        assert len(x) >= 15 and len(x) == len(y)
        assert x.max() <= 0 and x.min() >= -31  # seconds before now, last ~30 s
        assert ((y >= 0) & (y <= 100)).all()
        assert plot.listDataItems() == [curve]
        assert "%" in plot.titleLabel.text  # title shows the current value
    x, y = view.machine_curve.getData()
    assert len(x) >= 15 and 0 <= y.min() and y.max() <= view.core_usage.cores
    assert view.process_tree.root_pid is None
    assert view._tree_caption.text().endswith(": none")
    x, y = view.lesson_curve.getData()          # no lesson: zeros, about one a second
    assert len(x) >= 1 and not y.any()


def test_grab_to_png_is_not_blank(qtbot, view, tmp_path):
    qtbot.waitUntil(lambda: len(view.core_usage) >= 10, timeout=WAIT_MS)
    path = tmp_path / "cores.png"
    assert view.grab().save(str(path))
    image = QtGui.QImage(str(path)).convertToFormat(QtGui.QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == (700, 700)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), :3]
    colours = {tuple(p) for p in pixels[::7, ::7].reshape(-1, 3)}
    assert len(colours) > 20, "the picture is (nearly) one colour"
    blue = QtGui.QColor(CORE_BLUE)
    bgr = np.array([blue.blue(), blue.green(), blue.red()])
    assert (np.abs(pixels.astype(int) - bgr).sum(axis=2) < 40).any(), "no core curve drawn"


FAMILY = Lesson("test.family", "Processes", "family", "tests.cpu.family")
# The calls that read a process or the process table, which may wait on /proc: the run's
# tree makes them in a worker thread, never the GUI thread.
SCANS = {psutil.Process: ("children", "cpu_percent", "num_threads", "ppid", "send_signal"),
         psutil: ("process_iter", "wait_procs")}


def watch_scans(monkeypatch):
    """Note, for each scanning call, whether it ran on the GUI (main) thread."""
    threads = []
    for owner, names in SCANS.items():
        for name in names:
            real = getattr(owner, name)

            @functools.wraps(real)                 # keeps psutil's caching of ppid()
            def noted(*args, __real=real, **kwargs):
                threads.append(threading.current_thread() is threading.main_thread())
                return __real(*args, **kwargs)
            monkeypatch.setattr(owner, name, noted)
    return threads


def nested(view):
    """(lesson row, its child row) of the table, when the child is listed under it."""
    top = view.tree_widget.topLevelItem(0)
    if top is None or top.childCount() != 1:
        return None
    return top, top.child(0)


@pytest.mark.realrun
def test_the_view_shows_what_the_runs_tree_found_and_the_gui_thread_scans_nothing(
        qtbot, view, run_async, monkeypatch):
    runner = LessonRunner()
    runner.processes_changed.connect(view.show_processes)
    snapshots = []
    runner.processes_changed.connect(snapshots.append)
    scans = watch_scans(monkeypatch)

    async def scenario():
        runner.run(FAMILY, {})
        await until(lambda: runner.running, message="the lesson to start")
        session = runner.session
        await until(lambda: nested(view) and float(nested(view)[1].text(4)) > 50,
                    message="the busy child listed under the lesson")
        top, sub = nested(view)
        assert top.text(0) == str(session.run.pid) and top.text(1) == str(os.getpid())
        assert sub.text(1) == str(session.run.pid) and top.isExpanded()
        assert "python" in sub.text(2).lower()
        assert "2 processes," in view._tree_caption.text()
        await until(lambda: view.lesson_curve.getData()[1].max() > 0.5,
                    message="the lesson's curve to rise")
        assert view.lesson_curve.getData()[1].max() <= view.core_usage.cores + 0.2
        shown = {row.pid for snap in snapshots if snap for row in snap.rows}
        await runner.stop()
        return session, shown

    session, shown = run_async(scenario())
    assert snapshots[-1] is None and all(snapshots[:-1])
    assert {snap.root_pid for snap in snapshots[:-1]} == {session.run.pid}
    assert len(shown) == 2 and shown <= set(session.run.tree.known)   # one owner's finds
    assert not [pid for pid in shown if psutil.pid_exists(pid) and
                psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert view.tree_widget.topLevelItemCount() == 0
    assert view._tree_caption.text().endswith(": none")
    assert view.process_tree.total_history()[-1] == 0.0
    assert scans and not any(scans), f"{scans.count(True)} scanning calls on the GUI thread"


def test_snapshots_fill_the_table_caption_and_curve(view):
    view.stop()
    now = time.monotonic()
    rows = (ProcessRow(10, 1, "lesson", 1, 10.0, 0), ProcessRow(11, 10, "worker", 2, 140.0, 1))
    view.show_processes(Snapshot(10, now, rows))
    assert view.tree_widget.topLevelItem(0).child(0).text(4) == "140"
    assert "2 processes, 1.5 cores busy" in view._tree_caption.text()
    assert view.lesson_curve.getData()[1][-1] == 1.5
    view.show_processes(Snapshot(10, now + 1, rows[:1]))
    assert "1 process, 0.1 cores busy" in view._tree_caption.text()
    view.show_processes(None)
    assert view.tree_widget.topLevelItemCount() == 0
    assert view._tree_caption.text().endswith(": none")
    assert view.lesson_curve.getData()[1][-1] == 0.0


def test_tree_updates_in_place_and_reparents_orphans(view):
    """The widget logic alone, fed rows as the model would produce them."""
    view.stop()
    rows = [ProcessRow(10, 1, "lesson", 1, 5.0, 0), ProcessRow(11, 10, "worker", 2, 90.0, 1),
            ProcessRow(12, 11, "helper", 1, 0.0, 2)]
    view.tree_widget.show_rows(rows)
    tree = view.tree_widget
    root = tree.topLevelItem(0)
    assert tree.topLevelItemCount() == 1 and root.child(0).child(0).text(0) == "12"
    # the worker (11) died mid-scan: its child is listed as an orphan at depth 0
    view.tree_widget.show_rows([rows[0], ProcessRow(12, 11, "helper", 1, 3.0, 0)])
    root = tree.topLevelItem(0)
    assert root.text(0) == "10" and root.childCount() == 0
    assert tree.topLevelItemCount() == 2 and tree.topLevelItem(1).text(0) == "12"
    assert tree.topLevelItem(1).text(4) == "3"
    view.tree_widget.show_rows([])
    assert tree.topLevelItemCount() == 0
    # a parent and its children vanishing together (a lesson that ended) is no error
    view.tree_widget.show_rows(rows)
    view.tree_widget.show_rows([rows[0]])
    assert tree.topLevelItemCount() == 1 and tree.topLevelItem(0).childCount() == 0


def test_ticks_are_cheap_and_stop_stops(qtbot, view):
    """Nothing slow on the GUI thread: a 10 Hz tick, an idle tick and a snapshot shown stay
    far below a frame."""
    rows = tuple(ProcessRow(10 + i, 10 if i else 1, "worker", 1, 50.0, min(i, 1))
                 for i in range(8))
    costs = {"sample": [], "scan": []}
    for _ in range(5):
        show = lambda: view.show_processes(Snapshot(10, time.monotonic(), rows))  # noqa: E731
        for name, tick in (("sample", view._on_sample), ("scan", show)):
            start = time.perf_counter()
            tick()
            costs[name].append(time.perf_counter() - start)
    assert sorted(costs["sample"])[2] < 0.05 and sorted(costs["scan"])[2] < 0.1, costs
    assert view.is_running()
    view.stop()
    assert not view.is_running()
    revision = view.core_usage.revision
    qtbot.wait(400)  # four sample periods: nothing may arrive after stop()
    assert view.core_usage.revision == revision
