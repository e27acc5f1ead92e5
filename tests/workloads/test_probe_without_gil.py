"""The probe's buffer for a free-threaded build without the GIL (every change under a lock),
checked on a GIL build through CLAB_PROBE_LOCKED=1, which takes the same code path: no record
is lost or sent twice while four threads record at once."""
import numpy as np

from gui.trace.model import STATES
from tests.lessons.conftest import run_lesson


def test_the_locked_buffer_delivers_every_record(monkeypatch):
    monkeypatch.setenv("CLAB_PROBE_LOCKED", "1")
    session, out = run_lesson("threads.lock", workers=4, iterations=50)
    assert session.run.returncode == 0, out
    s = session.model.spans
    holds = np.flatnonzero(s["state"] == STATES.index("lock.hold"))
    assert len(holds) == 4 * 50                      # every `with lock:` arrived, once
    starts = np.sort(s["t0"][holds])
    assert len(np.unique(starts)) == len(starts)
    assert not session.model.open_spans


def test_the_probe_picks_the_locked_buffer_only_without_a_gil(monkeypatch):
    import subprocess
    import sys
    from pathlib import Path
    root = str(Path(__file__).resolve().parents[2])
    code = ("from workloads import probe; c = probe.Connection('unix:/x', 't'); "
            "print(type(c.records).__name__)")
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PATH": "", "PYTHONPATH": root}, timeout=60)
    locked = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PATH": "", "PYTHONPATH": root, "CLAB_PROBE_LOCKED": "1"},
                            timeout=60)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    assert plain.stdout.strip() == ("bytearray" if gil else "_LockedRecords"), plain.stderr
    assert locked.stdout.strip() == "_LockedRecords", locked.stderr
