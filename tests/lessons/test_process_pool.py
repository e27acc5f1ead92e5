"""process.pool claims, on a real run: a pool never runs more tasks than it has workers, and
the tasks it cannot run yet wait in its queue until a worker is free."""
import re
from dataclasses import replace

import numpy as np

from gui.lessons import Run, run_of
from gui.lessons.process.pool import Pool
from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway


def task_spans(session):
    m = session.model
    task = STATES.index("task")
    rows = []
    for t0, t1, lane, state, name in zip(m.spans["t0"], m.spans["t1"], m.spans["lane"],
                                         m.spans["state"], m.spans["name"]):
        if state == task:
            rows.append((float(t0), float(t1), m.lanes[lane].pid, m.names[name]))
    return sorted(rows)


def test_pool_runs_every_task_once_on_at_most_size_workers(lesson_run):
    session, out = lesson_run("process.pool", workers=2, tasks=5, seed=3)
    assert session.run.returncode == 0, out
    spans = task_spans(session)
    assert sorted(name for *_, name in spans) == [f"task {i}" for i in range(5)]
    assert len({pid for _, _, pid, _ in spans}) <= 2
    assert session.run.pid not in {pid for _, _, pid, _ in spans}   # workers, not the parent
    # never more than `workers` tasks at once
    edges = sorted([(t0, 1) for t0, *_ in spans] + [(t1, -1) for _, t1, *_ in spans],
                   key=lambda e: (e[0], e[1]))
    assert max(np.cumsum([d for _, d in edges])) <= 2
    # tasks beyond the first two start only after some task has finished on that worker
    for i, (t0, _, pid, _) in enumerate(spans[2:], 2):
        finished = [t1 for s0, t1, p, _ in spans[:i] if p == pid and t1 <= t0 + 1e-3]
        assert finished, f"task {i} started before its worker was free"
    labels = [lane.label for lane, _ in session.model.rows()]
    assert sum("Pool worker" in label for label in labels) == 2


def test_pool_with_one_worker_runs_tasks_one_after_another(lesson_run):
    session, out = lesson_run("process.pool", workers=1, tasks=3)
    spans = task_spans(session)
    assert len(spans) == 3
    assert all(a[1] <= b[0] + 1e-3 for a, b in zip(spans, spans[1:]))
    assert "All subprocesses done." in out
    assert Pool().sentence(run_of(session)) == \
        "3 tasks ran on 1 worker process, at most 1 at once."


def queue_waits(session):
    """The waits drawn on the "waiting for a worker" lane: {task name: (t0, t1, lane)}."""
    m = session.model
    wait = STATES.index("wait.io")
    return {m.names[name]: (float(t0), float(t1), m.lanes[lane])
            for t0, t1, lane, state, name in zip(m.spans["t0"], m.spans["t1"], m.spans["lane"],
                                                 m.spans["state"], m.spans["name"])
            if state == wait and m.lanes[lane].virtual}


def test_a_queued_task_waits_until_a_worker_frees_and_starts_it(lesson_run):
    session, out = lesson_run("process.pool", workers=2, tasks=5, seed=3)
    assert session.run.returncode == 0, out
    waits = queue_waits(session)
    assert len(waits) >= 3                  # 5 tasks, 2 workers: at least 3 wait in the queue
    main = session.model.processes[session.run.pid]
    assert all(lane.parent is main for *_, lane in waits.values())
    assert all(lane.label == "waiting for a worker" for lane, _ in session.model.rows()
               if lane.virtual and lane.name)
    tasks = {name: (t0, t1, pid) for t0, t1, pid, name in task_spans(session)}
    marks = session.model.marks
    close = [float(t) for t, n in zip(marks["t"], marks["name"])
             if session.model.names[n] == "close()"]
    freed_waits = 0
    for name, (w0, w1, _) in waits.items():
        t0, _, pid = tasks[name]
        assert w0 <= close[0]               # every task was queued before close()
        assert w1 <= t0                     # the wait ends where its task starts
        # ...and that is when the worker that runs it finished its previous task (a worker's
        # first task may have waited for the worker process to start instead): the wait
        # lasted until the worker was free, and most of it was spent while it was busy
        before = [s1 for s0, s1, p in tasks.values() if p == pid and s0 < t0]
        if before:
            free = max(before)
            assert w0 < free <= w1, f"{name} did not wait for a free worker"
            assert t0 - free < (free - w0), f"{name} started long after its worker was free"
            freed_waits += 1
    assert freed_waits >= 3                 # tasks 2, 3 and 4 each waited for a free worker


def test_the_figures_agree_with_the_timeline(lesson_run):
    session, out = lesson_run("process.pool", workers=2, tasks=5, seed=3)
    figures = session.model.result
    assert set(figures) == {"tasks_run", "worker_processes", "most_at_once", "queued_tasks",
                            "ended_before_last_started"}
    assert all(type(value) is int for value in figures.values())
    spans = task_spans(session)
    assert figures["tasks_run"] == len(spans) == 5
    assert figures["worker_processes"] == len({pid for _, _, pid, _ in spans}) == 2
    assert figures["most_at_once"] == 2
    assert figures["queued_tasks"] == len(queue_waits(session)) >= 3
    last = {name: t0 for t0, _, _, name in spans}["task 4"]
    assert figures["ended_before_last_started"] == sum(
        t1 <= last + 1e-3 for _, t1, _, name in spans if name != "task 4")


def test_the_last_pool_task_waits_for_a_free_worker(lesson_run):
    question = Pool().question({"workers": 2, "tasks": 3})
    session, out = lesson_run("process.pool", workers=2, tasks=3)
    run = run_of(session)
    right, words = question.answer(run)
    assert question.choices[right] == "As soon as a worker is free", words
    assert re.fullmatch(r"task 2 started at [\d.]+ s, when 1 of the other 2 tasks had ended",
                        words)
    # had both other tasks ended first, or none, the other choices would be right
    for ended, choice in ((2, "Only after all the other tasks are done"),
                          (0, "At once, with the first tasks")):
        edited = replace(run, result={**run.result, "ended_before_last_started": ended})
        assert question.choices[question.answer(edited)[0]] == choice
    assert question.answer(replace(run, result={})) == (None, "")


def test_the_sentence_counts_tasks_and_workers_with_plurals():
    def said(**figures):
        return Pool().sentence(Run("process.pool", {}, None, figures))
    assert said(tasks_run=1, worker_processes=1, most_at_once=1) == \
        "1 task ran on 1 worker process, at most 1 at once."
    assert said(tasks_run=7, worker_processes=3, most_at_once=3) == \
        "7 tasks ran on 3 worker processes, at most 3 at once."
    assert said(tasks_run=7) == ""
    assert Pool().compare_rows(Run("process.pool", {}, None, {
        "worker_processes": 3, "most_at_once": 3, "queued_tasks": 4})) == (
        ("worker processes", "3"), ("most tasks at once", "3"),
        ("tasks that waited for a worker", "4"))


def test_no_question_with_a_single_task():
    assert Pool().question({"workers": 2, "tasks": 1}) is None


def test_stop_in_the_middle_leaves_no_process():
    assert_nothing_left(stop_midway("process.pool", 3, workers=2, tasks=40), 3)
