"""The worker: connects to the task manager over TCP, squares the numbers it takes from the
task queue and puts the results in the result queue. Run it on this machine or on another one,
with the address and key the manager prints:

    python -m workloads.distributed.task_worker --host 192.168.1.20 --port 40123 --key 3f9a...

The worker creates no queue of its own: it asks the manager for its queues by name
(``get_task_queue``) and every get() and put() is a request over the network.
"""
import argparse
import os
import queue
import signal
import socket
import sys
import time
from multiprocessing import AuthenticationError
from multiprocessing.managers import BaseManager

from workloads import probe
from workloads._trace import remote_lanes

KEY_VARIABLE = "TASK_MANAGER_KEY"     # the key can come from here instead of --key
REFUSED, UNREACHABLE, MANAGER_GONE = 2, 3, 4      # exit codes


class QueueManager(BaseManager):
    pass


# This QueueManager only fetches the queues from the network: register the names only.
QueueManager.register("get_task_queue")
QueueManager.register("get_result_queue")


def connect(host, port, key):
    """The two queues of the manager at host:port, or SystemExit with the reason in words."""
    print(f"Connect to server {host}:{port}...", flush=True)
    m = QueueManager(address=(host, port), authkey=key.encode())
    t0 = time.perf_counter_ns()
    try:
        m.connect()
    except AuthenticationError as exc:       # the manager checked our key and said no
        probe.emit_span("connect()", "blocked", t0, time.perf_counter_ns())
        probe.mark(f"refused: AuthenticationError: {exc}")
        print(f"Refused by the manager: AuthenticationError: {exc}. "
              "The key must be exactly the one the manager printed.", flush=True)
        raise SystemExit(REFUSED)
    except OSError as exc:                   # nobody listens there, or no route to it
        print(f"Cannot reach a manager at {host}:{port}: {exc.strerror or exc}. "
              "Is the manager running, and are host and port the ones it printed?",
              flush=True)
        raise SystemExit(UNREACHABLE)
    probe.emit_span("connect()", "wait.io", t0, time.perf_counter_ns())
    task, result = m.get_task_queue(), m.get_result_queue()
    return remote_lanes.on_worker(task, result)          # the window's arrows


def work(task, result, task_s, idle_s, crash_after=0):
    """Take tasks until the queue stays empty for `idle_s`; returns how many were done."""
    done = 0
    while True:
        try:
            i, n = task.get(timeout=idle_s)
        except queue.Empty:
            print("task queue is empty.", flush=True)
            return done
        except (EOFError, ConnectionError):            # the manager shut down: no more work
            print("The manager has shut down.", flush=True)
            return done
        if done + 1 == crash_after:
            die_holding(task, i, n, task_s)
        print(f"run task #{i}: {n} * {n}...", flush=True)
        time.sleep(task_s)                             # the real work would be here
        r = f"{n} * {n} = {n * n}"
        result.put((i, r))
        done += 1


def die_holding(task, i, n, task_s):
    """Die the way a power cut or the kernel's out-of-memory killer ends a process: at once,
    halfway through task #i, with its result never sent."""
    print(f"Worker PID {os.getpid()} took task #{i} ({n}) and is killed halfway through it.",
          flush=True)
    time.sleep(task_s / 2)
    task.killed_now()                                  # the window sees it before we go
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    time.sleep(10)                                     # not reached: the signal ends us


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m workloads.distributed.task_worker",
                                     description="A worker for the distributed task queue.")
    parser.add_argument("--host", default="127.0.0.1", help="the manager's address")
    parser.add_argument("--port", type=int, required=True, help="the manager's port")
    parser.add_argument("--key", default=os.environ.get(KEY_VARIABLE),
                        help=f"the manager's key (or set {KEY_VARIABLE})")
    parser.add_argument("--task-s", type=float, default=0.3, help="seconds each task takes")
    parser.add_argument("--idle-s", type=float, default=1.0,
                        help="stop after the task queue stays empty this long")
    parser.add_argument("--crash-after", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.key:
        parser.error(f"the manager's key is needed: --key KEY or {KEY_VARIABLE}=KEY")
    probe.process_name(f"worker on {socket.gethostname()}")
    task, result = connect(args.host, args.port, args.key)
    try:
        done = work(task, result, args.task_s, args.idle_s, args.crash_after)
    except (EOFError, ConnectionError):         # it went away while we held a task
        print("The manager went away before it got our result; worker exit.", flush=True)
        return MANAGER_GONE
    print(f"worker exit: {done} tasks done.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
