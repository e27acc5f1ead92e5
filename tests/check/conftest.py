"""The check's window tests run on a real qasync loop, like the window's own tests."""
from tests.gui.conftest import run_async  # noqa: F401 (a fixture)
