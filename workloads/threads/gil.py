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
from workloads._trace.gaps import Watch     # draws when this worker ran and when it waited


def busy(seconds, waiting="wait.gil"):
    """Spin for `seconds`; returns (loops done, CPU seconds used)."""
    watch = Watch(waiting)
    end = time.perf_counter_ns() + int(seconds * 1e9)
    loops = 0
    while watch.look() < end:
        loops += 1
    return loops, watch.done()


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
    cores = os.cpu_count() or 1
    print(f"{args.workers} busy {args.variant} on {cores} cores, "
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
    probe.result(workers=args.workers, cores=cores,
                 switch_interval_ms=sys.getswitchinterval() * 1000, wall_s=wall, cpu_s=cpu,
                 cpu_cores_used=cpu / wall, loops=loops, loops_per_s=loops / wall)
