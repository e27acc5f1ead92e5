"""Deadlock: two threads, two locks, taken in opposite order.

Thread-1 takes lock_a and then lock_b; Thread-2 takes lock_b and then lock_a. When each has
its first lock before it asks for the second, each waits for a lock the other one holds: both
wait forever, and neither lets go. The short sleep between the two steps makes sure it
happens every time. Only killing the program ends it (press Stop, or Ctrl+C in a terminal).

Two ways out, as the other variants:
- ordered: every thread takes the locks in the same order (lock_a first): no cycle can form;
- timeout: ``acquire(timeout=...)`` gives up after a while; the thread lets go of the lock it
  holds, waits a moment and tries again.
"""
import random
import threading
import time

from workloads import lesson_args, probe

lock_a = threading.Lock()
lock_b = threading.Lock()
NAMES = {lock_a: "lock_a", lock_b: "lock_b"}      # for the messages
gave_up = []                                      # one entry each time a thread backs off


def say(text):
    # the whole line in one write, so lines of two threads never run into each other
    print(f"{threading.current_thread().name}: {text}\n", end="", flush=True)


def take_both(first, second):
    """Take `first`, then `second`: a deadlock if another thread does it the other way."""
    with first:
        say(f"took {NAMES[first]}")
        time.sleep(0.2)                     # meanwhile the other thread takes its first lock
        say(f"waits for {NAMES[second]}")
        with second:
            say(f"took {NAMES[second]} too")
            time.sleep(0.1)                 # the work that needs both locks
            say("transfer done")


def take_both_or_back_off(first, second):
    """Like take_both, but never waits for `second` for more than 0.5 s."""
    while True:
        with first:
            say(f"took {NAMES[first]}")
            time.sleep(0.2)
            say(f"waits for {NAMES[second]} (at most 0.5 s)")
            if second.acquire(timeout=0.5):
                try:
                    say(f"took {NAMES[second]} too")
                    time.sleep(0.1)
                    say("transfer done")
                    return
                finally:
                    second.release()
            say(f"gave up on {NAMES[second]}; lets go of {NAMES[first]}")
            gave_up.append(NAMES[second])
        time.sleep(random.uniform(0, 1))     # back off for a random while, then retry


if __name__ == "__main__":
    args = lesson_args.parse("threads.deadlock")
    if args.variant == "deadlock":              # opposite order: a cycle
        jobs = [(take_both, lock_a, lock_b), (take_both, lock_b, lock_a)]
    elif args.variant == "ordered":             # the same order: lock_a, then lock_b
        jobs = [(take_both, lock_a, lock_b), (take_both, lock_a, lock_b)]
    else:                                       # opposite order, but give up and retry
        jobs = [(take_both_or_back_off, lock_a, lock_b),
                (take_both_or_back_off, lock_b, lock_a)]
    # daemon threads: Ctrl+C can end the program even while they are stuck
    threads = [threading.Thread(target=job, args=(first, second), name=f"Thread-{i}",
                                daemon=True)
               for i, (job, first, second) in enumerate(jobs, 1)]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:                   # Ctrl+C: the only way out of a deadlock
        print("interrupted while the threads were still waiting")
    else:
        print("both threads finished")
    probe.result(threads_finished=sum(not t.is_alive() for t in threads),
                 gave_up=len(gave_up))
