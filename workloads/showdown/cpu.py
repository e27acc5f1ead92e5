"""Showdown, CPU-bound: the same pure-Python jobs run one after another, with threads, with
processes and with asyncio. Which model makes them finish sooner?

Each job only computes. Threads share one interpreter and its GIL: one thread runs Python
code at a time, so they take turns and finish no sooner than one after another. Processes
each have their own interpreter and run on different cores at the same time. asyncio runs
its tasks in one thread and only switches at an `await`: a job with no await runs to its
end before the next one starts.

The models run one after another so they do not disturb each other's timing. When the
machine has a free-threaded Python (3.13t or later, no GIL), the threads model runs once more
under it, in a process of its own: there, threads run on all the cores. (The environment
variable SHOWDOWN_THREADS_PYTHON names another interpreter for that extra run.)
"""
import asyncio
import os
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from workloads import lesson_args, probe
from workloads._trace.gaps import Watch
from workloads.showdown import free_threaded
from workloads.showdown.common import report, run_model

GAP_NS = 1_000_000      # a pause over 1 ms: this job was not running (a GIL turn is 5 ms)
CHECK_EVERY = 2_000     # look at the clock this often (iterations)


def job(size, waiting="blocked"):
    """Pure-Python arithmetic, `size` iterations; returns (result, CPU seconds it used).
    Every pause is drawn: the OS ran someone else ("blocked"), or, among threads, another
    thread had the GIL ("wait.gil")."""
    watch = Watch(waiting, GAP_NS)
    total, i = 0, 0
    while i < size:
        stop = min(size, i + CHECK_EVERY)
        for k in range(i, stop):
            total += k * k % 7
        i = stop
        watch.look()
    return total, watch.done()


def job_in_thread(size):
    return job(size, waiting="wait.gil")        # mostly: another thread holds the GIL


def sequential(jobs, size, workers):
    return [job(size) for _ in range(jobs)]


def threads(jobs, size, workers):
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="Worker") as pool:
        return list(pool.map(job_in_thread, [size] * jobs))


def processes(jobs, size, workers):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, [size] * jobs))


def with_asyncio(jobs, size, workers):
    async def one():
        return job(size)                        # no await inside: nothing to switch at

    async def main():
        return await asyncio.gather(*(one() for _ in range(jobs)))

    return asyncio.run(main())


MODELS = {"sequential": sequential, "threads": threads, "processes": processes,
          "asyncio": with_asyncio}


def main():
    args = lesson_args.parse("showdown.cpu")
    cores = os.cpu_count() or 1
    workers = min(args.jobs, cores)
    if os.environ.get("SHOWDOWN_ONLY"):     # one model under another Python, for the parent
        free_threaded.only_one_model(run_model, MODELS, args.jobs, args.size, workers)
        return
    print(f"{args.jobs} CPU-bound jobs of {args.size:,} steps on {cores} cores "
          f"({workers} threads or processes), Python {sys.version.split()[0]}", flush=True)
    # A short untimed job first: the first model would otherwise also pay for the CPU
    # waking up to full speed, and look slower than it is.
    print("warming up...", flush=True)
    job(max(1, args.size // 2))
    results = {}
    for name, model in MODELS.items():
        results[name] = run_model(name, lambda m=model: m(args.jobs, args.size, workers))
    python = free_threaded.other_python()
    if python is not None and python.usable:
        extra = free_threaded.threads_under(python, args.jobs, args.size)
        if extra:
            results[extra[0]] = extra[1]
    probe.result(**report(results, cores), workers=workers)


if __name__ == "__main__":
    main()
