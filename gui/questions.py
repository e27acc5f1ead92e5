"""Questions to ask the class before a lesson runs, and how each run answers its question.

``question(lesson_id, values)`` gives a `Question` (text, choices, answer) for those
parameters, or None when the lesson has no question worth asking with them. Its
``answer(values, model, output)`` reads the finished run (its trace model and what it
printed) and returns (index of the right choice, or None when the run cannot tell; the
measured result in words). Nothing is decided in advance: the same question can have a
different right answer on another interpreter or machine. Plain Python, no Qt.

Here: the chapters Processes and Distributed processes; gui/questions_threads.py and
gui/questions_async.py hold the others.
"""
import re
from dataclasses import dataclass
from typing import Callable

from gui.i18n import translate
from gui.trace.model import STATES

TASK = STATES.index("task")
NO_ANSWER = (None, "")


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple
    answer: Callable            # (values, model, output) -> (index or None, words)
    live: bool = False          # the answer can show before the end (a deadlock never ends)


def question(lesson_id, values):
    """The question for this lesson with these parameters, in the current language."""
    from gui import questions_async, questions_threads      # they build on this module

    make = (_QUESTIONS.get(lesson_id) or questions_threads.QUESTIONS.get(lesson_id)
            or questions_async.QUESTIONS.get(lesson_id))
    return make(values) if make else None


def found(pattern, output, kind=float):
    """The first group of `pattern` in the output as `kind` (thousands commas dropped)."""
    match = re.search(pattern, output, re.M)
    return kind(match.group(1).replace(",", "")) if match else None


def nearer(measured, low, high):
    """0 when `measured` is nearer `low` than `high`, else 1."""
    return 0 if measured < (low + high) / 2 else 1


def first_span(model, name):
    """(t0, t1) of the first span called `name`, or None."""
    names = model.spans["name"]
    for i in range(len(names)):
        if model.names[int(names[i])] == name:
            return float(model.spans["t0"][i]), float(model.spans["t1"][i])
    return None


# -- Processes ---------------------------------------------------------------------------
def _fork(v):
    def answer(values, model, output):
        returned = re.findall(r"fork\(\) returned (-?\d+)\.", output)
        starts = len(re.findall(r"^Process \(\d+\) start", output, re.M))
        if not returned:
            return NO_ANSWER
        index = 2 if starts > 1 else {1: 0, 2: 1}.get(len(returned))
        returned.sort(key=lambda r: r == "0")    # the parent's first, whichever printed first
        return index, translate("Questions", "fork() returned {values}: in {count} processes"
                                ).format(values=" and ".join(returned), count=len(returned))
    return Question(translate("Questions", "fork() is called once. How many times does it "
                              "return?"),
                    (translate("Questions", "Once: in the parent"),
                     translate("Questions", "Twice: in the parent and in the child"),
                     translate("Questions", "Never: the child starts the program over")),
                    answer)


def _start(v):
    def answer(values, model, output):
        join, work = first_span(model, "join()"), first_span(model, "child's work")
        if join is None or work is None:
            return NO_ANSWER
        waited = join[1] - join[0]
        return nearer(waited, 0, values["seconds"]), translate(
            "Questions", "join() waited {waited:.2f} s; the child worked {worked:.2f} s"
        ).format(waited=waited, worked=work[1] - work[0])
    return Question(translate("Questions", "The parent calls start(), then join(). How long "
                              "does it wait in join()?"),
                    (translate("Questions", "Not at all: start() returns when the child is "
                               "done"),
                     translate("Questions", "About {seconds:g} s: until the child has ended"
                               ).format(seconds=v["seconds"])),
                    answer)


def _pool(v):
    if v["tasks"] < 2:
        return None

    def answer(values, model, output):
        keep = model.spans["state"] == TASK
        tasks = {}
        for t0, t1, n in zip(model.spans["t0"][keep], model.spans["t1"][keep],
                             model.spans["name"][keep]):
            match = re.match(r"task (\d+)$", model.names[int(n)])
            if match:
                tasks[int(match.group(1))] = (float(t0), float(t1))
        last = values["tasks"] - 1
        if last not in tasks or len(tasks) < values["tasks"]:
            return NO_ANSWER
        start = tasks[last][0]
        ended = sum(t1 <= start for i, (_, t1) in tasks.items() if i != last)
        index = 0 if ended == 0 else (2 if ended == last else 1)
        return index, translate("Questions", "task {last} started at {start:.2f} s, when "
                                "{ended} of the other {others} tasks had ended").format(
            last=last, start=start, ended=ended, others=last)
    return Question(translate("Questions", "{workers} worker processes, {tasks} tasks. When "
                              "does the last task (task {last}) start?").format(
                        workers=v["workers"], tasks=v["tasks"], last=v["tasks"] - 1),
                    (translate("Questions", "At once, with the first tasks"),
                     translate("Questions", "As soon as a worker is free"),
                     translate("Questions", "Only after all the other tasks are done")),
                    answer)


