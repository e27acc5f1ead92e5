"""Lock tracing for lessons: waits (`wait.lock`) and holds (`lock.hold`) of the locks a
lesson creates with the textbook ``threading.Lock()`` / ``threading.RLock()``, so the lesson
code stays textbook code. Switched on by autotrace; locks made by the standard library
(queues, conditions, the probe itself) stay real, untraced locks. In a user's script
(``concurrency-lab trace``, `watch_scripts`) the locks of every file of the script are
traced, and the waits inside its Conditions, Semaphores, Events and queues too
(`workloads/_trace/script_waits.py`); each is named after the variable it is assigned to
where its line says so, else "Lock 1", "Queue 2"...

What it costs, and why it is built this way
    A hold that nobody needed to see live is sent once, when it ends, as one complete span
    record: the window ingests those in bulk, while every open/close pair (BEGIN/END) is
    handled one by one. A wait is sent the same way unless it lasts longer than `PATIENCE_S`;
    then the waiter announces it as an open span, together with the holds of its own locks
    and the hold of the lock it waits for, and refreshes that every `PATIENCE_S` while it
    waits. A deadlock is a cycle of such long waits, so every edge of the wait-for graph the
    window needs is open and visible well within a second. A wait with a timeout is named
    ``lock_b (timeout 0.5 s)``: a cycle of those breaks by itself and is no deadlock.
    Measured on the 2-core test machine: an uncontended ``with lock:`` costs ~0.28 us
    untraced and ~1.2 us traced (one 32-byte record).

Announcing someone else's hold races with that thread releasing it. Each hold therefore has
a one-item token list: whoever pops the item (list.pop is atomic) reports the hold, and an
announcer puts back an "announced" marker once its BEGIN is queued, so the END that the
holder sends always follows the BEGIN.
"""
import linecache
import os
import re
import sys
import threading
import time
import weakref

from workloads import probe

PATIENCE_S = 0.05          # waits shorter than this are sent once, when they end
_YIELDS = 1000             # a release waits at most this many GIL turns for an announcer

_perf = time.perf_counter_ns
_ident = threading.get_ident
_put = probe.put           # the probe's record writer: (records, kind|cat|name|tid, ts, a, thread)
_real_lock = threading.Lock
_real_rlock = threading.RLock
_HOLD = probe._CAT["lock.hold"] << 8
_WAIT = probe._CAT["wait.lock"] << 8
_SPAN_HOLD, _END_HOLD = probe.SPAN | _HOLD, probe.END | _HOLD
_OURS = ("workloads.probe", "workloads.autotrace", "workloads.locktrace")
_ASSIGNED = re.compile(r"^\s*(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*"
                       r"(?:[A-Za-z_]\w*\.)*R?Lock\(\s*\)\s*(?:#.*)?$")
# a script's synchronisation object: ``ready = threading.Event()``, ``q = mp.Queue(3)``
_MADE = re.compile(r"^\s*(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*"
                   r"(?:[A-Za-z_]\w*\.)*(Condition|Semaphore|BoundedSemaphore|Event|"
                   r"Queue|LifoQueue|PriorityQueue|JoinableQueue)\(")
_scripts = None            # in a traced script: {file name: is it the script's own code}
_locks = []                # weak references to every traced lock of this process
_names = {}                # name -> how many locks have used it
_naming = _real_lock()


def _emit(kind_cat, name, ts, a, thread):
    p = probe.connection
    if p is not None:
        try:
            head = p.heads[name]
        except KeyError:
            head = p.head(name)
        _put(p.records, kind_cat | head, ts, a, thread)


def _announce(lock):
    """Turn `lock`'s current hold into an open span, unless it ended or is announced."""
    token = lock._token
    try:
        item = token.pop()
    except IndexError:
        return
    t0, owner = item
    if t0 >= 0:
        _emit(probe.BEGIN | _HOLD, lock.name, t0, 0, owner)
        item = (-1, owner)
    token.append(item)


def _announce_own():
    me = _ident()
    for ref in _locks[:]:
        lock = ref()
        try:
            if lock is not None and lock._token[-1][1] == me:
                _announce(lock)
        except IndexError:
            pass


