"""File > Export on real lesson runs: pictures that show the run, the window, the CPU samples,
what is on screen in one key press, and clear words when nothing can be written."""
import csv
import errno
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QSplitter

from gui import settings
from gui.exports import FOLDER_KEY, write_error
from gui.main_window import MainWindow
from gui.trace.model import STATES
from gui.views.palette import STATE_COLORS
from tests.exports.pictures import (BASICS, POOL, colour_areas, pixels, svg_to_image,
                                    window_after)

WHITE = 0xFFFFFF


def state_rgb(state):
    return STATE_COLORS[STATES.index(state)].rgb() & 0xFFFFFF


def test_the_timeline_exports_as_png_and_as_svg_with_the_run_drawn(qtbot, run_async, tmp_path):
    window = window_after(qtbot, run_async, POOL)
    png = window.exports.save_timeline_png(tmp_path / "pool.png")
    assert window.status.text() == f"Timeline saved to {png}"
    svg = window.exports.save_timeline_svg(tmp_path / "pool.svg")
    assert window.status.text() == f"Timeline saved to {svg}"
    bars = {state_rgb("task"), state_rgb("wait.io")}    # the tasks, and a task left waiting

    image = QImage(str(png))
    assert image.width() == 1600 and image.height() > 900
    areas = colour_areas(image)
    assert bars <= areas, "the task bars and the waiting bar are not in the picture"
    assert WHITE in areas and len(areas) >= 4

    root = ET.parse(svg).getroot()                   # well-formed XML
    tags = Counter(element.tag.split("}")[-1] for element in root.iter())
    assert sum(tags[t] for t in ("rect", "path", "polyline", "polygon")) >= 20, tags
    texts = [" ".join(e.itertext()).strip() for e in root.iter() if e.tag.endswith("text")]
    assert any(text.startswith("process.pool") for text in texts), "no title band"
    sentence = window.outcome.current().sentence       # the result, under the title
    drawn = " ".join(" ".join(texts).split())          # a text may be drawn word by word
    assert sentence.startswith("3 tasks ran on") and sentence in drawn, texts
    assert {"task 0", "task 1", "task 2"} <= set(texts), texts
    renderer, rendered = svg_to_image(svg)
    assert renderer.isValid() and renderer.viewBox().width() == 1600
    assert bars <= colour_areas(rendered), "the SVG draws no bars"


def test_the_window_exports_as_a_picture_of_its_size(qtbot, run_async, tmp_path):
    window = window_after(qtbot, run_async, BASICS)
    path = window.exports.save_window_png(tmp_path / "window.png")
    assert window.status.text() == f"Window saved to {path}"
    image = QImage(str(path))
    ratio = window.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(window.width() * ratio),
                                               round(window.height() * ratio))
    assert len(colour_areas(image, share=0.002)) >= 4, "the window picture is blank"


def test_the_cpu_samples_export_as_csv_with_a_column_per_core(qtbot, run_async, tmp_path):
    window = window_after(qtbot, run_async, POOL)
    path = window.exports.save_cpu_csv(tmp_path / "cpu.csv")
    assert window.status.text() == f"CPU samples saved to {path}"
    with open(path, newline="", encoding="utf-8") as table:
        header, *rows = list(csv.reader(table))
    cores = window.cores.core_usage.cores
    assert header == (["time (s)"] + [f"core {i} busy (%)" for i in range(cores)]
                      + ["machine busy (cores)", "this lesson busy (cores)"])
    end = window.runner.session.model.end_time
    times = [float(row[0]) for row in rows]
    assert times == sorted(times)
    assert all(-1.01 <= t <= end + 1.01 for t in times), "samples from outside the run"
    assert sum(0 <= t <= end for t in times) >= 3, "no samples while the lesson ran"
    for row in rows:
        assert len(row) == len(header)
        per_core = [float(value) for value in row[1:1 + cores]]
        assert all(0 <= value <= 100 for value in per_core)
        assert float(row[1 + cores]) == pytest.approx(sum(per_core) / 100, abs=0.02)
        assert row[-1] == "" or 0 <= float(row[-1]) <= cores + 0.5