def _queue(v):
    def answer(values, model, output):
        code = found(r"exit code (-?\d+)", output, int)
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


def _pipe(v):
    def answer(values, model, output):
        pings = len(re.findall(r"^MainProcess sends ping", output, re.M))
        pongs = len(re.findall(r"^MainProcess got pong", output, re.M))
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


def _start_methods(v):
    import multiprocessing
    methods = [m for m in ("fork", "spawn", "forkserver")
               if m in multiprocessing.get_all_start_methods()]
    rows = r"^(fork|spawn|forkserver)\s+([\d.]+ ms|cannot pickle)"
    if v["variant"] == "unpicklable":
        def answer(values, model, output):
            found = dict(re.findall(rows, output, re.M))
            if not found:
                return NO_ANSWER
            ran = [m for m, r in found.items() if r.endswith("ms")]
            failed = [m for m in found if m not in ran]
            index = 0 if not failed else 2 if not ran else 1 if ran == ["fork"] else None
            return index, translate("Questions", "started: {ran}; could not pickle the "
                                    "lambda: {failed}").format(ran=", ".join(ran) or "-",
                                                              failed=", ".join(failed) or "-")
        return Question(translate("Questions", "The child's argument is a lambda. Which start "
                                  "methods can hand it to the child?"),
                        (translate("Questions", "All of them"),
                         translate("Questions", "Only fork: it copies the parent, nothing "
                                   "is pickled"),
                         translate("Questions", "None of them")),
                        answer)
    if len(methods) < 2:
        return None

    def answer(values, model, output):
        times = {m: float(t.split()[0]) for m, t in re.findall(rows, output, re.M)
                 if t.endswith("ms")}
        if not times:
            return NO_ANSWER
        fastest = min(times, key=times.get)
        return (methods.index(fastest) if fastest in methods else None), ", ".join(
            f"{m} {t:.0f} ms" for m, t in times.items())
    return Question(translate("Questions", "Which start method gets the child running "
                              "fastest?"), tuple(methods), answer)


# -- Distributed processes ---------------------------------------------------------------
def _results(output):
    """(results back, tasks) from the manager's account, or (None, None)."""
    found = re.search(r"^(\d+) of (\d+) results came back", output, re.M)
    return tuple(map(int, found.groups())) if found else (None, None)


def _manager(v):
    if v["workers"] < 1:
        return None

    def answer(values, model, output):
        got, total = _results(output)
        if got is None:
            return NO_ANSWER
        index = 2 if "came back twice" in output else 0 if got == total else 1
        return index, translate("Questions", "{got} of {total} results came back").format(
            got=got, total=total)
    return Question(translate("Questions", "The manager puts {tasks} tasks in its queue; "
                              "{workers} workers take them over the network. How many results "
                              "come back?").format(tasks=v["tasks"], workers=v["workers"]),
                    (translate("Questions", "All {tasks}, each once").format(tasks=v["tasks"]),
                     translate("Questions", "Fewer than {tasks}").format(tasks=v["tasks"]),
                     translate("Questions", "Some come back twice")), answer)


def _bad_key(v):
    def answer(values, model, output):
        got, total = _results(output)
        if got is None:
            return NO_ANSWER
        refused = "AuthenticationError" in output
        index = 1 if not refused else 0 if got == total else 2
        words = translate("Questions", "refused with AuthenticationError; ") if refused else ""
        return index, words + translate("Questions", "{got} of {total} results came back"
                                        ).format(got=got, total=total)
    return Question(translate("Questions", "While {workers} workers work, a worker with the "
                              "wrong key connects. What happens?").format(workers=v["workers"]),
                    (translate("Questions", "It is refused; the others finish every task"),
                     translate("Questions", "It gets in and takes tasks like the others"),
                     translate("Questions", "The manager stops: the tasks are not finished")),
                    answer)


def _worker_crash(v):
    def answer(values, model, output):
        got, total = _results(output)
        lost = re.findall(r"^Task #(\d+) .* never came back\.$", output, re.M)
        if got is None or "killed halfway" not in output:
            return NO_ANSWER
        if lost:
            return 1, translate("Questions", "task #{task} never came back: {got} of "
                                "{total} results").format(task=", #".join(lost), got=got,
                                                          total=total)
        return (0 if got == total else None), translate(
            "Questions", "{got} of {total} results came back").format(got=got, total=total)
    return Question(translate("Questions", "The first worker is killed halfway through a task. "
                              "Does that task's result come back?"),
                    (translate("Questions", "Yes: another worker takes the task over"),
                     translate("Questions", "No: the task is lost")), answer)


_QUESTIONS = {"process.fork": _fork, "process.start": _start, "process.pool": _pool,
              "process.queue": _queue, "process.pipe": _pipe,
              "process.start_methods": _start_methods, "distributed.manager": _manager,
              "distributed.bad_key": _bad_key, "distributed.worker_crash": _worker_crash}
