"""async.gevent_io claims, on real runs: monkey-patched downloads wait for their server at the
same time, so the whole takes about the longest delay, not the sum; one OS thread; Stop
works mid-wait; the lesson's server is gone when it ends. The figures say the same as the
console, and the sentence, the answer and the compare rows read them."""
import re
import socket
from dataclasses import replace

import pytest

from gui.lessons import Run, run_of, unit
from gui.trace.model import STATES
from tests.lessons.stopping import assert_nothing_left, stop_midway

TOOK = re.compile(r"(\d+) downloads took ([\d.]+) s")


def downloads(session):
    """The sublanes of the three download greenlets, Greenlet-0 (f), ..."""
    return sorted((lane for lane in session.model.lanes
                   if lane.sublane and lane.pid == session.run.pid and lane.name.endswith("(f)")),
                  key=lambda lane: lane.name)


def waits_on(model, lane):
    s = model.spans
    keep = (s["lane"] == lane.id) & (s["state"] == STATES.index("wait.io"))
    return sorted((float(a), float(b)) for a, b in zip(s["t0"][keep], s["t1"][keep]))


@pytest.mark.parametrize("delays", ["0.3,0.6,0.9", "0.5,0.5,0.5,0.5"])
def test_total_time_is_the_longest_delay_not_the_sum(lesson_run, delays):
    values = [float(d) for d in delays.split(",")]
    session, out = lesson_run("async.gevent_io", delays=delays)
    assert session.run.returncode == 0, out
    count, took = TOOK.search(out).groups()
    assert int(count) == len(values)
    # at least the longest wait (the server cannot answer sooner), and nearer to it than to
    # all the waits one after another
    took = float(took)
    assert max(values) * 0.9 <= took and took - max(values) < sum(values) - took
    # every GET goes out before the first answer comes back
    lines = out.splitlines()
    gets = [i for i, line in enumerate(lines) if line.startswith("GET: ")]
    received = [i for i, line in enumerate(lines) if "bytes received from" in line]
    assert len(gets) == len(received) == len(values) and max(gets) < min(received)
    # the figures say what the last line says; the answer reads them
    run = run_of(session)
    assert run.result == {"downloads": len(values), "total_s": run.result["total_s"],
                          "longest_wait_s": max(values), "waits_added_s": round(sum(values), 3)}
    assert f"{run.result['total_s']:.2f}" == f"{took:.2f}"
    question = unit("async.gevent_io").question(session.values)
    assert question.answer(run) == (0, f"done in {run.result['total_s']:.2f} s")
    added = replace(run, result=dict(run.result, total_s=sum(values) + 0.05))
    assert question.answer(added)[0] == 1


def test_the_greenlets_wait_together_in_one_thread(lesson_run):
    session, out = lesson_run("async.gevent_io", delays="0.3,0.6,0.9")
    assert session.run.returncode == 0, out
    model, pid = session.model, session.run.pid
    threads = [lane for lane in model.lanes if lane.kind == "thread" and lane.pid == pid
               and not lane.sublane and not lane.virtual]
    assert [lane.name for lane in threads] == ["MainThread"]
    lanes = downloads(session)
    assert len(lanes) == 3 and all(lane.parent is threads[0] for lane in lanes)
    # each download's longest wait; all three are under way at one moment
    longest = [max(waits_on(model, lane), key=lambda w: w[1] - w[0]) for lane in lanes]
    assert max(w[0] for w in longest) < min(w[1] for w in longest)
    for (t0, t1), delay in zip(longest, (0.3, 0.6, 0.9)):
        assert t1 - t0 >= 0.9 * delay
    # the server's handler greenlets live in the same thread
    servers = [lane for lane in model.lanes if lane.sublane and "WSGIServer" in lane.name]
    assert len(servers) == 3 and all(lane.parent is threads[0] for lane in servers)


def test_the_sentence_and_the_compare_rows_read_the_figures():
    run = Run("async.gevent_io", {"delays": "0.3,0.6,0.9"}, None,
              {"downloads": 3, "total_s": 0.914, "longest_wait_s": 0.9, "waits_added_s": 1.8})
    gevent_io = unit("async.gevent_io")
    assert gevent_io.sentence(run) == ("Done in 0.91 s: about the longest wait (0.9 s), not "
                                       "all the waits one after another (1.8 s).")
    assert gevent_io.compare_rows(run) == (("all downloads done in", "0.91 s"),
                                           ("the longest wait", "0.9 s"),
                                           ("all the waits added up", "1.8 s"))
    assert gevent_io.sentence(replace(run, result={})) == ""
    assert gevent_io.question({"delays": "0.4"}) is None         # one download: no question


def test_the_server_is_gone_after_the_lesson(lesson_run):
    session, out = lesson_run("async.gevent_io", delays="0.2,0.1")
    assert session.run.returncode == 0, out
    port = int(re.search(r"GET: http://127\.0\.0\.1:(\d+)/", out).group(1))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_stop_midway_leaves_nothing(lesson_run):
    stopped = stop_midway("async.gevent_io", 1, delays="30,30,30")
    assert_nothing_left(stopped, at_least=1)
