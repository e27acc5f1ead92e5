"""What the race lesson says after its run: how many updates were lost, and one real
interleaving around the first loss, printed for people and returned as figures for the
window (`lost_updates`).

The interleaving is a list of steps, each a short list (a figure's table rows):

    ["read", thread, before, delta, x]   thread computes x = before + delta (its own x)
    ["write", thread, x]                 thread stores x in the balance
    ["lost", thread, x, wiped]           a stale write: thread stores x over `wiped`, the
                                         other thread's update, which is lost
    ["more", thread, steps]              `steps` more steps of thread, left out

Threads are 1 (t1, adds 5) and 2 (t2, adds 8).
"""
import sys
import time

ROUNDS_S = 5.0                  # the naive race runs again until the balance moves, this long
MAX_ROUNDS = 50
_started = time.monotonic()


def can_split():
    """True when this CPython can switch threads inside `balance = balance + n`: 3.9 and
    older between almost any two bytecodes, and a free-threaded build runs both at once."""
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return sys.version_info < (3, 10) or not gil


def race_again(variant, rounds):
    """Another round of the race? Only for the naive race on a CPython that can lose updates
    in it, while every round so far ended at 0, for `ROUNDS_S` seconds of this process at
    most."""
    return (variant == "naive" and can_split() and not any(rounds)
            and len(rounds) < MAX_ROUNDS and time.monotonic() - _started < ROUNDS_S)


def fewest_lost(balance):
    """The fewest lost updates that leave `balance`: each moves it by 5 or by 8 (t1's
    deposit or withdrawal of 5, t2's of 8), either way, so it is the smallest |x| + |y|
    with 5x + 8y = balance (x = -3·balance + 8t, y = 2·balance - 5t for a whole t)."""
    best = None
    for centre in (3 * balance / 8, 2 * balance / 5):
        for t in range(int(centre) - 2, int(centre) + 3):
            count = abs(-3 * balance + 8 * t) + abs(2 * balance - 5 * t)
            best = count if best is None else min(best, count)
    return best


def lost_updates(ledger, balance, variant):
    """Print the lost updates (and the interleaving, or why there is none); return the
    figures: lost, lost_exact, reason, and lost_t1, lost_t2, steps when the ledger counted
    every write."""
    version = f"CPython {sys.version_info[0]}.{sys.version_info[1]}"
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    if variant != "naive" and ledger.exact():
        t1, t2 = ledger.lost[1], ledger.lost[2]
        figures = dict(lost=t1 + t2, lost_exact=True, lost_t1=t1, lost_t2=t2, reason="")
        print(f"lost updates: {t1 + t2} ({t1} of t1's, {t2} of t2's)")
        if ledger.first is not None:
            figures.update(reason="steps", steps=interleaving(ledger.first))
            print_table(figures["steps"])
        elif variant == "locked":
            figures["reason"] = "locked"
            print("No update lost: the lock let one thread at a time into change_it.")
        elif balance == 0 and t1 + t2 == 0:
            figures["reason"] = "no_switch"
            print("No update lost this time: CPython never switched threads between a read "
                  "and its write. Try more iterations.")
        return figures
    if balance == 0 and variant == "locked":
        print("lost updates: 0 (the lock let one thread at a time into change_it)")
        return dict(lost=0, lost_exact=True, reason="locked")
    if balance == 0 and sys.version_info >= (3, 10) and gil:
        print(f"lost updates: 0 ({version} switches threads only at calls and loop jumps, "
              "never inside `balance = balance + n`)")
        return dict(lost=0, lost_exact=True, reason="calls_only")
    lost = fewest_lost(balance)
    if balance == 0:
        print("lost updates: none, or some that cancelled out (a lost deposit and a lost "
              "withdrawal leave the balance where it was)")
    else:
        print(f"lost updates: at least {lost} (from the balance alone: each lost update moves "
              "it by 5 or 8, and fewer cannot leave it here)")
    reason = ""
    if variant == "widened":
        reason = "ledger_inexact"
        print(f"(No steps shown: {version} can also switch threads inside the ledger, so only "
              "CPython 3.11+ records them exactly.)")
    elif balance == 0:
        reason = "by_chance"
        print(f"Balance 0 does not prove that nothing was lost, and {version} can switch "
              "threads inside `balance = balance + n`: run it again, or with more iterations.")
    return dict(lost=lost, lost_exact=False, reason=reason)


def interleaving(first):
    """The steps around the first lost update: the last step of a thread before its read,
    the other thread's turn, the stale write, what follows."""
    older, previous, turn = first
    steps = []

    def read(step):
        thread, value, x, _ = step
        steps.append(["read", thread, value, x - value, x])

    def write(step):
        steps.append(["write", step[0], step[2]])

    read(older[3])                                  # this thread's last step before...
    write(older[3])
    stale = turn[2][0]
    read(stale)                                     # ...its read, and then the switch
    count, first_step, last = previous[1], previous[2][0], previous[3]
    read(first_step)                                # the other thread's turn
    write(first_step)
    if count > 2:
        steps.append(["more", previous[0], 2 * (count - 2)])
    if count > 1:
        read(last)
        write(last)
    steps.append(["lost", stale[0], stale[2], stale[3]])   # back: the stale write
    if turn[2][1] is not None:
        read(turn[2][1])
        write(turn[2][1])
    return steps


def table_rows(steps):
    """The steps as the printed table's rows: (step number or "...", t1 cell, t2 cell,
    balance)."""
    rows, number = [], 0
    for step in steps:
        kind, thread = step[0], step[1]
        if kind == "more":
            text, number_text, value = f"... {step[2]:,} more steps ...", "...", ""
        else:
            number += 1
            number_text = str(number)
            if kind == "read":
                before, delta, x = step[2:]
                sign = "+" if delta >= 0 else "-"
                text = f"x{thread} = balance {sign} {abs(delta)}  # {before} {sign} " \
                       f"{abs(delta)} = {x}"
                value = str(before)
            else:
                text = f"balance = x{thread}  # = {step[2]}"
                if kind == "lost":
                    text += f", t{3 - thread}'s {step[3]} is lost"
                value = str(step[2])
        cells = [text, ""] if thread == 1 else ["", text]
        rows.append([number_text] + cells + [value])
    return rows


def print_table(steps):
    rows = table_rows(steps)
    print("\nOne real interleaving from this run, around the first lost update:")
    width = max(len(cell) for row in rows for cell in row[1:3]) + 2
    print(f"{'step':>4} | {'t1 (adds 5)':<{width}}| {'t2 (adds 8)':<{width}}| balance")
    for step, t1, t2, value in rows:
        print(f"{step:>4} | {t1:<{width}}| {t2:<{width}}| {value:>7}")