class TracedLock:
    """A ``threading.Lock`` that reports its holds and waits; otherwise the same lock."""

    __slots__ = ("_lock", "name", "_token", "__weakref__")
    _make = staticmethod(_real_lock)

    def __init__(self, name):
        self._lock, self.name, self._token = self._make(), name, []

    def acquire(self, blocking=True, timeout=-1):
        if timeout == -1 and self._lock.acquire(False):       # free: the common case
            self._token = [(_perf(), _ident())]
            return True
        if timeout == -1 and not blocking:
            return False
        return self._acquire_slow(blocking, timeout)

    __enter__ = acquire

    def release(self):
        self._let_go()

    def _let_go(self, *exc):
        # written out (no helper calls): this runs once per `with lock:` of the lesson
        try:
            t0, owner = self._token.pop()
        except IndexError:
            t0, owner = self._token_after_announcer()
        p = probe.connection
        if p is not None:
            try:
                head = p.heads[self.name]
            except KeyError:
                head = p.head(self.name)
            if t0 >= 0:
                _put(p.records, _SPAN_HOLD | head, t0, _perf(), owner)
            else:
                _put(p.records, _END_HOLD | head, _perf(), 0, owner)
        self._lock.release()

    __exit__ = _let_go

    def locked(self):
        return self._lock.locked()

    def _is_owned(self):
        # what threading.Condition does for a plain lock, without drawing a zero-length hold
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        self._token = []

    acquire_lock, release_lock, locked_lock = acquire, release, locked

    def __repr__(self):
        state = "locked" if self.locked() else "unlocked"
        return f"<{state} traced {type(self).__name__[6:]} {self.name!r} at {id(self):#x}>"

    # -- the slow paths -----------------------------------------------------------------
    def _acquire_slow(self, blocking, timeout):
        _real_lock().acquire(blocking, timeout)     # raises what a Lock raises for these args
        lock = self._lock
        if lock.acquire(False):
            self._token = [(_perf(), _ident())]
            return True
        if not blocking or timeout == 0:
            return False
        return self._wait(timeout)

    def _wait(self, timeout):
        lock, w0 = self._lock, _perf()
        deadline = None if timeout < 0 else w0 + int(timeout * 1e9)
        # a wait that gives up is named so: the window tells it from a wait that never ends
        name = self.name if deadline is None else f"{self.name} (timeout {timeout:g} s)"
        got = lock.acquire(True, PATIENCE_S if deadline is None else min(timeout, PATIENCE_S))
        announced = False
        while not got:
            left = None if deadline is None else (deadline - _perf()) / 1e9
            if left is not None and left <= 0:
                break
            if not announced:           # a long wait: show it, and what this thread holds
                _announce_own()
                _emit(probe.BEGIN | _WAIT, name, w0, 0, _ident())
                announced = True
            _announce(self)             # who holds what we wait for (the holder may change)
            got = lock.acquire(True, PATIENCE_S if left is None else min(left, PATIENCE_S))
        w1, me = _perf(), _ident()
        if got:
            self._token = [(w1, me)]
        if announced:
            _emit(probe.END | _WAIT, name, w1, 0, me)
        else:
            _emit(probe.SPAN | _WAIT, name, w0, w1, me)
        return got

    def _token_after_announcer(self):
        """The hold's token is out: another thread is announcing it (give it the GIL), or
        the lock is not held at all (then the real release raises the usual error)."""
        for _ in range(_YIELDS):
            if not self.locked():
                self._lock.release()
            try:
                return self._token.pop()
            except IndexError:
                time.sleep(0)
        return -1, _ident()


