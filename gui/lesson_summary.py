"""One sentence that states what a finished run showed, in numbers (window and command line)."""
import re

import numpy as np

from gui.trace.analysis import gil_turns, overlap_fraction, run_spans
from gui.i18n import translate
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
    used = translate("LessonSummary", ", using {cores:.1f} cores").format(
        cores=float(cores.group(1))) if cores else ""
    together = overlap_fraction(t0, t1) * 100
    if values.get("variant") == "processes":
        return translate("LessonSummary", "The processes ran at the same time {percent:.0f}% of the "
                                          "time{used}.").format(percent=together, used=used)
    turns = gil_turns(model)
    return translate("LessonSummary", "The threads took turns {handoffs} times; a turn lasted "
                                      "{turn:.1f} ms (switch interval {interval:g} ms); they ran at "
                                      "the same time {percent:.0f}% of the time{used}.").format(
                                          handoffs=turns.handoffs, turn=turns.median_s * 1000,
                                          interval=values["switch_interval_ms"],
                                          percent=together, used=used)


def _pool(values, model, output):
    keep = model.spans["state"] == STATES.index("task")
    if not keep.any():
        return ""
    t0, t1 = model.spans["t0"][keep], model.spans["t1"][keep]
    pids = {model.lanes[lane].pid for lane in model.spans["lane"][keep].tolist()}
    times = np.concatenate([t0, t1])
    steps = np.concatenate([np.ones(len(t0)), -np.ones(len(t1))])
    most = int(np.cumsum(steps[np.lexsort((steps, times))]).max())
    if len(pids) == 1:
        return translate("LessonSummary", "{tasks} tasks ran on 1 worker process, at most {most} at "
                                          "once.").format(tasks=int(keep.sum()), most=most)
    return translate("LessonSummary", "{tasks} tasks ran on {workers} worker processes, at most "
                                      "{most} at once.").format(
                                          tasks=int(keep.sum()), workers=len(pids), most=most)


def _start_methods(values, model, output):
    times = re.findall(r"^(fork|spawn|forkserver)\s+([\d.]+) ms", output, re.MULTILINE)
    if not times:
        return ""
    started = ", ".join(f"{method} {float(ms):.0f} ms" for method, ms in times)
    return translate("LessonSummary", "From start() to the child's first line: {times}.").format(
        times=started)


def _queue(values, model, output):
    gets = re.findall(r"^Get (.+) from queue\.", output, re.MULTILINE)
    ended = re.search(r"exit code (-?\d+)", output)
    if not gets:
        return ""
    if ended:
        return translate("LessonSummary", "The reader got {items} in the order they were put; the "
                                          "reader was ended by terminate() (exit code {code}).").format(
                                              items=", ".join(gets), code=ended.group(1))
    return translate("LessonSummary", "The reader got {items} in the order they were put.").format(
        items=", ".join(gets))


def _race(values, model, output):
    balance = re.search(r"^final balance: (-?\d+)", output, re.M)
    lost = re.search(r"^lost updates: (at least )?(\d+)", output, re.M)
    if not balance or not lost:
        return ""
    balance, at_least, count = int(balance.group(1)), bool(lost.group(1)), int(lost.group(2))
    version = re.search(r"^CPython (\d+\.\d+)", output, re.M)
    python = f"CPython {version.group(1)}" if version else translate("LessonSummary",
                                                                     "this Python")
    n = 2 * values.get("iterations", 0)
    if at_least and count == 0:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: no loss this time on {python}, but it "
                                          "can lose updates: run it again.")
    elif at_least and count == 1:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: at least 1 update lost.")
    elif at_least:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: at least {count} updates lost.")
    elif count == 0 and values.get("variant") == "locked":
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: no update lost, the lock let one thread "
                                          "at a time change the balance.")
    elif count == 0:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: no update lost on {python}. See why in "
                                          "the text.")
    elif balance == 0:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: {count} updates lost, and by chance "
                                          "they cancelled out.")
    elif count == 1:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: 1 update lost.")
    else:
        text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                          "withdrawals: {count} updates lost.")
    return text.format(balance=balance, n=n, count=count, python=python)


def _waits_together(values, model, output):
    """I/O lessons: the total against the longest wait and the sum of all waits."""
    found = (re.search(r"^total: ([\d.]+) s \(longest delay ([\d.]+) s, sum ([\d.]+) s\)",
                       output, re.M)
             or re.search(r"took ([\d.]+) s: the longest wait is ([\d.]+) s, all the waits "
                          r"add up to ([\d.]+) s", output))
    if not found:
        return ""
    total, longest, added = (float(x) for x in found.groups())
    return translate("LessonSummary", "Done in {total:.2f} s: about the longest wait ({longest:g} "
                                      "s), not all the waits one after another ({added:g} s).").format(
                                          total=total, longest=longest, added=added)


def _aiohttp(values, model, output):
    found = re.search(r"^(\d+) requests answered in ([\d.]+) s", output, re.M)
    if not found:
        return ""
    count, total = int(found.group(1)), float(found.group(2))
    if values.get("variant") == "blocking":
        return translate("LessonSummary", "{count} requests answered in {total:.2f} s: one after "
                                          "another, each handler waits 0.5 s.").format(
                                              count=count, total=total)
    return translate("LessonSummary", "{count} requests answered in {total:.2f} s: all at once, "
                                      "though each handler waits 0.5 s.").format(
                                          count=count, total=total)


def _distributed(values, model, output):
    back = re.search(r"^(\d+) of (\d+) results came back(.*)$", output, re.MULTILINE)
    if not back:
        return ""
    got, total, rest = back.groups()
    if rest.startswith(", each"):
        text = translate("LessonSummary", "{got} of {total} results came back, each exactly once").format(
            got=got, total=total)
    else:
        text = translate("LessonSummary", "{got} of {total} results came back").format(
            got=got, total=total)
    lost = re.findall(r"^Task #(\d+) .* never came back\.$", output, re.MULTILINE)
    if "AuthenticationError" in output:
        text += translate("LessonSummary", "; the worker with the wrong key was refused and the others "
                                           "finished")
    if lost:
        text += translate("LessonSummary", "; task #{tasks} died with its worker: taken once, never "
                                           "returned").format(tasks=", #".join(lost))
    return text + translate("LessonSummary", ".")


def _showdown(values, model, output):
    rows = re.findall(r"^\s*(\w+):\s+([\d.]+) s wall,\s+[\d.]+ s CPU, speed-up ([\d.]+)x",
                      output, re.MULTILINE)
    cores = re.search(r"^Results on (\d+) cores", output, re.MULTILINE)
    if not rows or not cores:
        return ""
    fastest = min(rows, key=lambda r: float(r[1]))
    others = ", ".join(f"{name} {float(speed):.1f}×" for name, _, speed in rows
                       if name not in ("sequential", fastest[0]))
    return translate("LessonSummary", "On {cores} cores, {fastest} was fastest: {speed:.1f}× "
                                      "sequential ({others}).").format(
                                          cores=cores.group(1), fastest=fastest[0],
                                          speed=float(fastest[2]), others=others)


_SUMMARIES = {"async.wget": _waits_together, "async.gevent_io": _waits_together,
              "async.aiohttp": _aiohttp,
              "process.start_methods": _start_methods, "process.queue": _queue,
              "threads.gil": _gil, "process.pool": _pool,
              "threads.race": _race, "distributed.manager": _distributed,
              "distributed.bad_key": _distributed, "distributed.worker_crash": _distributed,
              "showdown.cpu": _showdown, "showdown.io": _showdown}
