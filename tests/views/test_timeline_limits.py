"""The timeline under a model it cannot show as it is: one that fails to build is never
half-installed, and thousands of lanes cost what the rows in view cost."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from gui.trace.model import MAX_ROWS, TraceModel
from gui.views.timeline_view import TimelineView
from tests.views.test_timeline import small_model

ROOT = Path(__file__).resolve().parents[2]


def endless_model():
    """A model that reached the view with a span to infinity (as a bad trace once did)."""
    model = TraceModel()
    lane = model.thread_started(1, 1, 1, "MainThread", 0.0)
    model.add_spans([0.0], [np.inf], [lane.id], [1], [0])
    return model


def test_a_model_the_view_cannot_take_leaves_the_previous_picture(view, qtbot):
    good = small_model()
    view.set_model(good)
    before = view.grab().toImage()
    labels = [text for _, text in view.lane_axis.drawn]
    with pytest.raises(ValueError, match="times are not usable"):
        view.set_model(endless_model())
    assert view.model is good
    assert [text for _, text in view.lane_axis.drawn] == labels
    view.tick()
    assert view.grab().toImage() == before            # the same picture, painted again
    other = small_model()
    view.set_model(other)                             # and the view still takes good ones
    assert view.model is other and view.viewbox.viewRange()[0][1] < 2.0


def test_thousands_of_lanes_are_folded_into_a_summary_row(view, qtbot):
    model = TraceModel()
    model.process(10, 0, "MainProcess", 0.0)
    count = 3 * MAX_ROWS
    lanes = [model.thread_started(10, k, k, f"Thread-{k}", 0.0) for k in range(count)]
    model.add_spans(np.arange(count) * 1e-4, np.arange(count) * 1e-4 + 1e-3,
                    [lane.id for lane in lanes], np.ones(count), np.zeros(count))
    view.set_model(model)
    assert len(view.lane_axis.rows) == MAX_ROWS
    assert view.describe_lane(MAX_ROWS - 1).startswith(f"+ {count + 1 - MAX_ROWS + 1:,} more")
    assert view.spans.index.keys <= MAX_ROWS * 8          # keyed by row, not by lane
    view.viewbox.setYRange(MAX_ROWS - 10, MAX_ROWS, padding=0)
    image = view.grab().toImage()
    assert not image.isNull() and view.spans.mode == "raster"
    from gui import i18n
    try:                                              # the summary row speaks Chinese too
        i18n.set_language("zh_CN")
        view.set_model(model)
        label = view.lane_axis.rows[-1][0]
        assert f"{count + 1 - MAX_ROWS + 1:,}" in label and "泳道" in label
        assert view.describe_lane(MAX_ROWS - 1) == label
    finally:
        i18n.set_language("en")


PEAK = textwrap.dedent("""
    import resource, sys
    import numpy as np
    from PySide6.QtWidgets import QApplication
    from gui.trace.model import TraceModel
    from gui.views.timeline_view import TimelineView
    app = QApplication([])
    count = int(sys.argv[1])
    model = TraceModel()
    model.process(10, 0, "MainProcess", 0.0)
    lanes = [model.thread_started(10, k, k, f"Thread-{k}", 0.0) for k in range(count)]
    model.add_spans(np.arange(count) * 1e-4, np.arange(count) * 1e-4 + 1e-3,
                    [lane.id for lane in lanes], np.ones(count), np.zeros(count))
    view = TimelineView()
    view.resize(1200, 700)
    view.show()
    view.set_model(model)
    view.grab()
    view.viewbox.setYRange(0, 40, padding=0)           # a taller look, as an export takes
    view.grab()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""")


def peak_kib(lanes):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PEAK, str(lanes)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[-1])


def test_the_memory_of_many_lanes_is_bounded_by_what_is_shown():
    """Each lane beyond the row limit costs its own record, not a row of every picture:
    30,000 lanes once took 3.9 GB, as the raster and the span index grew with lanes x rows."""
    few, many = peak_kib(5_000), peak_kib(20_000)
    per_lane_kib = (many - few) / 15_000
    assert per_lane_kib < 4, (few, many)
