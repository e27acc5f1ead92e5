"""Each lesson is one unit: one registered home in gui/lessons per catalog lesson, and no
lesson id known anywhere else in the window's code."""
import ast
import re
from pathlib import Path

import pytest

from gui import lessons
from gui.lessons import LessonUnit
from workloads import catalog

ROOT = Path(__file__).resolve().parents[1]
IDS = [lesson.id for lesson in catalog.LESSONS]


def test_every_catalog_lesson_has_a_unit_and_every_unit_a_catalog_lesson():
    units = lessons.load_all()
    assert sorted(set(IDS) - set(units)) == [], "lessons without a unit"
    assert sorted(set(units) - set(IDS)) == [], "units of lessons the catalog does not know"
    for lesson_id, unit in units.items():
        assert isinstance(unit, LessonUnit) and lesson_id in unit.ids


def test_a_second_unit_for_one_lesson_is_refused():
    lessons.load_all()
    with pytest.raises(ValueError, match="two units for threads.race"):
        @lessons.lesson("threads.race")
        class Again(LessonUnit):
            pass


def test_a_trace_of_a_lesson_no_unit_serves_gets_a_plain_unit():
    plain = lessons.unit("lesson.from_another_version")
    assert plain.tab() is None and plain.question({}) is None


def literals(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "gui").rglob("*.py")
                                        if "lessons" not in p.relative_to(ROOT).parts),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_lesson_id_outside_its_unit(path):
    """Tabs, sentences, questions and compare rows live in the lesson's unit: the rest of the
    window knows no lesson by name (no dictionary keyed by lesson id, no special case)."""
    named = {text for text in literals(path) if text in IDS}
    assert not named, f"{path.name} names {sorted(named)}"


def test_units_import_no_qt_so_the_command_line_reads_sentences_without_a_window():
    import subprocess
    import sys
    code = ("import sys, gui.lessons as l; l.load_all()\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'qasync')]\n"
            "assert not bad, bad\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def test_the_window_never_reads_the_console_text():
    """Only the console view and the trace export (which keeps it for people) read it."""
    readers = []
    for path in (ROOT / "gui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"console\.toPlainText\(\)", text):
            readers.append(path.relative_to(ROOT).as_posix())
    assert sorted(readers) == ["gui/exports.py"]
