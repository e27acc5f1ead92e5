"""process.pipe: one duplex Pipe carries messages both ways, each way in the order sent.
The parent reports the pings it sent and the pongs it got, the child the pings it got."""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question


def in_order(numbers, count):
    return list(numbers) == list(range(1, count + 1))


@lesson("process.pipe")
class Pipe(LessonUnit):
    quick = {"messages": 2}
    def sentence(self, run):
        figures = run.result
        if not {"pings_sent", "pings_got", "pongs_got"} <= figures.keys():
            return ""
        sent = figures["pings_sent"]
        if in_order(figures["pings_got"], sent) and in_order(figures["pongs_got"], sent):
            return translate("LessonSummary", "%n message(s) went each way over one pipe, "
                                              "each way in the order sent.", None, sent)
        return translate("LessonSummary", "The child got pings {pings} and the parent got "
                                          "pongs {pongs}: not all of them, or not in the order "
                                          "they were sent.").format(
            pings=", ".join(map(str, figures["pings_got"])),
            pongs=", ".join(map(str, figures["pongs_got"])))

    def claim(self, run):
        text = translate("Claims", "messages go both ways over one pipe, each way in the "
                                   "order sent")
        figures = run.result
        if not {"pings_sent", "pings_got", "pongs_got"} <= figures.keys():
            return Claim(text, False, translate("Claims", "the pipe's figures did not reach "
                                                          "the window: run it again"))
        sent = figures["pings_sent"]
        held = in_order(figures["pings_got"], sent) and in_order(figures["pongs_got"], sent)
        return Claim(text, held, "" if held else translate(
            "Claims", "a message was lost or came out of order: report it"))

    def question(self, values):
        def answer(run):
            pings, pongs = run.result.get("pings_sent", 0), len(run.result.get("pongs_got", ()))
            if not pings and not pongs:
                return NO_ANSWER
            return (1 if pings and pongs else 0 if pings else 2), translate(
                "Questions", "{pings} pings went to the child and {pongs} pongs came back over "
                "the same pipe").format(pings=pings, pongs=pongs)
        return Question(translate("Questions", "One Pipe() joins the parent and its child. Which "
                                  "way can messages go?"),
                        (translate("Questions", "Only from the parent to the child"),
                         translate("Questions", "Both ways: each end sends and receives"),
                         translate("Questions", "Only from the child to the parent")),
                        answer)

    def compare_rows(self, run):
        figures, rows = run.result, []
        if "pings_got" in figures:
            rows.append((translate("CompareRows", "pings the child got"),
                         str(len(figures["pings_got"]))))
        if "pongs_got" in figures:
            rows.append((translate("CompareRows", "pongs the parent got"),
                         str(len(figures["pongs_got"]))))
        return tuple(rows)
