"""distributed.worker_crash: a worker killed while it holds a task loses that task."""
from gui.i18n import translate
from gui.lessons import lesson
from gui.lessons.distributed._task_queue import TaskQueueUnit
from gui.lessons.question import NO_ANSWER, Question


@lesson("distributed.worker_crash")
class WorkerCrash(TaskQueueUnit):
    quick = {"tasks": 4}
    def question(self, values):
        return Question(
            translate("Questions", "The first worker is killed halfway through a task. Does "
                      "that task's result come back?"),
            (translate("Questions", "Yes: another worker takes the task over"),
             translate("Questions", "No: the task is lost")), answer)


def answer(run):
    figures = run.result
    if "results_back" not in figures or not figures.get("killed_exit_code"):
        return NO_ANSWER                         # the worker was never killed: nothing to tell
    got, total = figures["results_back"], figures["tasks"]
    if figures.get("lost"):
        lost = ", #".join(str(i) for i in figures["lost_tasks"])
        return 1, translate("Questions", "task #{task} never came back: {got} of {total} "
                            "results").format(task=lost, got=got, total=total)
    return (0 if got == total else None), translate(
        "Questions", "{got} of {total} results came back").format(got=got, total=total)
