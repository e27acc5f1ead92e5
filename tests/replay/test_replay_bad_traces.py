"""Real traces with one field made wrong, too big or not a number: each is refused at the door
in one line that says what is wrong, and nothing is built from it."""
import json
import tracemalloc

import pytest

from gui.trace import chrome_checks
from gui.trace.chrome_reader import TraceError, read


def load(recorded, lesson_id):
    with open(recorded[lesson_id].path, encoding="utf-8") as source:
        return json.load(source)


def save(doc, path):
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def refused(path):
    """The one-line reason `read` gives for `path`."""
    with pytest.raises(TraceError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message, message
    return message


def first(doc, test):
    return next(e for e in doc["traceEvents"] if test(e))


def test_a_lane_group_that_is_a_number_is_refused_at_the_door(recorded, tmp_path):
    doc = load(recorded, "process.pool")
    lane = first(doc, lambda e: "group" in e.get("args", {}).get("lane", {}))["args"]["lane"]
    lane["group"] = 7
    assert '"group" is not text' in refused(save(doc, tmp_path / "group.json"))


MUTATIONS = [      # (what, how the first span or the counter is changed, the reason)
    ("ts Infinity", lambda e: e.update(ts="INF"), "Infinity"),
    ("ts NaN", lambda e: e.update(ts="NAN"), "NaN"),
    ("ts 1e400", lambda e: e.update(ts="BIG"), '"ts" is inf'),
    ("ts 1e300", lambda e: e.update(ts=1e300), '"ts" is 1e+300, beyond'),
    ("ts a text", lambda e: e.update(ts="12"), '"ts" is not a number'),
    ("negative dur", lambda e: e.update(dur=-5), '"dur" is negative'),
    ("pid a list", lambda e: e.update(pid=[1]), '"pid" is not an id'),
    ("pid huge", lambda e: e.update(pid=2 ** 70), '"pid" is 1180591620717411303424, beyond'),
    ("name an object", lambda e: e.update(name={"a": 1}), '"name" is not text'),
    ("5000 digits", lambda e: e.update(ts="DIGITS"), "a number too long"),
]
RAW = {'"INF"': "Infinity", '"NAN"': "NaN", '"BIG"': "1e400", '"DIGITS"': "9" * 5000}


@pytest.mark.parametrize("what, change, reason", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_span_field_that_is_not_usable_is_refused_with_the_reason(recorded, tmp_path, what,
                                                                    change, reason):
    doc = load(recorded, "process.pool")
    change(first(doc, lambda e: e.get("ph") == "X"))
    text = json.dumps(doc)
    for placeholder, raw in RAW.items():
        text = text.replace(placeholder, raw)
    path = tmp_path / "span.json"
    path.write_text(text)
    assert reason in refused(path)


def test_a_counter_at_infinity_is_refused(recorded, tmp_path):
    doc = load(recorded, "threads.race")
    counter = first(doc, lambda e: e.get("ph") == "C")
    key = next(iter(counter["args"]))
    counter["args"][key] = "INF"
    path = tmp_path / "counter.json"
    path.write_text(json.dumps(doc).replace('"INF"', "-Infinity"))
    assert "-Infinity" in refused(path)
    counter["args"][key] = 1e300
    assert "beyond" in refused(save(doc, tmp_path / "counter-huge.json"))


LANES = [          # (what, change to the lane details of the first thread name event, reason)
    ("lane not an object", lambda e: e["args"].update(lane=[1]), '"args.lane" is not an object'),
    ("parent later", lambda e: e["args"]["lane"].update(parent=10 ** 5), "not an earlier lane"),
    ("virtual a text", lambda e: e["args"]["lane"].update(virtual="yes"), '"virtual" is not'),
    ("start a text", lambda e: e["args"]["lane"].update(start="0"), '"start" is not a number'),
    ("exit code huge", lambda e: e["args"]["lane"].update(exit_code=2 ** 40), '"exit_code"'),
]


@pytest.mark.parametrize("what, change, reason", LANES, ids=[m[0] for m in LANES])
def test_lane_details_are_checked(recorded, tmp_path, what, change, reason):
    doc = load(recorded, "process.pool")
    change(first(doc, lambda e: e.get("name") == "thread_name"))
    assert reason in refused(save(doc, tmp_path / "lane.json"))


def test_the_run_details_are_checked_and_bounded(recorded, tmp_path):
    doc = load(recorded, "process.pool")
    doc["otherData"]["python"] = "3" * 100_000
    assert '"otherData.python" is not a Python version' in refused(
        save(doc, tmp_path / "python.json"))
    doc = load(recorded, "process.pool")
    doc["otherData"]["params"] = [1, 2]
    assert '"otherData.params"' in refused(save(doc, tmp_path / "params.json"))
    doc["otherData"] = ["not", "an", "object"]
    assert '"otherData" is not an object' in refused(save(doc, tmp_path / "other.json"))


def test_long_names_are_cut_to_a_readable_length(recorded, tmp_path):
    doc = load(recorded, "process.pool")
    first(doc, lambda e: e.get("ph") == "X")["name"] = "task " * 20_000
    first(doc, lambda e: e.get("name") == "thread_name")["args"]["name"] = "T" * 100_000
    first(doc, lambda e: e.get("name") == "thread_name")["args"]["lane"]["name"] = "T" * 10 ** 5
    model = read(save(doc, tmp_path / "names.json")).model
    assert max(map(len, model.names)) <= chrome_checks.MAX_NAME
    assert max(len(lane.label) for lane, _ in model.rows()) <= chrome_checks.MAX_NAME + 20
    assert any(name.endswith("…") for name in model.names)


def peak_bytes(action):
    """The most memory Python held at once while `action()` ran."""
    tracemalloc.start()
    try:
        action()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_a_file_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as out:             # sparse: no disk used, nothing to parse
        out.truncate(chrome_checks.MAX_FILE_BYTES + 1)
    messages = []
    peak = peak_bytes(lambda: messages.append(refused(path)))
    assert "too big to replay" in messages[0] and "MiB" in messages[0]
    assert f"{chrome_checks.MAX_EVENTS:,} events" in messages[0]    # the limits are stated
    assert peak < chrome_checks.MAX_FILE_BYTES / 100                # it was not read


def test_more_events_than_the_limit_are_refused_before_they_are_built(tmp_path):
    path = tmp_path / "many.json"
    count = 3 * chrome_checks.MAX_EVENTS + 1
    path.write_bytes(b"[" + b"{}," * (count - 1) + b"{}]")
    messages = []
    peak = peak_bytes(lambda: messages.append(refused(path)))
    assert f"more than {chrome_checks.MAX_EVENTS:,} events" in messages[0]
    assert peak < 3 * path.stat().st_size       # the bytes, not millions of objects
