"""Each question's answer is read from the run itself: real runs of the lessons give the right
choice, and the same output with the measured figure changed gives the other choice."""
import asyncio
import re

import pytest

from gui import questions
from gui.run.session import LessonSession
from tests.lessons.conftest import run_lesson
from workloads import catalog


def asked(lesson_id, **settings):
    """(question, session, output) of one real run with these parameters."""
    values = catalog.resolve(lesson_id, settings)
    question = questions.question(lesson_id, values)
    assert question is not None and 2 <= len(question.choices) <= 5
    session, out = run_lesson(lesson_id, **settings)
    assert session.run.returncode == 0, out
    return question, session, out


def answer(question, session, output):
    return question.answer(session.values, session.model, output)


@pytest.mark.parametrize("variant", ["naive", "locked"])
def test_race_answer_follows_the_printed_balance(variant):
    question, session, out = asked("threads.race", variant=variant, iterations=20_000)
    balance = int(re.search(r"^final balance: (-?\d+)$", out, re.M).group(1))
    right, words = answer(question, session, out)
    assert right == (0 if balance == 0 else 1), out
    assert f"balance {balance:,}" in words
    if variant == "locked":
        assert right == 0 and "no update lost" in words
    # the same run, had it ended elsewhere: the other choice is right
    other = -1_042_318 if balance == 0 else 0
    edited = re.sub(r"^final balance: -?\d+$", f"final balance: {other}", out, flags=re.M)
    edited = re.sub(r"^lost updates: .*$", "lost updates: at least 130290", edited, flags=re.M)
    right, words = answer(question, session, edited)
    assert right == (0 if other == 0 else 1)
    assert f"balance {other:,}" in words


def test_fork_returns_twice_and_the_answer_counts_the_returns():
    question, session, out = asked("process.fork")
    child = re.search(r"I am child process \((\d+)\)", out).group(1)
    right, words = answer(question, session, out)
    assert question.choices[right].startswith("Twice")
    assert f"{child} and 0" in words and "2 processes" in words
    parent_only = "\n".join(line for line in out.splitlines()
                            if not line.startswith("I am child process"))
    assert answer(question, session, parent_only)[0] == 0


def test_asyncio_total_time_picks_the_nearer_choice():
    question, session, out = asked("async.asyncio", sleep_s=0.3)
    assert question.choices == ("About 0.3 s", "About 0.6 s")
    total = float(re.search(r"^total: ([\d.]+) s", out, re.M).group(1))
    right, words = answer(question, session, out)
    assert right == (0 if total < 0.45 else 1) and f"{total:.2f} s" in words
    assert right == 0, out                  # the two sleeps overlap: about one sleep
    edited = re.sub(r"^total: [\d.]+ s", "total: 0.61 s", out, flags=re.M)
    assert answer(question, session, edited)[0] == 1


def test_the_task_of_the_killed_worker_never_comes_back():
    question, session, out = asked("distributed.worker_crash", tasks=4)
    lost = re.search(r"^Task #(\d+) .* never came back\.$", out, re.M).group(1)
    right, words = answer(question, session, out)
    assert question.choices[right].startswith("No")
    assert f"task #{lost} never came back: 3 of 4 results" in words
    # had a queue with acknowledgements handed it out again, every result would be back
    acked = re.sub(r"^Task #\d+ .* never came back\.$\n?", "", out, flags=re.M)
    acked = re.sub(r"^3 of 4 results came back", "4 of 4 results came back", acked, flags=re.M)
    assert answer(question, session, acked)[0] == 0


def test_threads_share_one_core_and_the_answer_reads_the_cores_used():
    question, session, out = asked("threads.gil", variant="threads", workers=2, seconds=0.5)
    used = float(re.search(r"^CPU used: ([\d.]+) cores", out, re.M).group(1))
    right, words = answer(question, session, out)
    assert right == 0 and used < 1.5, out
    assert words == f"{used:.1f} cores used"
    edited = re.sub(r"^CPU used: [\d.]+ cores", "CPU used: 1.93 cores", out, flags=re.M)
    assert answer(question, session, edited)[0] == 1


@pytest.mark.parametrize("variant, right", [("no_sleep", 0), ("sleep0", 1)])
def test_greenlets_run_one_after_another_unless_they_give_way(variant, right):
    question, session, out = asked("async.gevent", variant=variant, greenlets=3)
    assert answer(question, session, out)[0] == right
    shuffled = out.replace("Greenlet-0 1\n", "Greenlet-2 9\n", 1)
    assert answer(question, session, shuffled)[0] == 2


def test_the_last_pool_task_waits_for_a_free_worker():
    question, session, out = asked("process.pool", workers=2, tasks=3)
    right, words = answer(question, session, out)
    assert question.choices[right] == "As soon as a worker is free", words
    assert re.fullmatch(r"task 2 started at [\d.]+ s, when 1 of the other 2 tasks had ended",
                        words)


def test_a_deadlock_is_answered_while_it_lasts_and_the_ordered_locks_at_the_end():
    question, session, out = asked("threads.deadlock", variant="ordered")
    assert question.live and answer(question, session, out) == (0, "both threads finished")

    values = catalog.resolve("threads.deadlock", {"variant": "deadlock"})
    question = questions.question("threads.deadlock", values)

    async def until_answered():
        session = LessonSession("threads.deadlock", {"variant": "deadlock"})
        await session.start()
        try:
            for _ in range(1500):
                right, words = question.answer(values, session.model, "")
                if right is not None:
                    return right, words
                await asyncio.sleep(0.02)
            raise AssertionError("no deadlock seen within 30 s")
        finally:
            await session.stop()

    right, words = asyncio.run(until_answered())
    assert question.choices[right].startswith("No")
    assert words == ("Deadlock: Thread-1 holds lock_a and waits for lock_b; "
                     "Thread-2 holds lock_b and waits for lock_a")