def test_export_what_is_on_screen_keeps_the_zoom_with_one_key(qtbot, run_async, tmp_path):
    window = window_after(qtbot, run_async, POOL)
    quick = tmp_path / "quick"
    quick.mkdir()
    settings.set_value(FOLDER_KEY, str(quick))
    keys = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert keys.count("Ctrl+Shift+S") == 1, keys
    timeline = window.timeline
    size = (timeline.width(), timeline.height())
    whole = pixels(timeline.export_png(tmp_path / "whole.png", *size))
    (x0, x1), _ = timeline.viewbox.viewRange()
    timeline.viewbox.setXRange(x0 + 0.3 * (x1 - x0), x0 + 0.5 * (x1 - x0), padding=0)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = datetime.now().replace(microsecond=0)
    QTest.keyClick(window, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    after = datetime.now()
    saved = list(quick.iterdir())
    assert len(saved) == 1, "Ctrl+Shift+S saved nothing"
    name = re.fullmatch(r"process\.pool-(\d{8}-\d{6})\.png", saved[0].name)
    assert name, saved[0].name
    assert before <= datetime.strptime(name[1], "%Y%m%d-%H%M%S") <= after
    assert window.status.text() == f"What is on screen saved to {saved[0]}"

    shot = pixels(QImage(str(saved[0])))
    screen = pixels(timeline.grab().toImage())
    assert shot.shape[1] == screen.shape[1] and shot.shape[0] > screen.shape[0]  # + title
    below_title = shot[-screen.shape[0]:]
    assert np.mean(below_title != screen) < 0.01, "the picture is not what is on screen"
    assert np.mean(below_title != whole) > 0.02, "the zoom is lost: it shows the whole run"

    window.export_screen_action.trigger()           # twice in a second: both are kept
    assert len(list(quick.glob("process.pool-*.png"))) == 2


def test_export_what_is_on_screen_keeps_the_rows_scrolled_into_view(qtbot, run_async,
                                                                    tmp_path):
    window = window_after(qtbot, run_async, POOL)
    timeline = window.timeline
    splitter = timeline.parentWidget()
    while not isinstance(splitter, QSplitter):
        splitter = splitter.parentWidget()
    splitter.setSizes([150, 1000])                  # a short timeline: its rows scroll
    qtbot.waitUntil(lambda: timeline.viewbox.state["mouseEnabled"][1])
    QApplication.processEvents()                    # the new layout settles, as on screen
    timeline.grab()
    _, (top, bottom) = timeline.viewbox.viewRange()
    timeline.viewbox.setYRange(top + 1, bottom + 1, padding=0)    # scroll one row down
    assert timeline.viewbox.viewRange()[1][0] == pytest.approx(top + 1)

    shot = pixels(QImage(str(window.exports.save_on_screen(tmp_path))))
    screen = pixels(timeline.grab().toImage())
    assert np.mean(shot[-screen.shape[0]:] != screen) < 0.01, "other rows than on screen"


def test_exports_before_any_run_say_so_and_write_nothing(qtbot, tmp_path, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    assert window.exports.folder() in (Path(pictures), Path.home())    # until one is chosen
    settings.set_value(FOLDER_KEY, str(tmp_path))
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *args: asked.append(args) or (str(tmp_path / "x"), "")))
    for action in (window.export_png_action, window.export_svg_action,
                   window.export_screen_action, window.export_json_action,
                   window.export_csv_action):
        window.status.setText("")
        action.trigger()
        assert "Nothing to export yet: run a lesson first" in window.status.text(), \
            action.text()
        assert window.exports.message_box.isVisible()
        window.exports.message_box.close()
    assert not asked, "a save dialog opened with nothing to save"
    exports = window.exports
    for save, suffix in ((exports.save_timeline_png, "png"), (exports.save_timeline_svg, "svg"),
                         (exports.save_trace_json, "json"), (exports.save_cpu_csv, "csv")):
        assert save(tmp_path / f"x.{suffix}") is None
    assert list(tmp_path.iterdir()) == []
    # the window itself is never empty: its picture works before any run
    assert exports.save_window_png(tmp_path / "window.png").exists()


