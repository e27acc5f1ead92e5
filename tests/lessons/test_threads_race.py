"""threads.race claims, on real runs: the Lock keeps the balance at 0; the widened code loses
updates on every CPython; the textbook code loses them only where the interpreter can switch
threads inside `balance = balance + n` (3.9 and older), and the lesson shows one captured
interleaving step by step. Everything is read from the figures the lesson reports."""
import asyncio
import dataclasses
import functools
import sys

import pytest

from gui.lessons import Run, run_of, unit
from gui.run.session import LessonSession
from workloads import catalog, interpreters
from workloads._trace.race_report import fewest_lost, table_rows

from tests import pythons_here

OLD_PYTHON = getattr(interpreters.older_with_lost_updates(pythons_here.found()),
                     "executable", None)      # found on this machine (pyenv, PATH, py)
GIL_BUILD = not hasattr(sys, "_is_gil_enabled") or sys._is_gil_enabled()
# CPython 3.10+ switches threads only at calls and loop jumps; 3.11+ never as a call returns,
# which is what lets the lesson's ledger record every write exactly
SWITCHES_AT_CALLS_ONLY = sys.version_info >= (3, 10) and GIL_BUILD
EXACT_LEDGER = sys.version_info >= (3, 11) and GIL_BUILD


def run_race(variant, iterations=200_000, python=None):
    """One real run of threads.race under the probe: (its Run, console text)."""
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
    return run_of(session), "".join(out)


def lower_bound(balance):
    """The fewest lost updates that leave the balance: each moves it by ±5 or ±8."""
    return fewest_lost(balance)


@pytest.mark.parametrize("balance, fewest", [(0, 0), (5, 1), (-8, 1), (13, 2), (-3, 2),
                                             (3, 2), (16, 2), (1, 5), (10, 2), (-21, 3),
                                             (40, 5), (-1_000_003, 125_002)])
def test_the_fewest_lost_updates_that_explain_a_balance(balance, fewest):
    """One lost update moves the balance by 5 or 8 either way: -3 needs two (-8 + 5), 1
    needs five (16 - 15). Checked against every sum of up to 8 moves."""
    assert fewest_lost(balance) == fewest
    if abs(balance) < 100:
        assert moves_needed().get(balance) == fewest


@functools.lru_cache(maxsize=1)
def moves_needed():
    """{balance: the fewest moves of ±5 or ±8 that reach it}, up to 8 moves."""
    needed, reached = {0: 0}, {0}
    for k in range(1, 9):
        reached = {b + m for b in reached for m in (5, -5, 8, -8)}
        for balance in reached:
            needed.setdefault(balance, k)
    return needed


def replay(steps):
    """Check every step against the balance before it; returns the lost updates the table
    shows as (writer, value it had read, balance it replaced)."""
    computed, before, lost = {}, None, []
    for step in steps:
        kind, thread = step[0], step[1]
        if kind == "more":                  # steps left out: the balance here is unknown
            before = None
            continue
        if kind == "read":
            value, delta, x = step[2:]
            assert abs(delta) == (5 if thread == 1 else 8) and value + delta == x, step
            assert before in (None, value), f"{step} reads {value}, balance {before}"
            computed[thread] = (value, x)
            before = value
            continue
        had_read, x = computed[thread]
        assert step[2] == x, step
        if kind == "lost":
            assert before in (None, step[3]), step
            lost.append((thread, had_read, step[3]))
        else:
            assert kind == "write" and before in (None, had_read), f"{step}: a stale write unmarked"
        before = x
    return lost


def test_locked_ends_at_zero_every_time():
    for _ in range(3):
        run, out = run_race("locked", iterations=100_000)
        assert run.result["balance"] == 0, out
        assert run.result["lost"] == 0 and run.result["reason"] == "locked", out


def test_widened_loses_updates_in_nearly_every_run():
    balances = []
    for _ in range(3):
        run, out = run_race("widened")
        figures = run.result
        balances.append(figures["balance"])
        assert figures["lost_exact"] == EXACT_LEDGER, out
        assert figures["lost"] >= lower_bound(figures["balance"]), out
        if figures["lost_exact"]:
            assert figures["lost"] == figures["lost_t1"] + figures["lost_t2"]
    assert sum(b != 0 for b in balances) >= 2, balances


def test_the_figures_say_what_the_run_did_and_agree_with_the_trace_and_the_console():
    run, out = run_race("widened", iterations=50_000)
    figures = run.result
    assert figures["variant"] == "widened" and figures["iterations"] == 50_000
    assert isinstance(figures["balance"], int) and isinstance(figures["lost"], int)
    assert isinstance(figures["lost_exact"], bool)
    assert figures["reason"] in ("steps", "no_switch", "ledger_inexact", "")
    assert ("steps" in figures) == (figures["reason"] == "steps")
    # the trace: the balance counter ends at the reported balance; a thread that wrote a
    # stale result is marked on its lane, never more often than updates were lost
    column = run.model.counters["balance"]
    assert column["value"][column["t"].argmax()] == figures["balance"]
    marks = [run.model.names[n] for n in run.model.marks["name"].tolist()]
    assert marks.count("stale write") <= figures["lost"]
    if figures["lost_exact"] and figures["lost"]:
        assert marks.count("stale write") >= 1
    # the console, for people, says the same
    assert f"final balance: {figures['balance']}\n" in out
    if "steps" in figures:
        printed = [[cell.strip() for cell in line.split("|")] for line in out.splitlines()
                   if line.count("|") == 3 and not line.startswith("step")]
        assert printed == [[cell.strip() for cell in row] for row in table_rows(figures["steps"])]


