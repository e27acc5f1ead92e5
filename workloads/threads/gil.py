"""The GIL: N threads that only compute use about one core; N processes use N cores.

CPython lets one thread at a time run Python code: the thread holding the Global Interpreter
Lock. A thread that wants to run asks the holder to let go, and the holder does so after the
switch interval (5 ms by default since Python 3.2, not "every 100 bytecodes" as older texts say).
So busy threads take turns on one core, while separate processes each have their own
interpreter and GIL and run at the same time on different cores.
"""
import os
import sys
import threading
import time
from multiprocessing import Pool

from workloads import lesson_args, probe

GAP_NS = 50_000     # a pause longer than 50 us means this worker was not running


def busy(seconds, waiting="wait.gil"):
    """Spin for `seconds`; note every time this worker was stopped and resumed."""
    now = time.perf_counter_ns
    cpu_start = time.thread_time()
    start = last = run_start = now()
    end = start + int(seconds * 1e9)
    loops = 0
    while last < end:
        loops += 1
        t = now()
        if t - last > GAP_NS:               # we did not run between `last` and `t`
            probe.emit_span("running", "run", run_start, last)
            probe.emit_span("waiting", waiting, last, t)
            run_start = t
        last = t
    probe.emit_span("running", "run", run_start, last)
    return loops, time.thread_time() - cpu_start


def in_process(seconds):
    return busy(seconds, waiting="blocked")     # a process waits only for the OS scheduler


def run_threads(workers, seconds):
    results = [None] * workers

    def worker(i):
        results[i] = busy(seconds)

    threads = [threading.Thread(target=worker, args=(i,), name=f"Worker-{i + 1}")
               for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def run_processes(workers, seconds):
    with Pool(workers) as pool:
        return pool.map(in_process, [seconds] * workers)


if __name__ == "__main__":
    args = lesson_args.parse("threads.gil")
    sys.setswitchinterval(args.switch_interval_ms / 1000)
    print(f"{args.workers} busy {args.variant} on {os.cpu_count()} cores, "
          f"switch interval {sys.getswitchinterval() * 1000:g} ms")
    started = time.perf_counter()
    if args.variant == "threads":
        results = run_threads(args.workers, args.seconds)
    else:
        results = run_processes(args.workers, args.seconds)
    wall = time.perf_counter() - started
    loops = sum(n for n, _ in results)
    cpu = sum(c for _, c in results)
    for i, (n, c) in enumerate(results, 1):
        print(f"worker {i}: {n:,} loops, {c:0.2f} s of CPU")
    print(f"total: {loops:,} loops in {wall:0.2f} s = {loops / wall:,.0f} loops/s")
    print(f"CPU used: {cpu / wall:0.2f} cores")
