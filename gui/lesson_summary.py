"""One sentence that states what a finished run showed, in numbers (window and command line)."""
import re

import numpy as np

from gui.trace.analysis import gil_turns, overlap_fraction, run_spans
from gui.trace.model import STATES


def summarize(lesson_id, values, model, output=""):
    """The lesson's result in words, or "" when the run has nothing to say (stopped early)."""
    make = _SUMMARIES.get(lesson_id)
    return make(values, model, output) if make else ""


def _gil(values, model, output):
    t0, t1, _ = run_spans(model)
    if len(t0) == 0:
        return ""
    cores = re.search(r"CPU used: ([\d.]+) cores", output)
    used = f", using {float(cores.group(1)):.1f} cores" if cores else ""
    together = overlap_fraction(t0, t1) * 100
    if values.get("variant") == "processes":
        return f"The processes ran at the same time {together:.0f}% of the time{used}."
    turns = gil_turns(model)
    return (f"The threads took turns {turns.handoffs} times; a turn lasted "
            f"{turns.median_s * 1000:.1f} ms (switch interval {values['switch_interval_ms']:g} "
            f"ms); they ran at the same time {together:.0f}% of the time{used}.")


def _pool(values, model, output):
    keep = model.spans["state"] == STATES.index("task")
    if not keep.any():
        return ""
    t0, t1 = model.spans["t0"][keep], model.spans["t1"][keep]
    pids = {model.lanes[lane].pid for lane in model.spans["lane"][keep].tolist()}
    times = np.concatenate([t0, t1])
    steps = np.concatenate([np.ones(len(t0)), -np.ones(len(t1))])
    most = int(np.cumsum(steps[np.lexsort((steps, times))]).max())
    workers = f"{len(pids)} worker process" + ("es" if len(pids) != 1 else "")
    return f"{int(keep.sum())} tasks ran on {workers}, at most {most} at once."


def _start_methods(values, model, output):
    times = re.findall(r"^(fork|spawn|forkserver)\s+([\d.]+) ms", output, re.MULTILINE)
    if not times:
        return ""
    started = ", ".join(f"{method} {float(ms):.0f} ms" for method, ms in times)
    return f"From start() to the child's first line: {started}."


def _queue(values, model, output):
    gets = re.findall(r"^Get (.+) from queue\.", output, re.MULTILINE)
    ended = re.search(r"exit code (-?\d+)", output)
    if not gets:
        return ""
    how = f"; the reader was ended by terminate() (exit code {ended.group(1)})" if ended else ""
    return f"The reader got {', '.join(gets)} in the order they were put{how}."


def _race(values, model, output):
    balance = re.search(r"^final balance: (-?\d+)", output, re.M)
    lost = re.search(r"^lost updates: (at least )?(\d+)", output, re.M)
    if not balance or not lost:
        return ""
    balance, at_least, count = int(balance.group(1)), bool(lost.group(1)), int(lost.group(2))
    version = re.search(r"^CPython (\d+\.\d+)", output, re.M)
    python = f"CPython {version.group(1)}" if version else "this Python"
    n = 2 * values.get("iterations", 0)
    head = f"Balance {balance} after {n:,} deposits and {n:,} withdrawals"
    if at_least and count == 0:
        return f"{head}: no loss this time on {python}, but it can lose updates: run it again."
    if at_least:
        return f"{head}: at least {count} update{'s' if count != 1 else ''} lost."
    if count == 0 and values.get("variant") == "locked":
        return f"{head}: no update lost, the lock let one thread at a time change the balance."
    if count == 0:
        return f"{head}: no update lost on {python}. See why in the text."
    lost = f"{count} update{'s' if count != 1 else ''} lost"
    return f"{head}: {lost}" + (", and by chance they cancelled out." if balance == 0 else ".")


def _waits_together(values, model, output):
    """I/O lessons: the total against the longest wait and the sum of all waits."""
    found = (re.search(r"^total: ([\d.]+) s \(longest delay ([\d.]+) s, sum ([\d.]+) s\)",
                       output, re.M)
             or re.search(r"took ([\d.]+) s: the longest wait is ([\d.]+) s, all the waits "
                          r"add up to ([\d.]+) s", output))
    if not found:
        return ""
    total, longest, added = (float(x) for x in found.groups())
    return (f"Done in {total:.2f} s: about the longest wait ({longest:g} s), not all the "
            f"waits one after another ({added:g} s).")


def _aiohttp(values, model, output):
    found = re.search(r"^(\d+) requests answered in ([\d.]+) s", output, re.M)
    if not found:
        return ""
    count, total = int(found.group(1)), float(found.group(2))
    each = "each handler waits 0.5 s"
    if values.get("variant") == "blocking":
        return f"{count} requests answered in {total:.2f} s: one after another, {each}."
    return f"{count} requests answered in {total:.2f} s: all at once, though {each}."


def _distributed(values, model, output):
    back = re.search(r"^(\d+) of (\d+) results came back(.*)$", output, re.MULTILINE)
    if not back:
        return ""
    got, total, rest = back.groups()
    text = f"{got} of {total} results came back" + (
        ", each exactly once" if rest.startswith(", each") else "")
    refused = "AuthenticationError" in output
    lost = re.findall(r"^Task #(\d+) .* never came back\.$", output, re.MULTILINE)
    if refused:
        text += "; the worker with the wrong key was refused and the others finished"
    if lost:
        text += (f"; task #{', #'.join(lost)} died with its worker: taken once, never "
                 "returned")
    return text + "."


_SUMMARIES = {"async.wget": _waits_together, "async.gevent_io": _waits_together,
              "async.aiohttp": _aiohttp,
              "process.start_methods": _start_methods, "process.queue": _queue,
              "threads.gil": _gil, "process.pool": _pool,
              "threads.race": _race, "distributed.manager": _distributed,
              "distributed.bad_key": _distributed, "distributed.worker_crash": _distributed}
