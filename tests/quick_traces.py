"""One quick run of every lesson that ends on its own, recorded through the command line
(`run LESSON --set ... --trace FILE`) once per test session, for every test that reads the
traces a teacher would share or open: the layout check opens them in the window, the Perfetto
check loads them into Perfetto.

The runs start when a test first asks for them, two at a time (the machine has two cores);
`as_completed()` hands each trace over as soon as it is written, so a caller can prepare
meanwhile, and `all()` waits for every one.
"""
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

AT_ONCE = 2
TIMEOUT = 180           # seconds for one quick run, on a busy machine


def lessons():
    """{lesson id: its quick settings} of every lesson that ends on its own."""
    from tests.gui.test_lessons_in_window import ENDS_ON_ITS_OWN, QUICK
    return {lesson_id: QUICK.get(lesson_id, {}) for lesson_id in ENDS_ON_ITS_OWN}


def record(folder, lesson_id, settings, timeout=TIMEOUT):
    """One quick run of a lesson, its trace written as `run --trace` writes it; the path
    (which does not exist when the run wrote no trace)."""
    path = Path(folder) / f"{lesson_id}.json"
    sets = [arg for k, v in settings.items() for arg in ("--set", f"{k}={v}")]
    subprocess.run([sys.executable, "-m", "gui", "run", lesson_id, *sets, "--trace", str(path)],
                   capture_output=True, timeout=timeout, check=False)
    return path


class QuickTraces:
    """The traces of every lesson's quick run, recorded once into `folder`."""

    def __init__(self, folder, wanted=None):
        self.folder = Path(folder)
        self.wanted = wanted if wanted is not None else lessons()
        self._lock = threading.Lock()
        self._pool = None
        self._runs = {}             # lesson id -> future of its trace path

    def start(self):
        """Start the runs (once); they go on while the caller does something else."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(AT_ONCE, thread_name_prefix="quick-run")
                self._runs = {lesson_id: self._pool.submit(record, self.folder, lesson_id,
                                                           settings)
                              for lesson_id, settings in self.wanted.items()}
        return self

    def as_completed(self):
        """(lesson id, trace path) for each lesson whose run wrote its trace, as they end."""
        self.start()
        ids = {future: lesson_id for lesson_id, future in self._runs.items()}
        for future in as_completed(ids):
            path = future.result()
            if path.exists():
                yield ids[future], path

    def all(self):
        """{lesson id: trace path} of every lesson whose run wrote its trace, in catalog
        order, once every run has ended."""
        done = dict(self.as_completed())
        return {lesson_id: done[lesson_id] for lesson_id in self.wanted if lesson_id in done}

    def missing(self):
        """The lessons whose run wrote no trace (after `all()`)."""
        return sorted(set(self.wanted) - set(self.all()))

    def close(self):
        """No run is left going (the runs already started end by their timeout at most)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
