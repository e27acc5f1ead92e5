"""What the two showdown lessons share: the Showdown tab, the result sentence and the compare
rows, all from the lesson's figures (models, wall_s, cpu_s, speed_up, fastest, cores)."""
from gui.i18n import translate
from gui.lessons import LessonUnit
from gui.lessons.showdown._models import SEQUENTIAL, reported, seconds, times


def walls(run):
    """The models' wall times in words, in the order they ran: "sequential 2.10 s, ..."."""
    return ", ".join(f"{r.name} {seconds(r.wall)}" for r in reported(run.result))


class ShowdownUnit(LessonUnit):
    """A lesson that runs the same jobs under every model of concurrency."""

    compared = ()                   # the models whose speed-up the compare dialog shows

    def tab(self):
        from gui.lessons.showdown._showdown_tab import ShowdownTab
        return ShowdownTab

    def sentence(self, run):
        runs = {r.name: r for r in reported(run.result)}
        fastest = runs.get(run.result.get("fastest"))
        if fastest is None or SEQUENTIAL not in runs:
            return ""
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
