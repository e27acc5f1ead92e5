"""Automatic tracing of greenlets (gevent's coroutines): a lane per greenlet, nested under the
OS thread that runs them all, a "run" span for each stretch a greenlet runs, and an arrow for
every switch from one greenlet to another. The thread's own lane gets the same stretches,
named after the greenlet that ran: one thread, one greenlet at a time (the hub's turns are
drawn as waits: its event loop sits in epoll/select, waiting for I/O or a timer).

`install()` (called by autotrace.start()) imports nothing: a lesson that never imports
greenlet (or gevent, which imports it) pays nothing. When greenlet is imported, a one-shot
import hook calls ``greenlet.settrace`` once the module has loaded; if greenlet is already
imported, the hook goes in at once. ``greenlet.settrace`` is per OS thread: the thread that
imports greenlet is the one traced (in a lesson, the main thread).

Per switch (origin -> target) the callback sends the origin's "run" span up to now, the
target's "wait" span since it last gave way, the origin's stretch again on the thread's lane,
one arrow out and one arrow in: ~5 us a switch
on this machine (a bare greenlet switch costs ~0.3 us), small beside the lessons' work. The
previous trace function, if any, is still called.
"""
import atexit
import importlib.abc
import importlib.util
import itertools
import sys
import time
import weakref

from workloads import probe

_perf = time.perf_counter_ns
_lanes = {}                 # id(greenlet) -> [weakref, lane key, start of its current run]
_switches = itertools.count(1)
_installed = False


def install():
    """Trace greenlets from the moment greenlet is imported (now, if it already is)."""
    global _installed
    if _installed or probe.connection is None:
        return
    _installed = True
    module = sys.modules.get("greenlet")
    if module is not None and hasattr(module, "settrace"):
        _hook(module)
    else:
        sys.meta_path.insert(0, _Finder())


class _Finder(importlib.abc.MetaPathFinder):
    """Waits for ``import greenlet``; lets the normal finders load it, then hooks it."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "greenlet":
            return None
        sys.meta_path.remove(self)          # one shot, and the search below skips us
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_hook(module):
            exec_module(module)
            _hook(module)

        spec.loader.exec_module = exec_and_hook
        return spec


def _name(g):
    """A lane title a student recognises."""
    if getattr(g, "parent", None) is None:
        return "main greenlet"
    if type(g).__name__ == "Hub":
        return "hub"
    try:
        func = getattr(g, "_run", None) or g.run       # gevent.Greenlet keeps its function
    except AttributeError:
        func = None
    if getattr(func, "__name__", "x").startswith("_"):   # a library's internal helper:
        for arg in (func,) + tuple(getattr(g, "args", ())):   # name the object it serves
            owner = getattr(arg, "__self__", None)
            if owner is not None:
                func = type(owner)
                break
    func = getattr(func, "__name__", "")
    name = getattr(g, "name", "")                       # gevent: "Greenlet-0", or as set
    if name and not name.startswith("Greenlet-"):
        return name
    if name:
        return f"{name} ({func})" if func else name
    return f"greenlet ({func})" if func else "greenlet"


def _hook(module):
    if not hasattr(probe, "sublane_key"):        # an older probe: no greenlet lanes
        return
    key_of, start, end = probe.sublane_key, probe.sublane_start, probe.sublane_end
    emit_span, arrow_out, arrow_in = probe.emit_span, probe.arrow_out, probe.arrow_in
    lanes, switches, perf, ref = _lanes, _switches, _perf, weakref.ref
    # The hub runs gevent's event loop: nearly all its time it sits in epoll/select, waiting
    # for I/O or a timer on behalf of the greenlets, so its turns are drawn as waits.
    RUN, HUB = ["run", "run"], ["event loop", "wait.io"]

    def lane(g, now):
        entry = lanes.get(id(g))
        if entry is None or entry[0]() is not g:          # new, or an id reused after GC
            key = key_of(g)
            hub = type(g).__name__ == "Hub"
            start(key, _name(g))                            # nested under this thread
            try:
                weak = ref(g)
            except TypeError:
                weak = lambda g=g: g                        # noqa: E731 (keeps it alive)
            # [weakref, key, since (ns), span name, state while it has control, title]
            entry = lanes[id(g)] = [weak, key, now] + (HUB if hub else RUN) + [_name(g)]
        return entry

    def trace(event, args):
        if event == "switch" or event == "throw":
            origin, target = args
            now = perf()
            n = next(switches)
            o = lane(origin, now)
            emit_span(o[3], o[4], o[2], now, sublane=o[1])
            emit_span(o[5], o[4], o[2], now)                 # and on the thread's own lane
            arrow_out(n, "switch", sublane=o[1])
            o[2] = now                                       # from now on it waits
            if origin.dead:                                  # its last switch: the lane ends
                end(o[1])
                lanes.pop(id(origin), None)
            t = lane(target, now)
            if t[2] < now and t[3] == "run":                 # it waited since its last switch
                emit_span("wait", "wait.io", t[2], now, sublane=t[1])
            t[2] = now
            arrow_in(n, "switch", sublane=t[1])
        if previous is not None:
            previous(event, args)

    lane(module.getcurrent(), _perf())           # the greenlet running now: timed from here
    previous = module.settrace(trace)

    def close_current():
        """At exit: the greenlet running now ran until now."""
        if probe.connection is None:
            return
        entry = lanes.get(id(module.getcurrent()))
        if entry is not None:
            now = perf()
            emit_span(entry[3], entry[4], entry[2], now, sublane=entry[1])
            emit_span(entry[5], entry[4], entry[2], now)
            end(entry[1])
    atexit.register(close_current)
