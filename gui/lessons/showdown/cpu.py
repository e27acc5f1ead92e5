"""showdown.cpu: the same CPU-bound jobs sequentially, with threads, processes and asyncio.

Its processes need every core the pool uses (``workers`` of its figures: one per core, or
per job when there are fewer jobs): when other programs take them, the run names no winner.
"""
import math
import os

from gui.i18n import translate
from gui.lessons import Claim, lesson
from gui.lessons.question import NO_ANSWER, Question
from gui.lessons.showdown._models import SEQUENTIAL, reported, times
from gui.lessons.showdown._unit import ShowdownUnit, walls

MODELS = ("sequential", "threads", "processes", "asyncio")      # the question's choices
PROCESSES_AT_LEAST = 1.5    # over threads, on two free cores (1.75-2.2× measured)
OVER_SEQUENTIAL = 1.2       # over sequential, further away in time (1.47-2.0× measured)
NO_FASTER = 1.3             # threads and asyncio over sequential: the CPU's speed drifts


@lesson("showdown.cpu")
class ShowdownCpu(ShowdownUnit):
    quick = {}          # the defaults: with shorter jobs, starting the processes decides
    compared = ("threads", "processes")

    def cores_needed(self, run):
        cores = run.result.get("cores") or os.cpu_count() or 1
        return run.result.get("workers") or min(run.values.get("jobs", cores), cores)

    def target(self, run):
        """How many times sooner the processes must finish, or None when they cannot be
        expected to: one job or one core at a time, or threads without a GIL."""
        jobs, workers = run.values.get("jobs", 1), self.cores_needed(run)
        best = jobs / math.ceil(jobs / workers)         # every core busy, starting costs nothing
        if best < 1.5 or run.python.endswith("t"):
            return None
        return min(PROCESSES_AT_LEAST, 0.75 * best)

    def claim(self, run):
        runs = {r.name: r for r in reported(run.result)}
        target = self.target(run)
        if target is None or not {SEQUENTIAL, "threads", "processes"} <= set(runs):
            return None
        text = translate("Claims", "processes finish at least {speed} faster than threads, "
                                   "and faster than sequential; threads and asyncio are no "
                                   "faster than sequential").format(speed=times(target))
        starved = self.busy(run)
        if starved:
            needed = starved.needed
            return Claim(text, False, translate(
                "Claims", "close other programs: the processes model needs %n free "
                          "core(s)", None, needed))
        processes = runs["processes"].wall
        held = runs["threads"].wall >= target * processes and \
            runs[SEQUENTIAL].wall >= min(OVER_SEQUENTIAL, target) * processes and \
            all(runs[name].speed <= NO_FASTER for name in ("threads", "asyncio") if name in runs)
        return Claim(text, held, translate("Claims", "close other programs and run it again, "
                                                     "or with a larger size: longer jobs "
                                                     "outweigh starting the processes"))

    def question(self, values):
        cores = os.cpu_count() or 1
        if cores < 2 or values["jobs"] < 2:
            return None                 # nothing can run together: no model can win
        return Question(
            translate("Questions", "{jobs} jobs that only compute, on {cores} cores. Which "
                      "model finishes them first?").format(jobs=values["jobs"], cores=cores),
            (translate("Questions", "One after another"), translate("Questions", "Threads"),
             translate("Questions", "Processes"), "asyncio"), self.answer)

    def answer(self, run):
        """The model that finished first, unless other programs decided the race."""
        fastest = run.result.get("fastest")
        if fastest not in MODELS:
            return NO_ANSWER            # the extra free-threaded run won: not a choice
        if self.busy(run):
            return None, walls(run)
        return MODELS.index(fastest), walls(run)
