"""A test workload: the probe must follow a fork, a spawn child, a thread and an arrow."""
import multiprocessing
import os
import threading

from workloads import probe


def spawned(queue):
    with probe.span("spawned work"):
        item = queue.get()
    probe.arrow_in(1, "hand-off")
    probe.mark(f"got {item}")


def threaded():
    with probe.span("thread work", cat="run"):
        probe.counter("answer", 42)


if __name__ == "__main__":
    t = threading.Thread(target=threaded, name="Helper")
    t.start()
    t.join()
    pid = os.fork()
    if pid == 0:
        with probe.span("forked work"):
            pass
        probe.flush()
        os._exit(0)
    os.waitpid(pid, 0)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=spawned, args=(queue,), name="Spawned")
    child.start()
    probe.arrow_out(1, "hand-off")
    queue.put("parcel")
    child.join()
    # forkserver: a spawned server process forks the child; the probe must follow both steps
    server_ctx = multiprocessing.get_context("forkserver")
    third = server_ctx.Process(target=threaded, name="ServerChild")
    third.start()
    third.join()
    print("fork", pid, "spawn", child.pid, "forkserver", third.pid, flush=True)
