"""Every parameter of every lesson, given hostile values: each is either refused by the catalog
with a one-line reason that names it, or becomes a command line that the lesson's own parser
(the one its module calls) takes back to exactly the same values. Every accepted set of values
gives a run estimated to end within the limit a class can wait."""
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workloads import catalog, lesson_args, run_length

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["", " ", "\t", "-1", "0", "1", "-0", "1e3", "99999999999", "1" * 60, "nan", "NaN",
           "inf", "-inf", "1e309", "-1e309", "1e9", "0x10", "1_000", "٣", "--x", "-x",
           "--help", "-h", "abc", "x" * 10_000, "é", "名字", "\x00", "a\nb", ",", ",,,",
           " , , ", "-A,B", "1,,2", "0.3,abc", "1e9,1", "nan,1", "0,0", "-1,1", "1;2",
           "A," * 60, "\udc80"]
PARAMS = [(lesson.id, p.name) for lesson in catalog.LESSONS for p in lesson.params]


def refused_or_parsed(lesson_id, name, raw):
    """Resolve {name: raw}; if accepted, the lesson's parser must give the same values."""
    try:
        values = catalog.resolve(lesson_id, {name: raw})
    except ValueError as exc:
        reason = str(exc)
        assert "\n" not in reason and "\r" not in reason and len(reason) < 300, reason
        assert name in reason or lesson_id in reason, reason
        return None
    argv = catalog.command_args(lesson_id, values)
    assert all(a.startswith("--") and "=" in a for a in argv), argv
    parsed = lesson_args.parse(lesson_id, argv)        # SystemExit here would fail the test
    assert vars(parsed) == values
    seconds = run_length.estimate(lesson_id, values)
    assert seconds is None or seconds <= run_length.LIMIT_S, (values, seconds)
    for value in values.values():
        assert not (isinstance(value, float) and not math.isfinite(value)), values
    return values


@pytest.mark.parametrize("lesson_id, name", PARAMS)
def test_hostile_values_are_refused_with_a_reason_or_accepted_by_the_lesson(lesson_id, name):
    accepted = {raw for raw in HOSTILE if refused_or_parsed(lesson_id, name, raw) is not None}
    # the catalog takes none of the values that are not a value of this parameter
    p = catalog.lesson(lesson_id).param(name)
    never = {"x" * 10_000, "\x00", ",,,", "a\nb", "\udc80"}
    if p.kind is not str or (p.each is not None and p.each.kind is not str):
        never |= {"nan", "NaN", "inf", "-inf", "1e309", "abc", "0x10", "-x"}
    assert not never & accepted


@pytest.mark.parametrize("lesson_id, name", PARAMS)
def test_the_edges_of_every_range_and_just_beyond(lesson_id, name):
    p = catalog.lesson(lesson_id).param(name)
    if p.kind is str or p.low is None:
        return
    step = 1 if p.kind is int else 0.01
    for value in (p.low, p.high):
        refused_or_parsed(lesson_id, name, str(value))
    for outside in (p.low - step, p.high + step):
        with pytest.raises(ValueError, match=re.escape(name)):
            catalog.resolve(lesson_id, {name: str(outside)})


def test_every_default_is_accepted_and_quick():
    for lesson in catalog.LESSONS:
        values = refused_or_parsed(lesson.id, lesson.params[0].name,
                                   str(lesson.params[0].default)) if lesson.params else {}
        assert values is not None, lesson.id
        seconds = run_length.estimate(lesson.id, values)
        assert seconds is None or seconds <= 15, (lesson.id, seconds)


