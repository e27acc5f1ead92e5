"""async.await_syntax: the same coroutines written with async/await and as generators with
``yield from``, and the original @asyncio.coroutine under a Python that still has it.

Figures: ``async_await_s`` and ``old_syntax_s`` (float, each version's two hellos side by
side); when the original form ran, ``asyncio_coroutine_s`` (float) and
``asyncio_coroutine_python`` (text, the version that ran it, e.g. "3.10.13").
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.coroutines._lanes import about_one_sleep, firsts_before_seconds, \
    one_os_thread
from gui.lessons.coroutines._rows import rows, seconds
from gui.lessons.coroutines.close_up import switches_tab
from gui.lessons.question import NO_ANSWER, Question

SLEEP_S = 0.5               # each hello awaits asyncio.sleep(0.5); two side by side take one
ORIGINAL = "@asyncio.coroutine"     # ends the name of the process that runs the original form


@lesson("async.await_syntax")
class AwaitSyntax(LessonUnit):
    tab = switches_tab

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

    def claim(self, run):
        """Both spellings behave the same: two hellos side by side take about one sleep, the
        first lines before the second ones, in one OS thread; and so does the original
        @asyncio.coroutine, under the older Python the lesson found (when it found one)."""
        figures = run.result
        if "async_await_s" not in figures or "old_syntax_s" not in figures:
            return None
        python = original_python(run)
        if python is None:
            text = translate("Claims", "async/await and yield from behave the same: two hellos "
                                       "in about one sleep (install Python 3.10 or older to "
                                       "show @asyncio.coroutine too)")
        else:
            text = translate("Claims", "async/await, yield from and @asyncio.coroutine (Python "
                                       "{python}) behave the same: two hellos in about one "
                                       "sleep").format(python=python)
        same = one_os_thread(run.model) and all(
            firsts_before_seconds(run.model, name) for name in ("hello_new", "hello_old"))
        if not same:
            advice = translate("Claims", "the two spellings ran differently: report it")
        elif python is not None and "asyncio_coroutine_s" not in figures:
            advice = translate("Claims", "@asyncio.coroutine did not finish under Python "
                                         "{python}: report it").format(python=python)
        elif not all(about_one_sleep(figures[name], SLEEP_S) for name in (
                "async_await_s", "old_syntax_s", "asyncio_coroutine_s") if name in figures):
            advice = translate("Claims", "close other programs and run it again: the hellos "
                                         "took longer than one sleep")
        else:
            advice = ""
        return Claim(text, not advice, advice)

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


def original_python(run):
    """The version of the Python that ran @asyncio.coroutine (its figure, else the name of
    the process the lesson started for it), or None when no such Python was found."""
    if "asyncio_coroutine_python" in run.result:
        return run.result["asyncio_coroutine_python"]
    for process in run.model.processes.values():
        if process.name.endswith(ORIGINAL):
            return process.name.split(",")[0].removeprefix("Python ")
    return None
