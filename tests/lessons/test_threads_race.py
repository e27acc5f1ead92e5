"""threads.race claims, on real runs: the Lock keeps the balance at 0; the widened code loses
updates on every CPython; the textbook code loses them only where the interpreter can switch
threads inside `balance = balance + n` (3.9 and older), and the lesson shows one captured
interleaving step by step."""
import asyncio
import os
import re
import sys

import pytest

from gui.run.session import LessonSession
from workloads import interpreters

OLD_PYTHON = getattr(interpreters.older_with_lost_updates(interpreters.discover()),
                     "executable", None)      # found on this machine (pyenv, PATH, py)
GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
# CPython 3.10+ switches threads only at calls and loop jumps; 3.11+ never as a call returns,
# which is what lets the lesson's ledger record every write exactly
SWITCHES_AT_CALLS_ONLY = sys.version_info >= (3, 10) and GIL_BUILD
EXACT_LEDGER = sys.version_info >= (3, 11) and GIL_BUILD


def run_race(variant, iterations=200_000, python=None):
    """One real run of threads.race under the probe: (session, console text)."""
    out = []

    async def go():
        session = LessonSession("threads.race", {"variant": variant,
                                                 "iterations": str(iterations)},
                                python=python, on_output=lambda stream, text: out.append(text))
        await session.start()
        try:
            await asyncio.wait_for(session.wait(), 120)
        finally:
            if session.run.running:
                await session.stop()
        return session

    session = asyncio.run(go())
    assert session.run.returncode == 0, "".join(out)
    return session, "".join(out)


def final_balance(out):
    return int(re.search(r"^final balance: (-?\d+)$", out, re.M).group(1))


def lost_updates(out):
    """(count, exact): exact when the ledger counted them, else a lower bound."""
    match = re.search(r"^lost updates: (at least )?(\d+)", out, re.M)
    return int(match.group(2)), not match.group(1)


def table_rows(out):
    """The printed interleaving: [step, t1 cell, t2 cell, balance] per row."""
    lines = out.splitlines()
    if not any(line.startswith("step |") for line in lines):
        return []
    start = next(i for i, line in enumerate(lines) if line.startswith("step |")) + 1
    rows = []
    for line in lines[start:]:
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != 4:
            break
        rows.append(cells)
    return rows


def replay(rows):
    """Check every step against the balance before it; returns the lost updates the table
    shows as (writer, value it had read, balance it replaced)."""
    computed, before, lost = {}, None, []
    for step, t1, t2, value in rows:
        if step == "...":                   # steps left out: the balance here is unknown
            before = None
            continue
        thread, cell, value = (1, t1, int(value)) if t1 else (2, t2, int(value))
        read = re.match(rf"x{thread} = balance ([+-]) (\d+)  # (-?\d+) \1 \2 = (-?\d+)$", cell)
        if read:
            assert int(read.group(3)) == value, cell
            assert before in (None, value), f"step {step} reads {value}, balance {before}"
            computed[thread] = (value, int(read.group(4)))
        else:
            write = re.match(rf"balance = x{thread}  # = (-?\d+)(, .* is lost)?$", cell)
            assert write, cell
            had_read, x = computed[thread]
            assert int(write.group(1)) == x == value, cell
            if write.group(2):
                lost.append((thread, had_read, before))
            else:
                assert before in (None, had_read), f"step {step} is a stale write unmarked"
        before = value
    return lost


def test_locked_ends_at_zero_every_time():
    for _ in range(3):
        session, out = run_race("locked", iterations=100_000)
        assert final_balance(out) == 0, out
        assert lost_updates(out)[0] == 0, out


def test_widened_loses_updates_in_nearly_every_run():
    balances = []
    for _ in range(3):
        session, out = run_race("widened")
        balance = final_balance(out)
        balances.append(balance)
        count, exact = lost_updates(out)
        assert exact == EXACT_LEDGER, out
        # each lost update moves the balance by 8 at most
        assert count >= -(-abs(balance) // 8), out
        if exact:
            per_thread = re.search(r"\((\d+) of t1's, (\d+) of t2's\)", out).groups()
            assert count == sum(map(int, per_thread))
    assert sum(b != 0 for b in balances) >= 2, balances


def test_balance_counter_follows_the_run_and_ends_at_the_printed_balance():
    session, out = run_race("widened")
    column = session.model.counters["balance"]
    assert len(column) > 100                    # sampled while the threads ran
    last = column["value"][column["t"].argmax()]
    assert last == final_balance(out)
    assert column["value"][column["t"].argmin()] == 0


@pytest.mark.skipif(not EXACT_LEDGER, reason="the ledger records exactly on CPython 3.11+ "
                    "with the GIL only")
def test_the_captured_interleaving_shows_a_lost_update_step_by_step():
    for _ in range(3):                          # a run with a loss (nearly every run)
        session, out = run_race("widened")
        if lost_updates(out)[0]:
            break
    rows = table_rows(out)
    assert rows, out
    assert any(t1 for _, t1, _, _ in rows) and any(t2 for _, _, t2, _ in rows)
    (writer, had_read, replaced), = replay(rows)
    assert had_read != replaced                 # it wrote over a balance it never read
    lost_row = next(row for row in rows if "is lost" in row[1] + row[2])
    assert f"t{3 - writer}'s {replaced} is lost" in lost_row[writer]


def test_naive_matches_the_interpreter():
    session, out = run_race("naive")
    balance = final_balance(out)
    if SWITCHES_AT_CALLS_ONLY:
        assert balance == 0, out
        assert lost_updates(out) == (0, True)
        assert "never inside `balance = balance + n`" in out
    else:
        assert lost_updates(out) == (-(-abs(balance) // 8), False)


@pytest.mark.skipif(OLD_PYTHON is None, reason="no CPython 3.9 or older on this machine")
def test_naive_loses_updates_under_python_3_9():
    """3.9 can switch between any two bytecodes: the textbook code loses updates there."""
    balances = []
    for _ in range(3):
        session, out = run_race("naive", iterations=2_000_000, python=OLD_PYTHON)
        assert re.match(r"CPython 3\.[89]\.", out), out
        balances.append(final_balance(out))
        if balances[-1] != 0:
            count, exact = lost_updates(out)
            assert not exact and count >= 1
            break
    assert any(balances), balances
