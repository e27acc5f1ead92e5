"""process.futures: as_completed() gives the results in the order the tasks finish, not the
order they were submitted."""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question, first_span

SHOWN = 8                       # task numbers a sentence lists before "…"
# Two tasks that end this close together may hand their results to the parent either way
# round: the result still has to travel from the worker to the parent.
SAME_MOMENT_S = 0.05


def listed(numbers):
    """``3, 0, 1, …``: the first SHOWN numbers of a list."""
    text = ", ".join(map(str, numbers[:SHOWN]))
    return text + ", …" if len(numbers) > SHOWN else text


def task_ends(run, tasks):
    """{task: when its bar ends on the timeline}, or None when a task has no bar."""
    ends = {}
    for task in tasks:
        span = first_span(run.model, f"task {task}") if run.model is not None else None
        if span is None:
            return None
        ends[task] = span[1]
    return ends


def in_finish_order(completed, ends):
    """Whether the results came back in the order their tasks' bars end ({task: end})."""
    return all(ends[a] <= ends[b] + SAME_MOMENT_S for a, b in zip(completed, completed[1:]))


@lesson("process.futures")
class Futures(LessonUnit):
    quick = {"tasks": 3}
    def sentence(self, run):
        completed, submitted = run.result.get("completed"), run.result.get("submitted")
        if not completed or not submitted:
            return ""
        results = len(completed)
        return translate("LessonSummary", "%n result(s) came back in the order the tasks "
                                          "finished: {completed}; submitted {submitted}.",
                         None, results).format(completed=listed(completed),
                                               submitted=listed(submitted))

    def question(self, values):
        if values["tasks"] < 2:
            return None

        def answer(run):
            completed, submitted = run.result.get("completed"), run.result.get("submitted")
            ends = task_ends(run, submitted) if completed and submitted else None
            if ends is None or sorted(completed) != sorted(submitted):
                return NO_ANSWER
            as_finished = in_finish_order(completed, ends)
            index = 1 if as_finished else (0 if completed == submitted else 2)
            return index, translate("Questions", "the results came back {completed}; the "
                                    "tasks finished {finished}").format(
                completed=listed(completed), finished=listed(sorted(ends, key=ends.get)))
        return Question(translate("Questions", "Tasks are submitted 0, 1, 2, … with different "
                                  "lengths. In which order does as_completed give the "
                                  "results?"),
                        (translate("Questions", "In the order submitted"),
                         translate("Questions", "In the order they finish"),
                         translate("Questions", "In random order")),
                        answer)

    def claim(self, run):
        text = translate("Claims", "as_completed() gives every result once, in the order the "
                                   "tasks finish")
        completed, submitted = run.result.get("completed"), run.result.get("submitted")
        ends = task_ends(run, submitted) if completed and submitted else None
        if ends is None:
            return Claim(text, False, translate("Claims", "the results or the task bars did "
                                                          "not reach the window: run it again"))
        held = sorted(completed) == sorted(submitted) and in_finish_order(completed, ends)
        return Claim(text, held, "" if held else translate(
            "Claims", "a result came back out of finishing order: close other programs and "
                      "run it again"))

    def compare_rows(self, run):
        rows = []
        if run.result.get("completed"):
            rows.append((translate("CompareRows", "completion order"),
                         listed(run.result["completed"])))
        if "workers" in run.result:
            rows.append((translate("CompareRows", "worker processes"),
                         str(run.result["workers"])))
        return tuple(rows)
