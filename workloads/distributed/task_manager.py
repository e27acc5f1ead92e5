"""The task manager: puts numbers in a task queue that workers reach over TCP, and reads their
squares back from a result queue. The queues live in the manager's server process; a
`BaseManager` makes them reachable by name from other processes, on this machine or others.

Run the manager alone, then workers with the command it prints (here or on other machines):

    python -m workloads.distributed.task_manager --workers 0 --wait_s 120
    python -m workloads.distributed.task_worker --host ... --port ... --key ...

Safe by default: the manager listens on 127.0.0.1 only, on a port the system picks, with a
fresh random key. The key is the only lock: the manager unpickles whatever an authenticated
client sends, so anyone with the key can run code on this machine.
"""
import queue
import random
import secrets
import socket
import sys
import time
from multiprocessing.managers import BaseManager

from workloads import lesson_args, probe
from workloads._trace import remote_lanes
from workloads.distributed import launch

task_queue = queue.Queue()          # the tasks to send
result_queue = queue.Queue()        # the results that come back


def get_task_queue():
    return task_queue


def get_result_queue():
    return result_queue


class QueueManager(BaseManager):
    pass


# Register both queues on the network, each under a name (plain functions, not lambdas, so
# the server process can also be started by spawn or forkserver).
QueueManager.register("get_task_queue", callable=get_task_queue)
QueueManager.register("get_result_queue", callable=get_result_queue)


def new_manager(bind="127.0.0.1", port=0):
    """A QueueManager for bind:port with a new random key: (manager, key). An empty bind is
    this machine only: only an address written out lets others in."""
    key = secrets.token_hex(16)                  # 128 random bits, new for every run
    return QueueManager(address=(bind.strip() or "127.0.0.1", port), authkey=key.encode()), key


def put_tasks(task, count):
    """Put `count` random numbers in the task queue; returns them, task #i first."""
    numbers = []
    for i in range(count):
        n = random.randint(0, 10000)
        print(f"Put task #{i}: {n}...", flush=True)
        task.put((i, n))
        numbers.append(n)
    return numbers


def collect(result, count, workers, wait_s):
    """Results by task number, read until all `count` are in, or no local worker is left and
    none came for `wait_s` seconds. Returns (results, how many came back twice)."""
    results, repeats = {}, 0
    last = time.monotonic()
    while len(results) < count:
        try:
            i, r = result.get(timeout=0.2)
        except queue.Empty:
            if all(w.poll() is not None for w in workers) and time.monotonic() - last > wait_s:
                break
            continue
        print(f"Result #{i}: {r}", flush=True)
        repeats += i in results
        results[i] = r
        last = time.monotonic()
    return results, repeats


def account(task, numbers, results, repeats):
    """Which tasks came back, which are still queued and which were lost: printed, and
    returned as the lesson's figures."""
    waiting = task.qsize()                   # never taken: first in, first out, so the last
    lost = [i for i in range(len(numbers) - waiting) if i not in results]
    print(f"{len(results)} of {len(numbers)} results came back"
          + (", each exactly once." if not repeats else f"; {repeats} came back twice!"))
    for i in lost:
        print(f"Task #{i} ({numbers[i]}) was taken by a worker and never came back.")
        probe.mark(f"task #{i} lost")
    if waiting:
        print(f"{waiting} tasks were never taken: no worker was there to take them.")
    return dict(tasks=len(numbers), results_back=len(results), came_back_twice=repeats,
                lost=len(lost), lost_tasks=lost[:64], never_taken=waiting)


def main():
    args = lesson_args.parse("distributed.manager")
    probe.process_name(f"manager on {socket.gethostname()}")
    manager, key = new_manager(args.bind, args.port)
    with launch.serving(manager):                    # its server process holds the queues
        command, reach = launch.worker_command(manager, key)
        print(f"Manager listening on {manager.address[0]}:{manager.address[1]}, "
              f"reachable from {reach}.", flush=True)
        print(f"Worker command: {command}", flush=True)
        probe.mark(f"Worker command: {command}")     # a saved trace keeps it without the key
        # Fetch the queues through the manager, never task_queue directly: that one is a
        # copy in this process, while the workers see the server process's queues.
        task, result = manager.get_task_queue(), manager.get_result_queue()
        task, result = remote_lanes.on_manager(task, result)    # the window's arrows
        numbers = put_tasks(task, args.tasks)
        print("Try get results...", flush=True)
        workers = [launch.start_worker(manager, key) for _ in range(args.workers)]
        results, repeats = collect(result, len(numbers), workers, args.wait_s)
        figures = account(task, numbers, results, repeats)
        launch.finish(workers)
    probe.result(**figures)
    return 1 if figures["lost"] or repeats or len(results) < len(numbers) else 0


if __name__ == "__main__":
    sys.exit(main())
