"""async.asyncio: two tasks each await asyncio.sleep() in one event loop; the sleeps overlap.

Figures: ``total_s`` (float, the whole run), ``sleep_s`` (float, what each task awaited).
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.coroutines._lanes import about_one_sleep, firsts_before_seconds, \
    one_os_thread
from gui.lessons.coroutines._rows import rows, seconds
from gui.lessons.coroutines.close_up import switches_tab
from gui.lessons.question import NO_ANSWER, Question, nearer


@lesson("async.asyncio")
class AsyncioTasks(LessonUnit):
    tab = switches_tab
    quick = {"sleep_s": 0.2}

    def sentence(self, run):
        total, sleep = run.result.get("total_s"), run.result.get("sleep_s")
        if total is None or sleep is None:
            return ""
        if nearer(total, sleep, 2 * sleep) == 0:
            text = QT_TRANSLATE_NOOP("LessonSummary", "Two tasks each slept {sleep:g} s and the "
                                                      "run took {total:.2f} s: the sleeps "
                                                      "overlapped.")
        else:
            text = QT_TRANSLATE_NOOP("LessonSummary", "Two tasks each slept {sleep:g} s and the "
                                                      "run took {total:.2f} s: one sleep after "
                                                      "the other.")
        return translate("LessonSummary", text).format(sleep=sleep, total=total)

    def claim(self, run):
        """Both tasks run their first part before either runs its second (their sleeps
        overlap), so the whole takes about one sleep, not two; one OS thread runs both."""
        total, sleep = run.result.get("total_s"), run.result.get("sleep_s")
        if total is None or not sleep:
            return None
        text = translate("Claims", "both first lines come before both second lines, and the "
                                   "run takes about one sleep ({sleep:g} s), in one OS thread"
                                   ).format(sleep=sleep)
        if not one_os_thread(run.model):
            advice = translate("Claims", "the tasks ran in more than one OS thread: report it")
        elif not firsts_before_seconds(run.model, "hello"):
            advice = translate("Claims", "a task went on before the other had started: "
                                         "report it")
        elif not about_one_sleep(total, sleep):
            advice = translate("Claims", "run it with a longer sleep_s: the loop's own work "
                                         "took about as long as a sleep")
        else:
            advice = ""
        return Claim(text, not advice, advice)

    def question(self, values):
        s = values["sleep_s"]

        def answer(run):
            total = run.result.get("total_s")
            if total is None:
                return NO_ANSWER
            return nearer(total, s, 2 * s), translate("Questions", "total {total:.2f} s"
                                                      ).format(total=total)
        return Question(translate("Questions", "Two tasks each await asyncio.sleep({s:g}) in "
                                  "one event loop. How long does the whole run take?"
                                  ).format(s=s),
                        (translate("Questions", "About {s:g} s").format(s=s),
                         translate("Questions", "About {s:g} s").format(s=2 * s)), answer)

    def compare_rows(self, run):
        return rows(run, ((QT_TRANSLATE_NOOP("CompareRows", "total time"), "total_s",
                           seconds),))

