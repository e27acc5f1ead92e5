"""concurrent.futures: a pool of worker processes, and each result as soon as it is ready.

ProcessPoolExecutor is the modern form of multiprocessing.Pool. submit() returns a Future at
once; as_completed() hands the futures back in the order their tasks FINISH, not the order
they were submitted, so the parent can use a result the moment it exists.
"""
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

from workloads import lesson_args, probe


def long_time_task(name, seconds):
    print(f"Run task {name} ({os.getpid()})...")
    with probe.span(f"task {name}"):        # draws this task as a bar on the worker's lane
        time.sleep(seconds)
    return name, os.getpid()


if __name__ == "__main__":
    args = lesson_args.parse("process.futures")
    # task lengths spread evenly over 0.2 to 1.0 s, in an order the seed shuffles
    lengths = [0.2 + 0.8 * i / max(args.tasks - 1, 1) for i in range(args.tasks)]
    random.seed(args.seed)
    random.shuffle(lengths)
    print(f"Parent process {os.getpid()}.")
    completed, workers = [], set()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(long_time_task, i, s) for i, s in enumerate(lengths)]
        print(f"Submitted tasks 0 to {args.tasks - 1}; results as they finish:")
        for f in as_completed(futures):
            name, pid = f.result()
            probe.mark(f"result of task {name}")
            print(f"Result of task {name}, from process {pid}.")
            completed.append(name)
            workers.add(pid)
    print("All tasks done.")
    probe.result(submitted=list(range(args.tasks)), completed=completed, workers=len(workers))
