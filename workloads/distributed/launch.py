"""Starting the task manager safely and its workers on this machine: a clear message when the
address cannot be used, the command that starts a worker elsewhere, and local worker
processes that get the key where other users cannot read it."""
import contextlib
import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

from workloads.distributed.task_worker import KEY_VARIABLE

EVERY_INTERFACE = ("", "0.0.0.0")


@contextlib.contextmanager
def serving(manager):
    """`manager` started (its server process holds the queues) until the block ends, or an
    exit with the reason in one line when it cannot listen on its address."""
    bind, port = manager.address
    check_can_listen(bind, port)
    try:
        manager.start()
    except EOFError:                             # it could not listen after all
        fail(f"The manager could not listen on {bind}:{port}; choose another port.")
    try:
        yield manager
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


def finish(workers, idle_s=1.0):
    """Wait for the local workers: they stop once the queue stays empty for idle_s."""
    for w in workers:
        with contextlib.suppress(subprocess.TimeoutExpired):
            w.wait(timeout=idle_s + 10)
        if w.returncode is None:
            w.kill()
            w.wait()
