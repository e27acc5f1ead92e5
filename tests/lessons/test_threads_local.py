"""threads.local claims, on real runs: each thread reads back the student it bound, through
threading.local and through the global dict keyed by the thread; no thread sees another's.
The lesson reports what every thread bound and read as its figures."""
import re
from dataclasses import replace

import pytest

from gui.lessons import run_of, unit

HELLO = re.compile(r"Hello, (.*?) \(in (Thread-\w+), via (local_school|global_dict)\)")
LOCAL = unit("threads.local")


def reads(out):
    """{(thread, way): value} from the printed lines (two threads' lines may mix)."""
    return {(thread, how): value for value, thread, how in HELLO.findall(out)}


def marks(session):
    """[(time, thread name, mark text)] of the lesson's threads, in time order."""
    m, model = session.model.marks, session.model
    return sorted((float(t), model.lanes[lane].name, model.names[n])
                  for t, lane, n in zip(m["t"], m["lane"], m["name"]))


def with_reads(run, change):
    """The same run with the figure `reads` changed by `change(rows)`."""
    rows = [list(row) for row in run.result["reads"]]
    change(rows)
    return replace(run, result=dict(run.result, reads=rows))


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
    # the figures say the same as the console
    result = session.model.result
    assert result["reads"] == [[t, s, s, s] for t, s in zip(threads, students)]
    assert result["main_thread_has_student"] is False
    assert result["global_dict_entries"] == len(students)


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


def test_the_sentence_and_the_compare_rows_come_from_the_figures(lesson_run):
    session, out = lesson_run("threads.local", names="Alice,Bob")
    assert session.run.returncode == 0, out
    run = run_of(session)
    assert LOCAL.sentence(run) == ("Each thread read its own student back, through "
                                   "threading.local and through the global dict alike.")
    assert LOCAL.compare_rows(run) == (("threads that read their own student", "2 of 2"),
                                       ("global_dict entries after the threads ended", "2"))

    def dict_gives_alice_to_b(rows):
        rows[1][3] = "Alice"
    broken = with_reads(run, dict_gives_alice_to_b)
    assert LOCAL.sentence(broken) == ("Thread-B read another thread's student: the values "
                                      "are not per thread here.")
    assert LOCAL.compare_rows(broken)[0] == ("threads that read their own student", "1 of 2")
    assert LOCAL.sentence(replace(run, result={})) == ""       # stopped before the figures


def test_thread_a_reads_its_own_name_and_the_answer_reads_the_figures(lesson_run):
    question = LOCAL.question({"names": "Alice,Bob,Carol"})
    session, out = lesson_run("threads.local", names="Alice,Bob,Carol")
    assert session.run.returncode == 0, out
    run = run_of(session)
    assert question.answer(run) == (0, "Thread-A read Alice")

    def a_reads_the_last(rows):
        rows[0][2] = "Carol"
    assert question.answer(with_reads(run, a_reads_the_last)) == (1, "Thread-A read Carol")

    def a_read_raises(rows):
        rows[0][2] = None
    assert question.answer(with_reads(run, a_read_raises)) == (2, "AttributeError")
    assert question.answer(replace(run, result={}))[0] is None
    assert LOCAL.question({"names": "Alice"}) is None           # one thread: nothing to ask
