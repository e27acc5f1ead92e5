"""async.aiohttp claims, on real runs: N concurrent requests to handlers that await 0.5 s are
all answered in about 0.5 s (the requests overlap on the server); with handlers that block in
time.sleep(0.5) they queue up, one after another, and take about N x 0.5 s. The server (its
process and its port) is gone after the lesson and after Stop. The figures say how many
requests were answered and when; the sentence, the answer and the compare rows read them."""
import re
import socket
from dataclasses import replace

import pytest

from gui.lessons import Run, run_of, unit
from tests.lessons.conftest import run_lesson
from tests.lessons.stopping import alive, assert_nothing_left, stop_midway
from workloads.coroutines.web_server import DELAY_S

CLIENTS = 8


def virtual_spans(model, title):
    """[(t0, t1, name)] of the spans on every row of the virtual lane `title`."""
    rows = {lane.id for lane in model.lanes if lane.virtual and lane.group == title}
    s = model.spans
    return sorted((float(a), float(b), model.names[n])
                  for a, b, lane, n in zip(s["t0"], s["t1"], s["lane"], s["name"])
                  if int(lane) in rows)


def most_at_once(spans):
    """The largest number of spans open at the same moment."""
    edges = sorted([(t0, 1) for t0, _, _ in spans] + [(t1, -1) for _, t1, _ in spans])
    best = now = 0
    for _, step in edges:
        now += step
        best = max(best, now)
    return best


def served_url(model):
    urls = [model.names[n] for n in model.marks["name"].tolist()
            if model.names[n].startswith("Serving on ")]
    assert len(urls) == 1
    return urls[0][len("Serving on "):]


def refused(url):
    host, port = re.match(r"http://([\d.]+):(\d+)/$", url).groups()
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def run(lesson_run, variant):
    session, out = lesson_run("async.aiohttp", variant=variant, clients=CLIENTS)
    assert session.run.returncode == 0, out
    model = session.model
    url = served_url(model)
    assert f"Serving on {url}\n" in out and url.startswith("http://127.0.0.1:")
    replies = re.findall(r"^client (\d+): 200 (.*) after [\d.]+ s$", out, re.M)
    assert sorted(int(i) for i, _ in replies) == list(range(CLIENTS))
    assert {body for i, body in replies if i == "0"} == {"<h1>Index</h1>"}
    assert {body for i, body in replies if i != "0"} == {
        f"<h1>hello, client{i}!</h1>" for i in range(1, CLIENTS)}
    server = virtual_spans(model, "server: requests")
    clients = virtual_spans(model, "clients")
    # a task lane per client, titled as the lesson names it, under the main thread; the
    # tasks aiohttp makes for itself share one row per thread
    titles = [lane.name for lane in model.lanes if lane.sublane and lane.pid == session.run.pid]
    assert {f"client {i}" for i in range(CLIENTS)} <= set(titles), titles
    assert not [t for t in titles if t.startswith("Task-") or "__aenter__" in t], titles
    assert titles.count("aiohttp's own tasks") <= 2
    assert sorted(name for *_, name in server) == sorted(name for *_, name in clients)
    assert len(server) == len(clients) == CLIENTS
    # every request waited at least the handler's delay, on both sides
    assert all(t1 - t0 >= DELAY_S * 0.95 for t0, t1, _ in server + clients)
    # the server is gone: the lesson's process and its port
    assert not alive(session.run.pid)
    assert refused(url)
    total = max(t1 for _, t1, _ in clients) - min(t0 for t0, _, _ in clients)
    # the figures: every request answered, in about the time the clients' bars span
    figures = run_of(session).result
    assert set(figures) == {"requests", "answered", "total_s", "handler_wait_s", "url"}
    assert figures["requests"] == figures["answered"] == CLIENTS
    assert (figures["handler_wait_s"], figures["url"]) == (DELAY_S, url)
    assert total <= figures["total_s"] < total + DELAY_S
    printed = re.search(r"^(\d+) requests answered in ([\d.]+) s$", out, re.M).groups()
    assert printed == (str(CLIENTS), f"{figures['total_s']:.2f}")
    return server, clients, total, run_of(session)


@pytest.fixture(scope="module")
def served():
    """``served(variant)``: (server spans, client spans, total, Run) of one real run of each
    variant, shared by the tests of this module (each run checked as it is made)."""
    runs = {}

    def get(variant):
        if variant not in runs:
            runs[variant] = run(run_lesson, variant)
        return runs[variant]
    return get


def test_async_handlers_serve_all_requests_at_once(served):
    server, clients, total, _ = served("async")
    # the requests overlap on the server: all (or nearly all) are in a handler together
    assert most_at_once(server) >= CLIENTS * 3 // 4
    assert most_at_once(clients) == CLIENTS
    # ~0.5 s for all of them: not even half the time of N requests one after another
    assert total < CLIENTS * DELAY_S / 2


def test_blocking_handlers_make_requests_queue(served):
    server, clients, total, _ = served("blocking")
    # one request at a time on the server: its spans never overlap
    assert most_at_once(server) == 1
    for (_, a1, _), (b0, _, _) in zip(server, server[1:]):
        assert a1 <= b0 + 1e-4
    # the clients all wait together, and are answered one by one, DELAY_S apart
    assert most_at_once(clients) == CLIENTS
    assert total >= (CLIENTS - 1) * DELAY_S
    # the k-th answer reaches its client only after the k-th request left the server
    ends = sorted(t1 for _, t1, _ in clients)
    served = sorted(t1 for _, t1, _ in server)
    assert all(end >= done - 1e-4 for end, done in zip(ends, served))


def test_blocking_is_several_times_slower_than_async(served):
    fast = served("async")[2]
    slow = served("blocking")[2]
    assert slow >= 3 * fast


@pytest.mark.parametrize("variant, right", [("async", 0), ("blocking", 1)])
def test_the_answer_and_the_sentence_read_the_figures(served, variant, right):
    run = served(variant)[3]
    web = unit("async.aiohttp")
    question = web.question(run.values)
    total = run.result["total_s"]
    assert question.answer(run) == (right, f"{CLIENTS} requests answered in {total:.2f} s")
    # the same run, had it taken the other time: the other choice
    other = CLIENTS * DELAY_S if right == 0 else DELAY_S
    assert question.answer(replace(run, result=dict(run.result, total_s=other)))[0] == 1 - right
    how = ("all at once, though each handler waits" if variant == "async"
           else "one after another, each handler waits")
    assert web.sentence(run) == f"{CLIENTS} requests answered in {total:.2f} s: {how} 0.5 s."
    assert web.compare_rows(run) == (("requests answered", f"{CLIENTS} / {CLIENTS}"),
                                     ("all answered in", f"{total:.2f} s"))


def test_one_request_reads_in_the_singular_and_asks_nothing():
    run = Run("async.aiohttp", {"variant": "blocking", "clients": 1}, None,
              {"requests": 1, "answered": 1, "total_s": 0.503, "handler_wait_s": 0.5,
               "url": "http://127.0.0.1:8080/"})
    web = unit("async.aiohttp")
    assert web.sentence(run) == ("1 request answered in 0.50 s: one after another, each "
                                 "handler waits 0.5 s.")
    assert web.question(run.values) is None


def test_stop_in_the_middle_leaves_no_server():
    # 50 blocking requests take ~25 s: Stop comes long before the end
    stopped = stop_midway("async.aiohttp", 1, variant="blocking", clients=50)
    assert_nothing_left(stopped, 1)
