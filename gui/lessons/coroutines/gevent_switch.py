"""async.gevent: greenlets in one OS thread run one after another unless they give way with
gevent.sleep(0); then they take turns.

Figures: ``greenlets`` (int, spawned), ``os_threads`` (int, the OS threads they ran in),
``print_order`` (text: for each printed line, in order, the spawn index of the greenlet that
printed it, separated by spaces: "0 1 2 0 1 2 …").
"""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.coroutines._lanes import one_os_thread
from gui.lessons.coroutines._rows import rows
from gui.lessons.coroutines.close_up import switches_tab
from gui.lessons.question import NO_ANSWER, Question

ONE_AFTER_ANOTHER, TAKING_TURNS, MIXED = range(3)


def order(run):
    """[greenlet index of each printed line], [] when the run did not say."""
    return [int(k) for k in str(run.result.get("print_order", "")).split()]


def kind_of(seen, count):
    """How the lines came: ONE_AFTER_ANOTHER, TAKING_TURNS or MIXED."""
    if seen == sorted(seen):
        return ONE_AFTER_ANOTHER
    return TAKING_TURNS if seen == [k % count for k in range(len(seen))] else MIXED


def shown(seen, count):
    """The start of the order, as the answer and the compare dialog show it."""
    return " ".join(map(str, seen[:2 * count + 1]))


@lesson("async.gevent")
class GeventSwitch(LessonUnit):
    tab = switches_tab

    def sentence(self, run):
        seen, count = order(run), run.result.get("greenlets", 0)
        if not seen or "os_threads" not in run.result:
            return ""
        text = (QT_TRANSLATE_NOOP("LessonSummary", "The greenlets ran one after another "
                                                   "({order}…), in %n OS thread(s)."),
                QT_TRANSLATE_NOOP("LessonSummary", "The greenlets took turns ({order}…), in "
                                                   "%n OS thread(s)."),
                QT_TRANSLATE_NOOP("LessonSummary", "The greenlets' lines came mixed ({order}…), "
                                                   "in %n OS thread(s)."))[kind_of(seen, count)]
        return translate("LessonSummary", text, None, run.result["os_threads"]).format(
            order=shown(seen, count))

    def claim(self, run):
        """no_sleep: each greenlet prints all its lines before the next starts; sleep0: they
        take turns line by line; either way in one OS thread."""
        seen, count = order(run), run.result.get("greenlets", 0)
        expected = {"no_sleep": ONE_AFTER_ANOTHER, "sleep0": TAKING_TURNS}.get(
            run.values.get("variant"))
        if not seen or count < 2 or expected is None:
            return None
        if expected == ONE_AFTER_ANOTHER:
            text = translate("Claims", "no_sleep: each greenlet prints all its lines before "
                                       "the next one starts, in one OS thread")
        else:
            text = translate("Claims", "sleep0: the greenlets take turns, one line each, in "
                                       "one OS thread")
        if run.result.get("os_threads") != 1 or not one_os_thread(run.model):
            return Claim(text, False, translate("Claims", "the greenlets ran in more than one "
                                                          "OS thread: report it"))
        return Claim(text, kind_of(seen, count) == expected and len(set(seen)) == count,
                     translate("Claims", "the lines came in another order ({order}…): report "
                                         "it").format(order=shown(seen, count)))

    def question(self, values):
        count = values["greenlets"]
        if count < 2:
            return None
        how = (translate("Questions", "never giving way") if values["variant"] == "no_sleep"
               else translate("Questions", "calling gevent.sleep(0) after each line"))

        def answer(run):
            seen = order(run)
            if not seen:
                return NO_ANSWER
            return kind_of(seen, count), translate(
                "Questions", "the lines came from greenlets {order}…").format(
                    order=shown(seen, count))
        return Question(translate("Questions", "{count} greenlets each print 5 lines, {how}. "
                                  "In what order do the lines come?").format(count=count,
                                                                              how=how),
                        (translate("Questions", "One greenlet after another: 0 0 0 0 0 1 1…"),
                         translate("Questions", "Taking turns: 0 1 2 0 1 2…"),
                         translate("Questions", "Mixed at random")), answer)

    def compare_rows(self, run):
        count = run.result.get("greenlets", 0)
        return rows(run, ((QT_TRANSLATE_NOOP("CompareRows", "order of the lines"),
                           "print_order", lambda text: shown(text.split(), count) + "…"),
                          (QT_TRANSLATE_NOOP("CompareRows", "OS threads"), "os_threads", str)))
