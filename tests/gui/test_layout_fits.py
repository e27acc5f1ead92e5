"""The window fits the projector it opens on: every lesson's finished run is readable at
1280x720 and 1920x1080, in presentation mode and not, the timeline gets the largest share,
rows that do not fit scroll with a visible bar, and the wheel stays inside the run."""
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent

from gui.main_window import MainWindow
from gui.window_layout import PREFERRED, opening_geometry
from tests.gui import layout_check

SCREENS = ((1280, 720), (1920, 1080))


@pytest.fixture(scope="module")
def on_screens(quick_traces):
    """{screen size: its check, ended}: every lesson's quick run, kept as the trace a teacher
    would open, checked on each screen; the screens at once, each in its own Python."""
    traces = quick_traces.all()
    assert not quick_traces.missing(), f"no trace of {quick_traces.missing()}"
    with ThreadPoolExecutor(len(SCREENS)) as screens:
        return {size: screens.submit(layout_check.check_on_screen, size, traces.values())
                for size in SCREENS}


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: "%dx%d" % s)
def test_every_lesson_is_readable_on_the_projector(on_screens, size):
    problems = on_screens[size].result()
    assert not problems, "\n".join(f"{where}:\n  " + "\n  ".join(found)
                                   for where, found in problems.items())


@pytest.mark.parametrize("room", [QRect(0, 0, 1366, 768), QRect(0, 0, 1024, 700),
                                  QRect(0, 30, 1280, 690), QRect(0, 0, 2560, 1440)])
def test_the_window_opens_inside_the_screen_with_room_for_a_title_bar(room):
    place = opening_geometry(room)
    title_bar = QRect(place.x(), place.y(), place.width(), place.height() + 30)
    assert room.contains(title_bar)
    assert place.size() == PREFERRED or place.width() == room.width() \
        or place.height() >= room.height() - 40       # a small screen: all of it


def test_the_timeline_gets_the_largest_share_and_the_run_button_stays_put(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 690)
    window.show()
    qtbot.waitExposed(window)
    window._share_centre()
    qtbot.waitUntil(lambda: window.timeline.height() > 0)
    assert window.timeline.height() > window.tabs.height()
    place = window.run_button.mapTo(window, QPoint(0, 0))
    window.say("a long message " * 30)
    window.layout().activate()
    qtbot.wait(1)       # the layout runs on the event loop
    assert window.run_button.mapTo(window, QPoint(0, 0)) == place
    assert window.status.toolTip().startswith("a long message")


def _rows_model(count):
    """A process with `count` busy threads over 3 s."""
    import numpy as np
    from gui.trace.model import TraceModel
    model = TraceModel()
    model.process(10, 0, "MainProcess", 0.0)
    lanes = [model.thread_started(10, k, k, f"Worker-{k}", 0.0) for k in range(count)]
    model.add_spans(np.arange(count) * 0.1, np.arange(count) * 0.1 + 0.5,
                    [lane.id for lane in lanes], np.ones(count), np.zeros(count))
    model.touch(3.0)
    return model


def test_rows_that_do_not_fit_scroll_with_a_visible_bar(qtbot):
    from gui.views.timeline_view import TimelineView
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.set_model(_rows_model(30))
    qtbot.waitUntil(lambda: view.row_bar.isVisible())
    first, last = view.rows_in_view()
    assert 3 <= last - first < 31
    view.row_bar.setValue(view.row_bar.maximum())        # the bar reaches the last row
    assert view.rows_in_view()[1] == len(view.model.rows())
    view.set_model(_rows_model(2))
    assert not view.row_bar.isVisible()


def test_the_wheel_does_not_zoom_out_past_the_run(qtbot):
    from gui.views.timeline_view import TimelineView
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.set_model(_rows_model(3))
    view.set_live(False)
    centre = view.plot.viewport().rect().center()
    for _ in range(20):                                   # wheel out, far
        event = QWheelEvent(QPointF(centre), QPointF(view.plot.viewport().mapToGlobal(centre)),
                            QPoint(0, 0), QPoint(0, -240), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        view.plot.wheelEvent(event)
    lo, hi = view.viewbox.viewRange()[0]
    end = view.model.end_time
    assert lo >= -0.02 * end and hi <= end * 1.02, (lo, hi)

