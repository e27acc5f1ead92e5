"""One Lock, several threads: what a lock buys and what it costs.

Every worker adds 1 to a shared counter again and again. Reading the counter, saving the new
value (slow, like writing it to a file) and storing it must happen as one step, so the
update sits inside ``with lock:``: while one thread holds the lock, the others wait.
Then the same work runs without the lock: faster, because the slow saves now overlap, but
updates get lost. Both runs are timed and compared.
"""
import threading
import time

from workloads import lesson_args, probe

SAVE_S = 0.02           # saving the new value takes a moment (like writing to a file)
PREPARE_S = 0.02        # each thread's own work before it updates the counter

counter = 0
lock = threading.Lock()


def add_with_lock(n):
    global counter
    for _ in range(n):
        time.sleep(PREPARE_S)       # own work: threads do this side by side
        with lock:                  # wait here while another thread holds the lock
            value = counter
            time.sleep(SAVE_S)      # save value + 1: only one thread at a time gets here
            counter = value + 1


def add_without_lock(n):
    global counter
    for _ in range(n):
        time.sleep(PREPARE_S)
        value = counter
        with probe.span("save"):    # draws the save (the lock's holds are drawn for us)
            time.sleep(SAVE_S)      # another thread may change counter meanwhile...
        counter = value + 1         # ...and this overwrites its update: it is lost


def timed_run(work, workers, n, name):
    """Run `work(n)` in `workers` threads; return the seconds it took."""
    global counter
    counter = 0
    threads = [threading.Thread(target=work, args=(n,), name=f"{name}-{i + 1}")
               for i in range(workers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def report(title, seconds, expected):
    rate = expected / seconds
    print(f"{title}: counter = {counter:,} (expected {expected:,}), {seconds:0.2f} s, "
          f"{rate:,.0f} updates/s")
    return rate


if __name__ == "__main__":
    args = lesson_args.parse("threads.lock")
    total = args.workers * args.iterations
    who = "1 thread adds" if args.workers == 1 else f"{args.workers} threads add"
    print(f"{who} 1 to a shared counter {args.iterations:,} times each")
    locked_s = timed_run(add_with_lock, args.workers, args.iterations, "Locked")
    locked = counter
    with_lock = report("with the lock", locked_s, total)
    probe.mark("now without the lock")
    unlocked_s = timed_run(add_without_lock, args.workers, args.iterations, "Unlocked")
    without = report("without the lock", unlocked_s, total)
    print(f"the lock cost {max(0.0, 100 * (1 - with_lock / without)):0.0f}% of the throughput: "
          f"{with_lock:,.0f} instead of {without:,.0f} updates/s")
    probe.result(expected=total, locked_counter=locked, locked_s=locked_s,
                 unlocked_counter=counter, unlocked_s=unlocked_s)
