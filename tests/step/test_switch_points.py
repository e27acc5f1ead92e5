"""The stepper's "This CPython" rules against what each interpreter really does: every place
where a real, unstepped run of the race lesson was seen switched threads is a place the rules
allow, and the split of `balance = balance + n` happens on 3.9 only."""
import glob
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gui.stepping import SteppedRun

pytestmark = pytest.mark.realrun          # every test here starts an interpreter

ROOT = Path(__file__).resolve().parents[2]
SAMPLER = Path(__file__).with_name("switch_sampler.py")
VERSIONS = ("3.9", "3.10", "3.11", "3.12", "3.13")


def interpreter(version):
    found = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python3")))
    return found[-1] if found else shutil.which(f"python{version}")


def sample(python, variant):
    out = subprocess.run([python, str(SAMPLER), str(ROOT), variant, "0.4"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["places"]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_switch_a_real_run_makes_is_one_the_rules_allow(version):
    python = interpreter(version)
    if python is None:
        pytest.skip(f"no CPython {version} on this machine")
    naive = sample(python, "naive")
    for place in naive + sample(python, "widened"):
        assert place["why_not"] is None, place
    inside = {p["op"] for p in naive if p["function"] == "change_it"}
    splits = inside & {"BINARY_ADD", "BINARY_SUBTRACT", "BINARY_OP"}
    if version == "3.9":
        assert splits, f"3.9 never switched between the read and the write: {inside}"
    else:
        assert not splits and not inside & {"LOAD_GLOBAL", "LOAD_FAST"}, inside


def free_threaded():
    names = glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[3-9]*t/bin/python3*"))
    return names[0] if names else shutil.which("python3.13t") or shutil.which("python3.14t")


def test_free_threaded_build_lets_the_naive_statement_split_under_this_cpython():
    python = free_threaded()
    if python is None:
        pytest.skip("no free-threaded CPython (python3.13t) on this machine")
    values = {"variant": "naive", "iterations": 1000}
    with SteppedRun("threads.race", values, "instruction", "cpython", python) as run:
        while run.state()["threads"][0]["op"]["opname"] != "STORE_GLOBAL":
            assert run.step(1)[1] is None
        assert run.step(2)[1] is None
