"""Automatic tracing of asyncio tasks, drawn as what they are: one OS thread running one task
at a time. The thread that runs an event loop gets a "run" span for every step of every task
(named after the task) and a "waiting in select" span (wait.io) whenever the loop sits idle in
``select()``, waiting for I/O or a timer. Each of the lesson's own tasks gets a sublane
nested under that thread, titled after its call (``hello('A', 1.0)``, or the name the lesson
gave it), with its run slices and a "wait.io" span for each await in between, named after
what it awaited ("sleep 1 s", "readline", "session.get"). The tasks a library makes for
itself (aiohttp's request handlers) share one sublane per thread, "aiohttp's own tasks".

How: every event loop's ``create_task`` hands the task a thin wrapper around the coroutine
(`_Traced`). The task drives the wrapper with ``send``/``throw`` exactly as it would drive
the coroutine; the wrapper passes each call on, reading the clock before and after. That is
the task's step: the coroutine runs from its resume to its next suspend. The loop's selector
is timed the same way, once per loop. It works the same on every CPython from 3.9 up, costs
one Python call and two clock reads per step (a few microseconds, only while traced), and
lets return values, exceptions and cancellation pass through untouched. Loops with a task
factory of the lesson's own are left alone; tasks made with ``asyncio.Task(...)`` directly
(aiohttp does so on 3.12+) are not seen: their steps show as gaps between the waits.

Lessons never call this; ``autotrace.start()`` installs it when a window is listening.
"""
import asyncio
import collections.abc
import linecache
import os
import re
import threading
import time

from workloads import probe

_perf = time.perf_counter_ns
_ident = threading.get_ident
_DEFAULT_NAME = re.compile(r"^Task-\d+$")
_CALLEE = re.compile(r"(?:\bawait|\basync\s+with|\basync\s+for\s+.+?\s+in)\s+([\w.]+)\s*\(")
_installed = False
_FUTURES = {"_GatheringFuture": "gather", "Task": "task"}     # what an await waits for
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep    # asyncio's own tasks: untraced
_LESSONS_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
SELECT = "waiting in select"        # the loop is idle: no task is ready, it waits for I/O
ARG_CHARS = 16                      # an argument shown in a lane title: at most this long
_callees = {}                       # (code, line) -> the call awaited on that line, or ""
_shared = {}                        # (thread ident, library) -> the key of its shared lane


def _code_name(obj):
    """The name of a coroutine (or generator-based coroutine) object, else ''."""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return name.rpartition("<locals>.")[2] if isinstance(name, str) else ""


def _inner(coro):
    """What a suspended coroutine awaits right now (a coroutine, a future), or None."""
    inner = getattr(coro, "cr_await", None)
    return inner if inner is not None else getattr(coro, "gi_yieldfrom", None)


def _awaited(coro):
    """What a suspended coroutine awaits, cheaply: the coroutine one level down ("sleep 1 s",
    "readline", "open_connection"); for a library's private helper ("__aenter__"), the call
    on the lesson's own line ("session.get"); for a future, that call too
    ("asyncio.gather"), else "gather", "task" or "await"."""
    inner = _inner(coro)
    name = getattr(inner, "__name__", None)
    if name == "sleep":
        return _sleep_label(inner)
    if isinstance(name, str) and name not in ("_wrap_awaitable", "__await__"):
        return _callee(coro) or name if name.startswith("_") else name
    if inner is not None and _inner(inner) is not None:
        return _awaited(inner)          # a wrapper coroutine: look one level further
    return _callee(coro) or _FUTURES.get(type(inner).__name__, "await")


def _sleep_label(sleep):
    """ "sleep 1 s" for a suspended asyncio.sleep(1)."""
    frame = getattr(sleep, "cr_frame", None)
    delay = frame.f_locals.get("delay") if frame is not None else None
    return f"sleep {delay:g} s" if isinstance(delay, (int, float)) else "sleep"


def _callee(coro):
    """The call a suspended coroutine of the lesson awaits on its current line, as written
    there ("session.get" for ``async with session.get(url) as r:``), else ''."""
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    if frame is None:
        return ""
    code, line = frame.f_code, frame.f_lineno
    found = _callees.get((code, line))
    if found is None:
        text = linecache.getline(code.co_filename, line)
        match = _CALLEE.search(text) if code.co_filename.startswith(_LESSONS_DIR) else None
        found = _callees[code, line] = match.group(1) if match else ""
    return found


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
    """A lane title for a task's coroutine, as the lesson calls it: "hello('A', 1.0)",
    "slow_server(0.3, …)" (arguments that say little, a reader or a session, are "…")."""
    name = _code_name(coro)
    if not name:
        return type(coro).__name__
    return f"{name}({_arguments(coro)})"


