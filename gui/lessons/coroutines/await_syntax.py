"""async.await_syntax: the same coroutines written with async/await and as generators with
``yield from``, and the original @asyncio.coroutine under a Python that still has it.

Figures: ``async_await_s`` and ``old_syntax_s`` (float, each version's two hellos side by
side); when the original form ran, ``asyncio_coroutine_s`` (float) and
``asyncio_coroutine_python`` (text, the version that ran it, e.g. "3.10.13").
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import LessonUnit, lesson
from gui.lessons.coroutines._rows import rows, seconds
from gui.lessons.question import NO_ANSWER, Question


@lesson("async.await_syntax")
class AwaitSyntax(LessonUnit):

    def sentence(self, run):
        new, old = run.result.get("async_await_s"), run.result.get("old_syntax_s")
        if new is None or old is None:
            return ""
        text = translate("LessonSummary", "async/await took {new:.2f} s, the generator form "
                                          "(yield from) {old:.2f} s.").format(new=new, old=old)
        original = run.result.get("asyncio_coroutine_s")
        if original is not None:
            text += " " + translate("LessonSummary", "@asyncio.coroutine on Python {python} "
                                                     "took {took:.2f} s.").format(
                python=run.result.get("asyncio_coroutine_python", "?"), took=original)
        return text

    def question(self, values):
        def answer(run):
            new, old = run.result.get("async_await_s"), run.result.get("old_syntax_s")
            if new is None or old is None:
                return NO_ANSWER
            index = 2 if abs(new - old) <= 0.1 * max(new, old) else 0 if new < old else 1
            return index, translate("Questions", "async/await {new:.2f} s, old syntax "
                                                 "{old:.2f} s").format(new=new, old=old)
        return Question(translate("Questions", "The same two coroutines, written with "
                                  "async/await and with the old generator syntax (yield "
                                  "from). Which is faster?"),
                        ("async/await", translate("Questions", "The old syntax"),
                         translate("Questions", "Neither: both take about 0.5 s")), answer)

    def compare_rows(self, run):
        return rows(run, (("async/await", "async_await_s", seconds),
                          (QT_TRANSLATE_NOOP("CompareRows", "the old syntax (yield from)"),
                           "old_syntax_s", seconds),
                          ("@asyncio.coroutine", "asyncio_coroutine_s", seconds),
                          (QT_TRANSLATE_NOOP("CompareRows", "the Python that ran "
                                                            "@asyncio.coroutine"),
                           "asyncio_coroutine_python", str)))