def test_write_errors_say_what_went_wrong(qtbot, run_async, tmp_path):
    window = window_after(qtbot, run_async, BASICS)
    exports = window.exports
    gone = tmp_path / "gone"
    for save in (exports.save_timeline_png, exports.save_timeline_svg, exports.save_window_png,
                 exports.save_trace_json, exports.save_cpu_csv):
        exports.message_box = None
        assert save(gone / "export.out") is None
        assert window.status.text() == (f"Could not save {gone / 'export.out'}: the folder "
                                        f"{gone} does not exist.")
        assert exports.message_box.isVisible()
        assert exports.message_box.text() == window.status.text()
    assert not gone.exists()

    settings.set_value(FOLDER_KEY, str(gone))       # the remembered folder was deleted
    assert exports.save_on_screen() is None
    assert f"the folder {gone} does not exist" in window.status.text()

    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    assert exports.save_timeline_png(a_file / "timeline.png") is None
    assert f"{a_file} is a file, not a folder" in window.status.text()


def test_a_read_only_folder_is_named_as_such(tmp_path):
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert "is read-only" in write_error(tmp_path / "x.png", denied)
    assert "No space left" in write_error(tmp_path / "x.png",
                                          OSError(errno.ENOSPC, "No space left on device"))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_saving_into_a_read_only_folder_says_read_only(qtbot, run_async, tmp_path):
    window = window_after(qtbot, run_async, BASICS)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        for save in (window.exports.save_timeline_png, window.exports.save_timeline_svg,
                     window.exports.save_cpu_csv):
            assert save(locked / "export.out") is None
            assert f"the folder {locked} is read-only" in window.status.text()
    finally:
        locked.chmod(0o700)


def test_the_dialogs_save_svg_and_csv_and_remember_the_folder(qtbot, run_async, tmp_path,
                                                              monkeypatch):
    window = window_after(qtbot, run_async, BASICS)
    menu = [a.text() for a in window.file_menu.actions()]
    for text in ("Export timeline as PNG…", "Export timeline as SVG…",
                 "Export what is on screen", "Export window as PNG…", "Export trace as JSON…",
                 "Export CPU samples as CSV…", "Folder for quick exports…"):
        assert menu.index(text) < menu.index("Quit"), menu
    chosen = tmp_path / "lesson pictures"
    chosen.mkdir()
    answers = iter([str(chosen / "timeline"), str(chosen / "cpu.csv")])
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, title, start, filters: offered.append(Path(start)) or (next(answers), "")))
    window.export_svg_action.trigger()
    window.export_csv_action.trigger()
    assert (chosen / "timeline.svg").stat().st_size > 1000     # the suffix is added
    assert (chosen / "cpu.csv").read_text().startswith("time (s),core 0 busy (%)")
    assert re.fullmatch(r"threads\.basics-\d{8}-\d{6}\.svg", offered[0].name)
    assert offered[1].parent == chosen                         # opens where the last went
    window.export_screen_action.trigger()
    assert len(list(chosen.glob("threads.basics-*.png"))) == 1


def test_the_manager_s_key_stays_out_of_the_timeline_and_its_pictures(qtbot, run_async,
                                                                        tmp_path):
    """The worker command is drawn on the manager's lane; its key is not: a picture is for
    sharing, and the key lets anyone run code on the manager's machine. The Workers tab
    still gives the whole command to copy."""
    window = window_after(qtbot, run_async, ("distributed.manager", {"tasks": 2}))
    command = window.panel.command
    key = command.split("--key ")[1].split()[0]
    assert len(key) >= 16
    svg = window.exports.save_timeline_svg(tmp_path / "manager.svg")
    texts = " ".join(" ".join(e.itertext()) for e in ET.parse(svg).getroot().iter())
    texts = " ".join(texts.split())                     # a text may be drawn word by word
    assert "Worker command" in texts and "(key hidden)" in texts
    assert key not in svg.read_text(encoding="utf-8")
