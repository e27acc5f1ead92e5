"""async.asyncio claims, on real runs: both first lines before both second lines, the whole
run takes about one sleep (not two), one OS thread, and each task has its own lane with run
slices and `sleep` waits. The figures give the total; the sentence, the question's answer
and the compare rows read it."""
from dataclasses import replace

from gui.lessons import Run, run_of, unit
from gui.trace.model import STATES
from workloads import catalog

ASYNCIO = unit("async.asyncio")


def task_lanes(session):
    """{lane name: Lane} of the asyncio task sublanes of the lesson's main process."""
    return {lane.name: lane for lane in session.model.lanes
            if getattr(lane, "sublane", False) and lane.pid == session.run.pid}


def os_threads(session):
    return [lane for lane in session.model.lanes if lane.kind == "thread"
            and lane.pid == session.run.pid and not lane.virtual
            and not getattr(lane, "sublane", False)]


def spans_on(model, lane, state):
    s = model.spans
    keep = (s["lane"] == lane.id) & (s["state"] == STATES.index(state))
    return sorted((float(a), float(b), model.names[n])
                  for a, b, n in zip(s["t0"][keep], s["t1"][keep], s["name"][keep]))


def test_both_first_lines_come_first_and_the_sleeps_overlap(lesson_run):
    sleep_s = 0.4
    session, out = lesson_run("async.asyncio", sleep_s=sleep_s)
    assert session.run.returncode == 0, out
    lines = out.splitlines()
    assert lines[:4] == ["Hello world! (A, MainThread)", "Hello world! (B, MainThread)",
                         "Hello again! (A, MainThread)", "Hello again! (B, MainThread)"]
    total = float(lines[4].split()[1])
    assert sleep_s * 0.9 <= total < 2 * sleep_s       # one sleep, not two one after another
    # one OS thread: every task lane hangs under it
    threads = os_threads(session)
    assert [t.name for t in threads] == ["MainThread"]
    tasks = task_lanes(session)
    # each task's lane is titled by its call, as the lesson writes it
    assert sorted(tasks) == ["hello('A', 0.4)", "hello('B', 0.4)", "main(0.4)"]
    hellos = [lane for name, lane in tasks.items() if name.startswith("hello(")]
    assert all(lane.parent is threads[0] for lane in tasks.values())
    model = session.model
    sleeps = []
    for lane in hellos:
        runs, waits = spans_on(model, lane, "run"), spans_on(model, lane, "wait.io")
        assert len(runs) == 2 and [name for *_, name in waits] == ["sleep 0.4 s"]
        (w0, w1, _), = waits
        assert runs[0][1] <= w0 + 1e-6 and w1 <= runs[1][0] + 1e-6   # run, sleep, run
        assert w1 - w0 >= sleep_s * 0.9
        sleeps.append((w0, w1))
    (a0, a1), (b0, b1) = sleeps
    assert max(a0, b0) < min(a1, b1)                     # the two sleeps overlap in time
    # one thread runs the tasks: their run slices never overlap
    runs = sorted(r for lane in tasks.values() for r in spans_on(model, lane, "run"))
    assert all(x[1] <= y[0] + 1e-6 for x, y in zip(runs, runs[1:]))
    # the thread's own lane, a row above its tasks: a run slice for every step of every
    # task, named after the task, one at a time; and the loop idle in select between them
    rows = [(lane, depth) for lane, depth in model.rows()]
    thread_row = [depth for lane, depth in rows if lane is threads[0]]
    assert thread_row and all(depth == thread_row[0] + 1 for lane, depth in rows
                              if lane in tasks.values())
    steps = spans_on(model, threads[0], "run")
    assert [(a, b) for a, b, _ in steps] == [(a, b) for a, b, _ in runs]
    assert {name for *_, name in steps} == set(tasks)
    assert all(x[1] <= y[0] + 1e-6 for x, y in zip(steps, steps[1:]))
    idle = spans_on(model, threads[0], "wait.io")
    assert idle and {name for *_, name in idle} == {"waiting in select"}
    longest = max(idle, key=lambda s: s[1] - s[0])       # while both tasks sleep
    assert longest[1] - longest[0] >= sleep_s * 0.8
    assert not any(a < longest[1] and longest[0] < b for a, b, _ in steps)


def test_asyncio_total_time_picks_the_nearer_choice(lesson_run):
    session, out = lesson_run("async.asyncio", sleep_s=0.3)
    assert session.run.returncode == 0, out
    run = run_of(session)
    assert set(run.result) == {"total_s", "sleep_s"} and run.result["sleep_s"] == 0.3
    total = run.result["total_s"]
    assert out.splitlines()[-1] == f"total: {total:.2f} s"          # what the console says
    question = ASYNCIO.question(catalog.resolve("async.asyncio", {"sleep_s": "0.3"}))
    assert question.choices == ("About 0.3 s", "About 0.6 s")
    right, words = question.answer(run)
    assert right == 0 and words == f"total {total:.2f} s", out     # the sleeps overlap
    assert question.answer(replace(run, result=dict(run.result, total_s=0.61)))[0] == 1
    assert question.answer(replace(run, result={}))[0] is None
    assert ASYNCIO.sentence(run) == (f"Two tasks each slept 0.3 s and the run took "
                                     f"{total:.2f} s: the sleeps overlapped.")
    assert ASYNCIO.compare_rows(run) == (("total time", f"{total:.2f} s"),)


def test_a_run_as_long_as_both_sleeps_reads_one_after_the_other():
    run = Run("async.asyncio", {"sleep_s": 1.0}, None, {"total_s": 2.01, "sleep_s": 1.0})
    assert ASYNCIO.sentence(run) == ("Two tasks each slept 1 s and the run took 2.01 s: one "
                                     "sleep after the other.")
