"""Waits inside the standard library's synchronisation objects, for a user's script: the
``Condition``, ``Semaphore``, ``BoundedSemaphore``, ``Event``, ``queue.Queue`` (and its Lifo and
Priority kinds) and ``multiprocessing.Queue`` objects that the script's own code creates.

Each is named after the variable it is assigned to on its line (``ready = Event()`` ->
``ready``), else ``Event 1``, ``Queue 2``... A wait is drawn on the waiting thread as a
``wait.lock`` span named for what it waits for: ``ready.wait()``, ``q.get()``, ``q.put()``
(a full queue), ``cond.wait()``, or the semaphore's own name. A wait for a notify has no holder,
so only a semaphore of one slot, which works as a lock, has holds (``lock.hold``) and can be
part of a deadlock's cycle; a semaphore of many slots shows its waits only, since which
holder a release ends cannot be known. These waits may never end (an Event nobody sets), so
each is sent as an open span when it begins and closed when it ends: the window sees it
live. A ``multiprocessing.Queue`` also draws each message as an arrow from its ``put`` to
its ``get``: the message travels with its arrow's id (`Message`) and is unwrapped on arrival.
A ``multiprocessing.Pipe`` draws its messages the same way, each named after the end it
left from (``parent_conn, child_conn = Pipe()``), and its waits in ``recv``. Not seen:
``queue.SimpleQueue`` and the C-level waits of other objects, which Python code cannot
wrap, a ``multiprocessing.Queue``'s put on a full queue, and the messages of a Pipe's end
handed to a spawned child (it arrives there as a new, unnamed end).

Objects the standard library or installed packages make for themselves (a Pool's queues, an
executor's semaphore) stay untraced: `locktrace.watch_scripts` decides which code is the
script's. Lessons do not use this; only `concurrency-lab trace` switches it on.
"""
import itertools
import linecache
import os
import re
import queue
import sys
import threading
import time

from workloads import probe

_perf = time.perf_counter_ns
_ident = threading.get_ident
_WAIT = probe._CAT["wait.lock"]
_HOLD = probe._CAT["lock.hold"]
_flows = itertools.count(1)
_ENDS = re.compile(r"^\s*([A-Za-z_]\w*)\s*,\s*([A-Za-z_]\w*)\s*=\s*(?:[A-Za-z_]\w*\.)*Pipe\(")
_installed = False


def _begin(name, cat):
    probe.emit_record(probe.BEGIN, cat, name, _perf())


def _end(name, cat):
    probe.emit_record(probe.END, cat, name, _perf())


def _wait_name(name, timeout):
    """A wait that gives up is named so, as a lock's is: such a wait ends by itself."""
    return name if timeout is None or timeout < 0 else f"{name} (timeout {timeout:g} s)"


class Message:
    """A message of a traced ``multiprocessing.Queue`` with the id of its arrow."""

    __slots__ = ("flow", "name", "obj")

    def __init__(self, flow, name, obj):
        self.flow, self.name, self.obj = flow, name, obj

    def __reduce__(self):
        return Message, (self.flow, self.name, self.obj)


def install(user_code, name_of):
    """Trace the objects for which `user_code(frame)` is true when they are made, named by
    `name_of(frame, kind)`."""
    global _installed
    if _installed:
        return
    _installed = True
    _patch_condition_wait()
    _name_condition(user_code, name_of)
    for cls, kind in ((threading.Semaphore, "Semaphore"),
                      (threading.BoundedSemaphore, "BoundedSemaphore")):
        _name_semaphore(cls, kind, user_code, name_of)
    _name_event(user_code, name_of)
    _name_queue(user_code, name_of)
    _patch_process_queue(user_code, name_of)
    _patch_pipes(user_code, name_of)


def _patch_condition_wait():
    original = threading.Condition.wait

    def wait(self, timeout=None):
        name = self.__dict__.get("_clab_wait")
        if name is None:
            return original(self, timeout)
        name = _wait_name(name, timeout)
        _begin(name, _WAIT)
        try:
            return original(self, timeout)
        finally:
            _end(name, _WAIT)

    threading.Condition.wait = wait


def _after_init(cls, kind, user_code, name_of, trace):
    """Wrap ``cls.__init__``: an object made by the script's code gets `trace(obj, name)`."""
    original = cls.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        frame = sys._getframe(1)
        if user_code(frame):
            trace(self, name_of(frame, kind))

    cls.__init__ = __init__


def _name_condition(user_code, name_of):
    from workloads import locktrace
    original = threading.Condition.__init__

    def __init__(self, lock=None):
        frame = sys._getframe(1)
        if lock is None and user_code(frame):       # its lock is traced under its name
            name = name_of(frame, "Condition")
            original(self, locktrace.named_rlock(name))
            self._clab_wait = f"{name}.wait()"
        else:
            original(self, lock)

    threading.Condition.__init__ = __init__


def _name_semaphore(cls, kind, user_code, name_of):
    def trace(sem, name):
        sem._cond._clab_wait = name
        if sem._value == 1:                # one slot: a lock, with one holder at a time
            sem._clab_hold = name

    _after_init(cls, kind, user_code, name_of, trace)
    if cls is threading.Semaphore:
        _patch_semaphore_holds()


def _patch_semaphore_holds():
    """A one-slot semaphore's hold: from an acquire to the next release, by any thread."""
    sem = threading.Semaphore
    acquire = sem.acquire

    def traced_acquire(self, blocking=True, timeout=None):
        got = acquire(self, blocking, timeout)
        name = self.__dict__.get("_clab_hold")
        if got and name is not None:
            self._clab_owner = _ident()
            _begin(name, _HOLD)
        return got

    sem.acquire = sem.__enter__ = traced_acquire
    for cls in (threading.Semaphore, threading.BoundedSemaphore):
        cls.release = _ending_hold(cls.release)


