"""Export tests drive the window on a real qasync loop, as tests/gui does."""
from tests.gui.conftest import run_async  # noqa: F401 (a fixture, found by name)
