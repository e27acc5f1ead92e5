"""Views are deleted when their test ends, not while the next one sets up."""
import pytest


@pytest.fixture(autouse=True)
def widgets_deleted_when_the_test_ends(qapp):
    """pytest-qt closes a test's widgets and asks Qt to delete them later; delete them in
    this test's teardown, so no pyqtgraph item gets an event after its view is gone."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def view(qtbot):
    """A shown timeline of 1200x700, deleted when the test ends."""
    from gui.views.timeline_view import TimelineView
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    from shiboken6 import isValid
    if isValid(widget):
        widget.timer.stop()
        widget.hide()
        widget.deleteLater()
