"""threads.lock: several threads share one Lock; the same work runs again without it.

The lesson's figures (``probe.result`` in workloads/threads/lock.py): ``expected`` (int, the
counter's value when no update is lost: workers x iterations), ``locked_counter`` and
``unlocked_counter`` (ints, where the counter ended with and without the lock),
``locked_s`` and ``unlocked_s`` (floats, seconds each run took).
"""
import bisect
from collections import namedtuple

from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question
from gui.trace.waitfor import HOLD, WAIT, lock_name

LOCK = "lock"           # the lesson's Lock, named after its variable
SLACK_S = 1e-6          # a trace file keeps times to the microsecond

# One of the two runs: where its counter ended, where it should have, seconds, updates/s
RunFigures = namedtuple("RunFigures", "counter expected seconds rate")


@lesson("threads.lock")
class Lock(LessonUnit):
    quick = {"iterations": 10, "workers": 2}

    def tab(self):
        from gui.lessons.threads.lock.tab import LockPanel
        return LockPanel

    def question(self, values):
        if values["workers"] < 2:
            return None
        total = values["workers"] * values["iterations"]
        return Question(translate("Questions", "{workers} threads each add 1 to a counter "
                                  "{iterations:,} times, without a lock. Where does the counter "
                                  "end?").format(workers=values["workers"],
                                                 iterations=values["iterations"]),
                        (translate("Questions", "Exactly at {total:,}").format(total=total),
                         translate("Questions", "Below {total:,}: some updates get lost"
                                   ).format(total=total),
                         translate("Questions", "Above {total:,}").format(total=total)), answer)

    def compare_rows(self, run):
        found = runs(run.result)
        rows = [(translate("LockPanel", title), rate_text(found[key]))
                for key, title in (("with", "With the lock"), ("without", "Without the lock"))
                if key in found]
        cost = cost_percent(found)
        if cost is not None:
            rows.append((translate("LockPanel", "What the lock cost"),
                         translate("LockPanel", "−{percent}% throughput").format(
                             percent=f"{cost:0.0f}")))
        if "without" in found:
            rows.append((translate("LockPanel", "Updates lost without the lock"),
                         f"{found['without'].expected - found['without'].counter:,}"))
        return tuple(rows)

    def claim(self, run):
        """One holder at a time (the hold spans never overlap), and every wait ends when
        another thread lets go; with the lock, no update is lost."""
        found = runs(run.result).get("with")
        if found is None:
            return None
        text = translate("Claims", "one thread at a time holds the lock, and each wait ends "
                                   "when another thread lets go of it")
        advice = lock_trouble(run, found)
        return Claim(text, not advice, advice)


def lock_trouble(run, found):
    """What went against the claim, as advice for the teacher, or ""."""
    holds, waits = lock_spans(run.model, HOLD), lock_spans(run.model, WAIT)
    if found.counter != found.expected:
        return translate("Claims", "the Lock let an update through: report it")
    if len(holds) != found.expected:
        return translate("Claims", "the timeline is missing holds of the lock: report it")
    if any(b0 < a1 - SLACK_S for (_, a1, _), (b0, _, _) in zip(holds, holds[1:])):
        return translate("Claims", "two threads held the lock at once: report it")
    releases = sorted((t1, lane) for _, t1, lane in holds)
    if not all(released_during(wait, releases) for wait in waits):
        return translate("Claims", "a wait ended while nobody let go of the lock: report it")
    if run.values.get("workers", 1) > 1 and not waits:
        return translate("Claims", "no thread had to wait: run it with more workers")
    return ""


def lock_spans(model, state):
    """[(t0, t1, lane id)] of the lesson's lock's spans in `state` (holds or waits), by
    start."""
    s, names = model.spans, model.names
    return sorted((t0, t1, lane) for t0, t1, lane, kind, name in zip(
        s["t0"].tolist(), s["t1"].tolist(), s["lane"].tolist(), s["state"].tolist(),
        s["name"].tolist()) if kind == state and lock_name(names[name])[0] == LOCK)


def released_during(wait, releases):
    """True when another thread let go of the lock while `wait` lasted: the release it
    waited for. `releases`: [(time, lane id)] of every hold's end, in time order."""
    w0, w1, lane = wait
    first = bisect.bisect_left(releases, (w0 - SLACK_S,))
    last = bisect.bisect_right(releases, (w1 + SLACK_S, float("inf")))
    return any(other != lane for _, other in releases[first:last])


def answer(run):
    """Exactly, below or above the expected count, by where the unlocked counter ended."""
    found = runs(run.result).get("without")
    if found is None:
        return NO_ANSWER
    counter, expected = found.counter, found.expected
    index = 0 if counter == expected else 1 if counter < expected else 2
    return index, translate("Questions", "without the lock the counter ended at {counter:,} of "
                            "{expected:,}").format(counter=counter, expected=expected)


def runs(figures):
    """{"with": RunFigures, "without": RunFigures} of the runs the figures tell of."""
    found = {}
    expected = figures.get("expected")
    for key, name in (("with", "locked"), ("without", "unlocked")):
        counter, seconds = figures.get(f"{name}_counter"), figures.get(f"{name}_s")
        if None not in (expected, counter, seconds):
            found[key] = RunFigures(counter, expected, seconds,
                                    expected / seconds if seconds > 0 else 0.0)
    return found


def cost_percent(found):
    """The throughput the lock cost, in percent (0 when it cost none), or None."""
    if "with" not in found or "without" not in found or found["without"].rate <= 0:
        return None
    return 100 * max(0.0, 1 - found["with"].rate / found["without"].rate)


def rate_text(figures):
    return translate("LockPanel", "{rate} updates/s").format(rate=f"{figures.rate:,.0f}")


def counter_text(figures):
    counter, expected = figures.counter, figures.expected
    values = dict(counter=f"{counter:,}", expected=f"{expected:,}",
                  seconds=f"{figures.seconds:0.2f}")
    if counter >= expected:
        return translate("LockPanel", "counter {counter} of {expected} ({seconds} s)").format(
            **values)
    lost = expected - counter
    return translate("LockPanel", "counter {counter} of {expected}: %n update(s) lost "
                                  "({seconds} s)", None, lost).format(**values)
