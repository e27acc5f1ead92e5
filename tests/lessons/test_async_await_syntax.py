"""async.await_syntax claims, on real runs: the async def and the generator-based version
print the same lines in the same order, take about the same time and draw the same lanes. The
figures give each version's time; the sentence, the answer and the compare rows read them."""
import asyncio
import os
import re
from dataclasses import replace

import pytest

from gui.lessons import run_of, unit
from gui.run.session import LessonSession

from tests import pythons_here
from tests.lessons.test_async_asyncio import os_threads, spans_on, task_lanes

SLEEP_S = 0.5       # each hello sleeps this long; two hellos side by side take one sleep, not two
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
    assert list(lines)[:2] == ["hello_new", "hello_old"]
    check_original_form(session, out, lines, times)
    assert lines["hello_new"] == lines["hello_old"] == [
        "Hello world! (A, MainThread)", "Hello world! (B, MainThread)",
        "Hello again! (A)", "Hello again! (B)"]
    assert all(0.9 * SLEEP_S <= times[k] < 2 * SLEEP_S for k in ("hello_new", "hello_old"))
    assert [t.name for t in os_threads(session)] == ["MainThread"]
    tasks = task_lanes(session)
    for kind in ("hello_new", "hello_old"):
        lanes = [lane for name, lane in tasks.items() if name.startswith(f"{kind}(")]
        assert len(lanes) == 2, sorted(tasks)
        for lane in lanes:
            assert len(spans_on(session.model, lane, "run")) == 2
            assert [n for *_, n in spans_on(session.model, lane, "wait.io")] == ["sleep 0.5 s"]
    check_figures(run_of(session), times)


def check_figures(run, times):
    """The figures are the times the console printed, and what the window says reads them."""
    named = {"async_await_s": "hello_new", "old_syntax_s": "hello_old",
             "asyncio_coroutine_s": "hello_asyncio_coroutine"}
    assert {name for name, version in named.items() if version in times} | (
        {"asyncio_coroutine_python"} if "hello_asyncio_coroutine" in times else set()
    ) == set(run.result)
    for name, version in named.items():
        if version in times:
            assert f"{run.result[name]:.2f}" == f"{times[version]:.2f}"
    new, old = run.result["async_await_s"], run.result["old_syntax_s"]
    sentence = unit("async.await_syntax").sentence(run)
    assert sentence.startswith(f"async/await took {new:.2f} s, the generator form (yield "
                               f"from) {old:.2f} s.")
    if "asyncio_coroutine_s" in run.result:
        assert sentence.endswith(f" @asyncio.coroutine on Python "
                                 f"{run.result['asyncio_coroutine_python']} took "
                                 f"{run.result['asyncio_coroutine_s']:.2f} s.")


def check_original_form(session, out, lines, times):
    """@asyncio.coroutine itself ran under a Python that still has it, in a process of its
    own, with the same lines, or the console says no such Python is on the machine."""
    assert list(lines)[2:] == ["hello_asyncio_coroutine"]
    older = [i for i in pythons_here.found() if i.usable and i.version[:2] < (3, 11)]
    if not older and "hello_asyncio_coroutine" not in times:
        assert lines["hello_asyncio_coroutine"] == [
            "No Python 3.10 or older on this machine: @asyncio.coroutine was removed in "
            "3.11, so the original form cannot run here."]
        return
    assert lines["hello_asyncio_coroutine"] == lines["hello_new"]
    assert 0.9 * SLEEP_S <= times["hello_asyncio_coroutine"] < 2 * SLEEP_S
    version = re.search(r"^hello_asyncio_coroutine: [\d.]+ s \(Python (\d+)\.(\d+)", out, re.M)
    assert (int(version.group(1)), int(version.group(2))) < (3, 11)
    child, = [p for p in session.model.processes.values()
              if p.name.endswith("@asyncio.coroutine")]
    assert child.parent is not None and child.parent.pid == session.run.pid
    assert child.name.startswith(f"Python {version.group(1)}.{version.group(2)}")


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


def test_neither_spelling_is_faster_and_the_answer_reads_the_figures(lesson_run):
    session, out = lesson_run("async.await_syntax")
    assert session.run.returncode == 0, out
    run = run_of(session)
    await_syntax = unit("async.await_syntax")
    question = await_syntax.question(session.values)
    new, old = run.result["async_await_s"], run.result["old_syntax_s"]
    assert question.answer(run) == (2, f"async/await {new:.2f} s, old syntax {old:.2f} s")
    # had one spelling been clearly slower, the other would be the answer
    assert question.answer(replace(run, result=dict(run.result, old_syntax_s=2 * new)))[0] == 0
    assert question.answer(replace(run, result=dict(run.result, async_await_s=2 * old)))[0] == 1
    assert question.answer(replace(run, result={}))[0] is None
    rows = dict(await_syntax.compare_rows(run))
    assert rows["async/await"] == f"{new:.2f} s"
    assert rows["the old syntax (yield from)"] == f"{old:.2f} s"
    if "asyncio_coroutine_python" in run.result:
        assert rows["the Python that ran @asyncio.coroutine"] == \
            run.result["asyncio_coroutine_python"]
