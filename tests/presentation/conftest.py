"""Presentation tests: a window per test; the application's look is set back to light, 100 %
afterwards, so tests elsewhere see the everyday look whatever ran here."""
import pytest

from tests.gui.conftest import run_async  # noqa: F401 (a fixture, found by name)


@pytest.fixture
def window(qtbot):
    from gui.main_window import MainWindow

    widget = MainWindow()
    qtbot.addWidget(widget)
    widget.resize(1600, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture(autouse=True)
def everyday_look_afterwards():
    yield
    from gui import presentation

    presentation.apply_look(theme="light", zoom_level=1.0, presenting=False)
