"""distributed.manager: a task queue served over TCP to workers here or on other machines."""
from gui.i18n import translate
from gui.lessons import lesson
from gui.lessons.distributed._task_queue import TaskQueueUnit
from gui.lessons.question import NO_ANSWER, Question


@lesson("distributed.manager")
class Manager(TaskQueueUnit):
    quick = {"tasks": 4}
    def question(self, values):
        if values["workers"] < 1:
            return None
        tasks = values["tasks"]
        return Question(
            translate("Questions", "The manager puts {tasks} tasks in its queue; {workers} "
                      "workers take them over the network. How many results come back?"
                      ).format(tasks=tasks, workers=values["workers"]),
            (translate("Questions", "All {tasks}, each once").format(tasks=tasks),
             translate("Questions", "Fewer than {tasks}").format(tasks=tasks),
             translate("Questions", "Some come back twice")), answer)


def answer(run):
    figures = run.result
    if "results_back" not in figures:
        return NO_ANSWER
    got, total = figures["results_back"], figures["tasks"]
    index = 2 if figures["came_back_twice"] else 0 if got == total else 1
    return index, translate("Questions", "{got} of {total} results came back").format(
        got=got, total=total)
