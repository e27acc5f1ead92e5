"""threads.local's record of what each thread bound and what it read back, so the window's
table of per-thread values is the lesson's own account, not its console text.

Every call also marks the moment on the thread's lane ("student = Alice", "read Alice").
"""
import threading

from workloads import probe

_lock = threading.Lock()
_bound = {}                 # thread name -> the student it bound
_read = {}                  # (thread name, way) -> the student it read that way
WAYS = ("local_school", "global_dict")


def bound(student):
    """The current thread bound `student`."""
    with _lock:
        _bound[threading.current_thread().name] = student
    probe.mark(f"student = {student}")


def read(way, student):
    """The current thread read `student` back through `way` (one of WAYS)."""
    with _lock:
        _read[threading.current_thread().name, way] = student
    if way == WAYS[0]:
        probe.mark(f"read {student}")


def rows():
    """[[thread, bound, read via local_school, read via global_dict], ...] by thread name;
    None for a read that never happened (the thread failed before it)."""
    with _lock:
        names = sorted(set(_bound) | {name for name, _ in _read})
        return [[name, _bound.get(name)] + [_read.get((name, way)) for way in WAYS]
                for name in names]
