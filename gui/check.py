"""The pre-class check: does each lesson's claim hold on this computer?

Each lesson runs headless, as `concurrency-lab run` runs it (same session, probe and model),
with its unit's quick settings once per variant (`LessonUnit.check_runs`), and its unit says
what the class should see and whether this run showed it (`LessonUnit.claim`). Every run is
repeated a few times: a claim that holds once in three runs will not hold in front of a class.

`Check` is the one loop: the command line (`concurrency-lab check`) and the window (Help ›
Check this computer) both drive it and follow it through its callbacks. Plain asyncio, no Qt.
"""
import asyncio
import importlib.util
import sys
from collections import Counter
from dataclasses import dataclass, field

from gui.i18n import translate
from gui.lessons import run_of, unit
from gui.run.session import LessonSession
from gui.tasks import spawn
from workloads import catalog

TIMES = 3                   # runs of each check run, by default
MOST_TIMES = 20
LIMIT_S = 120.0             # a quick run that takes this long is stopped and fails
DEADLOCK_WATCH = "the deadlock watch"
TIME_LIMIT = "the check's time limit"


@dataclass
class Row:
    """One line of the check's table: a check run of a lesson, repeated `total` times."""
    lesson_id: str
    label: str                      # the variant, or what sets this run apart; "" for one
    claim: str                      # what the class should see; "" when the unit has no claim
    held: int = 0                   # runs that showed it (without a claim: that ended well)
    total: int = 0
    advice: list = field(default_factory=list)     # of the failed runs, most common first

    @property
    def failed(self):
        return self.held < self.total

    @property
    def name(self):
        """``process.pool`` or ``threads.race (widened)``."""
        return f"{self.lesson_id} ({self.label})" if self.label else self.lesson_id


def lessons_to_check(ids=()):
    """The lessons to check: `ids` (KeyError or ValueError with a one-line reason for one
    that is unknown or cannot run here), or every lesson that can run on this computer."""
    if not ids:
        return [item for item in catalog.LESSONS if item.unavailable() is None]
    chosen = []
    for lesson_id in dict.fromkeys(ids):
        item = catalog.lesson(lesson_id)
        reason = item.unavailable()
        if reason:
            raise ValueError(f"{lesson_id} cannot run here: {reason}")
        chosen.append(item)
    return chosen


def plan(lessons):
    """[(lesson, CheckRun)]: every check run of every lesson, in order."""
    return [(item, check_run) for item in lessons
            for check_run in unit(item.id).check_runs(item)]


class Check:
    """``rows = await Check(lessons, times).run()``; `stop()` ends it and the current
    lesson's whole process tree. `on_progress(done, total, what)` is told before each run
    and once at the end; `on_row(row)` gets each row when its runs are done."""

    def __init__(self, lessons, times=TIMES, on_progress=None, on_row=None, limit_s=LIMIT_S):
        self.lessons = lessons
        self.runs = None                # the plan, made when the check starts
        self.times = times
        self.total = 0                  # runs in all, once planned
        self.rows = []
        self.stopped = False
        self.session = None             # the lesson running now
        self.leftovers = []             # pids that outlived Stop (should stay empty)
        self._on_progress = on_progress or (lambda done, total, what: None)
        self._on_row = on_row or (lambda row: None)
        self._limit_s = limit_s

    async def make_plan(self):
        """The check runs, off the event loop's thread: a unit may look for other Pythons on
        this computer (about a second), and the window must not freeze meanwhile."""
        if self.runs is None:
            self.runs = await asyncio.to_thread(plan, self.lessons)
            self.total = len(self.runs) * self.times
        return self.runs

    async def run(self):
        """Every check run, `times` times each; returns the rows done (all but after Stop)."""
        await self.make_plan()
        done = 0
        for item, check_run in self.runs:
            row = Row(item.id, check_run.label, "")
            outcomes = []
            for attempt in range(1, self.times + 1):
                if self.stopped:
                    return self.rows
                self._on_progress(done, self.total, translate(
                    "Check", "{lesson}: run {attempt} of {times}").format(
                    lesson=row.name, attempt=attempt, times=self.times))
                outcome = await self._one(item, check_run)
                if self.stopped:
                    return self.rows
                outcomes.append(outcome)
                done += 1
            self.rows.append(tally(row, outcomes))
            self._on_row(self.rows[-1])
        self._on_progress(done, self.total, "")
        return self.rows

    async def stop(self):
        """Stop the check: the current lesson's whole tree ends before this returns; returns
        the pids that survived (none)."""
        self.stopped = True
        session = self.session
        if session is not None and session.run is not None:
            self.leftovers = await session.stop()
        return self.leftovers

    async def _one(self, item, check_run):
        """(claim text or "", held, advice) of one run."""
        session, problem = await self._start(item, check_run)
        if session is None:
            return "", False, problem
        try:
            if self.stopped:            # Stop came while it started
                self.leftovers = await session.stop()
                return "", False, ""
            await finish(session, self._limit_s)
        finally:
            self.session = None
        return judge(item.id, session, self._limit_s)

    async def _start(self, item, check_run):
        """(the started session, "") or (None, why it cannot run here and what to do)."""
        missing = missing_packages(item, check_run.python)
        if missing:
            return None, translate("Check", "install {names}: {command}").format(
                names=" and ".join(missing),
                command=f"{sys.executable} -m pip install {' '.join(missing)}")
        try:
            session = LessonSession(item.id, check_run.values, check_run.python,
                                    on_output=lambda stream, text: None)
        except (KeyError, ValueError) as exc:       # the unit's quick settings are refused
            return None, str(exc.args[0] if exc.args else exc)
        self.session = session
        try:
            await session.start()
        except OSError as exc:          # e.g. the interpreter lacks a package: says which
            self.session = None
            return None, str(exc)
        return session, ""


