"""Did other programs leave the lesson the cores its claim needs?

A claim such as "the processes run at the same time" can only show when the processes get
cores of their own. `Run.others_cores` says how many cores' worth of CPU other programs took,
on average, while the lesson ran (measured by `gui.run.session.OtherPrograms`). When they left
fewer free cores than the claim needs, the lesson says so plainly instead of drawing a
verdict from a starved run: its sentence, its tab, its answer and its claim. Plain Python,
no Qt.
"""
import os
from dataclasses import dataclass

from gui.i18n import translate

SPARE = 0.3             # free cores a claim may lack before its run stops telling the truth


@dataclass(frozen=True)
class Starved:
    """A run that did not get the free cores its claim needs."""
    others: float       # cores' worth of CPU other programs took, on average
    cores: int          # the computer's cores
    needed: int         # free cores the claim needs


def starved(run, needed):
    """A `Starved` when other programs left fewer than `needed` cores free (give or take
    `SPARE`) during `run`; None when they did not, or nobody measured it."""
    others = run.others_cores
    if others is None:
        return None
    cores = int(run.result.get("cores") or os.cpu_count() or 1)
    needed = max(1, min(int(needed), cores))
    if cores - others >= needed - SPARE:
        return None
    return Starved(float(others), cores, needed)


def sentence(busy, processes=True):
    """What the banner and the tab say instead of a verdict: who took the cores, and what
    to do. `processes`: the claim is about processes running at once."""
    cores = busy.cores
    if processes:
        text = translate("LessonSummary", "Other programs used {used:.1f} of this computer's "
                                          "%n core(s) during the run, so the processes could "
                                          "not all run at once: close them and run again.",
                         None, cores)
    else:
        text = translate("LessonSummary", "Other programs used {used:.1f} of this computer's "
                                          "%n core(s) during the run, so the lesson did not "
                                          "get a core of its own: close them and run again.",
                         None, cores)
    return text.format(used=busy.others)
