"""distributed.bad_key: a worker with the wrong key is refused; the others finish.

Its claim reads the figures (wrong_key_refused: the intruder ended with the worker's "refused"
exit code; results_back, came_back_twice, lost), the intruder's "refused: AuthenticationError"
mark (the error the class sees) and the exit codes of the traced worker lanes."""
from gui.i18n import translate
from gui.lessons import Claim, lesson
from gui.lessons.distributed._task_queue import TaskQueueUnit, every_result_once, \
    marks_starting, worker_lanes
from gui.lessons.question import NO_ANSWER, Question


@lesson("distributed.bad_key")
class BadKey(TaskQueueUnit):
    quick = {"tasks": 4}
    def more(self, figures):
        if not figures.get("wrong_key_refused"):
            return ""
        return translate("LessonSummary", "; the worker with the wrong key was refused and "
                                          "the others finished")

    def question(self, values):
        return Question(
            translate("Questions", "While {workers} workers work, a worker with the wrong key "
                      "connects. What happens?").format(workers=values["workers"]),
            (translate("Questions", "It is refused; the others finish every task"),
             translate("Questions", "It gets in and takes tasks like the others"),
             translate("Questions", "The manager stops: the tasks are not finished")), answer)

    def claim(self, run):
        figures = run.result
        if "wrong_key_refused" not in figures:
            return None
        told = marks_starting(run.model, "refused: AuthenticationError")
        good = [lane for lane in worker_lanes(run.model) if lane.exit_code == 0]
        if not figures["wrong_key_refused"] or not told:
            advice = translate("Claims", "the wrong key was not refused with an "
                                         "AuthenticationError: report it")
        elif not every_result_once(figures) or len(good) < run.values["workers"]:
            advice = translate("Claims", "the good workers did not finish every task: run it "
                                         "again, and report it if it stays so")
        else:
            advice = ""
        return Claim(translate("Claims", "the worker with the wrong key is refused with an "
                                         "AuthenticationError; the others finish every task"),
                     not advice, advice)

    def compare_rows(self, run):
        rows = super().compare_rows(run)
        if rows and "wrong_key_refused" in run.result:
            refused = run.result["wrong_key_refused"]
            rows += ((translate("WorkersPanel", "wrong key"),
                      translate("WorkersPanel", "refused") if refused else
                      translate("WorkersPanel", "let in")),)
        return rows


def answer(run):
    figures = run.result
    if "results_back" not in figures or "wrong_key_refused" not in figures:
        return NO_ANSWER
    got, total = figures["results_back"], figures["tasks"]
    refused = figures["wrong_key_refused"]
    index = 1 if not refused else 0 if got == total else 2
    words = translate("Questions", "refused with AuthenticationError; ") if refused else ""
    return index, words + translate("Questions", "{got} of {total} results came back").format(
        got=got, total=total)
