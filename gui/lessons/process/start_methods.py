"""process.start_methods: the same child started with fork, spawn and forkserver; how long
each takes from start() to the child's first line, and which cannot pickle a lambda."""
import multiprocessing

from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question

METHODS = ("fork", "spawn", "forkserver")


def start_ms(run):
    """{method: ms from start() to the child's first line} of the methods that started one,
    in the order the lesson tried them."""
    return {m: run.result[f"{m}_start_ms"] for m in run.result.get("methods", METHODS)
            if f"{m}_start_ms" in run.result}


def listed(methods):
    return ", ".join(methods) or "-"


@lesson("process.start_methods")
class StartMethods(LessonUnit):
    def sentence(self, run):
        times, failed = start_ms(run), run.result.get("cannot_pickle", [])
        started = ", ".join(f"{m} {ms:.0f} ms" for m, ms in times.items())
        if times and failed:
            return translate("LessonSummary", "From start() to the child's first line: {times}; "
                                              "{failed} could not pickle the argument.").format(
                times=started, failed=listed(failed))
        if failed:
            return translate("LessonSummary", "No child started: {failed} could not pickle the "
                                              "argument.").format(failed=listed(failed))
        if not times:
            return ""
        return translate("LessonSummary", "From start() to the child's first line: {times}."
                         ).format(times=started)

    def question(self, values):
        methods = [m for m in METHODS if m in multiprocessing.get_all_start_methods()]
        if values["variant"] == "unpicklable":
            return Question(translate("Questions", "The child's argument is a lambda. Which "
                                      "start methods can hand it to the child?"),
                            (translate("Questions", "All of them"),
                             translate("Questions", "Only fork: it copies the parent, nothing "
                                       "is pickled"),
                             translate("Questions", "None of them")),
                            _which_pickle)
        if len(methods) < 2:
            return None

        def fastest(run):
            times = start_ms(run)
            if not times:
                return NO_ANSWER
            first = min(times, key=times.get)
            return (methods.index(first) if first in methods else None), ", ".join(
                f"{m} {ms:.0f} ms" for m, ms in times.items())
        return Question(translate("Questions", "Which start method gets the child running "
                                  "fastest?"), tuple(methods), fastest)

    def claim(self, run):
        if "methods" not in run.result:
            return None
        if run.values.get("variant") == "unpicklable":
            return _lambda_claim(run)
        text = translate("Claims", "every start method starts the child; spawn and forkserver "
                                   "children import the module again, a fork child does not")
        methods, times = run.result["methods"], start_ms(run)
        imported = importing_children(run.model)
        held = set(times) == set(methods) and all(
            imported.get(method) == (method != "fork") for method in methods)
        return Claim(text, held, "" if held else translate(
            "Claims", "a child did not start, or imported the module when it should not have: "
                      "report it"))

    def compare_rows(self, run):
        failed = run.result.get("cannot_pickle", [])
        times = start_ms(run)
        return tuple((translate("CompareRows", "{method}: start() to the child's first line"
                                ).format(method=m),
                      f"{times[m]:.1f} ms" if m in times
                      else translate("CompareRows", "cannot pickle the argument"))
                     for m in run.result.get("methods", METHODS) if m in times or m in failed)


def _which_pickle(run):
    """The unpicklable variant: which methods started the child, which could not pickle."""
    if "methods" not in run.result:
        return NO_ANSWER
    ran, failed = list(start_ms(run)), run.result.get("cannot_pickle", [])
    index = 0 if not failed else 2 if not ran else 1 if ran == ["fork"] else None
    return index, translate("Questions", "started: {ran}; could not pickle the lambda: "
                                         "{failed}").format(ran=listed(ran), failed=listed(failed))


def _lambda_claim(run):
    """The unpicklable variant: only fork, which pickles nothing, can start the child."""
    text = translate("Claims", "a lambda cannot be pickled: spawn and forkserver refuse it "
                               "with a clear message, fork runs it")
    methods, failed = run.result["methods"], run.result.get("cannot_pickle", [])
    told = {run.model.lanes[int(lane)].group for lane, name in
            zip(run.model.marks["lane"], run.model.marks["name"])
            if run.model.names[int(name)] == "cannot pickle"} if run.model is not None else set()
    held = (list(start_ms(run)) == [m for m in methods if m == "fork"]
            and failed == [m for m in methods if m != "fork"] and set(failed) <= told)
    return Claim(text, held, "" if held else translate(
        "Claims", "a start method passed the lambda on, or failed without saying why: report "
                  "it"))


def importing_children(model):
    """{method: whether its child marked "imports the module"}: the children are the
    processes the lesson names "<method> child"."""
    if model is None:
        return {}
    marked = {model.lanes[int(lane)].pid for lane, name in
              zip(model.marks["lane"], model.marks["name"])
              if model.names[int(name)] == "imports the module"}
    return {lane.name[:-len(" child")]: pid in marked for pid, lane in model.processes.items()
            if lane.name.endswith(" child")}
