"""threads.gil: N busy threads take turns holding the GIL; N processes run side by side.

The turns, hand-offs and overlap come from the trace (`gui.trace.analysis`); the CPU the
workload used comes from its figures: ``workers``, ``cores``, ``switch_interval_ms``,
``wall_s``, ``cpu_s``, ``cpu_cores_used``, ``loops``, ``loops_per_s``.
"""
import os

from gui.i18n import translate
from gui.lessons import LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question, nearer
from gui.trace.analysis import gil_turns, overlap_fraction, run_spans


def together(model):
    """The share of the busy time during which two or more workers ran (0..1), or None."""
    t0, t1, _ = run_spans(model)
    return overlap_fraction(t0, t1) if len(t0) else None


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
            return nearer(used, 1, cores), translate("Questions", "{used:.1f} cores used"
                                                     ).format(used=used)
        return Question(translate("Questions", "{what} each keep the CPU busy for {seconds:g} "
                                  "s, on {cores} cores. How many cores do they use together?"
                                  ).format(what=what, seconds=values["seconds"],
                                           cores=os.cpu_count()),
                        (translate("Questions", "About 1 core"),
                         translate("Questions", "About {cores} cores").format(cores=cores)),
                        answer)

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
