"""showdown.io: the same requests to a slow server sequentially, with threads, processes,
asyncio and gevent."""
from gui.i18n import translate
from gui.lessons import Claim, lesson
from gui.lessons.question import NO_ANSWER, Question, nearer
from gui.lessons.showdown._models import SEQUENTIAL, reported
from gui.lessons.showdown._unit import ShowdownUnit, walls


@lesson("showdown.io")
class ShowdownIo(ShowdownUnit):
    quick = {"jobs": 3, "delay_ms": 300}      # a pool starts in well under 0.3 s
    compared = ("threads", "asyncio")

    def claim(self, run):
        """Every concurrent model takes about the longest wait, sequential about their sum:
        each wall time nearer the one than the other. The jobs wait rather than compute,
        so a busy machine does not change the outcome."""
        runs = {r.name: r.wall for r in reported(run.result)}
        jobs, delay = run.values.get("jobs", 1), run.values.get("delay_ms", 0) / 1000
        if SEQUENTIAL not in runs or len(runs) < 2 or jobs < 2:
            return None
        low, high = delay, delay * jobs
        held = nearer(runs.pop(SEQUENTIAL), low, high) == 1 and \
            all(nearer(wall, low, high) == 0 for wall in runs.values())
        text = translate("Claims", "every concurrent model takes about one wait ({low:g} s), "
                                   "sequential about their sum ({high:g} s)").format(
                                       low=low, high=high)
        return Claim(text, held, translate("Claims", "run it with a longer delay_ms: starting "
                                                     "the models took longer than one wait"))

    def question(self, values):
        jobs, delay = values["jobs"], values["delay_ms"] / 1000
        if jobs < 2:
            return None
        return Question(
            translate("Questions", "{jobs} requests to a server that answers after {delay:g} "
                      "s. Which models get them all done in about {delay:g} s instead of "
                      "{total:g} s?").format(jobs=jobs, delay=delay, total=delay * jobs),
            (translate("Questions", "Only asyncio and gevent"),
             translate("Questions", "Every concurrent one: threads, processes, asyncio, "
                                    "gevent"),
             translate("Questions", "None: the requests still go one at a time")), answer)


def answer(run):
    runs = {r.name: r.wall for r in reported(run.result)}
    if SEQUENTIAL not in runs or len(runs) < 3:
        return NO_ANSWER
    delay = run.values["delay_ms"] / 1000
    low, high = delay, delay * run.values["jobs"]
    quick = {name for name, wall in runs.items() if nearer(wall, low, high) == 0}
    index = 1 if quick == set(runs) - {SEQUENTIAL} else \
        0 if quick == {"asyncio", "gevent"} & set(runs) else 2 if not quick else None
    return index, walls(run)
