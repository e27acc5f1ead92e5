"""distributed.worker_crash: a worker killed while it holds a task loses that task.

Its claim reads the figures (killed_exit_code, lost, lost_tasks, results_back, tasks) and
the manager's "task #N lost" mark: the lesson counted the task and drew it on the timeline."""
from gui.i18n import translate
from gui.lessons import Claim, lesson
from gui.lessons.distributed._task_queue import TaskQueueUnit, marks_starting
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

    def claim(self, run):
        figures = run.result
        if "killed_exit_code" not in figures:
            return None
        lost = figures.get("lost_tasks") or []
        counted = [i for i in lost if marks_starting(run.model, f"task #{i} lost")]
        if not figures["killed_exit_code"]:
            advice = translate("Claims", "the worker was not killed: report it")
        elif figures["lost"] != 1 or len(counted) != 1 or figures["came_back_twice"] \
                or figures["results_back"] != figures["tasks"] - 1:
            advice = translate("Claims", "not exactly one task was lost: report it")
        else:
            advice = ""
        return Claim(translate("Claims", "the killed worker's task never comes back, and the "
                                         "lesson counts it as lost"), not advice, advice)


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
