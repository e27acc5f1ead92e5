"""Window tests here run on the same qasync loop as tests/gui."""
from tests.gui.conftest import run_async  # noqa: F401 (a fixture)
