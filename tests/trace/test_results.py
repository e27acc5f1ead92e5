"""A lesson's figures (probe.result): checked where they are made and where they arrive,
kept in the trace JSON, and refused whole when a stranger sends something else."""
import asyncio
import json
import time

import numpy as np
import pytest

from gui.run.session import LessonSession
from gui.trace import chrome_json, chrome_reader
from gui.trace.decoder import RECORD_DTYPE, Hello, InternedString, ProtocolError
from gui.trace.ingest import ProcessFeed
from gui.trace.model import TraceModel
from workloads import probe
from workloads._trace import figures
from workloads.catalog import Lesson

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def records(*rows):
    return np.frombuffer(b"".join(probe.RECORD.pack(*r) for r in rows), RECORD_DTYPE)


def feed_with(*texts):
    """A live feed that has interned `texts` as ids 1, 2, ...; returns (model, feed, t)."""
    origin = time.perf_counter_ns()
    model = TraceModel(origin)
    feed = ProcessFeed(model, Hello(b"", 10, 1, origin + 1000, "MainProcess"),
                       clock=time.perf_counter_ns)
    for i, text in enumerate(texts, 1):
        feed.add(InternedString(i, text))
    return model, feed, origin + 2000


def test_figures_arrive_in_the_model_and_later_calls_add_to_them():
    model, feed, t = feed_with('{"balance":13,"lost":2}', '{"lost":3,"note":"again"}', "x")
    feed.add(records((probe.RESULT, 0, 1, 0, t, 0, 77), (probe.MARK, 0, 3, 0, t, 0, 77),
                     (probe.RESULT, 0, 2, 0, t + 1, 0, 77)))
    assert model.result == {"balance": 13, "lost": 3, "note": "again"}
    assert len(model.marks) == 1


BAD = {
    "not JSON": "balance=13",
    "not an object": "[1, 2]",
    "NaN": '{"x": NaN}',
    "an infinite number": '{"x": Infinity}',
    "a name that is not a Python name": '{"two words": 1}',
    "an object inside": '{"x": {"y": 1}}',
    "lists three deep": '{"x": [[[1]]]}',
    "a list too long": json.dumps({"x": list(range(figures.MAX_ITEMS + 1))}),
    "a text too long": json.dumps({"x": "y" * (figures.MAX_TEXT + 1)}),
    "too many figures": json.dumps({f"f{i}": i for i in range(figures.MAX_FIGURES + 1)}),
    "an integer past 64 bits": '{"x": 18446744073709551616}',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_malformed_figures_refuse_their_whole_frame(bad):
    model, feed, t = feed_with('{"balance":13}', BAD[bad], "task")
    feed.add(records((probe.RESULT, 0, 1, 0, t, 0, 77)))
    spans = len(model.spans)
    with pytest.raises(ProtocolError) as refused:
        feed.add(records((probe.SPAN, 1, 3, 0, t, t + 10, 77),
                         (probe.RESULT, 0, 2, 0, t, 0, 77)))
    assert "\n" not in str(refused.value) and str(refused.value).startswith("a ")
    assert model.result == {"balance": 13} and len(model.spans) == spans


def test_the_probe_refuses_what_the_window_would_refuse_even_without_a_window():
    assert probe.connection is None
    probe.result(balance=-3, names=["t1", "t2"], rows=[[1, "a"], [2, "b"]], ok=True)
    for bad in ({"x": float("nan")}, {"x": {"y": 1}}, {"x": "y" * (figures.MAX_TEXT + 1)},
                {"x": list(range(figures.MAX_ITEMS + 1))}, {"x": object()}):
        with pytest.raises(ValueError):
            probe.result(**bad)
    with pytest.raises(ValueError, match="several calls"):
        probe.result(**{f"f{i}": "y" * 300 for i in range(20)})


def test_figures_are_kept_in_the_trace_json_and_read_back_the_same(tmp_path):
    model, feed, t = feed_with('{"balance":-3,"rows":[[1,"读"],[2,"写"]]}', "task")
    feed.add(records((probe.SPAN, 1, 2, 0, t, t + 10, 77), (probe.RESULT, 0, 1, 0, t, 0, 77)))
    path = chrome_json.write(tmp_path / "run.json", model, "threads.race", {"variant": "naive"})
    assert json.loads(open(path, encoding="utf-8").read())["otherData"]["result"] == \
        {"balance": -3, "rows": [[1, "读"], [2, "写"]]}
    replay = chrome_reader.read(path)
    assert replay.model.result == model.result
    again = chrome_json.write(tmp_path / "again.json", replay.model, "threads.race",
                              {"variant": "naive"}, replay.python)
    assert open(again, "rb").read() == open(path, "rb").read()


@pytest.mark.parametrize("bad", ["[1]", '{"x": {"y": 1}}', '{"two words": 1}'])
def test_a_trace_file_with_malformed_figures_is_refused_with_a_reason(tmp_path, bad):
    model, feed, t = feed_with("task")
    feed.add(records((probe.SPAN, 1, 1, 0, t, t + 10, 77)))
    doc = json.loads(chrome_json.dumps(model, "threads.race", {}))
    doc["otherData"]["result"] = json.loads(bad)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(chrome_reader.TraceError, match="otherData.result"):
        chrome_reader.read(path)


def test_figures_from_every_process_of_a_real_run_reach_the_window():
    lesson = Lesson("test.reports", "Processes", "reports", "tests.workloads.reports")
    out = []

    async def go():
        session = LessonSession(lesson, on_output=lambda s, text: out.append(text))
        await session.start()
        await session.wait()
        return session
    session = asyncio.run(go())
    assert session.run.returncode == 0, "".join(out)
    assert session.model.result == {"balance": 13, "lost": 2,
                                     "rows": [[1, "t1 reads", 0], [2, "t2 reads", 0]],
                                     "child_says": "hello from the child", "shared": 1,
                                     "fraction": 0.25, "ok": True}
    assert session.listener.rejected == []


@pytest.mark.realrun
def test_a_plain_run_writes_its_figures_for_a_script_when_asked(tmp_path):
    """Without a window the probe sends nothing; CLAB_RESULT_FILE still gets the figures,
    one JSON line a call (the benchmark compares traced and untraced runs with them)."""
    import os
    import subprocess
    import sys
    path = tmp_path / "figures.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAB_TRACE")}
    out = subprocess.run([sys.executable, "-m", "tests.workloads.reports"], cwd=ROOT,
                         env=dict(env, CLAB_RESULT_FILE=str(path)), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and out.stdout == "reported\n", out.stderr
    merged = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        merged.update(figures.decode(line))
    assert merged == {"balance": 13, "lost": 2, "rows": [[1, "t1 reads", 0], [2, "t2 reads", 0]],
                      "child_says": "hello from the child", "shared": 1, "fraction": 0.25,
                      "ok": True}
