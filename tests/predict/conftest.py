"""Window tests here run on the same qasync loop as tests/gui; answers are read from real runs
of real lessons (tests/lessons)."""
from tests.gui.conftest import run_async  # noqa: F401 (a fixture)
