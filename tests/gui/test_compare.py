"""Compare two runs: pin a finished run, run another variant, and see both on one time axis
with their key figures side by side; the comparison exports as one picture."""
import numpy as np
from PySide6.QtGui import QImage

from gui.lessons import run_of
from gui.lessons.free_cores import starved
from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end


def test_two_runs_side_by_side_on_one_time_axis(qtbot, run_async, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.compare.show() is None            # nothing pinned yet: a hint instead
    assert "Pin a finished run first" in window.status.text()
    window.lessons.select("threads.gil")
    window.params.set_values({"variant": "threads", "seconds": 0.4, "workers": 2})
    run_async(run_to_the_end(window))
    first = window.compare.pin()
    assert first is not None and "variant=threads" in first.title
    window.params.set_values({"variant": "processes", "seconds": 0.4, "workers": 2})
    run_async(run_to_the_end(window))
    dialog = window.compare.show()
    assert dialog.table.columnCount() == 2
    titles = [card.title for card in dialog.cards]
    assert "variant=threads" in titles[0] and "variant=processes" in titles[1]
    # key figures side by side: the processes run has more processes than the threads run
    processes_row = [dialog.table.item(2, c).text() for c in range(2)]
    assert int(processes_row[1]) > int(processes_row[0])
    assert all(dialog.table.item(0, c).text().endswith(" s") for c in range(2))
    # then the lesson's own figures, from each run's probe.result: the result sentence, and
    # the overlap the class compares (threads take turns, processes run together)
    rows = {dialog.table.verticalHeaderItem(r).text(): [dialog.table.item(r, c).text()
                                                        for c in range(2)]
            for r in range(dialog.table.rowCount())}
    pinned, latest = dialog.results.text().split("\n")
    assert pinned.startswith("pinned: The threads took turns")
    if starved(run_of(window.runner.session), 2):     # no verdict from a starved run
        assert latest.startswith("latest: Other programs used")
    else:
        assert latest.startswith("latest: The processes ran at the same time")
    assert {"CPU used", "ran at the same time", "loops per second, all workers"} <= set(rows)
    threads_share, processes_share = (float(v.rstrip("%")) for v in rows["ran at the same time"])
    assert threads_share <= processes_share     # the GIL: threads never together (and
    #                                             processes only with a free core)
    # both runs on one axis, from their own start
    sections = dialog.stacked.sections
    assert len(sections) == 2 and all(s.rows for s in sections)
    starts = [float(np.min(t0)) for s in sections for _, t0, *_ in s.rows if len(t0)]
    assert starts and min(starts) >= 0
    path = dialog.export_png(tmp_path / "comparison.png")
    image = QImage(str(path))
    assert not image.isNull() and image.height() > 300
    pixels = np.frombuffer(image.convertToFormat(QImage.Format.Format_RGB32).constBits(),
                           np.uint32).reshape(image.height(), -1)
    values, counts = np.unique(pixels & 0xFFFFFF, return_counts=True)
    assert (counts > 200).sum() >= 4, "a real picture, not a blank one"
    dialog.close()
