"""A pool of worker processes runs more tasks than it has workers.

Pool(size) starts `size` worker processes once and feeds them tasks from a queue: when there
are more tasks than workers, the extra tasks wait in the queue until a worker is free.
"""
import os
import random
import time
from multiprocessing import Pool

from workloads import lesson_args, probe
from workloads._trace.process_pool import figures, queued


def long_time_task(name, seconds):
    print(f"Run task {name} ({os.getpid()})...")
    start = time.time()
    probe.begin(f"task {name}", "task")     # a bar on the worker's lane while the task runs
    time.sleep(seconds)
    probe.end(f"task {name}", "task")
    end = time.time()
    print(f"Task {name} runs {end - start:0.2f} seconds.")


if __name__ == "__main__":
    args = lesson_args.parse("process.pool")
    random.seed(args.seed)
    print(f"Parent process {os.getpid()}.")
    p = Pool(args.workers)
    jobs = []
    for i in range(args.tasks):
        # apply_async() only puts the task in the pool's queue and returns at once
        # (queued() notes when, so the timeline can draw how long the task waited there)
        jobs.append(p.apply_async(queued(long_time_task), args=(i, random.uniform(0.3, 1.5))))
    print("Waiting for all subprocesses done...")
    p.close()       # no more tasks: after close(), join() can wait for the workers
    probe.mark("close()")
    p.join()
    probe.mark("join() returned")
    print("All subprocesses done.")
    probe.result(**figures(jobs))
