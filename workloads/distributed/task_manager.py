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
import contextlib
import errno
import os
import queue
import random
import secrets
import socket
import subprocess
import sys
import time
from multiprocessing.managers import BaseManager
from pathlib import Path

from workloads import lesson_args, probe
from workloads.distributed.task_worker import KEY_VARIABLE

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

EVERY_INTERFACE = ("", "0.0.0.0")


@contextlib.contextmanager
def serving(bind, port):
    """A started QueueManager on bind:port with a new random key: yields (manager, key).
    An empty bind is this machine only: only an address written out lets others in."""
    bind = bind.strip() or "127.0.0.1"
    check_can_listen(bind, port)
    key = secrets.token_hex(16)                  # 128 random bits, new for every run
    manager = QueueManager(address=(bind, port), authkey=key.encode())
    try:
        manager.start()                          # the server process: it holds the queues
    except EOFError:                             # it could not listen after all
        fail(f"The manager could not listen on {bind}:{port}; choose another port.")
    try:
        yield manager, key
    finally:
        manager.shutdown()                       # the port closes with the server process


def check_can_listen(bind, port):
    """A clear message instead of a traceback when bind:port cannot be used."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            if os.name == "posix":               # as multiprocessing's own listener does
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((bind, port))
    except socket.gaierror:
        fail(f"bind: {bind!r} is not an address of this machine. Use 127.0.0.1 (this "
             "machine only), 0.0.0.0 (every interface) or one of this machine's addresses.")
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            fail(f"Port {port} on {bind} is already in use by another program. Choose "
                 "another port, or port 0 to let the system pick a free one.")
        fail(f"Cannot listen on {bind}:{port}: {exc.strerror or exc}. bind must be 127.0.0.1, "
             "0.0.0.0 or one of this machine's addresses.")


def fail(message):
    print(message, file=sys.stderr, flush=True)
    raise SystemExit(2)


def worker_command(manager, key):
    """The command that starts a worker elsewhere, and who can reach this manager."""
    bind, port = manager.address
    host = this_machine_address() if bind in EVERY_INTERFACE else bind
    command = (f"python -m workloads.distributed.task_worker --host {host} --port {port} "
               f"--key {key}")
    if bind.startswith("127."):
        reach = "this machine only (set bind=0.0.0.0 to accept other machines)"
    else:
        reach = "other machines too: anyone with the key can run code here"
    return command, reach


def this_machine_address():
    """The address other machines reach this one by (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))
            return s.getsockname()[0]
        except OSError:
            return socket.gethostname()


def put_tasks(task, count):
    """Put `count` random numbers in the task queue; returns them, task #i first."""
    numbers = []
    for i in range(count):
        n = random.randint(0, 10000)
        print(f"Put task #{i}: {n}...", flush=True)
        probe.arrow_out(i, "task")                       # the arrow to the worker's get
        task.put((i, n))
        numbers.append(n)
    return numbers


def start_worker(manager, key, *options):
    """A worker process on this machine; the key goes in its environment, where other users
    cannot read it (a command line shows in `ps`)."""
    bind, port = manager.address
    host = "127.0.0.1" if bind in EVERY_INTERFACE else bind
    root = str(Path(__file__).resolve().parents[2])      # so `-m workloads...` imports
    env = dict(os.environ, **{KEY_VARIABLE: key})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    return subprocess.Popen([sys.executable, "-m", "workloads.distributed.task_worker",
                             f"--host={host}", f"--port={port}", *options], env=env)


def collect(result, count, workers, wait_s):
    """Results by task number, read until all `count` are in, or no local worker is left and
    none came for `wait_s` seconds. Returns (results, repeats)."""
    results, repeats = {}, 0
    last = time.monotonic()
    t0 = time.perf_counter_ns()
    while len(results) < count:
        try:
            i, r, report = result.get(timeout=0.2)
        except queue.Empty:
            if all(w.poll() is not None for w in workers) and time.monotonic() - last > wait_s:
                break
            continue
        now = time.perf_counter_ns()
        probe.emit_span("result.get()", "wait.io", t0, now)
        probe.arrow_in(i, "result")                      # the arrow from the worker's put
        draw_untraced_worker(i, report, now)
        print(f"Result #{i}: {r}", flush=True)
        repeats += i in results
        results[i] = r
        last, t0 = time.monotonic(), now
    return results, repeats


def draw_untraced_worker(i, report, received_ns):
    """A worker this window does not trace (it runs on another machine) still gets a lane:
    drawn from the timings it sent with its result, moved onto this machine's clock."""
    if not probe.enabled() or report.get("window") == probe.listener_id():
        return
    lane = f"PID {report['pid']} · worker on {report['host']}"
    shift = received_ns - report["sent"]     # its clock to ours, give or take the network
    for name, cat, t0, t1, taken in report["events"]:
        probe.emit_span(name, cat, t0 + shift, t1 + shift, lane=lane)
        if taken is not None:
            probe.arrow_in(taken, "task", lane=lane, ts=t1 + shift)
    probe.arrow_out(i, "result", lane=lane, ts=received_ns)


def account(task, numbers, results, repeats):
    """Which tasks came back, which are still queued and which were lost; returns the lost."""
    waiting = task.qsize()                   # never taken: first in, first out, so the last
    taken = len(numbers) - waiting
    lost = [i for i in range(taken) if i not in results]
    print(f"{len(results)} of {len(numbers)} results came back"
          + (", each exactly once." if not repeats else f"; {repeats} came back twice!"))
    for i in lost:
        print(f"Task #{i} ({numbers[i]}) was taken by a worker and never came back.")
        probe.mark(f"task #{i} lost")
    if waiting:
        print(f"{waiting} tasks were never taken: no worker was there to take them.")
    return lost


def finish(workers, idle_s=1.0):
    """Wait for the local workers: they stop once the queue stays empty for idle_s."""
    for w in workers:
        with contextlib.suppress(subprocess.TimeoutExpired):
            w.wait(timeout=idle_s + 10)
        if w.returncode is None:
            w.kill()
            w.wait()


def main():
    args = lesson_args.parse("distributed.manager")
    probe.process_name(f"manager on {socket.gethostname()}")
    with serving(args.bind, args.port) as (manager, key):
        command, reach = worker_command(manager, key)
        print(f"Manager listening on {manager.address[0]}:{manager.address[1]}, "
              f"reachable from {reach}.", flush=True)
        print(f"Worker command: {command}", flush=True)
        probe.mark(f"Worker command: {command}")     # a saved trace keeps it without the key
        # Fetch the queues through the manager, never task_queue directly: that one is a
        # copy in this process, while the workers see the server process's queues.
        task, result = manager.get_task_queue(), manager.get_result_queue()
        numbers = put_tasks(task, args.tasks)
        print("Try get results...", flush=True)
        workers = [start_worker(manager, key) for _ in range(args.workers)]
        results, repeats = collect(result, len(numbers), workers, args.wait_s)
        lost = account(task, numbers, results, repeats)
        finish(workers)
    return 1 if lost or repeats or len(results) < len(numbers) else 0


if __name__ == "__main__":
    sys.exit(main())
