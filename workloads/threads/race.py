"""A race on a shared balance: two threads deposit and withdraw, and updates get lost.

Each thread runs change_it(n) many times: deposit n, then withdraw n, so the balance should
end at 0. But `balance = balance + n` is two steps: a read (compute balance + n) and a
write (store it in balance). If CPython switches to the other thread between the two, the
write replaces whatever the other thread stored meanwhile: that update is lost.

Where can CPython switch threads? Up to 3.9 between almost any two bytecodes, so the textbook
code (variant "naive") loses updates there. Since 3.10 only at calls and at the jump back to
the top of a loop, so `balance = balance + n` runs in one piece and "naive" ends at 0.
Variant "widened" puts a call between the read and the write: the race is back on every
CPython. Where the switch can fall inside `balance = balance + n`, it does in most rounds but
not in every one, so the naive race runs again until the balance moves. Variant "locked" runs that same widened code holding a Lock, and ends at 0.
"""
import sys
import threading

from workloads import lesson_args, probe
from workloads._trace.ledger import Ledger
from workloads._trace.race_report import lost_updates, race_again

balance = 0                     # your bank balance: both threads share it
iterations = 200_000            # deposits (and withdrawals) per thread


def change_it(n):
    # deposit n, then withdraw it: the balance should come back to where it was
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for i in range(iterations):
        change_it(n)


# Variant "widened": the same change, written as the steps each line really is.
def change_it_widened(n):
    """x is this thread's own variable. The call in between is like a log line or a check in
    real code."""
    global balance
    x = balance + n             # read
    ledger.note(n, x)           # a call: CPython may switch to the other thread here
    balance = x                 # write: what the other thread stored since the read is lost
    x = balance - n
    ledger.note(-n, x)
    balance = x


def run_thread_widened(n):
    for i in range(iterations):
        change_it_widened(n)


# Variant "locked": the widened code again, one thread at a time.
lock = threading.Lock()


def run_thread_locked(n):
    for i in range(iterations):
        with lock:              # one thread at a time from here to the end of the block
            change_it_widened(n)


# The ledger notes every write of the widened code, for the window: t1 adds 5, t2 adds 8.
ledger = Ledger(globals(), "balance", {5: 1, 8: 2})

def race(run):
    """One round: t1 adds 5 and t2 adds 8, each `iterations` times, from a balance of 0.
    Returns the balance they leave."""
    global balance
    balance = 0
    t1 = threading.Thread(target=run, args=(5,), name="t1")
    t2 = threading.Thread(target=run, args=(8,), name="t2")
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    return balance


if __name__ == "__main__":
    args = lesson_args.parse("threads.race")
    iterations = args.iterations
    run = {"naive": run_thread, "widened": run_thread_widened,
           "locked": run_thread_locked}[args.variant]
    print(f"CPython {sys.version.split()[0]}, variant {args.variant}: t1 and t2 each make "
          f"{iterations:,} deposits and {iterations:,} withdrawals")
    rounds = []                 # the balance each round ended at
    with ledger.watching():     # the balance over time, for the window's plot
        # Where CPython can switch inside `balance = balance + n`, a round can still end at
        # 0 by luck: race again until the balance moves (for a few seconds at most).
        while not rounds or race_again(args.variant, rounds):
            rounds.append(race(run))
            if len(rounds) > 1 or race_again(args.variant, rounds):
                print(f"round {len(rounds)}: balance {balance}")
    print(f"final balance: {balance}")
    lost = lost_updates(ledger, balance, args.variant)    # printed, and one interleaving
    probe.result(balance=balance, iterations=iterations, variant=args.variant, rounds=rounds,
                 **lost)
