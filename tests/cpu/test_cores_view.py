"""CoresView with real timers, real psutil and real busy children (offscreen, no mocks).

Each waits on a condition (qtbot.waitUntil), never on a fixed sleep; every child process is
killed and reaped in a ``finally`` and checked to be gone.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import pytest  # noqa: E402
from PySide6 import QtGui  # noqa: E402

from gui.cpu.core_usage import ProcessRow  # noqa: E402
from gui.cpu.cores_view import CORE_BLUE, CoresView  # noqa: E402
from tests.cpu.children import assert_gone, kill_and_reap  # noqa: E402

BUSY = [sys.executable, "-c", "while True: pass"]
PARENT = [sys.executable, "-c",
          "import subprocess, sys\n"
          "p = subprocess.Popen([sys.executable, '-c', 'while True: pass'])\n"
          "print(p.pid, flush=True)\n"
          "p.wait()\n"]
WAIT_MS = 30_000


@pytest.fixture
def view(qtbot):
    widget = CoresView()
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    widget.show()
    yield widget
    widget.stop()


def top_item_cpu(view: CoresView, pid: int) -> float:
    tree = view.tree_widget
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) == str(pid):
            return float(item.text(4))
    return -1.0


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
    assert "no lesson running" in view._tree_caption.text()


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


def test_lesson_process_shows_in_tree_and_lesson_curve(qtbot, view):
    child = subprocess.Popen(BUSY)
    proc = psutil.Process(child.pid)
    try:
        view.set_workload_root(child.pid)
        assert top_item_cpu(view, child.pid) >= 0  # shown at once, before the next scan
        qtbot.waitUntil(lambda: top_item_cpu(view, child.pid) > 50, timeout=WAIT_MS)
        item = view.tree_widget.topLevelItem(0)
        assert item.text(1) == str(os.getpid()) and "python" in item.text(2).lower()
        assert "1 process," in view._tree_caption.text()
        qtbot.waitUntil(lambda: view.lesson_curve.getData()[1].max() > 0.5, timeout=WAIT_MS)
        assert view.lesson_curve.getData()[1].max() <= view.core_usage.cores + 0.2
    finally:
        kill_and_reap(child)
    assert_gone(proc)
    qtbot.waitUntil(lambda: view.tree_widget.topLevelItemCount() == 0, timeout=WAIT_MS)
    view.set_workload_root(None)
    assert "no lesson running" in view._tree_caption.text()
    assert child.pid in view.process_tree.known_pids


def test_grandchild_is_indented_under_its_parent(qtbot, view):
    parent = subprocess.Popen(PARENT, stdout=subprocess.PIPE, text=True)
    parent_proc = psutil.Process(parent.pid)
    grandchild = None
    try:
        grandchild = psutil.Process(int(parent.stdout.readline()))
        view.set_workload_root(parent.pid)

        def nested():
            top = view.tree_widget.topLevelItem(0)
            return (top is not None and top.childCount() == 1
                    and top.child(0).text(0) == str(grandchild.pid))

        qtbot.waitUntil(nested, timeout=WAIT_MS)
        top = view.tree_widget.topLevelItem(0)
        assert top.text(0) == str(parent.pid) and top.isExpanded()
        assert top.child(0).text(1) == str(parent.pid)
        assert view.tree_widget.topLevelItemCount() == 1
    finally:
        kill_and_reap(parent, *([grandchild] if grandchild else []))
    assert_gone(parent_proc, *([grandchild] if grandchild else []))


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
    """Nothing slow on the GUI thread: one 10 Hz tick and one rescan stay far below a frame."""
    view.set_workload_root(os.getpid())
    costs = {"sample": [], "scan": []}
    for _ in range(5):
        for name, tick in (("sample", view._on_sample), ("scan", view._on_scan)):
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