async def finish(session, limit_s, on_found=None):
    """Wait for a started session to end; a deadlock is stopped (see `stop_on_deadlock`)
    and a run past `limit_s` is stopped."""
    watch = spawn(stop_on_deadlock(session, on_found), "watching for a deadlock")
    try:
        try:
            await asyncio.wait_for(asyncio.shield(session.wait()), limit_s)
        except asyncio.TimeoutError:
            await session.stop(by=TIME_LIMIT)
    finally:
        watch.cancel()
        if session.run.running:
            await session.stop()


async def stop_on_deadlock(session, on_found=None):
    """A deadlocked lesson never ends: note the cycle (`session.deadlock`, in words), tell
    `on_found(text)` if given (the command line prints it; the check stays quiet) and stop
    the lesson."""
    from gui.trace.waitfor import find_deadlock
    while session.run.running:
        deadlock = find_deadlock(session.model)
        if deadlock is not None:
            session.deadlock = deadlock.describe()
            if on_found is not None:
                on_found(session.deadlock)
            await session.stop(by=DEADLOCK_WATCH)
            return
        await asyncio.sleep(0.2)


def judge(lesson_id, session, limit_s=LIMIT_S):
    """(claim text or "", held, advice) of a finished session. A run that failed does not
    hold, unless its unit speaks of stopped runs (a deadlock is stopped by the watch)."""
    lesson_unit, run = unit(lesson_id), session.run
    if run.stopped_by == TIME_LIMIT:
        return "", False, translate("Check", "it did not end within {limit:g} s: close other "
                                             "programs and check again").format(limit=limit_s)
    ended_well = run.returncode == 0 or (lesson_unit.speaks_after_stop
                                         and run.stopped_by == DEADLOCK_WATCH)
    if not ended_well:
        return "", False, translate("Check", "it {reason}: run it in the window and read its "
                                             "console").format(reason=run.exit_reason)
    try:
        claim = lesson_unit.claim(run_of(session))
    except Exception as exc:            # noqa: BLE001 (one unit's bug must not end the check)
        return "", False, translate("Check", "its claim could not be judged ({error}): report "
                                             "it").format(error=f"{type(exc).__name__}: {exc}")
    if claim is None:
        return "", True, ""
    return claim.text, claim.held, "" if claim.held else claim.advice


def tally(row, outcomes):
    """`row` with the runs' outcomes counted: the claim as the runs said it, how many held,
    and the advice of those that did not, most common first."""
    row.claim = next((text for text, _, _ in outcomes if text), "")
    row.held = sum(held for _, held, _ in outcomes)
    row.total = len(outcomes)
    advice = Counter(text for _, held, text in outcomes if not held and text)
    row.advice = [text for text, _ in advice.most_common()]
    return row


def missing_packages(item, python):
    """The packages a lesson needs that the app's own interpreter lacks (another
    interpreter is asked when its session starts)."""
    if python is not None:
        return []
    return [name for name in item.packages if importlib.util.find_spec(name) is None]


async def run_once(lesson_id, values, python=None, limit_s=180.0):
    """Run a lesson to its end (a deadlock is reported and stopped, as on the command line;
    a run past `limit_s` is stopped); returns (Run, session)."""
    session = LessonSession(lesson_id, values, python, on_output=lambda stream, text: None)
    await session.start()
    await finish(session, limit_s)
    return run_of(session), session


def summary(rows):
    """One line under the table: did every claim hold in every run?"""
    failed, count = sum(row.failed for row in rows), len(rows)
    if not rows:
        return translate("Check", "Nothing was checked.")
    if not failed:
        return translate("Check", "Every claim held in every run (%n row(s)).", None, count)
    return translate("Check", "{failed} of %n row(s) did not hold in every run: see what to "
                              "do.", None, count).format(failed=failed)
