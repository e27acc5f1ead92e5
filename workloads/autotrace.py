"""Automatic tracing, switched on by the bootstrap: process start, name and exit (also in
forked and spawned children) and thread start, name and end. Lessons never call this."""
import atexit
import os
import sys
import threading
import time
import warnings

from workloads import probe

_perf = time.perf_counter_ns


# Helper processes that multiprocessing starts with `python -c "from multiprocessing.X ..."`.
_HELPERS = {"multiprocessing.forkserver": "forkserver",
            "multiprocessing.resource_tracker": "resource tracker"}


def _process_name():
    command = " ".join(getattr(sys, "orig_argv", ()))
    for module, name in _HELPERS.items():
        if f"from {module} import main" in command:
            return name
    mp = sys.modules.get("multiprocessing.process")
    if mp is not None:
        return mp.current_process().name
    return "MainProcess"


def _connect():
    probe.connection.connect(_process_name())
    probe.emit_record(probe.THREAD_START, 0, threading.current_thread().name, _perf(),
                       tid=threading.get_native_id())


def _at_exit(code=0):
    connection = probe.connection
    if connection is not None and connection.pid == os.getpid() and not connection.exited:
        connection.exited = True
        probe.emit_record(probe.PROCESS_EXIT, 0, "", _perf(), code)
        connection.flush()


def _after_fork_in_child():
    if probe.connection is not None:
        probe.connection.after_fork_in_child()
        _connect()


def _before_fork():
    if probe.connection is not None:
        probe.connection.flush()                    # nothing buffered is sent twice
        probe.connection.send_lock.acquire()        # no half-sent frame is copied to the child
        _quiet_fork_warning()


def _after_fork_in_parent():
    if probe.connection is not None:
        probe.connection.send_lock.release()
        _restore_warnings()


_warning_state = []


def _quiet_fork_warning():
    # Python 3.12+ warns when a multi-threaded process forks. If the only other thread is
    # the probe's own flusher, the lesson is single-threaded as written: no warning then.
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    if all(getattr(t, "_clab_hidden", False) for t in others):
        saved = warnings.catch_warnings()
        saved.__enter__()
        warnings.filterwarnings("ignore", message=".*multi-threaded.*fork",
                                category=DeprecationWarning)
        _warning_state.append(saved)


def _restore_warnings():
    while _warning_state:
        _warning_state.pop().__exit__(None, None, None)


def _patch_os():
    """A child that leaves with os._exit() (after fork) reports its exit code first, and a
    parent's os.waitpid() reports how its child ended."""
    real_exit, real_waitpid = os._exit, os.waitpid

    def _exit(code):
        _at_exit(code)
        real_exit(code)

    def waitpid(pid, options):
        child, status = real_waitpid(pid, options)
        if child > 0 and hasattr(os, "waitstatus_to_exitcode"):
            try:
                code = os.waitstatus_to_exitcode(status)
            except ValueError:                       # stopped, not ended
                return child, status
            probe.emit_record(probe.CHILD_EXIT, 0, "", _perf(), code, tid=child)
        return child, status

    os._exit, os.waitpid = _exit, waitpid


def _manager_internal(thread):
    """A thread of a multiprocessing manager's server (its accepter, one per connection):
    machinery, not lesson code; the server process shows as one lane."""
    owner = getattr(getattr(thread, "_target", None), "__self__", None)
    return type(owner).__module__ == "multiprocessing.managers"


def _patch_threading():
    original = threading.Thread._bootstrap_inner

    def _bootstrap_inner(self):
        if getattr(self, "_clab_hidden", False) or _manager_internal(self):
            return original(self)
        tid = threading.get_native_id()
        probe.emit_record(probe.THREAD_START, 0, self.name, _perf(), tid=tid)
        try:
            original(self)
        finally:
            probe.emit_record(probe.THREAD_END, 0, self.name, _perf(), tid=tid)

    threading.Thread._bootstrap_inner = _bootstrap_inner


def _patch_multiprocessing():
    # multiprocessing children leave through os._exit, past atexit: report the exit here.
    import multiprocessing.process as mp

    original = mp.BaseProcess._bootstrap

    def _bootstrap(self, *args, **kwargs):
        probe.emit_record(probe.PROCESS_NAME, 0, self.name, _perf())
        code = 1
        try:
            code = original(self, *args, **kwargs)
        finally:
            _at_exit(code if isinstance(code, int) else 1)
        return code

    mp.BaseProcess._bootstrap = _bootstrap
    original_join = mp.BaseProcess.join

    def join(self, timeout=None):
        # The parent learns how a child ended (e.g. -15 after terminate()): tell the window.
        original_join(self, timeout)
        code = self.exitcode
        if code is not None and not getattr(self, "_clab_exit_sent", False):
            self._clab_exit_sent = True
            probe.emit_record(probe.CHILD_EXIT, 0, "", _perf(), code, tid=self.pid)

    mp.BaseProcess.join = join


def start():
    """Switch tracing on from the environment; called once by the bootstrap."""
    address, token = os.environ.get("CLAB_TRACE"), os.environ.get("CLAB_TOKEN", "")
    if not address or probe.connection is not None:
        return
    probe.connection = probe.Connection(address, token)
    try:
        _connect()
    except OSError as exc:
        probe.connection = None
        print(f"concurrency-lab probe: cannot reach the window at {address}: {exc}",
              file=sys.stderr)
        return
    probe._connected(probe.connection)
    _patch_threading()
    _patch_multiprocessing()
    _patch_os()
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                           after_in_child=_after_fork_in_child)
    atexit.register(_at_exit)
    # what the lessons of later chapters need: lock waits and holds, asyncio tasks, greenlets
    from workloads import asynctrace, greenlettrace, locktrace
    locktrace.install()
    asynctrace.install()
    greenlettrace.install()
