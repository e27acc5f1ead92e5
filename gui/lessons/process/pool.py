"""process.pool: a pool never runs more tasks than it has workers; a task it cannot run yet
waits in the pool's queue until a worker is free."""
from gui.i18n import translate
from gui.lessons import LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question, first_span

FIGURES = ("tasks_run", "worker_processes", "most_at_once")


@lesson("process.pool")
class Pool(LessonUnit):
    quick = {"tasks": 3}
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

    def compare_rows(self, run):
        rows = ((translate("CompareRows", "worker processes"), "worker_processes"),
                (translate("CompareRows", "most tasks at once"), "most_at_once"),
                (translate("CompareRows", "tasks that waited for a worker"), "queued_tasks"))
        return tuple((label, str(run.result[name])) for label, name in rows
                     if name in run.result)
