"""threads.gil: N busy threads take turns holding the GIL; N processes run side by side.

The turns, hand-offs and overlap come from the trace (`gui.trace.analysis`); the CPU the
workload used comes from its figures: ``workers``, ``cores``, ``switch_interval_ms``,
``wall_s``, ``cpu_s``, ``cpu_cores_used``, ``loops``, ``loops_per_s``. A run in which other
programs took the cores the workers need (`gui.lessons.free_cores`) shows no verdict: the
sentence, the tab and the answer say so instead.
"""
import os

from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, free_cores, lesson
from gui.lessons.question import NO_ANSWER, Question, nearer
from gui.trace.analysis import gil_turns, overlap_fraction, run_spans

TOGETHER_AT_MOST = 0.05     # threads under one GIL: share of the time two ran at once
TOGETHER_AT_LEAST = 0.3     # processes: ~0.9 on free cores, ~0.1 with one core taken
TURN_RATIO = (0.5, 4.0)     # a turn against the switch interval: a busy machine delays wake-ups


def together(model):
    """The share of the busy time during which two or more workers ran (0..1), or None."""
    t0, t1, _ = run_spans(model)
    return overlap_fraction(t0, t1) if len(t0) else None


def processes(values):
    return values.get("variant") == "processes"


def cores_needed(run):
    """Free cores the claim needs: one per process; threads under one GIL need one."""
    return run.values.get("workers", 1) if processes(run.values) else 1


def busy(run):
    """A `free_cores.Starved` when other programs took the cores the workers need."""
    return free_cores.starved(run, cores_needed(run))


def busy_sentence(run):
    """What to say instead of a verdict about a starved run, or "" when it was not."""
    starved = busy(run)
    return free_cores.sentence(starved, processes(run.values)) if starved else ""


def cores_text(cores):
    return translate("GilPanel", "{cores} cores").format(cores=f"{cores:.1f}")


@lesson("threads.gil")
class Gil(LessonUnit):
    quick = {"seconds": 0.5}

    def tab(self):
        from gui.lessons.threads.gil.tab import GilPanel
        return GilPanel

    def sentence(self, run):
        share = together(run.model)
        if share is None:
            return ""
        if busy(run):
            return busy_sentence(run)
        used = run.result.get("cpu_cores_used")
        used = "" if used is None else translate(
            "LessonSummary", ", using {cores:.1f} cores").format(cores=used)
        if run.values.get("variant") == "processes":
            return translate("LessonSummary", "The processes ran at the same time {percent:.0f}% "
                                              "of the time{used}.").format(
                                                  percent=share * 100, used=used)
        turns = gil_turns(run.model)
        handoffs = turns.handoffs
        return translate("LessonSummary", "The threads took turns %n time(s); a turn lasted "
                                          "{turn:.1f} ms (switch interval {interval:g} ms); they "
                                          "ran at the same time {percent:.0f}% of the "
                                          "time{used}.", None, handoffs).format(
                                              turn=turns.median_s * 1000,
                                              interval=run.values["switch_interval_ms"],
                                              percent=share * 100, used=used)

    def question(self, values):
        cores = min(values["workers"], os.cpu_count() or 1)
        if cores < 2:
            return None
        what = (translate("Questions", "{workers} threads") if values["variant"] == "threads"
                else translate("Questions", "{workers} processes")).format(
                    workers=values["workers"])

        def answer(run):
            used = run.result.get("cpu_cores_used")
            if used is None:
                return NO_ANSWER
            if busy(run):           # the cores used say who else ran, not what the GIL did
                return None, busy_sentence(run)
            return nearer(used, 1, cores), translate("Questions", "{used:.1f} cores used"
                                                     ).format(used=used)
        return Question(translate("Questions", "{what} each keep the CPU busy for {seconds:g} "
                                  "s, on {cores} cores. How many cores do they use together?"
                                  ).format(what=what, seconds=values["seconds"],
                                           cores=os.cpu_count()),
                        (translate("Questions", "About 1 core"),
                         translate("Questions", "About {cores} cores").format(cores=cores)),
                        answer)

    def claim(self, run):
        share = together(run.model)
        if share is None:
            return None
        if processes(run.values):
            return self._processes_claim(run, share)
        if run.python.endswith("t"):
            return None             # no GIL: nothing to take turns for (see the text)
        return self._threads_claim(run, share)

    @staticmethod
    def _processes_claim(run, share):
        needed = min(cores_needed(run), run.result.get("cores") or os.cpu_count() or 1)
        if needed < 2:
            return None             # one process, or one core: nothing can run together
        text = translate("Claims", "processes: the workers run at the same time, on about %n "
                                   "core(s)", None, needed)
        starved = busy(run)
        if starved:
            needed = starved.needed
            return Claim(text, False, translate(
                "Claims", "close other programs: the processes variant needs %n free "
                          "core(s)", None, needed))
        used = run.result.get("cpu_cores_used", needed)
        return Claim(text, share >= TOGETHER_AT_LEAST and used >= 0.7 * needed,
                     translate("Claims", "the processes took turns on the cores: run it with "
                                         "more seconds"))

    @staticmethod
    def _threads_claim(run, share):
        interval = run.values["switch_interval_ms"]
        text = translate("Claims", "threads: one at a time, taking turns about every "
                                   "{interval:g} ms").format(interval=interval)
        starved = busy(run)
        if starved:
            return Claim(text, False, translate("Claims", "close other programs: the threads "
                                                          "variant needs a free core"))
        turns = gil_turns(run.model)
        low, high = TURN_RATIO
        steady = (run.result.get("cores") or os.cpu_count() or 1) < 2 or \
            low < turns.median_s * 1000 / interval < high
        if share >= TOGETHER_AT_MOST:
            return Claim(text, False, translate("Claims", "the threads ran at the same time: "
                                                          "is the GIL off in this Python?"))
        return Claim(text, steady and run.result.get("cpu_cores_used", 1.0) < 1.3,
                     translate("Claims", "the turns were not near the switch interval: close "
                                         "other programs and run it again"))

    def compare_rows(self, run):
        rows = []
        if "cpu_cores_used" in run.result:
            rows.append((translate("GilPanel", "CPU used"),
                         cores_text(run.result["cpu_cores_used"])))
        share = together(run.model)
        if share is not None:
            rows.append((translate("GilPanel", "ran at the same time"), f"{share * 100:.0f}%"))
        if "loops_per_s" in run.result:
            rows.append((translate("GilPanel", "loops per second, all workers"),
                         f"{run.result['loops_per_s']:,.0f}"))
        return tuple(rows)
