"""Cores view tests that run a lesson drive it on a real qasync loop, like the app."""
from tests.gui.conftest import run_async  # noqa: F401
