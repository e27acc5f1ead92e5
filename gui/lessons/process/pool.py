"""process.pool: a pool never runs more tasks than it has workers; a task it cannot run yet
waits in the pool's queue until a worker is free."""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question, first_span
from gui.trace.model import STATES

FIGURES = ("tasks_run", "worker_processes", "most_at_once")


def task_names(model):
    """The names of the task bars on the timeline ("task 0", ...), one per bar."""
    if model is None:
        return []
    task = STATES.index("task")
    return [model.names[int(name)] for name, state in zip(model.spans["name"],
                                                          model.spans["state"])
            if state == task]


@lesson("process.pool")
class Pool(LessonUnit):
    quick = {"tasks": 3, "workers": 2}     # more tasks than workers: one waits
    def sentence(self, run):
        if not set(FIGURES) <= run.result.keys():
            return ""
        tasks, workers, most = (run.result[name] for name in FIGURES)
        if workers == 1:
            text = translate("LessonSummary", "%n task(s) ran on 1 worker process, at most "
                                              "{most} at once.", None, tasks)
        else:
            text = translate("LessonSummary", "%n task(s) ran on {workers} worker processes, "
                                              "at most {most} at once.", None, tasks)
        return text.format(workers=workers, most=most)

    def question(self, values):
        if values["tasks"] < 2:
            return None
        last = values["tasks"] - 1

        def answer(run):
            ended = run.result.get("ended_before_last_started")
            span = first_span(run.model, f"task {last}") if run.model is not None else None
            if ended is None or span is None:
                return NO_ANSWER
            index = 0 if ended == 0 else (2 if ended == last else 1)
            return index, translate("Questions", "task {last} started at {start:.2f} s, when "
                                    "{ended} of the other {others} tasks had ended").format(
                last=last, start=span[0], ended=ended, others=last)
        return Question(translate("Questions", "{workers} worker processes, {tasks} tasks. When "
                                  "does the last task (task {last}) start?").format(
                            workers=values["workers"], tasks=values["tasks"], last=last),
                        (translate("Questions", "At once, with the first tasks"),
                         translate("Questions", "As soon as a worker is free"),
                         translate("Questions", "Only after all the other tasks are done")),
                        answer)

    def claim(self, run):
        size, tasks = run.values["workers"], run.values["tasks"]
        text = translate("Claims", "never more than {size} tasks at once, on at most {size} "
                                   "worker processes; every task runs once; a task that "
                                   "waits starts only when a worker is free").format(size=size)
        figures = run.result
        if not set(FIGURES) | {"ended_before_last_started"} <= figures.keys():
            return Claim(text, False, translate("Claims", "the pool's figures did not reach "
                                                          "the window: run it again"))
        once = sorted(task_names(run.model)) == sorted(f"task {i}" for i in range(tasks))
        # the last task is queued last: when it starts, every other task has started and at
        # most size - 1 of them still run, so at least tasks - size have ended
        freed = figures["ended_before_last_started"] >= tasks - size
        held = (once and freed and figures["tasks_run"] == tasks
                and figures["most_at_once"] <= size and figures["worker_processes"] <= size)
        return Claim(text, held, "" if held else translate(
            "Claims", "the pool ran more tasks at once than it has workers, or a task twice: "
                      "report it"))

    def compare_rows(self, run):
        rows = ((translate("CompareRows", "worker processes"), "worker_processes"),
                (translate("CompareRows", "most tasks at once"), "most_at_once"),
                (translate("CompareRows", "tasks that waited for a worker"), "queued_tasks"))
        return tuple((label, str(run.result[name])) for label, name in rows
                     if name in run.result)
