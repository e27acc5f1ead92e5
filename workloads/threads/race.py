"""A race on a shared balance: two threads deposit and withdraw, and updates get lost.

Each thread runs change_it(n) many times: deposit n, then withdraw n, so the balance should
end at 0. But `balance = balance + n` is two steps: a read (compute balance + n) and a
write (store it in balance). If CPython switches to the other thread between the two, the
write replaces whatever the other thread stored meanwhile: that update is lost.

Where can CPython switch threads? Up to 3.9 between almost any two bytecodes, so the textbook
code (variant "naive") loses updates there. Since 3.10 only at calls and at the jump back to
the top of a loop, so `balance = balance + n` runs in one piece and "naive" ends at 0.
Variant "widened" puts a call between the read and the write: the race is back on every
CPython. Variant "locked" runs that same widened code holding a Lock, and ends at 0.
"""
import sys
import threading

from workloads import lesson_args, probe

balance = 0                     # your bank balance: both threads share it
lock = threading.Lock()
SAMPLE_EVERY = 1000             # changes between two looks at the balance


def change_it(n):
    """Deposit n, then withdraw it: the balance should come back to where it was."""
    global balance
    balance = balance + n
    balance = balance - n


def change_it_widened(n):
    """The same, written as the steps each line really is: x is this thread's own variable.
    The call in between is like a log line or a check in real code."""
    global balance
    x = balance + n             # read
    ledger.note(n, x)           # a call: CPython may switch to the other thread here
    balance = x                 # write: what the other thread stored since the read is lost
    x = balance - n
    ledger.note(-n, x)
    balance = x


def run_thread(n, change, iterations):
    for i in range(iterations):
        change(n)
        if i % SAMPLE_EVERY == 0:
            ledger.show(n)      # now and then: the balance, for the window's plot


def run_thread_locked(n, change, iterations):
    for i in range(iterations):
        with lock:              # one thread at a time from here to the end of the block
            change(n)
        if i % SAMPLE_EVERY == 0:
            ledger.show(n)


# ---- The ledger: how the window sees the steps (bookkeeping, not part of the race) -------
HEAD = 2                        # steps kept from the start of each turn (and its last one)


class Ledger:
    """Notes every write of `change_it_widened` in order, with the value its thread read.
    A write whose read is out of date (the balance changed in between) wipes out the other
    thread's update: a lost update. The ledger counts them and keeps the steps around the
    first one: the end of that thread's turn, the other thread's turn, the write."""

    def __init__(self):
        self.who = {5: 1, -5: 1, 8: 2, -8: 2}      # amount -> thread 1 (t1) or 2 (t2)
        self.lost = {1: 0, 2: 0}                    # updates of t1 / t2 that were wiped out
        self.drift = 0                              # what the lost updates did to the balance
        self.thread = 0
        self.turn = self.previous = self.older = None
        self.first = None                           # (older, previous, turn) at the first loss
        self.shown = {1: 0, 2: 0}                   # lost updates already marked

    def show(self, n):
        """Send the balance to the window's plot, and mark on this thread's lane that it
        wrote a stale result (wiping out an update of the other thread) since the last look."""
        probe.counter("balance", balance)
        other = 3 - self.who[n]
        if self.lost[other] > self.shown[other]:
            self.shown[other] = self.lost[other]
            probe.mark("stale write")

    def note(self, n, x):
        # No calls in here. From CPython 3.11 on a thread can be switched as a function starts,
        # never as it returns, so nothing runs between the end of this method and the write
        # `balance = x` after it: `balance` here is exactly the value that write replaces.
        thread, seen, read = self.who[n], balance, x - n
        turn = self.turn
        if thread != self.thread:                   # the other thread ran since the last note
            self.older, self.previous, self.thread = self.previous, turn, thread
            turn = self.turn = [thread, 0, [None] * HEAD, None]   # thread, steps, first, last
        k = turn[1]
        step = (thread, read, x, seen)
        if k < HEAD:
            turn[2][k] = step
        turn[3] = step
        turn[1] = k + 1
        if read != seen:
            self.lost[3 - thread] += 1
            self.drift += read - seen
            older = self.older
            # keep the first loss whose read directly followed this thread's last write
            if self.first is None and k == 0 and older is not None \
                    and older[3][2] == read:
                self.first = (older, self.previous, turn)


ledger = Ledger()


