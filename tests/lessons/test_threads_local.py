"""threads.local claims, on real runs: each thread reads back the student it bound, through
threading.local and through the global dict keyed by the thread; no thread sees another's."""
import re

import pytest

HELLO = re.compile(r"Hello, (.*?) \(in (Thread-\w+), via (local_school|global_dict)\)")


def reads(out):
    """{(thread, way): value} from the printed lines (two threads' lines may mix)."""
    return {(thread, how): value for value, thread, how in HELLO.findall(out)}


def marks(session):
    """[(time, thread name, mark text)] of the lesson's threads, in time order."""
    m, model = session.model.marks, session.model
    return sorted((float(t), model.lanes[lane].name, model.names[n])
                  for t, lane, n in zip(m["t"], m["lane"], m["name"]))


@pytest.mark.parametrize("names", ["Alice,Bob", "Ann,Ben,Cy,Di,Ed"])
def test_each_thread_reads_its_own_value(lesson_run, names):
    session, out = lesson_run("threads.local", names=names)
    assert session.run.returncode == 0, out
    students = names.split(",")
    threads = [f"Thread-{letter}" for letter in "ABCDE"[:len(students)]]
    expected = {(t, how): s for t, s in zip(threads, students)
                for how in ("local_school", "global_dict")}
    assert reads(out) == expected
    assert "In MainThread: hasattr(local_school, 'student') is False" in out
    assert f"global_dict still holds {len(students)} entries" in out
    # the timeline: each thread's lane shows what it bound and what it read back
    found = marks(session)
    for thread, student in zip(threads, students):
        assert [text for _, lane, text in found if lane == thread] == \
            [f"student = {student}", f"read {student}"]


def test_every_thread_binds_before_any_thread_reads(lesson_run):
    # a Barrier makes every thread bind first: a plain global would then hold the last
    # name in every thread, so reading one's own value proves the values are per thread
    session, out = lesson_run("threads.local", names="Alice,Bob,Carol")
    assert session.run.returncode == 0, out
    found = marks(session)
    binds = [t for t, _, text in found if text.startswith("student = ")]
    read = [t for t, _, text in found if text.startswith("read ")]
    assert len(binds) == len(read) == 3
    assert max(binds) < min(read)