def test_every_lesson_parses_its_arguments_with_its_catalog_parser():
    """What this file checks is what the lessons run: each module calls lesson_args.parse
    with its own id, also one without parameters (so --help helps, and a typo is refused)."""
    for lesson in catalog.LESSONS:
        source = (ROOT / (lesson.module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert f'lesson_args.parse("{lesson.id}")' in source, lesson.module


@pytest.mark.parametrize("lesson_id, settings, words", [
    ("async.wget", {"delays": "abc,def"}, "delays"),
    ("async.wget", {"delays": "1e9"}, "between 0 and 30"),
    ("async.gevent_io", {"delays": "nan"}, "delays"),
    ("showdown.io", {"delay_ms": "10000"}, "at most 60 s"),
    ("process.pool", {"tasks": "200"}, "at most 60 s"),
    ("threads.lock", {"iterations": "1000"}, "iterations must be between 10 and 500"),
    ("threads.basics", {"ticks": "100", "tick_s": "5"}, "fewer ticks"),
    ("showdown.cpu", {"jobs": "64"}, "fewer jobs"),
])
def test_the_values_that_broke_or_never_ended_are_refused(lesson_id, settings, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        catalog.resolve(lesson_id, settings)


def test_values_that_start_with_a_dash_reach_the_lesson_as_values():
    values = catalog.resolve("process.queue", {"items": "-A,B"})
    assert catalog.command_args("process.queue", values) == ["--items=-A,B", "--delay=0.3"]
    assert lesson_args.parse("process.queue", ["--items=-A,B"]).items == "-A,B"


def test_an_empty_bind_is_this_machine_only():
    for empty in ("", "   ", "\t"):
        assert catalog.resolve("distributed.manager", {"bind": empty})["bind"] == "127.0.0.1"
    assert catalog.resolve("distributed.manager", {"bind": "0.0.0.0"})["bind"] == "0.0.0.0"
    for bad in ("-x", "a b", "::1", "host;rm", "é"):
        with pytest.raises(ValueError, match="bind"):
            catalog.resolve("distributed.manager", {"bind": bad})
    assert "empty" in catalog.lesson("distributed.manager").param("bind").help


def test_a_manager_without_workers_says_how_long_it_waits():
    values = catalog.resolve("distributed.manager", {"workers": "0", "wait_s": "3600"})
    assert catalog.waits("distributed.manager", values) == 3600
    assert catalog.waits("distributed.manager", catalog.resolve("distributed.manager", {})) \
        is None


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PARAMS), st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-+eE naif", max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10 ** 12, max_value=10 ** 12).map(str),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=25).map(
        lambda xs: ",".join(map(repr, xs)))))
def test_any_text_is_refused_with_a_reason_or_accepted_by_the_lesson(param, raw):
    refused_or_parsed(*param, raw)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.sampled_from([l for l in catalog.LESSONS if len(l.params) >= 2]), st.data())
def test_any_combination_in_range_runs_within_the_limit_or_is_refused(lesson, data):
    """Each value alone in range can still make a long run with the others: refused then."""
    settings_ = {}
    for p in lesson.params:
        if p.choices:
            settings_[p.name] = data.draw(st.sampled_from(p.choices))
        elif p.kind is int:
            settings_[p.name] = str(data.draw(st.integers(int(p.low), int(p.high))))
        elif p.kind is float:
            settings_[p.name] = repr(data.draw(st.floats(p.low, p.high)))
    for name, raw in settings_.items():
        refused_or_parsed(lesson.id, name, raw)
    try:
        values = catalog.resolve(lesson.id, settings_)
    except ValueError as exc:
        assert "at most 60 s" in str(exc) and "\n" not in str(exc)
        return
    seconds = run_length.estimate(lesson.id, values)
    assert seconds is None or seconds <= run_length.LIMIT_S


@pytest.mark.realrun
@pytest.mark.parametrize("lesson", [item for item in catalog.LESSONS if not item.params],
                         ids=lambda item: item.id)
def test_help_of_a_lesson_without_parameters_prints_help_and_runs_nothing(lesson):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", lesson.module, "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("usage: "), out.stdout + out.stderr
    assert lesson.title in out.stdout and out.stdout.count("\n") < 10
    typo = subprocess.run([sys.executable, "-m", lesson.module, "--item=3"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert typo.returncode == 2 and "unrecognized arguments: --item=3" in typo.stderr

