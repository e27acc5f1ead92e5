"""async.asyncio claims, on real runs: both first lines before both second lines, the whole
run takes about one sleep (not two), one OS thread, and each task has its own lane with run
slices and `sleep` waits."""
from gui.trace.model import STATES


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
    hellos = [lane for name, lane in tasks.items() if name.endswith("hello()")]
    assert len(hellos) == 2 and any(name.endswith("main()") for name in tasks)
    assert all(lane.parent is threads[0] for lane in tasks.values())
    model = session.model
    sleeps = []
    for lane in hellos:
        runs, waits = spans_on(model, lane, "run"), spans_on(model, lane, "wait.io")
        assert len(runs) == 2 and [name for *_, name in waits] == ["sleep"]
        (w0, w1, _), = waits
        assert runs[0][1] <= w0 + 1e-6 and w1 <= runs[1][0] + 1e-6   # run, sleep, run
        assert w1 - w0 >= sleep_s * 0.9
        sleeps.append((w0, w1))
    (a0, a1), (b0, b1) = sleeps
    assert max(a0, b0) < min(a1, b1)                     # the two sleeps overlap in time
    # one thread runs the tasks: their run slices never overlap
    runs = sorted(r for lane in tasks.values() for r in spans_on(model, lane, "run"))
    assert all(x[1] <= y[0] + 1e-6 for x, y in zip(runs, runs[1:]))
