"""process.queue: first in, first out between a writer and a reader process; the reader,
which loops for ever, is ended by terminate()."""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question


@lesson("process.queue")
class Queue(LessonUnit):
    quick = {"delay": 0.1}
    def sentence(self, run):
        figures = run.result
        got, put = figures.get("got"), figures.get("put")
        code = figures.get("reader_exit_code")
        if not got:
            return ""
        items = ", ".join(map(str, got))
        if put and len(got) < len(put) and code is not None:
            # terminate() came before the reader had got everything (a short delay)
            return translate("LessonSummary", "The reader got only {items} of {put} before "
                                              "terminate() ended it (exit code {code}).").format(
                items=items, put=", ".join(map(str, put)), code=code)
        if code is None:
            return translate("LessonSummary", "The reader got {items} in the order they were "
                                              "put.").format(items=items)
        return translate("LessonSummary", "The reader got {items} in the order they were put; "
                                          "the reader was ended by terminate() (exit code "
                                          "{code}).").format(items=items, code=code)

    def question(self, values):
        def answer(run):
            code = run.result.get("reader_exit_code")
            if code is None:
                return NO_ANSWER
            return (1 if code < 0 else 0 if code == 0 else None), translate(
                "Questions", "the reader ended with exit code {code}").format(code=code)
        return Question(translate("Questions", "The reader loops forever on get(). How does it "
                                  "end?"),
                        (translate("Questions", "It finds the queue empty and stops by itself"),
                         translate("Questions", "The parent ends it with terminate()"),
                         translate("Questions", "It never ends: the program hangs")),
                        answer)

    def claim(self, run):
        text = translate("Claims", "first in, first out: each get comes after its put, in "
                                   "the order put; the reader is ended by terminate()")
        figures = run.result
        got, put, code = figures.get("got"), figures.get("put"), figures.get("reader_exit_code")
        if not got or not put or code is None:
            return Claim(text, False, translate("Claims", "the reader got nothing before "
                                                          "terminate(): close other programs, "
                                                          "or run it with a longer delay"))
        arrows = run.model.arrows() if run.model is not None else []
        held = (got == put[:len(got)] and len(arrows) >= len(got)
                and all(t_out <= t_in for t_out, _, t_in, _, _ in arrows) and code < 0)
        return Claim(text, held, "" if held else translate(
            "Claims", "an item came out of order, before its put, or the reader was not "
                      "terminated: report it"))

    def compare_rows(self, run):
        figures, rows = run.result, []
        for label, name in ((translate("CompareRows", "the writer put"), "put"),
                            (translate("CompareRows", "the reader got"), "got")):
            if name in figures:
                rows.append((label, ", ".join(map(str, figures[name]))))
        if "reader_exit_code" in figures:
            rows.append((translate("CompareRows", "the reader's exit code"),
                         str(figures["reader_exit_code"])))
        return tuple(rows)
