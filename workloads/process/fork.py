"""fork(): called once, returns twice.

os.fork() copies the running process. From then on two processes run the same code: the
parent, where fork() returns the new child's PID, and the child, where it returns 0. That
return value is how each copy knows which one it is. POSIX only: Windows has no fork().
"""
import os
import sys
import time

from workloads import lesson_args, probe

if __name__ == "__main__":
    lesson_args.parse("process.fork")            # no parameters: --help says so
    print(f"Process ({os.getpid()}) start...")
    sys.stdout.flush()      # the child gets a copy of unwritten output and would print it twice
    pid = os.fork()         # one call; two processes return from it

    if pid == 0:
        # The child: a copy of the parent, with a PID of its own.
        probe.mark("fork() returned 0")
        print(f"I am child process ({os.getpid()}) and my parent is {os.getppid()}. "
              f"fork() returned {pid}.")
        with probe.span("child's work"):
            time.sleep(1)   # stands in for real work, so you can see both processes alive
        print(f"Child ({os.getpid()}) exits.")
        probe.result(child_pid=os.getpid(), child_ppid=os.getppid(), child_got=pid)  # got 0
        sys.stdout.flush()  # os._exit() skips all clean-up, so flush what is still buffered:
        probe.flush()       # our output and the timeline's last events
        os._exit(0)         # leave here: the code below is for the parent only

    # The parent: fork() returned the child's PID.
    probe.mark(f"fork() returned {pid}")
    print(f"I ({os.getpid()}) just created a child process ({pid}). fork() returned {pid}.")
    with probe.span("waitpid()", cat="wait.io"):
        _, status = os.waitpid(pid, 0)      # wait for the child, or it lingers as a zombie
    code = os.waitstatus_to_exitcode(status)
    print(f"Child {pid} exited with code {code}.")
    probe.result(parent_pid=os.getpid(), parent_got=pid, child_exit_code=code)
