"""What runs when a lesson is stepped: its real module, its real thread functions, its locks.

The lesson's module is imported unchanged (not run as ``__main__``), and the threads its main
block would start are started here with the same functions, arguments and names. The locks
the module makes with ``threading.Lock()`` are real locks wrapped in `SteppedLock`, which
knows its holder and lets the stepper see a thread that would block, so the student sees who
waits for whom and a wait never hangs the stepper.
"""
import importlib
import sys
import threading
from dataclasses import dataclass

_real_lock = threading.Lock


@dataclass(frozen=True)
class Steppable:
    module: str
    shared: str                     # the variable the threads share ("" if none)
    threads: object                 # (module, values) -> [(name, function, args)]
    refused: dict                   # variant -> why it cannot be stepped


def _race(module, values):
    module.iterations = values["iterations"]
    module.balance = 0
    run = {"naive": module.run_thread, "widened": module.run_thread_widened,
           "locked": module.run_thread_locked}[values["variant"]]
    return [("t1", run, (5,)), ("t2", run, (8,))]


def _deadlock(module, values):
    a, b = module.lock_a, module.lock_b
    second = (a, b) if values["variant"] == "ordered" else (b, a)
    return [("Thread-1", module.take_both, (a, b)), ("Thread-2", module.take_both, second)]


def _lock(module, values):
    module.counter = 0
    return [(f"Locked-{i + 1}", module.add_with_lock, (values["iterations"],))
            for i in range(values["workers"])]


LESSONS = {
    "threads.race": Steppable("workloads.threads.race", "balance", _race, {}),
    "threads.deadlock": Steppable(
        "workloads.threads.deadlock", "", _deadlock,
        {"timeout": "its waits end by the clock (acquire with a timeout, random back-off), "
                    "so the same moves would not always give the same result"}),
    "threads.lock": Steppable("workloads.threads.lock", "counter", _lock, {}),
}


def problem(lesson_id, values):
    """Why this lesson (with these values) cannot be stepped, or None."""
    spec = LESSONS.get(lesson_id)
    if spec is None:
        known = ", ".join(sorted(LESSONS))
        return f"{lesson_id} cannot be stepped (lessons that can: {known})"
    variant = values.get("variant")
    if variant in spec.refused:
        return f"{lesson_id} variant {variant} cannot be stepped: {spec.refused[variant]}"
    return None


class SteppedLock:
    """A real Lock that tells the stepper who holds it and who would wait for it."""

    def __init__(self, stepper):
        self._lock = _real_lock()
        self._stepper = stepper
        self.name = "a lock"
        self.holder = None              # the stepped thread that holds it
        self.used = False               # a thread has asked for it in this run

    def acquire(self, blocking=True, timeout=-1):
        self.used = True
        while not self._lock.acquire(False):
            if not blocking:
                return False
            self._stepper.wait_for(self)    # until the student steps this thread again
        self.holder = self._stepper.current_name()
        self._stepper.note(f"took {self.name}")
        return True

    def release(self):
        self.holder = None
        self._lock.release()
        self._stepper.note(f"released {self.name}")

    def locked(self):
        return self._lock.locked()

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


def load(lesson_id, values, stepper):
    """Import the lesson's module with its locks made as `SteppedLock`s (named after their
    variables); returns (module, [(name, function, args)], shared variable name)."""
    spec = LESSONS[lesson_id]
    made = []

    def lock_factory():
        if sys._getframe(1).f_globals.get("__name__") != spec.module:
            return _real_lock()         # the standard library's own locks stay plain
        made.append(SteppedLock(stepper))
        return made[-1]

    threading.Lock = lock_factory       # only while the lesson's module is imported
    try:
        module = importlib.import_module(spec.module)
    finally:
        threading.Lock = _real_lock
    for name, value in vars(module).items():
        if isinstance(value, SteppedLock):
            value.name = name
    return module, spec.threads(module, values), spec.shared
