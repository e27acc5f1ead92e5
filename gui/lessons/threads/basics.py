"""threads.basics: MainThread starts a named LoopThread and join()s it.

The lesson's figure (``probe.result`` in workloads/threads/basics.py): ``ended_last`` (text,
"MainThread" or "LoopThread": the thread that ended last).
"""
from gui.i18n import translate
from gui.lessons import LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question

THREADS = ("MainThread", "LoopThread")


@lesson("threads.basics")
class Basics(LessonUnit):
    quick = {"ticks": 3, "tick_s": 0.05}

    def question(self, values):
        return Question(translate("Questions", "MainThread starts LoopThread, then calls join(). "
                                  "Which thread ends last?"), THREADS, answer)

    def compare_rows(self, run):
        last = run.result.get("ended_last")
        if last not in THREADS:
            return ()
        return ((translate("LessonSummary", "Ended last"), last),)


def answer(run):
    last = run.result.get("ended_last")
    if last not in THREADS:
        return NO_ANSWER
    return THREADS.index(last), translate("Questions", "{last} ended last").format(last=last)