def _arguments(coro):
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    if frame is None:
        return ""
    code = frame.f_code
    names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    local = frame.f_locals
    shown = []
    for name in names:
        value = local.get(name)
        text = repr(value) if isinstance(value, (bool, int, float, str)) else ""
        text = text if 0 < len(text) <= ARG_CHARS and name != "self" else "…"
        if text != "…" or not shown or shown[-1] != "…":
            shown.append(text)
    return ", ".join(shown)


class _Traced(collections.abc.Coroutine):
    """Stands in for a task's coroutine; every step is timed and sent to the probe: on the
    task's own sublane and on the lane of the thread that runs it."""
    __slots__ = ("_coro", "_inner", "_task", "_key", "_title", "_suspended", "_awaiting",
                 "_library", "__weakref__")

    def __init__(self, coro, library=""):
        self._coro = coro
        self._inner = _unwrap(coro)     # the lesson's own coroutine
        self._task = None           # set by create_task, right after the task is made
        self._key = 0               # the sublane key, from the first step on
        self._library = library     # "aiohttp": a library's task, drawn on a shared lane
        self._title = _code_name(self._inner) if library else _describe(self._inner)
        self._suspended = 0         # perf_counter_ns of the last suspend
        self._awaiting = "await"

    def _resume(self):
        t0 = _perf()
        if self._key:
            if not self._library:   # a shared lane shows its tasks' steps, not their waits
                probe.emit_span(self._awaiting, "wait.io", self._suspended, t0,
                                sublane=self._key)
        elif self._library:
            self._key = _shared_lane(self._library)
        else:                       # the first step: the task's lane begins
            self._key = probe.sublane_key(self)
            task = self._task
            name = task.get_name() if task is not None else ""
            if name and not _DEFAULT_NAME.match(name):
                self._title = name
            probe.sublane_start(self._key, self._title)
        return t0

    def _suspend(self, t0):
        self._suspended = t1 = _perf()
        if self._task is not None:  # after the first step: a name the task gave itself
            name = self._task.get_name()
            if name != self._title and not _DEFAULT_NAME.match(name) and not self._library:
                self._title = name
                probe.sublane_start(self._key, name)
            self._task = None
        self._ran(t0, t1)
        self._awaiting = _awaited(self._inner)

    def _ran(self, t0, t1):
        """One step: on the task's lane, and on its thread's lane under the task's name."""
        probe.emit_span(self._title if self._library else "run", "run", t0, t1,
                        sublane=self._key)
        probe.emit_span(self._title, "run", t0, t1)

    def _finish(self, t0):
        self._ran(t0, _perf())
        if not self._library:
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


def _shared_lane(library):
    """The key of this thread's sublane for the tasks of `library`, begun on first use."""
    where = (_ident(), library)
    key = _shared.get(where)
    if key is None:
        holder = _shared.setdefault(("holder",) + where, object())
        key = _shared[where] = probe.sublane_key(holder)
        probe.sublane_start(key, f"{library}'s own tasks")
    return key


def _library(coro):
    """Who made a task: "" for the lesson; "aiohttp" (the installed package) for a library's
    own (its request handlers); None for asyncio's own (shutdown_asyncgens() at the end of
    asyncio.run), which is left untraced. A row per library task would bury the lesson's
    own tasks, so a library's share one row."""
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is None or code.co_filename.startswith(_LESSONS_DIR):
        return ""
    path = code.co_filename
    if path.startswith(_ASYNCIO_DIR):
        return "" if code.co_name == "_wrap_awaitable" else None
    for packages in ("site-packages", "dist-packages"):
        if packages in path:
            return path.split(packages, 1)[1].strip("/\\").split(os.sep)[0].split(".")[0]
    return ""


def _time_select(loop):
    """Time the loop's ``select()``: a "waiting in select" span on the loop's thread for
    every time it waits for I/O or a timer (not for a poll with timeout 0)."""
    selector = getattr(loop, "_selector", None)
    select = getattr(selector, "select", None)
    if select is None or getattr(select, "_clab_timed", False):
        return

    def timed(timeout=None):
        t0 = _perf()
        try:
            return select(timeout)
        finally:
            if timeout is None or timeout > 0:
                probe.emit_span(SELECT, "wait.io", t0, _perf())

    timed._clab_timed = True
    try:
        selector.select = timed
    except AttributeError:          # a selector without an instance dict: no select spans
        pass


def _patch_create_task(loop_class):
    original = loop_class.create_task

    def create_task(self, coro, *args, **kwargs):
        if self._task_factory is not None or not asyncio.iscoroutine(coro) \
                or isinstance(coro, _Traced) or not probe.enabled():
            return original(self, coro, *args, **kwargs)
        library = _library(coro)
        if library is None:
            return original(self, coro, *args, **kwargs)
        _time_select(self)
        traced = _Traced(coro, library)
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
