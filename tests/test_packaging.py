"""A non-editable install carries what the app reads at run time, not only the code."""
import subprocess
import sys
import zipfile
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_the_bootstrap_the_theme_and_every_lesson_text(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                          "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    wheel, = tmp_path.glob("concurrency_lab-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "workloads/_boot/sitecustomize.py" in names
    assert "assets/theme.qss" in names
    from workloads import catalog
    for lesson in catalog.LESSONS:
        assert f"assets/lessons/{lesson.id}.md" in names, lesson.id
        assert f"assets/lessons/zh_CN/{lesson.id}.md" in names, lesson.id
