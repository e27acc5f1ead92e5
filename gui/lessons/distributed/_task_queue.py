"""What the three distributed lessons share: the Workers tab, the result sentence and the
compare rows, all from the manager's figures (tasks, results_back, came_back_twice,
lost_tasks). Plain Python: the tab is imported when the window asks for it."""
from gui.i18n import translate
from gui.lessons import LessonUnit


def lost_tasks(figures):
    """The lost task numbers in words: "#3" or "#3, #7"."""
    return ", ".join(f"#{i}" for i in figures.get("lost_tasks") or [])


class TaskQueueUnit(LessonUnit):
    """A lesson with a task manager and workers: the unit of each one builds on this."""

    def tab(self):
        from gui.lessons.distributed._workers_tab import WorkersTab
        return WorkersTab

    def sentence(self, run):
        figures = run.result
        if "results_back" not in figures:
            return ""
        got, total = figures["results_back"], figures["tasks"]
        if figures.get("came_back_twice"):
            text = translate("LessonSummary", "{got} of %n result(s) came back", None,
                             total).format(got=got)
        else:
            text = translate("LessonSummary", "{got} of %n result(s) came back, each exactly "
                             "once", None, total).format(got=got)
        text += self.more(figures)
        lost = figures.get("lost")
        if lost:
            text += translate("LessonSummary", "; %n task(s) never came back ({tasks}): taken "
                              "once, by a worker that died", None, lost).format(
                                  tasks=lost_tasks(figures))
        return text + translate("LessonSummary", ".")

    def more(self, figures):
        """What this lesson adds to the sentence, after the results ("; ...")."""
        return ""

    def compare_rows(self, run):
        figures = run.result
        if "results_back" not in figures:
            return ()
        return ((translate("WorkersPanel", "results back"),
                 translate("WorkersPanel", "{got} of {total}").format(
                     got=figures["results_back"], total=figures["tasks"])),
                (translate("WorkersPanel", "lost tasks"),
                 lost_tasks(figures) or translate("WorkersPanel", "none")))


def every_result_once(figures):
    """Every task's result came back, none twice, none lost."""
    return (figures["results_back"] == figures["tasks"] and not figures["came_back_twice"]
            and not figures["lost"])


def marks_starting(model, prefix):
    """The texts of the marks that start with `prefix`: what the lesson announced on its
    lanes (the console is for people)."""
    names = model.names
    return [names[n] for n in model.marks["name"].tolist() if names[n].startswith(prefix)]


def worker_lanes(model):
    """The traced worker processes ("worker on HOST"), in the order they appeared."""
    return [lane for lane in model.lanes
            if lane.kind == "process" and lane.name.startswith("worker on ")]
