"""async.await_syntax claims, on real runs: the async def and the generator-based version
print the same lines in the same order, take about the same time and draw the same lanes."""
import asyncio
import os

import pytest

from gui.run.session import LessonSession

from tests.lessons.test_async_asyncio import os_threads, spans_on, task_lanes

PYTHONS = ["/root/.pyenv/versions/3.9.18/bin/python3", "/root/.pyenv/versions/3.13.0/bin/python3"]


def halves(out):
    """The console split into the two versions: ({name: lines}, {name: seconds})."""
    lines, times, current = {}, {}, None
    for line in out.splitlines():
        if line.startswith("-- "):
            current = line.strip("- ")
            lines[current] = []
        elif line.startswith(f"{current}: "):
            times[current] = float(line.split()[1])
        else:
            lines[current].append(line)
    return lines, times


def check(session, out):
    assert session.run.returncode == 0, out
    lines, times = halves(out)
    assert list(lines) == ["hello_new", "hello_old"]
    assert lines["hello_new"] == lines["hello_old"] == [
        "Hello world! (A, MainThread)", "Hello world! (B, MainThread)",
        "Hello again! (A)", "Hello again! (B)"]
    assert 0.45 <= times["hello_new"] and 0.45 <= times["hello_old"]
    assert abs(times["hello_new"] - times["hello_old"]) < 0.5       # both ~0.5 s
    assert [t.name for t in os_threads(session)] == ["MainThread"]
    tasks = task_lanes(session)
    for kind in ("hello_new", "hello_old"):
        lanes = [lane for name, lane in tasks.items() if name.endswith(f"{kind}()")]
        assert len(lanes) == 2, sorted(tasks)
        for lane in lanes:
            assert len(spans_on(session.model, lane, "run")) == 2
            assert [n for *_, n in spans_on(session.model, lane, "wait.io")] == ["sleep"]


def test_both_spellings_behave_the_same(lesson_run):
    check(*lesson_run("async.await_syntax"))


def run_under(python, lesson_id):
    out = []

    async def go():
        session = LessonSession(lesson_id, {}, python=python,
                                on_output=lambda stream, text: out.append(text))
        await session.start()
        await asyncio.wait_for(session.wait(), 120)
        return session

    return asyncio.run(go()), "".join(out)


@pytest.mark.parametrize("python", PYTHONS)
def test_both_spellings_behave_the_same_on_old_and_new_pythons(python):
    if not os.path.exists(python):
        pytest.skip(f"{python} not installed")
    check(*run_under(python, "async.await_syntax"))
