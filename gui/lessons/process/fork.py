"""process.fork: fork() is called once and returns twice, the child's PID in the parent and
0 in the child. The parent and the child each report what fork() returned to them."""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question


@lesson("process.fork")
class Fork(LessonUnit):
    def sentence(self, run):
        figures = run.result
        if not {"parent_got", "child_got", "child_pid", "child_ppid"} <= figures.keys():
            return ""
        return translate("LessonSummary", "fork() returned {parent_got} in the parent and "
                                          "{child_got} in the child (PID {child_pid}, whose "
                                          "parent is PID {child_ppid}).").format(**figures)

    def question(self, values):
        def answer(run):
            figures = run.result
            # the parent's return first, whichever process reported first
            returned = [figures[name] for name in ("parent_got", "child_got")
                        if name in figures]
            if not returned:
                return NO_ANSWER
            index = 1 if len(returned) == 2 else 0 if "parent_got" in figures else None
            if len(returned) == 1:
                words = translate("Questions", "fork() returned {values}: in 1 process")
            else:
                words = translate("Questions", "fork() returned {values}: in {count} processes")
            return index, words.format(values=" and ".join(map(str, returned)),
                                       count=len(returned))
        return Question(translate("Questions", "fork() is called once. How many times does it "
                                  "return?"),
                        (translate("Questions", "Once: in the parent"),
                         translate("Questions", "Twice: in the parent and in the child"),
                         translate("Questions", "Never: the child starts the program over")),
                        answer)

    def claim(self, run):
        figures = run.result
        text = translate("Claims", "the child's PID is not the parent's, its parent is the "
                                   "parent's PID, and fork() returned 0 in it")
        names = ("parent_pid", "parent_got", "child_pid", "child_ppid", "child_got")
        if not set(names) <= figures.keys():
            return Claim(text, False, translate("Claims", "the child's figures did not reach "
                                                          "the window: run it again"))
        parent, child = figures["parent_pid"], figures["child_pid"]
        lanes = run.model.processes if run.model is not None else {}
        held = (child != parent and figures["child_ppid"] == parent
                and figures["child_got"] == 0 and figures["parent_got"] == child
                and child in lanes and lanes[child].parent is lanes.get(parent))
        return Claim(text, held, "" if held else translate(
            "Claims", "fork() did not return as POSIX says, or the child's lane lost its "
                      "parent: report it"))

    def compare_rows(self, run):
        rows = ((translate("CompareRows", "fork() returned in the parent"), "parent_got"),
                (translate("CompareRows", "fork() returned in the child"), "child_got"),
                (translate("CompareRows", "the child's exit code"), "child_exit_code"))
        return tuple((label, str(run.result[name])) for label, name in rows
                     if name in run.result)
