"""Files that are not this app's traces: a one-line reason, or opened as far as they go."""
import json

import pytest

from gui.trace import chrome_json
from gui.trace.chrome_reader import NotATraceError, NotJsonError, TraceError, read
from gui.trace.model import TraceModel

BAD = [
    ("empty.json", b"", NotJsonError, "the file is empty"),
    ("notes.json", b"lesson: process.pool\n", NotJsonError, "it is not valid JSON"),
    ("cut.json", b'{"traceEvents": [{"ph": "X", ', NotJsonError, "line 1, column"),
    ("picture.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", NotJsonError,
     "it is not text"),
    ("package.json", b'{"name": "x", "version": "1.0"}', NotATraceError,
     'no "traceEvents" list'),
    ("numbers.json", b"[1, 2, 3]", NotATraceError, "no trace events"),
    ("broken.json", b'{"traceEvents": {"ph": "X"}}', NotATraceError,
     '"traceEvents" is not a list'),
]


@pytest.mark.parametrize("name, content, error, reason", BAD, ids=[b[0] for b in BAD])
def test_a_file_that_is_not_a_trace_says_why_in_one_line(tmp_path, name, content, error,
                                                          reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read(path)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert reason in message and "\n" not in message and str(path) in message


def test_a_missing_file_or_a_folder_says_so(tmp_path):
    with pytest.raises(TraceError, match="no such file"):
        read(tmp_path / "gone.json")
    with pytest.raises(TraceError, match="a folder, not a trace file"):
        read(tmp_path)


def test_a_trace_from_another_tool_opens_with_its_events(tmp_path):
    """Perfetto / chrome://tracing style: µs since boot, B/E pairs, string flow ids, no
    otherData. It opens at 0 s with no lesson."""
    base = 5_000_000_000.0
    events = [
        {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "Browser"}},
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 7, "args": {"name": "CrMain"}},
        {"ph": "X", "name": "Paint", "cat": "disabled-by-default-gpu", "ts": base + 10,
         "dur": 40, "pid": 1, "tid": 7},
        {"ph": "B", "name": "Load", "ts": base + 100, "pid": 1, "tid": 7},
        {"ph": "E", "ts": base + 300, "pid": 1, "tid": 7},
        {"ph": "X", "name": "wait", "cat": "wait.io", "ts": base, "dur": 5, "pid": 2, "tid": 9},
        {"ph": "i", "name": "vsync", "s": "t", "ts": base + 50, "pid": 1, "tid": 7},
        {"ph": "s", "name": "ipc", "id": "0x2a", "ts": base + 60, "pid": 1, "tid": 7},
        {"ph": "f", "name": "ipc", "id": "0x2a", "bp": "e", "ts": base + 90, "pid": 2, "tid": 9},
        {"ph": "C", "name": "heap", "ts": base + 20, "pid": 1, "args": {"MB": 12.5}},
        {"ph": "C", "name": "heap", "ts": base + 200, "pid": 1, "args": {"MB": 14}},
        {"ph": "X", "name": "no time", "pid": 1, "tid": 7},
        "not an event",
    ]
    path = tmp_path / "chrome.json"
    path.write_text(json.dumps(events))
    replay = read(path)
    assert replay.lesson_id is None and replay.values == {} and replay.output is None
    model = replay.model
    assert model.processes[1].name == "Browser" and 2 in model.processes
    labels = [lane.label for lane, _ in model.rows()]
    assert "CrMain" in labels and "heap" in labels
    spans = model.spans
    assert len(spans) == 3 and abs(float(spans["t0"].min())) < 1e-12     # shifted to 0 s
    load = [i for i, n in enumerate(spans["name"]) if model.names[n] == "Load"]
    assert len(load) == 1 and abs(spans["t1"][load[0]] - spans["t0"][load[0]] - 200e-6) < 1e-9
    assert [model.names[n] for n in model.marks["name"]] == ["vsync"]
    (t_out, _, t_in, _, name), = model.arrows()
    assert model.names[name] == "ipc" and abs(t_in - t_out - 30e-6) < 1e-9
    assert list(model.counters["heap"]["value"]) == [12.5, 14.0]
    assert model.end_time >= 300e-6 - 1e-12


def test_a_trace_with_nothing_to_show_is_refused_not_opened_blank(tmp_path):
    path = tmp_path / "empty-run.json"
    path.write_text('{"traceEvents":[{"ph": "M", "name": "process_name", "pid": 1, "args": '
                    '{"name": "x"}}],"displayTimeUnit":"ms","otherData":{"lesson":'
                    '"threads.race","params":{"iterations":5},"python":"3.12.1"}}')
    with pytest.raises(NotATraceError, match="nothing to show") as caught:
        read(path)
    assert "\n" not in str(caught.value)


def test_a_thread_id_used_twice_in_a_run_keeps_its_spans_apart(tmp_path):
    """A thread ends and the OS gives its id to the next one: two lanes, each with its
    own spans, also after a round trip through the file."""
    model = TraceModel()
    model.process(10, 0, "MainProcess", 0.0)
    first = model.thread_started(10, 1, 555, "Worker-1", 0.1)
    model.add_spans([0.1], [0.2], [first.id], [1], [model.name_id("one")])
    first.end = 0.3
    second = model.thread_started(10, 1, 555, "Worker-2", 0.4)
    model.add_spans([0.5], [0.6], [second.id], [1], [model.name_id("two")])
    path = chrome_json.write(tmp_path / "reuse.json", model, "threads.basics", {}, "3.11.7")
    replayed = read(path).model
    by_name = {replayed.names[n]: replayed.lanes[lane].name
               for n, lane in zip(replayed.spans["name"], replayed.spans["lane"])}
    assert by_name == {"one": "Worker-1", "two": "Worker-2"}
