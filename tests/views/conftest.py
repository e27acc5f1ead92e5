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
