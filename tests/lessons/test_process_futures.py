"""process.futures claims, on a real run: as_completed() gives the results in the order the
tasks finish, not the order they were submitted, and each result reaches the parent after
its task has ended on a worker."""
from dataclasses import replace

from gui.lessons import Run, run_of
from gui.lessons.process.futures import Futures
from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway

# seed 1 with 2 workers: the tasks end in the order 0, 1, 3, 2, 4, 5, about 0.16 s apart
SETTINGS = dict(workers=2, tasks=6, seed=1)


def task_spans(session):
    """{task number: (t0, t1, pid)} of the task bars on the timeline."""
    m = session.model
    task = STATES.index("task")
    return {int(m.names[name].split()[1]): (float(t0), float(t1), m.lanes[lane].pid)
            for t0, t1, lane, state, name in zip(m.spans["t0"], m.spans["t1"], m.spans["lane"],
                                                 m.spans["state"], m.spans["name"])
            if state == task}


def result_marks(session):
    """[(t, task number, lane)] of the "result of task N" marks, in time order."""
    m = session.model
    return sorted((float(t), int(m.names[name].rsplit(" ", 1)[1]), m.lanes[lane])
                  for t, lane, name in zip(m.marks["t"], m.marks["lane"], m.marks["name"])
                  if m.names[name].startswith("result of task "))


def test_results_come_back_in_the_order_the_tasks_finish_not_the_order_submitted(lesson_run):
    session, out = lesson_run("process.futures", **SETTINGS)
    assert session.run.returncode == 0, out
    spans = task_spans(session)
    assert sorted(spans) == list(range(6))                      # every task ran once
    pids = {pid for *_, pid in spans.values()}
    assert len(pids) <= 2 and session.run.pid not in pids       # on the workers, not the parent
    finished = sorted(spans, key=lambda task: spans[task][1])
    assert finished != list(range(6))                           # the lengths reorder them
    marks = result_marks(session)
    assert [task for _, task, _ in marks] == finished            # results arrive as tasks end
    for t, task, lane in marks:
        assert t >= spans[task][1]                              # ...after the task ended
        assert lane.pid == session.run.pid and lane.name == "MainThread"
    assert out.index("All tasks done.") > out.index("Result of task 5")


def test_the_figures_agree_with_the_timeline(lesson_run):
    session, out = lesson_run("process.futures", **SETTINGS)
    figures = session.model.result
    assert set(figures) == {"submitted", "completed", "workers"}
    assert figures["submitted"] == list(range(6))
    assert sorted(figures["completed"]) == figures["submitted"]
    assert all(type(task) is int for task in figures["completed"])
    assert figures["completed"] == [task for _, task, _ in result_marks(session)]
    assert type(figures["workers"]) is int
    assert figures["workers"] == len({pid for *_, pid in task_spans(session).values()}) == 2


def test_with_one_worker_the_finish_order_is_the_submit_order(lesson_run):
    session, out = lesson_run("process.futures", workers=1, tasks=3, seed=1)
    run = run_of(session)
    assert run.result["completed"] == [0, 1, 2] and run.result["workers"] == 1
    question = Futures().question(run.values)
    assert question.choices[question.answer(run)[0]] == "In the order they finish"


def test_as_completed_answers_in_the_order_they_finish(lesson_run):
    question = Futures().question({"workers": 2, "tasks": 6, "seed": 1})
    session, out = lesson_run("process.futures", **SETTINGS)
    run = run_of(session)
    right, words = question.answer(run)
    assert question.choices[right] == "In the order they finish", words
    completed = ", ".join(map(str, run.result["completed"]))
    assert words == (f"the results came back {completed}; "
                     f"the tasks finished {completed}")
    # results in the order submitted, or in neither order, would make the other choices right
    for completed, choice in ((list(range(6)), "In the order submitted"),
                              (list(range(6))[::-1], "In random order")):
        edited = replace(run, result={**run.result, "completed": completed})
        assert question.choices[question.answer(edited)[0]] == choice
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_lists_both_orders_with_plurals():
    def said(**figures):
        return Futures().sentence(Run("process.futures", {}, None, figures))
    assert said(submitted=[0], completed=[0], workers=1) == \
        "1 result came back in the order the tasks finished: 0; submitted 0."
    assert said(submitted=list(range(10)), completed=[3, 0, 1, 5, 2, 4, 9, 6, 8, 7]) == (
        "10 results came back in the order the tasks finished: 3, 0, 1, 5, 2, 4, 9, 6, …; "
        "submitted 0, 1, 2, 3, 4, 5, 6, 7, ….")
    assert said(workers=2) == ""
    assert Futures().compare_rows(Run("process.futures", {}, None, {
        "submitted": [0, 1, 2], "completed": [2, 0, 1], "workers": 2})) == (
        ("completion order", "2, 0, 1"), ("worker processes", "2"))


def test_no_question_with_a_single_task():
    assert Futures().question({"workers": 2, "tasks": 1, "seed": 1}) is None


def test_stop_in_the_middle_leaves_no_process():
    assert_nothing_left(stop_midway("process.futures", 3, workers=2, tasks=40), 3)
