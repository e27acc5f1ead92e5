"""`concurrency-lab check [LESSON ...] [--times N]`: the pre-class check on a terminal.

Progress goes to stderr (one line that updates in place on a terminal), the table to stdout:
lesson, claim, held n/N, what to do. Exit status 0 when every claim held in every run, 1 when
one did not, 2 on bad input, 128 + the signal's number after Ctrl+C (the current lesson's
whole tree is stopped first, as `run` does).
"""
import asyncio
import shutil
import sys
import textwrap

from gui import check, cli
from gui.run.stop_signals import StopSignals
from gui.tasks import spawn


def check_command(args, signals=None):
    """Run the pre-class check (`gui/check.py`): progress on stderr, the table on stdout;
    0 when every claim held in every run, 1 when one did not, 2 on bad input."""
    signals = signals or StopSignals()
    if not 1 <= args.times <= check.MOST_TIMES:
        return cli.fail(f"--times must be between 1 and {check.MOST_TIMES}, got {args.times}")
    try:
        lessons = check.lessons_to_check(args.lessons)
    except (KeyError, ValueError) as exc:
        return cli.fail(exc.args[0] if exc.args else str(exc))
    progress = Progress(sys.stderr)
    job = check.Check(lessons, args.times, on_progress=progress.show)
    if not signals.caught:
        asyncio.run(_check(job, signals))
    progress.clear()
    width = max(80, shutil.get_terminal_size((100, 24)).columns)
    if job.rows:
        print(table_text(job.rows, width))
    if signals.caught:
        left = f"still running: {job.leftovers}" if job.leftovers else "no process left behind"
        return cli._stopped(signals, f"; the check was stopped, {left}")
    print(check.summary(job.rows))
    return 1 if any(row.failed for row in job.rows) else 0


async def _check(job, signals):
    """Run the check until it ends or a signal comes; then stop it, with its lesson's tree."""
    signal_came = asyncio.Event()
    signals.wake(asyncio.get_running_loop(), signal_came)
    try:
        running = spawn(job.run(), "checking the lessons")
        stopping = spawn(signal_came.wait(), "waiting for a stop signal")
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not running.done():          # Ctrl+C, SIGTERM, SIGHUP: stop the lesson's tree
            await job.stop()
        await running                   # a bug in the check itself is raised, not hidden
    finally:
        signals.wake(None, None)


class Progress:
    """The check's progress on `stream`: one line that updates in place on a terminal, a
    line per run otherwise (a log keeps them all)."""

    def __init__(self, stream):
        self.stream = stream
        self.live = stream.isatty()
        self.shown = 0

    def show(self, done, total, what):
        if not what:
            return
        text = f"[{done + 1}/{total}] {what}"
        if self.live:
            width = shutil.get_terminal_size((100, 24)).columns - 1
            text = text[:width]
            self.stream.write("\r" + text.ljust(self.shown))
            self.shown = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self):
        if self.live and self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
        self.shown = 0


def table_text(rows, width=100):
    """The rows as a plain-text table for a terminal `width` characters wide: lesson, claim,
    held n/N, what to do; long texts wrap inside their column."""
    heads = ("lesson", "claim", "held", "what to do")
    cells = [(row.name, row.claim or "(no claim to check)",
              f"{row.held}/{row.total}" + (" FAILED" if row.failed else ""),
              "; ".join(row.advice) or "-") for row in rows]
    # as wide as the longest lesson id: a variant's label wraps under its id
    first = min(max([len(heads[0])] + [len(row.lesson_id) for row in rows]), 30)
    third = max([len(heads[2])] + [len(c[2]) for c in cells])
    rest = max(40, width - first - third - 6)
    widths = (first, rest * 11 // 20, third, rest - rest * 11 // 20)
    lines = [_line(heads, widths), _line(["-" * w for w in widths], widths)]
    for row in cells:
        lines += _wrapped(row, widths)
    return "\n".join(lines)


def _wrapped(cells, widths):
    """One table row as lines: every cell wrapped to its column."""
    parts = [textwrap.wrap(text, w, break_on_hyphens=False) or [""]
             for text, w in zip(cells, widths)]
    return [_line([p[i] if i < len(p) else "" for p in parts], widths)
            for i in range(max(map(len, parts)))]


def _line(texts, widths):
    return "  ".join(text.ljust(w) for text, w in zip(texts, widths)).rstrip()

