"""Run tests drive the window on a real qasync loop too."""
from tests.gui.conftest import run_async  # noqa: F401
