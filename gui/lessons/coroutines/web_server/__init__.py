"""async.aiohttp: an aiohttp server whose handlers wait 0.5 s answers N clients at once
(handlers that await) or one after another (handlers that block in time.sleep); its tab
shows the server's address and opens it in the browser while the server runs. In the window
the server stays up after the clients until Stop (the lesson's figures come as soon as the
clients are done: the tab shows the sentence then, and the answer to the question too);
run from the command line it stops at once.

Figures: ``requests`` (int, sent at once), ``answered`` (int, answered with 200 OK),
``total_s`` (float, from the first request out to the last answer in), ``handler_wait_s``
(float, how long each handler waits), ``url`` (text, where the server listened).
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.coroutines._rows import rows, seconds
from gui.lessons.question import NO_ANSWER, Question, nearer


@lesson("async.aiohttp")
class WebServer(LessonUnit):
    quick = {"clients": 3}
    speaks_after_stop = True        # in the window only Stop ends it: the figures still hold
    waits_for_stop = True           # in the window: its server stays up until Stop

    def tab(self):
        from gui.lessons.coroutines.web_server.tab import WebPanel
        return WebPanel

    def sentence(self, run):
        figures = run.result
        if "answered" not in figures or "total_s" not in figures:
            return ""
        if run.values.get("variant") == "blocking":
            text = QT_TRANSLATE_NOOP("LessonSummary", "%n request(s) answered in {total:.2f} s: "
                                                      "one after another, each handler waits "
                                                      "{wait:g} s.")
        else:
            text = QT_TRANSLATE_NOOP("LessonSummary", "%n request(s) answered in {total:.2f} s: "
                                                      "all at once, though each handler waits "
                                                      "{wait:g} s.")
        return translate("LessonSummary", text, None, figures["answered"]).format(
            total=figures["total_s"], wait=figures.get("handler_wait_s", 0.5))

    def claim(self, run):
        """Handlers that await answer N requests together in about one wait; handlers that
        block answer them one after another, in about N waits."""
        figures = run.result
        if not {"requests", "answered", "total_s"} <= set(figures) or figures["requests"] < 2:
            return None
        n, total = figures["requests"], figures["total_s"]
        wait = figures.get("handler_wait_s", 0.5)
        if run.values.get("variant") == "blocking":
            text = translate("Claims", "blocking: the %n requests are answered one after "
                                       "another, in about {total:g} s ({wait:g} s each)", None,
                             n).format(total=n * wait, wait=wait)
            timed = total >= (n - 1) * wait and nearer(total, wait, n * wait) == 1
            late = translate("Claims", "the blocking handlers overlapped: report it")
        else:
            text = translate("Claims", "async: the %n requests are answered together, in "
                                       "about one handler's wait ({wait:g} s)", None, n).format(
                                           wait=wait)
            timed = 0.9 * wait <= total and nearer(total, wait, n * wait) == 0
            late = translate("Claims", "close other programs and run it again: the answers "
                                       "came late")
        if figures["answered"] != n:
            return Claim(text, False, translate("Claims", "not every request was answered: "
                                                          "run it again, and report it if it "
                                                          "stays so"))
        return Claim(text, timed, late)

    def question(self, values):
        n = values["clients"]
        if n < 2:
            return None
        handler = "await asyncio.sleep(0.5)" if values["variant"] == "async" else \
            "time.sleep(0.5)"

        def answer(run):
            total = run.result.get("total_s")
            if total is None:
                return NO_ANSWER
            return nearer(total, 0.5, 0.5 * n), translate(
                "Questions", "{count} requests answered in {total:.2f} s").format(
                    count=run.result.get("answered", n), total=total)
        return Question(translate("Questions", "{count} requests arrive at once; each handler "
                                  "calls {handler}. How long until all are answered?").format(
                            count=n, handler=handler),
                        (translate("Questions", "About 0.5 s"),
                         translate("Questions", "About {s:g} s").format(s=0.5 * n)), answer,
                        live=True)          # answered once the clients are done

    def compare_rows(self, run):
        figures = run.result
        answered = ()
        if "answered" in figures and "requests" in figures:
            answered = ((translate("CompareRows", "requests answered"),
                         f"{figures['answered']} / {figures['requests']}"),)
        return answered + rows(run, ((QT_TRANSLATE_NOOP("CompareRows", "all answered in"),
                                      "total_s", seconds),))
