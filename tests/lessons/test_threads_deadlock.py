"""threads.deadlock claims, on real runs: the wait-for graph shows the cycle within 2 s of
its forming, and Stop ends the deadlocked program; the fixed variants finish on their own,
and the timeout variant's brief circle of timed waits is not reported as a deadlock."""
import asyncio
import time
from dataclasses import replace

import pytest

from gui.lessons import run_of, unit
from gui.run.session import LessonSession
from gui.trace.waitfor import find_cycle, find_deadlock, wait_for_graph
from tests.lessons.stopping import alive
from workloads import catalog

DEADLOCK = unit("threads.deadlock")
CYCLE = ("Deadlock: Thread-1 holds lock_a and waits for lock_b; "
         "Thread-2 holds lock_b and waits for lock_a")


async def watch(variant, stop_at_deadlock, timeout=90, each=None):
    """Run the lesson, checking the wait-for graph every 20 ms as the panel would; `each(run)`
    is called with the live `Run` at every check. Returns (session, output, deadlock or None,
    model time it was found, cycles seen)."""
    out = []
    session = LessonSession("threads.deadlock", {"variant": variant},
                            on_output=lambda stream, text: out.append(text))
    await session.start()
    found, found_at, cycles = None, None, []
    deadline = time.monotonic() + timeout
    try:
        while session.run.running and time.monotonic() < deadline:
            if each is not None:
                each(run_of(session))
            cycle = find_cycle(wait_for_graph(session.model))
            if cycle is not None:
                cycles.append(cycle)
            found = find_deadlock(session.model)
            if found is not None:
                found_at = (time.perf_counter_ns() - session.model.origin_ns) * 1e-9
                if stop_at_deadlock:
                    break
            await asyncio.sleep(0.02)
    finally:
        if session.run.running:
            await session.stop()
        else:
            await session.wait()
    return session, "".join(out), found, found_at, cycles


def test_the_deadlock_is_found_within_two_seconds_and_stop_ends_it():
    question = DEADLOCK.question(catalog.resolve("threads.deadlock", {"variant": "deadlock"}))
    assert question.live
    answers = []
    session, out, found, found_at, _ = asyncio.run(watch(
        "deadlock", stop_at_deadlock=True, each=lambda run: answers.append(question.answer(run))))
    assert found is not None, f"no deadlock seen; output:\n{out}"
    # measured on the trace's own clock: from the moment the second wait began (the cycle
    # closed) to the moment the graph showed it
    assert found_at - found.since < 2.0
    steps = {(s.thread, s.holds, s.waits_for) for s in found.cycle}
    assert steps == {("Thread-1", "lock_a", "lock_b"), ("Thread-2", "lock_b", "lock_a")}
    assert found.describe() == CYCLE
    # the program never ends by itself: it was still running, so Stop ended it
    assert session.run.stopped_by == "you"
    assert session.run.leftovers == []
    assert not alive(session.run.pid)
    assert "Thread-1: waits for lock_b" in out and "Thread-2: waits for lock_a" in out
    assert "both threads finished" not in out
    # the question was answered while the deadlock lasted; until then it could not tell
    assert answers[0] == (None, "") and answers[-1] == (1, CYCLE)
    assert question.choices[1].startswith("No")
    # after Stop: no figures (the threads never finished), and the sentence, the answer and
    # the compare rows read the waits that lasted to the end
    run = run_of(session)
    assert "threads_finished" not in run.result
    assert DEADLOCK.sentence(run) == CYCLE
    assert question.answer(run) == (1, CYCLE)
    assert DEADLOCK.compare_rows(run) == (("deadlock", "yes"),)


@pytest.mark.parametrize("variant", ["ordered", "timeout"])
def test_the_fixed_variants_finish_without_a_deadlock(variant):
    session, out, found, _, cycles = asyncio.run(watch(variant, stop_at_deadlock=False))
    assert session.run.returncode == 0, out
    assert "both threads finished" in out
    assert found is None
    assert out.count("transfer done") == 2
    if variant == "ordered":
        assert cycles == []                     # one order: no circle can ever form
    else:
        assert "gave up on" in out              # the first try always collides
        assert all(not c.permanent for c in cycles)
    # the figures: both threads finished; how often a thread gave up, as the console says
    result = session.model.result
    assert result == {"threads_finished": 2, "gave_up": out.count("gave up on")}
    assert (result["gave_up"] == 0) == (variant == "ordered")


def test_the_ordered_locks_answer_yes_and_the_sentence_counts_the_give_ups(lesson_run):
    values = catalog.resolve("threads.deadlock", {"variant": "ordered"})
    question = DEADLOCK.question(values)
    session, out = lesson_run("threads.deadlock", variant="ordered")
    assert session.run.returncode == 0, out
    run = run_of(session)
    assert question.answer(run) == (0, "both threads finished")
    assert DEADLOCK.sentence(run) == "No deadlock: both threads got both locks and finished."
    assert DEADLOCK.compare_rows(run) == (("deadlock", "no"), ("threads finished", "2"),
                                          ("times a thread gave up and retried", "0"))
    # the same run had the threads given up once, three times; or not finished at all
    once = replace(run, result=dict(run.result, gave_up=1))
    assert DEADLOCK.sentence(once) == ("No deadlock: both threads got both locks and "
                                       "finished, after giving up 1 time.")
    thrice = replace(run, result=dict(run.result, gave_up=3))
    assert DEADLOCK.sentence(thrice).endswith("after giving up 3 times.")
    stuck = replace(run, result=dict(run.result, threads_finished=0))
    assert question.answer(stuck)[0] is None and DEADLOCK.sentence(stuck) == ""


def test_a_deadlock_read_back_from_a_file_is_found_though_its_times_were_rounded():
    """A trace file keeps times to the microsecond, so a wait that lasted to the process's
    end may read back a hair shorter than the process: it still lasted to the end (a
    replayed deadlock once lost its cycle in a third of the runs)."""
    from gui.lessons import Run, unit
    from gui.trace.model import STATES, TraceModel
    model = TraceModel()
    process = model.process(7, 1, "MainProcess", 0.0)
    hold, wait = STATES.index("lock.hold"), STATES.index("wait.lock")
    for key, name, held, wanted in ((1, "Thread-1", "lock_a", "lock_b"),
                                    (2, "Thread-2", "lock_b", "lock_a")):
        lane = model.thread_started(7, key, key, name, 0.01)
        model.add_spans([0.1, 0.3], [0.4262, 0.4262], [lane.id, lane.id], [hold, wait],
                        [model.name_id(held), model.name_id(wanted)])
    model.process_ended(process, 0.4262004)             # the end, not rounded the same way
    process.exit_code = -15
    run = Run("threads.deadlock", {"variant": "deadlock"}, model)
    assert unit("threads.deadlock").sentence(run) == (
        "Deadlock: Thread-1 holds lock_a and waits for lock_b; "
        "Thread-2 holds lock_b and waits for lock_a")
