"""The tasks a user's script hands to a pool, drawn as ``task`` spans where they run: each call
of one of the script's own functions by ``multiprocessing.Pool`` (``map``, ``apply_async``,
``imap``, ``starmap``... and the thread pool of the same module) or by a
``concurrent.futures`` executor (``submit``, ``map``), named like the call: ``work(3)``.

The function is wrapped (`Task`) where it is submitted; the wrapper pickles as itself around
the function, so a worker process unpickles the same function (by reference, as before) and
reports the span from its own process and thread. Results, exceptions and arguments pass
through untouched. Only functions of the script's own files are wrapped: a library's tasks
stay as they are. Lessons do not use this; only `concurrency-lab trace` switches it on.
"""
import time

from workloads import probe

ARG_CHARS = 16              # an argument shown in a task's name: at most this long
_perf = time.perf_counter_ns


class Task:
    """A script's function as a pool runs it: the same call, timed and drawn."""

    __slots__ = ("func",)

    def __init__(self, func):
        self.func = func

    def __call__(self, *args, **kwargs):
        t0 = _perf()
        try:
            return self.func(*args, **kwargs)
        finally:
            probe.emit_span(_title(self.func, args), "task", t0, _perf())
            probe.flush()       # before the result goes back: a pool ended by terminate()
                                # (``with Pool(...)``) kills its workers right after

    def __reduce__(self):
        return Task, (self.func,)


def _title(func, args):
    name = getattr(func, "__name__", "task")
    if not args:
        return f"{name}()"
    shown = repr(args[0])
    if len(shown) > ARG_CHARS:
        shown = shown[:ARG_CHARS - 1] + "…"
    return f"{name}({shown}{', …' if len(args) > 1 else ''})"


def install(own_file):
    """Wrap the pools' submissions of functions defined in files where `own_file(path)`."""
    import concurrent.futures
    import multiprocessing.pool as mpp

    def wrapped(func):
        code = getattr(func, "__code__", None)
        if code is not None and type(func) is not Task and own_file(code.co_filename):
            return Task(func)
        return func

    _wrap_first(mpp.Pool, "apply_async", wrapped)
    _wrap_first(mpp.Pool, "_map_async", wrapped)
    _wrap_first(mpp.Pool, "imap", wrapped)
    _wrap_first(mpp.Pool, "imap_unordered", wrapped)
    for executor in (concurrent.futures.ProcessPoolExecutor,
                     concurrent.futures.ThreadPoolExecutor):
        _wrap_first(executor, "submit", wrapped)
    # a process pool's map submits chunks of calls (a partial), not the function itself
    _wrap_first(concurrent.futures.ProcessPoolExecutor, "map", wrapped)


def _wrap_first(cls, method, wrapped):
    """``cls.method(self, func, ...)`` gets `wrapped(func)` in place of `func`."""
    original = getattr(cls, method)

    def call(self, func, *args, **kwargs):
        return original(self, wrapped(func), *args, **kwargs)

    call.__name__, call.__doc__ = original.__name__, original.__doc__
    setattr(cls, method, call)