def _ending_hold(release):
    def traced_release(self, n=1):
        name = self.__dict__.get("_clab_hold")
        if name is None:
            return release(self, n)
        owner, t = self.__dict__.pop("_clab_owner", None), _perf()
        try:
            return release(self, n)
        finally:            # after the release, but at its time: holds never overlap
            if owner is not None:
                probe.emit_record(probe.END, _HOLD, name, t, key=owner)

    return traced_release


def _name_event(user_code, name_of):
    def trace(event, name):
        event._cond._clab_wait = f"{name}.wait()"

    _after_init(threading.Event, "Event", user_code, name_of, trace)


def _name_queue(user_code, name_of):
    def trace(q, name):
        q.not_empty._clab_wait = f"{name}.get()"
        q.not_full._clab_wait = f"{name}.put()"
        q.all_tasks_done._clab_wait = f"{name}.join()"

    _after_init(queue.Queue, "Queue", user_code, name_of, trace)


def _patch_process_queue(user_code, name_of):
    """Waits in ``get`` and an arrow per message of a script's ``multiprocessing.Queue``."""
    import multiprocessing.queues as mpq

    original_init = mpq.Queue.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        frame = _maker(sys._getframe(1))
        if type(self) in (mpq.Queue, mpq.JoinableQueue) and frame is not None \
                and user_code(frame):
            self._clab_name = name_of(frame, "Queue")
            # messages are numbered 1, 2, 3... across every process that puts
            self._clab_count = kwargs["ctx"].Value("q", 0) if "ctx" in kwargs else None

    mpq.Queue.__init__ = __init__
    _patch_process_queue_state(mpq.Queue)
    _patch_process_queue_messages(mpq.Queue)


def _patch_process_queue_state(cls):
    """The name travels with the queue to a spawned child."""
    getstate, setstate = cls.__getstate__, cls.__setstate__

    def __getstate__(self):
        state = getstate(self)
        name = self.__dict__.get("_clab_name")
        return state if name is None else (state, name, self.__dict__.get("_clab_count"))

    def __setstate__(self, state):
        if len(state) == 3:
            state, self._clab_name, self._clab_count = state
        setstate(self, state)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__


def _patch_process_queue_messages(cls):
    put, get = cls.put, cls.get

    def traced_put(self, obj, block=True, timeout=None):
        name = self.__dict__.get("_clab_name")
        if name is None or probe.connection is None:
            return put(self, obj, block, timeout)
        flow = _number(self.__dict__.get("_clab_count"))
        probe.arrow_out(flow, name)
        return put(self, Message(flow, name, obj), block, timeout)

    def traced_get(self, block=True, timeout=None):
        name = self.__dict__.get("_clab_name")
        if name is None or not block or self._closed:
            return _unwrap(get(self, block, timeout))
        waits = not self._poll()
        wait = _wait_name(f"{name}.get()", timeout)
        if waits:
            _begin(wait, _WAIT)
        try:
            return _unwrap(get(self, block, timeout))
        finally:
            if waits:
                _end(wait, _WAIT)

    cls.put, cls.get = traced_put, traced_get


def _number(count):
    """The next message number of a queue: 1, 2, 3... (shown on its arrow)."""
    if count is None:
        return os.getpid() << 24 | next(_flows)
    with count.get_lock():
        count.value += 1
        return count.value


def _maker(frame):
    """The frame that asked for a multiprocessing object: ``ctx.Queue()`` and
    ``multiprocessing.Pipe()`` are made for their caller."""
    while frame is not None and frame.f_globals.get("__name__") == "multiprocessing.context":
        frame = frame.f_back
    return frame


def _patch_pipes(user_code, name_of):
    """An arrow per message of a script's ``multiprocessing.Pipe``, named after the end it
    was sent from (``parent_conn, child_conn = Pipe()``), and its waits in ``recv``."""
    import multiprocessing.connection as mpc
    original = mpc.Pipe

    def Pipe(duplex=True):
        ends = original(duplex)
        frame = _maker(sys._getframe(1))
        if frame is not None and user_code(frame):
            line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
            match = _ENDS.match(line)
            if match:
                names = match.groups()
            else:
                base = name_of(frame, "Pipe")
                names = (f"{base} end 1", f"{base} end 2")
            for end, name in zip(ends, names):
                end._clab_name = name
        return ends

    mpc.Pipe = Pipe
    cls = mpc._ConnectionBase
    send, recv = cls.send, cls.recv

    def traced_send(self, obj):
        name = self.__dict__.get("_clab_name")
        if name is None or probe.connection is None:
            return send(self, obj)
        flow = self._clab_sent = self.__dict__.get("_clab_sent", 0) + 1
        probe.arrow_out(flow, name)
        return send(self, Message(flow, name, obj))

    def traced_recv(self):
        name = self.__dict__.get("_clab_name")
        waits = name is not None and not self.poll()
        if waits:
            _begin(f"{name}.recv()", _WAIT)
        try:
            return _unwrap(recv(self))      # every end: a traced message may come anywhere
        finally:
            if waits:
                _end(f"{name}.recv()", _WAIT)

    cls.send, cls.recv = traced_send, traced_recv


def _unwrap(obj):
    """A message as it was put; its arrow ends here. The arrival is sent at once: a reader
    is often ended by terminate() right after its last get(), before the probe's next
    flush, and that message's arrow would have no end."""
    if type(obj) is Message:
        probe.arrow_in(obj.flow, obj.name)
        probe.flush()
        return obj.obj
    return obj
