"""The probe's record writer in C (workloads/_trace/_records.c): the same bytes as the Python
writer, the same clock as time.perf_counter_ns(), and marks that follow a fork."""
import struct
import threading
import time

import pytest

from workloads import probe
from workloads._trace import wire
from tests.workloads.test_probe import _run

RECORD = struct.Struct("<Qqqq")
needs_c = pytest.mark.skipif(wire._records is None,
                             reason="the C record writer is not built for this Python "
                                    "(no compiler at install time): the probe is pure Python")


@needs_c
@pytest.mark.parametrize("values", [(6 | 5 << 16, 123, 0, 140000000000),
                                    ((1 << 64) - 1, -1, -(1 << 63), (1 << 63) - 1),
                                    (0, 0, 0, 0)])
def test_put_writes_the_same_bytes_as_the_python_writer(values):
    fast, slow = bytearray(b"old"), bytearray(b"old")
    wire._records.put(fast, *values)
    wire._put_py(slow, *values)
    assert fast == slow and len(fast) == 3 + 32


@needs_c
def test_put_refuses_what_does_not_fit_and_extends_other_buffers():
    buf = bytearray()
    for bad in [(-1, 0, 0, 0), (0, 1 << 63, 0, 0), (0, 0, "x", 0)]:
        with pytest.raises((OverflowError, TypeError)):
            wire._records.put(buf, *bad)
    assert buf == b""
    locked = wire._LockedRecords()
    wire._records.put(locked, 1, 2, 3, 4)
    assert bytes(locked) == RECORD.pack(1, 2, 3, 4)


@needs_c
def test_marker_writes_what_the_python_mark_writes_on_the_same_clock():
    heads, records, slow_calls = {"": 0, "tick": 7 << 16}, bytearray(), []
    marker = wire._records.Marker(heads, records, lambda *a, **k: slow_calls.append((a, k)),
                                  probe.MARK)
    before = time.perf_counter_ns()
    marker("tick")
    after = time.perf_counter_ns()
    head, ts, a, thread = RECORD.unpack(records)
    assert (head, a, thread) == (probe.MARK | 7 << 16, 0, threading.get_ident())
    assert before <= ts <= after
    # a new name, a lane and a sublane take the Python path with the same arguments
    marker("new")
    marker("tick", lane="queue")
    marker("tick", None, 42)
    assert slow_calls == [(("new",), {}), (("tick",), {"lane": "queue"}), (("tick", None, 42), {})]
    assert len(records) == 32


def test_marks_follow_a_fork_and_threads_in_a_real_traced_process():
    out = []
    session = _run("marks_across_fork", on_output=lambda s, t: out.append(t))
    model, run = session.model, session.run
    assert run.returncode == 0, "".join(out)
    child = int("".join(out).split()[-1])
    where = sorted((model.names[n], model.lanes[l].pid, model.lanes[l].name)
                   for n, l in zip(model.marks["name"], model.marks["lane"]))
    parent = run.pid
    assert where == sorted([("parent before fork", parent, "MainThread"),
                            ("child after fork", child, "MainThread"),
                            ("child after fork", child, "MainThread"),
                            ("parent before fork", child, "MainThread"),
                            ("parent after fork", parent, "MainThread"),
                            ("from a thread", parent, "Marker"),
                            ("on a lane", parent, "virtual")])
    assert session.listener.rejected == []
