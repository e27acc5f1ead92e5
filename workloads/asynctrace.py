"""Automatic tracing of asyncio tasks: one sublane per task, nested under the thread that
runs its event loop, with a "run" span for each step of the task and a "wait.io" span for
each await in between (named after what it awaited: "sleep", "readline", ...).

How: every event loop's ``create_task`` hands the task a thin wrapper around the coroutine
(`_Traced`). The task drives the wrapper with ``send``/``throw`` exactly as it would drive
the coroutine; the wrapper passes each call on, reading the clock before and after. That is
the task's step: the coroutine runs from its resume to its next suspend. It works the same
on every CPython from 3.9 up, costs one Python call and two clock reads per step (a few
microseconds, only while traced), and lets return values, exceptions and cancellation pass
through untouched. Loops with a task factory of the lesson's own are left alone.

Lessons never call this; ``autotrace.start()`` installs it when a window is listening.
"""
import asyncio
import collections.abc
import os
import re
import time

from workloads import probe

_perf = time.perf_counter_ns
_DEFAULT_NAME = re.compile(r"^Task-\d+$")
_installed = False
_FUTURES = {"_GatheringFuture": "gather", "Task": "task"}     # what an await waits for
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep    # asyncio's own tasks: untraced


def _code_name(obj):
    """The name of a coroutine (or generator-based coroutine) object, else ''."""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return name.rpartition("<locals>.")[2] if isinstance(name, str) else ""


def _awaited(coro):
    """What a suspended coroutine awaits, cheaply: the coroutine one level down ("sleep",
    "readline", "open_connection"), else "await" (a bare future, a task, gather())."""
    inner = getattr(coro, "cr_await", None)
    if inner is None:
        inner = getattr(coro, "gi_yieldfrom", None)
    name = getattr(inner, "__name__", None)
    if isinstance(name, str) and name not in ("_wrap_awaitable", "__await__"):
        return name
    if inner is not None and (getattr(inner, "cr_await", None) is not None
                              or getattr(inner, "gi_yieldfrom", None) is not None):
        return _awaited(inner)          # a wrapper coroutine: look one level further
    return _FUTURES.get(type(inner).__name__, "await")


def _unwrap(coro):
    """The awaitable inside the coroutine asyncio wraps around a plain awaitable (a
    generator-based coroutine on 3.12+), else `coro` itself."""
    if _code_name(coro).endswith("_wrap_awaitable"):
        frame = getattr(coro, "cr_frame", None)
        inner = frame.f_locals.get("awaitable") if frame is not None else None
        if inner is not None:
            return inner
    return coro


def _describe(coro):
    """A lane title for a task's coroutine, e.g. "hello()"."""
    name = _code_name(coro)
    return f"{name}()" if name else type(coro).__name__


class _Traced(collections.abc.Coroutine):
    """Stands in for a task's coroutine; every step is timed and sent to the probe."""
    __slots__ = ("_coro", "_inner", "_task", "_key", "_title", "_suspended", "_awaiting",
                 "__weakref__")

    def __init__(self, coro):
        self._coro = coro
        self._inner = _unwrap(coro)     # the lesson's own coroutine
        self._task = None           # set by create_task, right after the task is made
        self._key = 0               # the sublane key, from the first step on
        self._title = _describe(self._inner)
        self._suspended = 0         # perf_counter_ns of the last suspend
        self._awaiting = "await"

    def _resume(self):
        t0 = _perf()
        if self._key:
            probe.emit_span(self._awaiting, "wait.io", self._suspended, t0, sublane=self._key)
        else:                       # the first step: the task's lane begins
            self._key = probe.sublane_key(self)
            task = self._task
            name = task.get_name() if task is not None else ""
            if not name or _DEFAULT_NAME.match(name):
                name = f"{name} · {self._title}" if name else self._title
            self._title = name
            probe.sublane_start(self._key, name)
        return t0

    def _suspend(self, t0):
        self._suspended = t1 = _perf()
        if self._task is not None:  # after the first step: a name the task gave itself
            name = self._task.get_name()
            if name != self._title and not _DEFAULT_NAME.match(name):
                self._title = name
                probe.sublane_start(self._key, name)
            self._task = None
        probe.emit_span("run", "run", t0, t1, sublane=self._key)
        self._awaiting = _awaited(self._inner)

    def _finish(self, t0):
        probe.emit_span("run", "run", t0, _perf(), sublane=self._key)
        probe.sublane_end(self._key)

    def send(self, value):
        t0 = self._resume()
        try:
            result = self._coro.send(value)
        except BaseException:       # StopIteration (returned), an error, CancelledError
            self._finish(t0)
            raise
        self._suspend(t0)
        return result

    def throw(self, *args):
        t0 = self._resume()
        try:
            result = self._coro.throw(*args)
        except BaseException:
            self._finish(t0)
            raise
        self._suspend(t0)
        return result

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    def __getattr__(self, name):    # cr_code, cr_frame, __name__, ...: the coroutine's own
        return getattr(self._coro, name)

    def __repr__(self):
        return repr(self._coro)


_LESSONS_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _internal(coro):
    """A task that asyncio (shutdown_asyncgens() at the end of asyncio.run) or an installed
    library (aiohttp's request handlers) makes for itself: the lesson's own tasks tell the
    story, a row per library task would bury it."""
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is None or code.co_filename.startswith(_LESSONS_DIR):
        return False
    if code.co_filename.startswith(_ASYNCIO_DIR):
        return code.co_name != "_wrap_awaitable"
    return "site-packages" in code.co_filename or "dist-packages" in code.co_filename


def _patch_create_task(loop_class):
    original = loop_class.create_task

    def create_task(self, coro, *args, **kwargs):
        if self._task_factory is not None or not asyncio.iscoroutine(coro) \
                or isinstance(coro, _Traced) or not probe.enabled() or _internal(coro):
            return original(self, coro, *args, **kwargs)
        traced = _Traced(coro)
        task = original(self, traced, *args, **kwargs)
        traced._task = task
        return task

    create_task.__doc__ = original.__doc__
    create_task.__wrapped__ = original
    loop_class.create_task = create_task


def install():
    """Trace the tasks of every asyncio event loop of this process (once, and only when a
    window is listening)."""
    global _installed
    if _installed or not probe.enabled():
        return
    _installed = True
    from asyncio import base_events
    _patch_create_task(base_events.BaseEventLoop)
