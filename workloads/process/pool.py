"""A pool of worker processes runs more tasks than it has workers.

Pool(size) starts `size` worker processes once and feeds them tasks from a queue: when there
are more tasks than workers, the extra tasks wait in the queue until a worker is free.
"""
import os
import random
import time
from multiprocessing import Pool

from workloads import lesson_args, probe


def long_time_task(name, seconds, submitted_ns):
    started_ns = time.perf_counter_ns()
    if started_ns - submitted_ns > 10_000_000:
        # A free worker picks a task up within a millisecond or so: a task that took longer
        # sat in the pool's queue because every worker was busy. Draw that wait.
        probe.emit_span(f"task {name}", "wait.io", submitted_ns, started_ns,
                        lane="waiting for a worker")
    print(f"Run task {name} ({os.getpid()})...")
    start = time.time()
    with probe.span(f"task {name}"):        # draws this task as a bar on the worker's lane
        time.sleep(seconds)
    end = time.time()
    print(f"Task {name} runs {end - start:0.2f} seconds.")


if __name__ == "__main__":
    args = lesson_args.parse("process.pool")
    random.seed(args.seed)
    print(f"Parent process {os.getpid()}.")
    p = Pool(args.workers)
    for i in range(args.tasks):
        submitted_ns = time.perf_counter_ns()   # tells the task how long it waited
        # apply_async() only puts the task in the pool's queue and returns at once
        p.apply_async(long_time_task, args=(i, random.uniform(0.3, 1.5), submitted_ns))
    print("Waiting for all subprocesses done...")
    p.close()       # no more tasks: after close(), join() can wait for the workers
    probe.mark("close()")
    p.join()
    probe.mark("join() returned")
    print("All subprocesses done.")
