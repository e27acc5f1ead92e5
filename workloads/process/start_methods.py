"""The same child started three ways: fork, spawn and forkserver.

fork        copies the running parent: the child starts with everything the parent has.
spawn       starts a fresh Python interpreter, which imports this file again and receives
            the Process object (target and arguments) through pickle.
forkserver  starts one server process the first time; each child is forked from that server
            and, like spawn, imports this file again and gets the target and arguments
            through pickle.

Windows has only spawn; macOS uses spawn by default; Linux uses fork (forkserver from 3.14).
"""
import multiprocessing
import os
import pickle
import time

from workloads import lesson_args, probe

# Module level: runs every time this file is imported. A spawn or forkserver child imports it
# again (as "__mp_main__"), a fork child does not: it already has it.
print(f"importing the lesson module in pid {os.getpid()} (__name__ == {__name__!r})")
probe.mark("imports the module")

HINT = """\
  {method} must pickle the target and its arguments to send them to the child.
  A lambda cannot be pickled (nor can a nested function, a threading lock or an open file):
  use a module-level function. A program that works on Linux but fails on Windows or macOS
  often passes its children something that cannot be pickled."""


def greet(name):
    return f"hello from {name}"


def child(report, method, make_greeting):
    report.send(time.perf_counter_ns())         # first thing: "I am running"
    print(f"  child {os.getpid()} started by {method}: {make_greeting(method)}")
    time.sleep(0.2)                             # some work, so its lane can be seen


def start_with(method, make_greeting):
    """Start one child with `method`; returns the time until it ran, in seconds."""
    ctx = multiprocessing.get_context(method)
    reader, writer = ctx.Pipe(duplex=False)
    p = ctx.Process(target=child, args=(writer, method, make_greeting), name=f"{method} child")
    started = time.perf_counter_ns()
    p.start()                                   # spawn and forkserver pickle p here
    running = reader.recv()                     # the child's perf_counter: one clock for all
    probe.emit_span(f"{method} start", "wait.io", started, running)
    p.join()
    return (running - started) / 1e9


if __name__ == "__main__":
    args = lesson_args.parse("process.start_methods")
    if args.variant == "picklable":
        make_greeting = greet                   # pickle stores a function by its name
    else:
        make_greeting = lambda name: f"hi from {name}"     # a lambda: it has no name
    methods = [m for m in ("fork", "spawn", "forkserver")
               if m in multiprocessing.get_all_start_methods()]
    print(f"Parent process {os.getpid()}; start methods here: {', '.join(methods)}")
    start_ms = {}                               # method -> ms, or None: cannot pickle
    for method in methods:
        print(f"{method}:")
        try:
            start_ms[method] = round(start_with(method, make_greeting) * 1000, 1)
        except pickle.PicklingError as exc:
            probe.mark("cannot pickle", lane=method)
            print(f"  failed: {type(exc).__name__}: {exc}")
            print(HINT.format(method=method))
            start_ms[method] = None
    print("\nmethod      time from start() to the child's first line")
    for method, ms in start_ms.items():
        took = "cannot pickle the argument" if ms is None else f"{ms:6.1f} ms"
        print(f"{method:<11} {took}")
    probe.result(methods=methods, cannot_pickle=[m for m in methods if start_ms[m] is None],
                 **{f"{m}_start_ms": ms for m, ms in start_ms.items() if ms is not None})
