"""gevent: greenlets take turns in one thread, and only when one of them gives way.

A greenlet is a coroutine: a function that can pause and let another one go on, all in one
OS thread. gevent.spawn(f, n) makes a greenlet that will run f(n); nothing runs until the
main program waits (join). Then gevent's hub starts the greenlets one at a time. A greenlet
keeps running until it gives way: when it ends, or when it waits, e.g. gevent.sleep(0) ("let
the others run, then come back to me"). There is no time slicing as with threads.
"""
import threading
import time

import gevent

from workloads import lesson_args, probe


threads_used = set()                 # the OS threads the greenlets ran in
printed_by = []                      # which greenlet printed each line, in order


def work(seconds):
    """Stands in for real computing: keeps the CPU busy and never gives way."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def f(n, give_way):
    for i in range(n):
        print(gevent.getcurrent().name, i)
        printed_by.append(gevent.getcurrent())
        threads_used.add(threading.get_ident())
        work(0.01)
        if give_way:
            gevent.sleep(0)          # give way: the hub runs the other greenlets, then us


if __name__ == "__main__":
    args = lesson_args.parse("async.gevent")
    give_way = args.variant == "sleep0"
    greenlets = [gevent.spawn(f, 5, give_way) for _ in range(args.greenlets)]
    for g in greenlets:
        g.join()                     # the main program waits: now the greenlets run
    print(f"{len(greenlets)} greenlets ran in {len(threads_used)} OS thread(s)")
    probe.result(greenlets=len(greenlets), os_threads=len(threads_used),
                 print_order=" ".join(str(greenlets.index(g)) for g in printed_by))
