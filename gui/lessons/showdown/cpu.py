"""showdown.cpu: the same CPU-bound jobs sequentially, with threads, processes and asyncio."""
import os

from gui.i18n import translate
from gui.lessons import lesson
from gui.lessons.question import NO_ANSWER, Question
from gui.lessons.showdown._unit import ShowdownUnit, walls

MODELS = ("sequential", "threads", "processes", "asyncio")      # the question's choices


@lesson("showdown.cpu")
class ShowdownCpu(ShowdownUnit):
    quick = {"jobs": 2, "size": 100_000}
    compared = ("threads", "processes")

    def question(self, values):
        cores = os.cpu_count() or 1
        if cores < 2 or values["jobs"] < 2:
            return None                 # nothing can run together: no model can win
        return Question(
            translate("Questions", "{jobs} jobs that only compute, on {cores} cores. Which "
                      "model finishes them first?").format(jobs=values["jobs"], cores=cores),
            (translate("Questions", "One after another"), translate("Questions", "Threads"),
             translate("Questions", "Processes"), "asyncio"), answer)


def answer(run):
    fastest = run.result.get("fastest")
    if fastest not in MODELS:
        return NO_ANSWER                # the extra free-threaded run won: not a choice
    return MODELS.index(fastest), walls(run)
