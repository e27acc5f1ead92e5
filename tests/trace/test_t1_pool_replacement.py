"""A Pool starts a new worker when one dies; the new worker's tasks are drawn on its own
process row, never on a lane named after the pool's thread that forked it. Work cut short by
the kill or by Stop stays drawn, and its bar says so."""
import asyncio
import os
import signal

import psutil

from gui.run.session import LessonSession
from gui.trace.model import STATES, TraceModel

TASK = STATES.index("task")


def tasks_by_row(model):
    """{task name: (label of the row it is drawn on, why it was cut)}."""
    rows, lane_rows, s = model.rows(), model.lane_rows(), model.spans
    return {model.names[s["name"][i]]: (rows[lane_rows[s["lane"][i]]][0].label,
                                        model.cut_reason(i))
            for i in range(len(s)) if s["state"][i] == TASK}


def kill_a_worker_until_the_pool_replaces_it():
    """Run process.pool, SIGKILL one of its busy workers (a process this run started), wait
    until the worker the pool starts instead runs a task, then stop the run."""
    async def go():
        session = LessonSession("process.pool", {"workers": "2", "tasks": "8", "seed": "1"})
        await session.start()
        model = session.model
        try:
            for _ in range(1500):
                if sum(key[1] == TASK for key in model.open_spans) >= 2:
                    break
                await asyncio.sleep(0.02)
            ours = {p.pid for p in psutil.Process(session.run.process.pid).children(True)}
            first = [pid for pid, lane in model.processes.items()
                     if "PoolWorker" in lane.name and pid in ours]
            # the worker whose task began last: the most of its task is still ahead of it
            _, victim = max((t, model.lanes[lane].pid) for (lane, state, _), t
                            in model.open_spans.items() if state == TASK)
            assert victim in first
            os.kill(victim, signal.SIGKILL)
            for _ in range(1500):
                if any(model.lanes[lane].pid not in first + [session.run.process.pid]
                       for lane, state, _ in model.open_spans if state == TASK):
                    break
                await asyncio.sleep(0.02)
            return model, victim
        finally:
            await session.stop()
    return asyncio.run(go())


def test_a_replacement_pool_worker_runs_its_tasks_on_its_own_process_row(qtbot):
    model, killed = kill_a_worker_until_the_pool_replaces_it()
    labels = [lane.label for lane, _ in model.rows()]
    assert not [label for label in labels if "_handle_workers" in label]
    workers = [label for label in labels if "Pool worker" in label]
    assert len(workers) == 3                        # two at the start, one started again
    drawn = tasks_by_row(model)
    replacement = workers[-1]
    assert any(row == replacement for row, _ in drawn.values())
    assert all(row in workers for row, _ in drawn.values())
    # the task the killed worker held ends where it died, marked as killed
    row_of_killed, = [label for label in workers if label.startswith(f"PID {killed} ·")]
    assert [why for row, why in drawn.values() if row == row_of_killed and why] == ["killed"]
    # in the window: every task cut short is a bar that says why
    from gui.views.timeline_view import TimelineView
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    qtbot.waitExposed(view)
    from gui.views.palette import LIGHT
    view.apply_look(LIGHT, 1.0)
    view.set_model(model)
    view.plot.grab()
    view.timer.stop()
    written = {text for _, text in view.spans.drawn_labels}
    s = model.spans
    stopped = [i for i in model.cut if model.cut_reason(i) == "stopped"]
    widest = max(stopped, key=lambda i: s["t1"][i] - s["t0"][i])     # ran from long before
    assert f"{model.names[s['name'][widest]]} · cut by Stop" in written


def test_a_thread_the_os_calls_main_shares_its_process_row_whatever_its_name():
    model = TraceModel()
    model.process(10, 0, "MainProcess", start=0.0)
    model.process(11, 10, "ForkPoolWorker-3", start=0.1)
    # the one thread of a child forked from the pool's helper thread: its id is the pid
    lane = model.thread_started(11, 5, 11, "Thread-1 (_handle_workers)", 0.1)
    model.add_spans([0.2], [0.4], [lane.id], [TASK], [model.name_id("task 8")])
    assert [(row.label, depth) for row, depth in model.rows()] == [
        ("PID 10 · main process", 0), ("PID 11 · Pool worker 3", 1)]
    assert lane.label == "MainThread"
