"""threads.basics: MainThread starts a named LoopThread and join()s it.

The lesson's figure (``probe.result`` in workloads/threads/basics.py): ``ended_last`` (text,
"MainThread" or "LoopThread": the thread that ended last).
"""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
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

    def claim(self, run):
        """Both threads have their own lane, labelled with the name they were given, and
        join() keeps MainThread alive until LoopThread has ended."""
        if "ended_last" not in run.result:
            return None
        text = translate("Claims", "two lanes named MainThread and LoopThread; MainThread ends "
                                   "last, because join() waits for LoopThread")
        lanes = thread_lanes(run.model)
        if not set(THREADS) <= set(lanes):
            return Claim(text, False, translate("Claims", "the threads' lanes are missing: "
                                                          "report it"))
        main, loop = lanes["MainThread"], lanes["LoopThread"]
        joined = run.result["ended_last"] == "MainThread" and \
            None not in (main.end, loop.end) and loop.end <= main.end
        return Claim(text, joined, translate("Claims", "LoopThread outlived MainThread: "
                                                       "report it"))


def thread_lanes(model):
    """{thread name: Lane} of the threads of the lesson's main process."""
    root = model.root()
    return {lane.name: lane for lane in model.lanes if root is not None and
            lane.kind == "thread" and lane.pid == root.pid and not lane.sublane
            and not lane.virtual}


def answer(run):
    last = run.result.get("ended_last")
    if last not in THREADS:
        return NO_ANSWER
    return THREADS.index(last), translate("Questions", "{last} ended last").format(last=last)
