"""Be the scheduler: `concurrency-lab step` and the stepping engine, on the lessons' real
threads under real interpreters (the race, the deadlock, and where CPython can switch)."""
import os
import sys

import pytest

from gui import cli
from gui.stepping import SteppedRun, SteppingError

pytestmark = pytest.mark.realrun          # every test here starts a lesson process

PY39 = os.path.expanduser("~/.pyenv/versions/3.9.18/bin/python3")
PY313 = os.path.expanduser("~/.pyenv/versions/3.13.0/bin/python3")
NEWER = [pytest.param(None, id="this-python"), pytest.param(PY313, id="3.13")]


def needs(python):
    """Skip (saying why) when `python` is not on this machine or is older than 3.10."""
    if python is None:
        if sys.version_info < (3, 10):
            pytest.skip("this interpreter is older than 3.10")
        return []
    if not os.access(python, os.X_OK):
        pytest.skip(f"no interpreter at {python}")
    return ["--python", python]
QUICK = {"iterations": 1000}

# t1 reads and notes (line by line), t2 deposits 8 whole, t1 writes its stale 5 over it
WIDENED_ANY = "1,1,1,1,2,2,2,2,2,1"
# from 3.10 on t2 cannot be switched away between its write and its next call: it goes on to
# read again and call note(), then t1 writes its stale 5
WIDENED_CPYTHON = "1,1,1,1,2,2,2,2,2,2,2,1"
DEADLOCK = "1,1,1,2,2,2,1,1,1,1,2,2,2,2"


def step(capsys, *args):
    code = cli.main(["step", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def race(capsys, variant, moves, *more):
    return step(capsys, "threads.race", "--set", f"variant={variant}", "--set",
                "iterations=1000", "--moves", moves, *more)


def test_widened_race_loses_an_update_when_any_switch_is_allowed_and_always_the_same(capsys):
    first = race(capsys, "widened", WIDENED_ANY, "--unit", "line", "--rules", "any")
    again = race(capsys, "widened", WIDENED_ANY, "--unit", "line", "--rules", "any")
    code, out, err = first
    assert code == 0, err
    assert "balance: 5 (expected 13" in out and "1 lost update" in out
    assert again == first                   # the same moves give the same steps and state


@pytest.mark.parametrize("python", NEWER)
def test_widened_race_loses_an_update_at_this_cpythons_real_switch_points(capsys, python):
    chosen = needs(python)
    code, out, err = race(capsys, "widened", WIDENED_CPYTHON, "--unit", "line", *chosen)
    assert code == 0, err
    assert "balance: 5 (expected 13" in out
    code, out, err = race(capsys, "widened", WIDENED_ANY, "--unit", "line", *chosen)
    assert code == 1 and "move 10 (thread 1) refused" in err
    assert "not after STORE_GLOBAL" in err and len(err.strip().splitlines()) == 1


def test_opposite_lock_order_stepped_by_hand_forms_the_deadlock(capsys):
    code, out, err = step(capsys, "threads.deadlock", "--unit", "line", "--moves", DEADLOCK)
    assert code == 0, err
    assert "lock_a: held by Thread-1" in out and "lock_b: held by Thread-2" in out
    assert "both threads wait forever" in out
    code, out, err = step(capsys, "threads.deadlock", "--unit", "line", "--moves",
                          DEADLOCK + ",1")
    assert code == 1
    assert err.strip().endswith("Thread-1 waits for lock_b, held by Thread-2")


def to_the_write(run, no):
    """Step thread `no` until it stands before its write of the balance."""
    for _ in range(60):
        op = run.state()["threads"][no - 1]["op"]
        if op["opname"] == "STORE_GLOBAL" and op["argrepr"] == "balance":
            return
        assert run.step(no)[1] is None
    raise AssertionError("thread never reached its write")


def check_listing(run, can_split):
    """The listing marks the switch points: inside `balance = balance + n` only on 3.9."""
    ops = {f["function"]: f["ops"] for f in run.listing()}["change_it"]
    names = [op["opname"] for op in ops]
    first_write = names.index("STORE_GLOBAL")
    inside = ops[names.index("LOAD_GLOBAL"):first_write]
    assert [op["switch_after"] is None for op in inside][-1] == can_split, inside
    if not can_split:
        assert all(op["switch_after"] for op in inside)


def split_naive(python, rules):
    """t1 reads the balance and computes; then t2 is asked to step: (refusal, final state)."""
    values = {"variant": "naive", **QUICK}
    with SteppedRun("threads.race", values, "instruction", rules, python) as run:
        if rules == "cpython":
            check_listing(run, python == PY39)
        to_the_write(run, 1)
        assert "will write balance = 5" in run.state()["threads"][0]["operands"]
        _, refused = run.step(2)
        if refused:
            return refused, run.state()
        to_the_write(run, 2)
        assert run.step(2)[1] is None               # t2 writes 8
        assert run.step(1)[1] is None               # t1 writes the 5 it computed from 0
        return None, run.state()


@pytest.mark.parametrize("python", NEWER)
def test_naive_statement_cannot_be_split_on_this_cpython_but_can_on_any_machine(python):
    needs(python)
    refused, _ = split_naive(python, "cpython")
    assert refused and "not after BINARY_OP" in refused and "before STORE_GLOBAL" in refused
    refused, state = split_naive(python, "any")
    assert refused is None
    assert state["shared"]["value"] == 5 and state["shared"]["expected"] == 13


def test_naive_statement_can_be_split_on_cpython_39():
    if not os.access(PY39, os.X_OK):
        pytest.skip(f"no CPython 3.9 at {PY39}")
    refused, state = split_naive(PY39, "cpython")
    assert refused is None
    assert state["shared"]["value"] == 5 and state["shared"]["lost"] == 1


@pytest.mark.parametrize("args, reason", [
    (["no.such.lesson", "--moves", "1"], "unknown lesson"),
    (["threads.gil", "--moves", "1"], "threads.gil cannot be stepped"),
    (["threads.deadlock", "--set", "variant=timeout", "--moves", "1"], "cannot be stepped"),
    (["threads.race", "--moves", "1,x"], "--moves expects thread numbers"),
    (["threads.race", "--moves", "1,3", "--set", "iterations=1000"], "there is no thread 3"),
    (["threads.race", "--moves", "1", "--python", "/no/such/python"], "/no/such/python"),
])
def test_bad_input_gets_one_line_and_exit_2(capsys, args, reason):
    code, out, err = step(capsys, *args)
    assert code == 2
    assert reason in err and len(err.strip().splitlines()) == 1


def test_stop_ends_a_deadlocked_stepped_run_at_once():
    run = SteppedRun("threads.deadlock", {"variant": "deadlock"}, "line", "cpython").start()
    try:
        for no in map(int, DEADLOCK.split(",")):
            run.step(no)
        assert run.state()["deadlock"]
        assert len(run.events) == len(DEADLOCK.split(","))
    finally:
        run.close()
    assert run._process.returncode is not None
    with pytest.raises(SteppingError):
        run.step(1)


def test_ctrl_c_ends_the_command_and_the_lesson_process_at_once():
    import signal
    import subprocess
    moves = ",".join(["1", "2"] * 30000)           # far more than it plays before Ctrl+C
    command = [sys.executable, "-m", "gui", "step", "threads.race", "--set",
               "iterations=1000", "--rules", "any", "--moves", moves]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:
        while not proc.stdout.readline().lstrip().startswith("1."):
            assert proc.poll() is None, proc.stderr.read()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGINT
    assert "stopped by SIGINT" in err
    assert out.count("\n") < 60000                  # it stopped before the end
