"""async.wget claims, on real runs: the headers of every server are printed, the total is
about the longest delay, not the sum, one OS thread runs every connection (a task lane each),
and the lesson's servers are gone with it; Stop in the middle leaves nothing behind. The
figures, the sentence, the answer and the compare rows say the same."""
import re
from dataclasses import replace

import psutil

from gui.lessons import run_of, unit
from tests.lessons.stopping import assert_nothing_left, stop_midway
from tests.lessons.test_async_asyncio import os_threads, spans_on, task_lanes


def test_total_is_about_the_longest_delay_not_the_sum(lesson_run):
    delays = [0.3, 0.6, 0.9]
    session, out = lesson_run("async.wget", delays=",".join(map(str, delays)))
    assert session.run.returncode == 0, out
    lines = out.splitlines()
    ports = [m.group(1) for m in map(re.compile(r"^wget 127\.0\.0\.1:(\d+)\.\.\.$").match,
                                     lines) if m]
    assert len(ports) == 3 and lines[:3] == [f"wget 127.0.0.1:{p}..." for p in ports]
    for port, delay in zip(ports, delays):
        assert f"127.0.0.1:{port} header > HTTP/1.0 200 OK" in lines
        assert f"127.0.0.1:{port} header > X-Delay: {delay}" in lines
    # headers arrive in the order of the delays
    firsts = [lines.index(f"127.0.0.1:{p} header > HTTP/1.0 200 OK") for p in ports]
    assert firsts == sorted(firsts)
    total = float(re.search(r"^total: ([\d.]+) s", out, re.M).group(1))
    # at least the longest wait (a server cannot answer sooner), and nearer to it than to all
    # the waits one after another
    assert max(delays) * 0.9 <= total and total - max(delays) < sum(delays) - total
    # the figures say the same as the last line; the sentence and the answer read them
    run = run_of(session)
    assert set(run.result) == {"downloads", "total_s", "longest_wait_s", "waits_added_s"}
    assert run.result["downloads"] == 3 and f"{run.result['total_s']:.2f}" == f"{total:.2f}"
    assert (run.result["longest_wait_s"], run.result["waits_added_s"]) == (0.9, 1.8)
    wget = unit("async.wget")
    assert wget.sentence(run) == (
        f"Done in {total:.2f} s: about the longest wait (0.9 s), not all the waits one after "
        f"another (1.8 s).")
    assert dict(wget.compare_rows(run)) == {"all downloads done in": f"{total:.2f} s",
                                            "the longest wait": "0.9 s",
                                            "all the waits added up": "1.8 s"}
    question = wget.question(session.values)
    assert question.answer(run) == (0, f"done in {total:.2f} s")
    # had the downloads gone one after another, the other choice would be right
    assert question.answer(replace(run, result=dict(run.result, total_s=1.83)))[0] == 1
    # the picture: one OS thread; a task lane per connection, mostly waiting on readline
    assert [t.name for t in os_threads(session)] == ["MainThread"]
    tasks = task_lanes(session)
    # titled by what the lesson calls, never asyncio's own "Task-5"
    assert not [name for name in tasks if name.startswith("Task-")], sorted(tasks)
    wgets = [lane for name, lane in tasks.items() if name.startswith("wget('127.0.0.1', ")]
    servers = [lane for name, lane in tasks.items()
               if name in {f"slow_server({d}, …)" for d in delays}]
    assert len(wgets) == 3 and len(servers) == 3
    waits = []
    for lane in wgets:
        assert spans_on(session.model, lane, "run")
        names = [n for *_, n in spans_on(session.model, lane, "wait.io")]
        assert "readline" in names and "open_connection" in names
        waits.append(max(spans_on(session.model, lane, "wait.io"), key=lambda s: s[1] - s[0]))
    assert max(w[0] for w in waits) < min(w[1] for w in waits)      # all waiting at once
    # the servers lived in the lesson's process, which is gone: no listening socket left
    assert not psutil.pid_exists(session.run.pid) or \
        psutil.Process(session.run.pid).status() == psutil.STATUS_ZOMBIE


def test_stop_midway_leaves_nothing_behind():
    stopped = stop_midway("async.wget", 1, delays="20,30")
    assert_nothing_left(stopped, at_least=1)
