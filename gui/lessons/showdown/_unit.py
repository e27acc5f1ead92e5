"""What the two showdown lessons share: the Showdown tab, the result sentence and the compare
rows, all from the lesson's figures (models, wall_s, cpu_s, speed_up, fastest, cores). A run
in which other programs took the cores a model needs (`gui.lessons.free_cores`) names no
winner: the sentence and the tab say who took the cores instead."""
from gui.i18n import translate
from gui.lessons import LessonUnit, free_cores
from gui.lessons.showdown._models import SEQUENTIAL, reported, seconds, times


def walls(run):
    """The models' wall times in words, in the order they ran: "sequential 2.10 s, ..."."""
    return ", ".join(f"{r.name} {seconds(r.wall)}" for r in reported(run.result))


class ShowdownUnit(LessonUnit):
    """A lesson that runs the same jobs under every model of concurrency."""

    compared = ()                   # the models whose speed-up the compare dialog shows

    def cores_needed(self, run):
        """Free cores the models need to show the lesson's claim; 0: any busy machine will
        do (the jobs wait rather than compute)."""
        return 0

    def busy(self, run):
        """A `free_cores.Starved` when other programs took the cores the models need."""
        needed = self.cores_needed(run)
        return free_cores.starved(run, needed) if needed else None

    def busy_sentence(self, run):
        """What the banner and the tab say instead of a winner, or "" for a fair run."""
        starved = self.busy(run)
        return free_cores.sentence(starved) if starved else ""

    def tab(self):
        from gui.lessons.showdown._showdown_tab import ShowdownTab
        return ShowdownTab

    def sentence(self, run):
        runs = {r.name: r for r in reported(run.result)}
        fastest = runs.get(run.result.get("fastest"))
        if fastest is None or SEQUENTIAL not in runs:
            return ""
        if self.busy(run):
            return self.busy_sentence(run)
        others = ", ".join(f"{name} {times(r.speed)}" for name, r in runs.items()
                           if name not in (SEQUENTIAL, fastest.name))
        cores = run.result.get("cores", 1)
        return translate("LessonSummary", "On %n core(s), {fastest} was fastest: {speed} "
                                          "sequential ({others}).", None, cores).format(
                             fastest=fastest.name, speed=times(fastest.speed), others=others)

    def compare_rows(self, run):
        runs = {r.name: r for r in reported(run.result)}
        fastest = runs.get(run.result.get("fastest"))
        if fastest is None or SEQUENTIAL not in runs:
            return ()
        rows = [(translate("ShowdownPanel", "fastest"),
                 f"{fastest.name} {times(fastest.speed)}"),
                (translate("ShowdownPanel", "sequential wall time"),
                 seconds(runs[SEQUENTIAL].wall))]
        rows += [(translate("ShowdownPanel", "{model} speed-up").format(model=name),
                  times(runs[name].speed)) for name in self.compared if name in runs]
        return tuple(rows)