def exact_ledger():
    """True when the ledger saw every write exactly: a GIL build of CPython 3.11+ (3.10 can
    still switch right after a call returns) and the lost updates add up to the balance."""
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return sys.version_info >= (3, 11) and gil and ledger.drift == balance


def interleaving():
    """Table rows (step, t1 cell, t2 cell, balance) around the first lost update: the last
    step of a thread before its read, the other thread's turn, the stale write, what follows."""
    older, previous, turn = ledger.first
    rows = []

    def add(thread, text, value):
        cells = [text, ""] if thread == 1 else ["", text]
        rows.append([str(sum(row[0] != "..." for row in rows) + 1)] + cells + [str(value)])

    def read(step):
        thread, value, x, _ = step
        sign, n = ("+", x - value) if x > value else ("-", value - x)
        add(thread, f"x{thread} = balance {sign} {n}  # {value} {sign} {n} = {x}", value)

    def write(step, lost=""):
        add(step[0], f"balance = x{step[0]}  # = {step[2]}{lost}", step[2])

    read(older[3])                                  # this thread's last step before...
    write(older[3])
    stale = turn[2][0]
    read(stale)                                     # ...its read, and then the switch
    count, first, last = previous[1], previous[2][0], previous[3]
    read(first)                                     # the other thread's turn
    write(first)
    if count > 2:
        cells = ["", f"... {2 * (count - 2):,} more steps ..."]
        rows.append(["..."] + (cells if previous[0] == 2 else cells[::-1]) + [""])
    if count > 1:
        read(last)
        write(last)
    write(stale, f", t{3 - stale[0]}'s {stale[3]} is lost")   # back: the stale write
    if turn[2][1] is not None:
        read(turn[2][1])
        write(turn[2][1])
    return rows


def print_table(rows):
    print("\nOne real interleaving from this run, around the first lost update:")
    width = max(len(cell) for row in rows for cell in row[1:3]) + 2
    print(f"{'step':>4} | {'t1 (adds 5)':<{width}}| {'t2 (adds 8)':<{width}}| balance")
    for step, t1, t2, value in rows:
        print(f"{step:>4} | {t1:<{width}}| {t2:<{width}}| {value:>7}")


def report(variant):
    version = f"CPython {sys.version_info[0]}.{sys.version_info[1]}"
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"final balance: {balance}")
    if variant != "naive" and exact_ledger():
        print(f"lost updates: {ledger.lost[1] + ledger.lost[2]} "
              f"({ledger.lost[1]} of t1's, {ledger.lost[2]} of t2's)")
        if ledger.first is not None:
            print_table(interleaving())
        elif variant == "locked":
            print("No update lost: the lock let one thread at a time into change_it.")
        elif balance == 0 and ledger.lost[1] + ledger.lost[2] == 0:
            print("No update lost this time: CPython never switched threads between a read "
                  "and its write. Try more iterations.")
    elif balance == 0 and variant == "locked":
        print("lost updates: 0 (the lock let one thread at a time into change_it)")
    elif balance == 0 and sys.version_info >= (3, 10) and gil:
        print(f"lost updates: 0 ({version} switches threads only at calls and loop jumps, "
              "never inside `balance = balance + n`)")
    else:
        print(f"lost updates: at least {-(-abs(balance) // 8)} (from the balance alone: "
              "fewer lost updates cannot leave it this far from 0)")
        if variant == "widened":
            print(f"(No steps shown: {version} can also switch threads inside the ledger, "
                  "so only CPython 3.11+ records them exactly.)")
        elif balance == 0:
            print(f"Nothing lost this time, but {version} can switch threads inside "
                  "`balance = balance + n`: run it again, or with more iterations.")


if __name__ == "__main__":
    args = lesson_args.parse("threads.race")
    change = change_it if args.variant == "naive" else change_it_widened
    run = run_thread_locked if args.variant == "locked" else run_thread
    print(f"CPython {sys.version.split()[0]}, variant {args.variant}: t1 and t2 each make "
          f"{args.iterations:,} deposits and {args.iterations:,} withdrawals")
    probe.counter("balance", balance)
    t1 = threading.Thread(target=run, args=(5, change, args.iterations), name="t1")
    t2 = threading.Thread(target=run, args=(8, change, args.iterations), name="t2")
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    probe.counter("balance", balance)
    report(args.variant)