def test_balance_counter_follows_the_run_and_ends_at_the_reported_balance():
    run, out = run_race("widened")
    column = run.model.counters["balance"]
    assert len(column) > 100                    # sampled while the threads ran
    last = column["value"][column["t"].argmax()]
    assert last == run.result["balance"]
    assert column["value"][column["t"].argmin()] == 0


def test_the_textbook_code_is_sampled_too_and_adds_no_lane():
    run, out = run_race("naive", iterations=50_000)
    column = run.model.counters["balance"]
    assert len(column) >= 2                     # at least the start and the end
    assert column["value"][column["t"].argmin()] == 0
    assert column["value"][column["t"].argmax()] == run.result["balance"]
    names = {lane.name for lane in run.model.lanes if lane.kind == "thread"}
    assert names == {"MainThread", "t1", "t2"}, names


@pytest.mark.skipif(not EXACT_LEDGER, reason="the ledger records exactly on CPython 3.11+ "
                    "with the GIL only")
def test_the_captured_interleaving_shows_a_lost_update_step_by_step():
    for _ in range(3):                          # a run with a loss (nearly every run)
        run, out = run_race("widened")
        if run.result["lost"]:
            break
    steps = run.result["steps"]
    assert steps, out
    assert {step[1] for step in steps} == {1, 2}           # both threads' steps
    (writer, had_read, replaced), = replay(steps)
    assert had_read != replaced                 # it wrote over a balance it never read
    lost = next(step for step in steps if step[0] == "lost")
    assert lost[1] == writer and lost[3] == replaced


def test_naive_matches_the_interpreter():
    run, out = run_race("naive")
    figures = run.result
    if SWITCHES_AT_CALLS_ONLY:
        assert figures["balance"] == 0, out
        assert (figures["lost"], figures["lost_exact"]) == (0, True)
        assert figures["reason"] == "calls_only"
        assert "never inside `balance = balance + n`" in out
    else:
        assert (figures["lost"], figures["lost_exact"]) == (lower_bound(figures["balance"]),
                                                            False)


@pytest.mark.skipif(OLD_PYTHON is None, reason="no CPython 3.9 or older on this machine")
def test_naive_loses_updates_under_python_3_9():
    """3.9 can switch between any two bytecodes: the textbook code loses updates there."""
    balances = []
    for _ in range(3):
        run, out = run_race("naive", iterations=2_000_000, python=OLD_PYTHON)
        assert run.python.startswith(("3.8.", "3.9.")), out
        balances.append(run.result["balance"])
        if balances[-1] != 0:
            assert not run.result["lost_exact"] and run.result["lost"] >= 1
            break
    assert any(balances), balances


@pytest.mark.parametrize("variant", ["naive", "locked"])
def test_race_answer_follows_the_reported_balance(variant):
    values = catalog.resolve("threads.race", {"variant": variant, "iterations": "20000"})
    question = unit("threads.race").question(values)
    assert question is not None and len(question.choices) == 2
    run, out = run_race(variant, iterations=20_000)
    balance = run.result["balance"]
    right, words = question.answer(run)
    assert right == (0 if balance == 0 else 1), out
    assert f"balance {balance:,}" in words
    if variant == "locked":
        assert right == 0 and "no update lost" in words
    # the same run, had it ended elsewhere: the other choice is right
    other = -1_042_318 if balance == 0 else 0
    edited = dataclasses.replace(run, result={**run.result, "balance": other, "lost": 130290,
                                              "lost_exact": False})
    right, words = question.answer(edited)
    assert right == (0 if other == 0 else 1)
    assert f"balance {other:,}: 130290 updates lost" in words


def figures_run(**figures):
    values = {"variant": figures.get("variant", "widened"), "iterations": 1000}
    return Run("threads.race", values, None, {"iterations": 1000, **figures}, "3.11.7")


def test_the_sentence_is_made_from_the_figures_with_plurals():
    sentence = unit("threads.race").sentence
    assert sentence(figures_run(balance=5, lost=1, lost_exact=True)) == \
        "Balance 5 after 2,000 deposits and 2,000 withdrawals: 1 update lost."
    assert sentence(figures_run(balance=13, lost=3, lost_exact=True)) == \
        "Balance 13 after 2,000 deposits and 2,000 withdrawals: 3 updates lost."
    assert sentence(figures_run(balance=0, lost=2, lost_exact=True)) == \
        ("Balance 0 after 2,000 deposits and 2,000 withdrawals: 2 updates lost, and by "
         "chance they cancelled out.")
    assert sentence(figures_run(balance=-16, lost=2, lost_exact=False)) == \
        "Balance -16 after 2,000 deposits and 2,000 withdrawals: at least 2 updates lost."
    assert sentence(figures_run(balance=8, lost=1, lost_exact=False)) == \
        "Balance 8 after 2,000 deposits and 2,000 withdrawals: at least 1 update lost."
    assert sentence(figures_run(variant="naive", balance=0, lost=0, lost_exact=True)) == \
        ("Balance 0 after 2,000 deposits and 2,000 withdrawals: no update lost on CPython "
         "3.11. See why in the text.")
    assert sentence(figures_run(variant="locked", balance=0, lost=0, lost_exact=True)).endswith(
        "no update lost, the lock let one thread at a time change the balance.")
    assert sentence(figures_run()) == ""                   # a run that reported nothing


def test_compare_rows_are_the_balance_and_the_lost_updates():
    rows = unit("threads.race").compare_rows
    assert rows(figures_run(balance=13, lost=3, lost_exact=True)) == \
        (("final balance", "13"), ("lost updates", "3"))
    assert rows(figures_run(balance=16, lost=2, lost_exact=False)) == \
        (("final balance", "16"), ("lost updates", "≥ 2"))
    assert rows(figures_run()) == ()
