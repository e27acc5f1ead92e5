"""The stepper's refusals are data (a code and its values): the command line words them in
English as before, and the window words the same data through its translations, so a Chinese
window can say why a move was refused. Both wordings of every reason a real stepped run gives
must agree in English."""
import os

import pytest

from gui.stepping import Refusal, SteppedRun
from gui.views import scheduler_words as words
from workloads._trace import stepper_reasons

pytestmark = pytest.mark.realrun          # every test here starts a lesson process

PY39 = os.path.expanduser("~/.pyenv/versions/3.9.18/bin/python3")
DEADLOCK = [1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2]


def refused_split():
    """t1 reads the balance under "This CPython"; then t2 is asked to step."""
    with SteppedRun("threads.race", {"variant": "naive", "iterations": 1000}, "instruction",
                    "cpython") as run:
        while run.state()["threads"][0]["op"]["opname"] != "STORE_GLOBAL":
            assert run.step(1)[1] is None
        return run.step(2)[1], run.allowed(3), run.hello


def refused_deadlock():
    with SteppedRun("threads.deadlock", {"variant": "deadlock"}, "line", "cpython") as run:
        for no in DEADLOCK:
            run.step(no)
        return run.step(1)[1]


def switch_reasons(python):
    """Every reason the listing gives why the interpreter cannot switch after an op."""
    with SteppedRun("threads.race", {"variant": "widened", "iterations": 1000}, "line",
                    "cpython", python) as run:
        return [op["switch_after"] for f in run.listing() for op in f["ops"]], run.hello


def test_the_window_and_the_command_line_say_the_same_reason_in_english():
    split, no_thread, hello = refused_split()
    waits = refused_deadlock()
    for refusal in (split, no_thread, waits):
        assert isinstance(refusal, Refusal)
        assert words.refusal_text(refusal.reason) == str(refusal)
    assert split.reason["code"] == "no_switch" and split.reason["why"]["op"] in (
        "BINARY_OP", "BINARY_ADD")
    assert "cannot be switched away from here" in split and "before STORE_GLOBAL" in split
    assert waits == "Thread-1 waits for lock_b, held by Thread-2"
    assert words.points_text(hello["switch_points"]) == stepper_reasons.points_words(
        hello["switch_points"])
    pythons = [None] + ([PY39] if os.access(PY39, os.X_OK) else [])
    codes = set()
    for python in pythons:
        reasons, hello = switch_reasons(python)
        for why in reasons:
            assert words.switch_text(why) == (stepper_reasons.switch_words(why) or words.
                                               switch_text(None))
            codes.add(why and why["code"])
        assert words.points_text(hello["switch_points"]) == stepper_reasons.points_words(
            hello["switch_points"])
    assert None in codes and len(codes) >= 2
