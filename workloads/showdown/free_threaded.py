"""The CPU showdown's extra run: the threads model once more under another interpreter, a
free-threaded build (no GIL) when this machine has one, in a process of its own.

The parent starts ``python -m workloads.showdown.cpu`` under that interpreter with
SHOWDOWN_ONLY=threads; the child runs that one model, prints its line like any model and
writes its figures as JSON to the file SHOWDOWN_FIGURES names.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from workloads import interpreters


def other_python():
    """The interpreter for the extra threads run: SHOWDOWN_THREADS_PYTHON, or a free-threaded
    build found on this machine (none when this one already runs without the GIL)."""
    chosen = os.environ.get("SHOWDOWN_THREADS_PYTHON")
    if chosen:
        return interpreters.ask(chosen)
    if not getattr(sys, "_is_gil_enabled", lambda: True)():
        return None
    return interpreters.find_free_threaded()


def threads_under(python, jobs, size):
    """The threads model in a child process under `python`: (label, (wall s, CPU s, jobs
    done)), or None when it failed (the reason is printed)."""
    label = f"threads on {python.release}{'t' if python.free_threaded else ''}"
    with tempfile.TemporaryDirectory() as folder:
        figures = os.path.join(folder, "figures.json")
        env = dict(os.environ, SHOWDOWN_ONLY="threads", SHOWDOWN_LABEL=label,
                   SHOWDOWN_FIGURES=figures)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), root]))
        command = [python.executable] + (["-X", "gil=0"] if python.free_threaded else []) + [
            "-m", "workloads.showdown.cpu", f"--jobs={jobs}", f"--size={size}"]
        out = subprocess.run(command, env=env, capture_output=True, text=True)
        print(out.stdout, end="", flush=True)
        try:
            with open(figures, encoding="utf-8") as f:
                found = json.load(f)
        except (OSError, ValueError):
            found = None
    if out.returncode or not found:
        print(f"{label}: failed ({out.stderr.strip().splitlines()[-1:] or 'no output'})")
        return None
    return label, (found["wall_s"], found["cpu_s"], found["jobs_done"])


def only_one_model(run_model, models, jobs, size, workers):
    """In the child: run the one model SHOWDOWN_ONLY names and write its figures."""
    only = os.environ["SHOWDOWN_ONLY"]
    wall, cpu, done = run_model(os.environ.get("SHOWDOWN_LABEL", only),
                                lambda: models[only](jobs, size, workers))
    target = os.environ.get("SHOWDOWN_FIGURES")
    if target:
        with open(target, "w", encoding="utf-8") as f:
            json.dump({"wall_s": wall, "cpu_s": cpu, "jobs_done": done}, f)