class TracedRLock(TracedLock):
    """A ``threading.RLock``: one hold from the outermost acquire to the matching release."""

    __slots__ = ("_depth",)
    _make = staticmethod(_real_rlock)

    def __init__(self, name):
        TracedLock.__init__(self, name)
        self._depth = 0                  # written only by the thread that owns the lock

    def acquire(self, blocking=True, timeout=-1):
        if self._depth and self._lock._is_owned():           # again, by its owner
            got = self._lock.acquire(blocking, timeout)
            self._depth += got
            return got
        got = TracedLock.acquire(self, blocking, timeout)
        if got:
            self._depth = 1
        return got

    def __enter__(self):
        return self.acquire()

    def release(self):
        if not self._lock._is_owned():
            self._lock.release()                 # raises "cannot release un-acquired lock"
        elif self._depth > 1:
            self._depth -= 1
            self._lock.release()
        else:
            self._depth = 0
            TracedLock.release(self)

    def __exit__(self, *exc):
        self.release()

    def locked(self):                     # RLock.locked() exists from Python 3.14 on
        return self._lock._is_owned() or not self._is_free()

    def _is_free(self):
        if self._lock.acquire(False):
            self._lock.release()
            return True
        return False

    def _is_owned(self):
        return self._lock._is_owned()

    # Condition.wait() on an RLock lets go of every level at once and takes them back after
    def _release_save(self):
        depth, self._depth = self._depth, 1
        for _ in range(depth - 1):
            self._lock.release()
        TracedLock.release(self)
        return depth

    def _acquire_restore(self, depth):
        TracedLock.acquire(self)
        for _ in range(depth - 1):
            self._lock.acquire()
        self._depth = depth


def _lesson_code(frame):
    module = frame.f_globals.get("__name__", "")
    return module in ("__main__", "__mp_main__") or (
        module.startswith("workloads.") and module not in _OURS) or (
        _scripts is not None and _script_code(frame.f_code.co_filename))


def _script_code(filename):
    """True for a file of the traced script's own: not the standard library, an installed
    package or the probe."""
    own = _scripts.get(filename)
    if own is None:
        own = _scripts[filename] = not (
            filename.startswith(("<",) + _LIBRARIES) or "site-packages" in filename
            or "dist-packages" in filename)
    return own


def _libraries():
    import sysconfig
    paths = sysconfig.get_paths()
    found = {os.path.dirname(os.path.abspath(__file__)) + os.sep}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            found.update({paths[key] + os.sep, os.path.realpath(paths[key]) + os.sep})
    return tuple(found)


_LIBRARIES = ()


def watch_scripts():
    """In a traced script (``concurrency-lab trace``): trace the locks of every file of the
    script, not only of its main module, the waits inside its Conditions, Semaphores,
    Events and queues (`workloads/_trace/script_waits.py`) and the tasks it hands to pools
    (`workloads/_trace/script_tasks.py`)."""
    global _scripts, _LIBRARIES
    if _scripts is not None:
        return
    _LIBRARIES, _scripts = _libraries(), {}
    from workloads._trace import script_tasks, script_waits
    script_waits.install(_lesson_code, _name)
    script_tasks.install(_script_code)


def _name(frame, kind):
    """The variable the new lock (or queue, event...) is assigned to on its source line,
    else "Lock 3"."""
    line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
    match = _ASSIGNED.match(line) if kind in ("Lock", "RLock") else _MADE.match(line)
    base = match.group(1) if match else kind
    with _naming:
        count = _names[base] = _names.get(base, 0) + 1
    if match:
        return base if count == 1 else f"{base} ({count})"
    return f"{kind} {count}"


def _traced(cls, kind, real):
    def factory(*args, **kwargs):
        frame = sys._getframe(1)
        if args or kwargs or not _lesson_code(frame):
            return real(*args, **kwargs)
        return _keep(cls(_name(frame, kind)))

    factory.__name__ = factory.__qualname__ = kind
    factory.__doc__ = real.__doc__
    return factory


def _keep(lock):
    """Note a new traced lock: a long wait announces the holds of the waiter's locks."""
    _locks.append(weakref.ref(lock))
    n = len(_locks)
    if n >= 256 and not n & (n - 1):         # now and then, forget locks that are gone
        _locks[:] = [ref for ref in _locks if ref() is not None]
    return lock


def named_rlock(name):
    """A traced RLock called `name` (the lock of a script's ``Condition()``)."""
    return _keep(TracedRLock(name))


def install():
    """Trace the locks that lesson code creates from now on."""
    if getattr(threading.Lock, "_clab_traced", False):
        return
    threading.Lock = _traced(TracedLock, "Lock", _real_lock)
    threading.RLock = _traced(TracedRLock, "RLock", _real_rlock)
    threading.Lock._clab_traced = threading.RLock._clab_traced = True
    if os.environ.get("CLAB_SCRIPT"):           # a child process of a traced script
        watch_scripts()
