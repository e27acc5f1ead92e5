"""Architecture boundaries of DESIGN.md, checked so that crossing one fails a test."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_LIKE = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "qasync", "gui")
THIRD_PARTY_LESSON_LIBS = ("gevent", "aiohttp", "greenlet")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", sorted((ROOT / "workloads").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_workloads_use_only_the_standard_library(path):
    allowed = set(sys.stdlib_module_names) | {"workloads"} | set(THIRD_PARTY_LESSON_LIBS)
    for name in imported_modules(path):
        top = name.split(".")[0]
        assert top not in QT_LIKE, f"{path.name} imports {name}"
        assert top in allowed, f"{path.name} imports non-stdlib {name}"


def test_models_and_decoders_import_without_qt():
    code = ("import sys, workloads.probe, workloads.catalog, gui.trace.model, gui.trace.decoder,"
            " gui.trace.ingest, gui.trace.listener, gui.trace.chrome_json, gui.run.session,"
            " gui.cpu.core_usage, gui.cli\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'qasync')]\n"
            "assert not bad, bad\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
