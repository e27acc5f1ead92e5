"""Threads: the main thread starts a named thread, then waits for it with join().

Every process starts with one thread, the main thread, named "MainThread". It can start more:
threading.Thread(target=f, name=...) describes a thread that will run f(); start() sets it
going and returns at once; join() waits until it has ended. The name is only a label for
people: a thread without one is called "Thread-1", "Thread-2", ...
"""
import threading
import time

from workloads import lesson_args, probe


# The code the new thread runs:
def loop(ticks, tick_s):
    name = threading.current_thread().name     # the Thread object running this line
    print(f"thread {name} is running...")
    n = 0
    while n < ticks:
        n = n + 1
        print(f"thread {name} >>> {n}")
        probe.mark(f"n = {n}")                  # a tick on this thread's lane
        with probe.span("sleep", cat="wait.io"):
            time.sleep(tick_s)                  # stands in for slow work, e.g. a download
    print(f"thread {name} ended.")


if __name__ == "__main__":
    args = lesson_args.parse("threads.basics")
    print(f"thread {threading.current_thread().name} is running...")
    t = threading.Thread(target=loop, args=(args.ticks, args.tick_s), name="LoopThread")
    t.start()                                   # returns at once: now two threads run
    with probe.span("join()", cat="wait.io"):
        t.join()                                # wait here until LoopThread has ended
    print(f"thread {threading.current_thread().name} ended.")
    # for the window: which thread ended last (LoopThread, had the main thread not waited)
    probe.result(ended_last="LoopThread" if t.is_alive() else "MainThread")
