"""process.start: start() returns at once, join() waits until the child has ended."""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question, first_span, nearer

SAME_INSTANT_S = 0.001          # the child's last record and join()'s return, one clock


def worked_s(run):
    """How long the child's work lasted on the timeline, or None."""
    work = first_span(run.model, "child's work") if run.model is not None else None
    return None if work is None else work[1] - work[0]


@lesson("process.start")
class Start(LessonUnit):
    quick = {"seconds": 0.3}
    def sentence(self, run):
        figures = run.result
        if not {"join_waited_s", "child_exit_code"} <= figures.keys():
            return ""
        return translate("LessonSummary", "join() waited {waited:.2f} s, until the child had "
                                          "ended (exit code {code}).").format(
            waited=figures["join_waited_s"], code=figures["child_exit_code"])

    def question(self, values):
        def answer(run):
            waited, worked = run.result.get("join_waited_s"), worked_s(run)
            if waited is None or worked is None:
                return NO_ANSWER
            return nearer(waited, 0, run.values["seconds"]), translate(
                "Questions", "join() waited {waited:.2f} s; the child worked {worked:.2f} s"
            ).format(waited=waited, worked=worked)
        return Question(translate("Questions", "The parent calls start(), then join(). How long "
                                  "does it wait in join()?"),
                        (translate("Questions", "Not at all: start() returns when the child is "
                                   "done"),
                         translate("Questions", "About {seconds:g} s: until the child has ended"
                                   ).format(seconds=values["seconds"])),
                        answer)

    def claim(self, run):
        text = translate("Claims", "join() returns only after the child has ended: the "
                                   "parent's last line comes after the child's exit")
        figures = run.result
        child = run.model.processes.get(figures.get("child_pid")) if run.model else None
        join = first_span(run.model, "join()") if run.model is not None else None
        if child is None or child.end is None or join is None:
            return Claim(text, False, translate("Claims", "the child's exit or the join() wait "
                                                          "is missing from the timeline: run "
                                                          "it again"))
        held = figures.get("child_exit_code") == 0 and child.end <= join[1] + SAME_INSTANT_S
        return Claim(text, held, "" if held else translate(
            "Claims", "join() returned before the child had ended: report it"))

    def compare_rows(self, run):
        figures, rows = run.result, []
        if "join_waited_s" in figures:
            rows.append((translate("CompareRows", "join() waited"),
                         f"{figures['join_waited_s']:.2f} s"))
        if "child_exit_code" in figures:
            rows.append((translate("CompareRows", "the child's exit code"),
                         str(figures["child_exit_code"])))
        return tuple(rows)
