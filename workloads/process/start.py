"""Start a child process with multiprocessing.Process, then wait for it with join().

Process(target=f, args=...) describes a child that will run f(*args); start() creates it and
returns at once, so parent and child run side by side; join() makes the parent wait until the
child has ended. multiprocessing works on every system, Windows included.
"""
import os
import time
from multiprocessing import Process

from workloads import lesson_args, probe


# The code the child process runs:
def run_proc(name, seconds):
    print(f"Run child process {name} ({os.getpid()})...")
    with probe.span("child's work"):
        time.sleep(seconds)         # stands in for real work
    print(f"Child process {name} ends.")


if __name__ == "__main__":         # required: spawned children import this file again
    args = lesson_args.parse("process.start")
    print(f"Parent process {os.getpid()}.")
    p = Process(target=run_proc, args=("test", args.seconds))
    print("Process will start.")
    p.start()
    before = time.perf_counter()
    with probe.span("join()", cat="wait.io"):
        p.join()                    # wait here until the child has ended
    waited = time.perf_counter() - before
    print(f"Process end. Child exit code {p.exitcode}.")
    probe.result(child_pid=p.pid, child_exit_code=p.exitcode, join_waited_s=round(waited, 3))
