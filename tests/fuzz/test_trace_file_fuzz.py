"""Property: whatever a trace file holds, opening it either refuses it with a one-line reason
and leaves the view as it was, or gives a model that the timeline takes and paints without
an exception, in bounded time and memory.

The files are mutations (tests/fuzz/trace_mutations.py) of real traces: two lesson runs
recorded once for this module, and a trace as other tools write it. One view takes them all,
one after another, as one window would (a bad file once broke every later open).
"""
import json
import resource
import signal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gui.trace.chrome_reader import TraceError, read
from gui.views.timeline_view import TimelineView
from tests.fuzz.trace_mutations import mutate
from tests.replay.conftest import record

HANG_S = 60                  # far beyond what any example takes: only a hang gets there
GROWTH_KIB = 600 * 1024      # peak memory the whole run may add (a blow-up is gigabytes)
OTHER_TOOL = [
    {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "Browser"}},
    {"ph": "M", "name": "thread_name", "pid": 1, "tid": 7, "args": {"name": "CrMain"}},
    {"ph": "X", "name": "Paint", "cat": "gpu", "ts": 5e9 + 10, "dur": 40, "pid": 1, "tid": 7},
    {"ph": "B", "name": "Load", "ts": 5e9 + 100, "pid": 1, "tid": 7},
    {"ph": "E", "ts": 5e9 + 300, "pid": 1, "tid": 7},
    {"ph": "i", "name": "vsync", "s": "t", "ts": 5e9 + 50, "pid": 1, "tid": 7},
    {"ph": "s", "name": "ipc", "id": "0x2a", "ts": 5e9 + 60, "pid": 1, "tid": 7},
    {"ph": "f", "name": "ipc", "id": "0x2a", "bp": "e", "ts": 5e9 + 90, "pid": 2, "tid": 9},
    {"ph": "C", "name": "heap", "ts": 5e9 + 20, "pid": 1, "args": {"MB": 12.5}},
]


@pytest.fixture(scope="module")
def traces(tmp_path_factory):
    """Parsed real traces: a pool with a waiting queue (virtual lanes), a race with its
    balance counter, and another tool's trace."""
    folder = tmp_path_factory.mktemp("real-traces")
    runs = [record("process.pool", {"tasks": 4, "workers": 1}, folder),
            record("threads.race", {"iterations": 20_000}, folder)]
    docs = []
    for run in runs:
        with open(run.path, encoding="utf-8") as source:
            docs.append(json.load(source))
    return docs + [OTHER_TOOL]


@pytest.fixture(scope="module")
def view(qapp):
    widget = TimelineView()
    widget.resize(1000, 500)
    widget.show()
    yield widget
    from PySide6.QtCore import QCoreApplication, QEvent
    widget.timer.stop()
    widget.hide()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class _Hang(Exception):
    pass


def _alarm(*_):
    raise _Hang(f"no answer within {HANG_S} s")


class _Pick:
    def __init__(self, data):
        self.data = data

    def integer(self, lo, hi):
        return self.data.draw(st.integers(lo, hi))


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_mutated_trace_is_refused_in_one_line_or_painted(traces, view, qtbot, tmp_path,
                                                             data):
    doc = traces[data.draw(st.integers(0, len(traces) - 1))]
    kind, text = mutate(doc, _Pick(data))
    event(kind)
    path = tmp_path / "mutated.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = view.model
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_S)
    try:
        try:
            replay = read(path)
        except TraceError as exc:
            message = str(exc)
            assert message and "\n" not in message, (kind, message)
            assert view.model is before                   # a refused file changes nothing
            event("refused")
            return
        model = replay.model
        assert len(model.spans) or len(model.marks) or len(model.flows) or model.counters
        with qtbot.capture_exceptions() as raised:
            view.set_live(False)
            view.set_model(model)
            view.grab()
            view.viewbox.setYRange(0, 3, padding=0)         # other rows, a closer look
            view.viewbox.setXRange(0, max(model.end_time / 50, 1e-6), padding=0)
            view.grab()
            view.describe(model.end_time / 2, 0.5)
        assert not raised, (kind, [str(e[1]) for e in raised])
        assert view.model is model
        event("opened")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss
    assert grown < GROWTH_KIB, (kind, grown)
