"""async.generator: a producer and a consumer generator hand control back and forth with
send() and yield, in one OS thread.

Figures: ``items`` (int, items made and consumed), ``hand_overs`` (int, the times control
passed: each send() in, each yield back), ``os_threads`` (int, the OS threads that ran them)
and ``thread_names`` (list of their names).
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.coroutines._lanes import coroutines, one_at_a_time, one_os_thread, runs
from gui.lessons.coroutines._rows import rows
from gui.lessons.coroutines.close_up import switches_tab
from gui.lessons.question import NO_ANSWER, Question


@lesson("async.generator")
class Generator(LessonUnit):
    tab = switches_tab
    quick = {"items": 3}

    def sentence(self, run):
        figures = run.result
        if "hand_overs" not in figures or not figures.get("thread_names"):
            return ""
        hand_overs = figures["hand_overs"]
        return translate("LessonSummary", "Producer and consumer took turns: %n hand-over(s) "
                                          "of control, all in {threads}.", None,
                         hand_overs).format(
                             threads=", ".join(figures["thread_names"]))

    def claim(self, run):
        """The two generators' run slices alternate and never overlap, one slice more than
        there were hand-overs, all in one OS thread."""
        if "hand_overs" not in run.result:
            return None
        text = translate("Claims", "producer and consumer take turns, never both at once, in "
                                   "one OS thread")
        turns = sorted((t0, t1, lane.name) for lane in coroutines(run.model)
                       if lane.name in ("producer", "consumer")
                       for t0, t1 in runs(run.model, lane))
        if run.result.get("os_threads") != 1 or not one_os_thread(run.model):
            return Claim(text, False, translate("Claims", "the generators ran in more than "
                                                          "one OS thread: report it"))
        alternate = all(a[2] != b[2] for a, b in zip(turns, turns[1:]))
        held = alternate and one_at_a_time(turns) and \
            len(turns) == run.result["hand_overs"] + 1
        return Claim(text, held, translate("Claims", "the turns did not alternate: report it"))

    def question(self, values):
        def answer(run):
            threads = run.result.get("thread_names")
            if not threads:
                return NO_ANSWER
            return {1: 0, 2: 1}.get(len(threads), 2), translate(
                "Questions", "OS threads: {count} ({names})").format(count=len(threads),
                                                                    names=", ".join(threads))
        return Question(translate("Questions", "The producer and the consumer hand control "
                                  "back and forth. How many OS threads does that take?"),
                        (translate("Questions", "One"), translate("Questions", "Two: one each"),
                         translate("Questions", "Three or more")), answer)

    def compare_rows(self, run):
        return rows(run, ((QT_TRANSLATE_NOOP("CompareRows", "hand-overs of control"),
                           "hand_overs", str),
                          (QT_TRANSLATE_NOOP("CompareRows", "OS threads"), "os_threads",
                           str)))
