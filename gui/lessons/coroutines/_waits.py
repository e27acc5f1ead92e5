"""The chapter's download lessons (gevent_io, wget): several waits at once take about the
longest of them, not their sum.

Figures of both: ``downloads`` (int), ``total_s`` (float, all of them, start to end),
``longest_wait_s`` (float, the slowest server's delay), ``waits_added_s`` (float, every delay
added up: what one download after another would take).
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import Claim, LessonUnit
from gui.lessons.coroutines._rows import rows, seconds
from gui.lessons.coroutines.close_up import switches_tab
from gui.lessons.question import NO_ANSWER, Question, nearer

FIGURES = ("total_s", "longest_wait_s", "waits_added_s")


class WaitsTogether(LessonUnit):
    """The sentence, question and compare rows of a lesson whose downloads wait together."""
    tab = switches_tab

    def sentence(self, run):
        if not all(name in run.result for name in FIGURES):
            return ""
        total, longest, added = (run.result[name] for name in FIGURES)
        return translate("LessonSummary", "Done in {total:.2f} s: about the longest wait "
                                          "({longest:g} s), not all the waits one after "
                                          "another ({added:g} s).").format(
                                              total=total, longest=longest, added=added)

    def claim(self, run):
        """All the downloads wait together: the whole takes at least the longest wait (no
        server answers sooner) and is nearer to it than to all the waits added up."""
        if not all(name in run.result for name in FIGURES) or \
                run.result.get("downloads", 0) < 2:
            return None
        total, longest, added = (run.result[name] for name in FIGURES)
        downloads = run.result["downloads"]
        text = translate("Claims", "%n downloads take about the longest wait ({longest:g} s), "
                                   "not all the waits added up ({added:g} s)", None,
                         downloads).format(longest=longest, added=added)
        held = 0.9 * longest <= total and nearer(total, longest, added) == 0
        return Claim(text, held, translate("Claims", "run it with longer delays: starting the "
                                                     "downloads took about as long as a wait"))

    def question(self, values):
        delays = [float(d) for d in values["delays"].split(",") if d.strip()]
        if len(delays) < 2:
            return None
        longest, added = max(delays), sum(delays)

        def answer(run):
            total = run.result.get("total_s")
            if total is None:
                return NO_ANSWER
            return nearer(total, longest, added), translate(
                "Questions", "done in {total:.2f} s").format(total=total)
        return Question(translate("Questions", "{count} downloads from servers that wait "
                                  "{delays} s. How long until all are done?").format(
                            count=len(delays), delays=", ".join(f"{d:g}" for d in delays)),
                        (translate("Questions", "About {s:g} s: the longest wait").format(
                            s=longest),
                         translate("Questions", "About {s:g} s: all the waits added up"
                                   ).format(s=added)), answer)

    def compare_rows(self, run):
        return rows(run, ((QT_TRANSLATE_NOOP("CompareRows", "all downloads done in"),
                           "total_s", seconds),
                          (QT_TRANSLATE_NOOP("CompareRows", "the longest wait"),
                           "longest_wait_s", lambda s: f"{s:g} s"),
                          (QT_TRANSLATE_NOOP("CompareRows", "all the waits added up"),
                           "waits_added_s", lambda s: f"{s:g} s")))
