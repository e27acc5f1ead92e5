"""Lock tracing: lesson locks are traced and behave exactly like threading's locks; locks the
standard library makes stay untouched; long waits and the holds they depend on are sent live
(open spans) in an order the window can pair up."""
import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from workloads import locktrace

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """\
import json, queue, threading, time
from workloads import locktrace, probe
probe.connection = probe.Connection("unix:/nowhere", "")   # records pile up, nothing is sent
locktrace.install()


def records():
    names = {sid: text for text, sid in probe.connection.strings.items()}
    data, out = probe.connection.records, []
    for i in range(0, len(data), probe.RECORD.size):
        kind, cat, name, _, ts, a, thread = probe.RECORD.unpack_from(data, i)
        out.append([kind, probe.CATEGORIES[cat], names[name], ts, a, thread])
    return out
"""


def run_script(tmp_path, body):
    """Run `body` as a lesson's __main__ with lock tracing on; returns what it printed as JSON."""
    script = tmp_path / "lesson.py"
    script.write_text(PRELUDE + textwrap.dedent(body), encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, env={"PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_lesson_locks_are_traced_and_standard_library_locks_are_not(tmp_path):
    result = run_script(tmp_path, """
        my_lock = threading.Lock()
        other: threading.Lock = threading.Lock()     # a type hint does not hide the name
        again = threading.RLock()
        pair = [threading.Lock() for _ in range(2)]
        q = queue.Queue()
        q.put(1)
        q.get()
        event = threading.Event()
        event.set()
        with my_lock:
            pass
        print(json.dumps({
            "lesson": [type(x).__name__ for x in (my_lock, other, again, *pair)],
            "names": [x.name for x in (my_lock, other, again, *pair)],
            "stdlib": [type(x).__name__ for x in (q.mutex, event._cond._lock,
                                                     threading.Condition()._lock)],
            "holds": [r[2] for r in records() if r[1] == "lock.hold"]}))
    """)
    assert result["lesson"] == ["TracedLock"] * 2 + ["TracedRLock"] + ["TracedLock"] * 2
    assert result["names"] == ["my_lock", "other", "again", "Lock 1", "Lock 2"]
    assert result["stdlib"] == ["lock", "lock", "RLock"]     # _thread's own types
    assert result["holds"] == ["my_lock"]                    # the queue's mutex sent nothing


def test_a_long_wait_and_the_holds_around_it_are_sent_as_open_spans(tmp_path):
    result = run_script(tmp_path, """
        lock_a = threading.Lock()
        lock_b = threading.Lock()
        started = threading.Event()

        def holder():
            with lock_a:
                started.set()
                time.sleep(0.3)          # far longer than locktrace.PATIENCE_S

        t = threading.Thread(target=holder)
        t.start()
        started.wait()
        with lock_b:                     # the waiter's own hold: part of the graph too
            with lock_a:
                pass
        t.join()
        print(json.dumps({"records": records(), "waiter": threading.get_ident(),
                          "holder": t.ident}))
    """)
    events = [(kind, cat, name, thread) for kind, cat, name, _, _, thread in result["records"]]
    waiter, holder = result["waiter"], result["holder"]
    begin_hold_a = events.index((10, "lock.hold", "lock_a", holder))   # announced by the waiter
    end_hold_a = events.index((11, "lock.hold", "lock_a", holder))     # sent by the holder
    begin_wait = events.index((10, "wait.lock", "lock_a", waiter))
    end_wait = events.index((11, "wait.lock", "lock_a", waiter))
    begin_hold_b = events.index((10, "lock.hold", "lock_b", waiter))
    assert begin_hold_a < end_hold_a < end_wait and begin_hold_b < begin_wait < end_wait
    assert (11, "lock.hold", "lock_b", waiter) in events
    # the waiter's hold of lock_a, short and never needed live, is one complete span
    assert (5, "lock.hold", "lock_a", waiter) in events
    spans = {(kind, cat, name, thread): (ts, a) for kind, cat, name, ts, a, thread
             in result["records"]}
    assert spans[10, "wait.lock", "lock_a", waiter][0] <= spans[11, "lock.hold", "lock_a",
                                                                 holder][0]


def test_a_wait_with_a_timeout_says_so_in_its_name(tmp_path):
    result = run_script(tmp_path, """
        lock = threading.Lock()
        lock.acquire()
        got = lock.acquire(timeout=0.12)
        print(json.dumps({"got": got, "waits": [r[2] for r in records()
                                                 if r[1] == "wait.lock"]}))
    """)
    assert result["got"] is False
    assert set(result["waits"]) == {"lock (timeout 0.12 s)"}


def outcome(action):
    try:
        return ("returned", action())
    except Exception as exc:            # the same error, type and message, as the real lock
        return ("raised", type(exc).__name__, str(exc))


@pytest.mark.parametrize("kind", ["Lock", "RLock"])
def test_a_traced_lock_behaves_like_the_real_one(kind):
    if kind == "Lock":
        real, traced = locktrace._real_lock(), locktrace.TracedLock("x")
    else:
        real, traced = locktrace._real_rlock(), locktrace.TracedRLock("x")
    steps = [lambda lock: lock.release(),                 # not held: an error
             lambda lock: lock.acquire(False, 1),         # a timeout without blocking
             lambda lock: lock.acquire(True, -2),
             lambda lock: lock.acquire(),
             lambda lock: lock.acquire(timeout=0.01),     # an RLock: again; a Lock: times out
             lambda lock: lock.acquire(False),
             lambda lock: lock.release(),
             lambda lock: lock.__enter__(),
             lambda lock: lock.__exit__(None, None, None)]
    for step in steps:
        assert outcome(lambda: step(traced)) == outcome(lambda: step(real))
    if kind == "Lock":
        assert traced.locked() == real.locked()


def test_a_lock_taken_by_another_thread_waits_and_then_gets_it():
    lock = locktrace.TracedLock("x")
    lock.acquire()
    released = []

    def release_later():
        released.append(True)
        lock.release()                  # a Lock may be released by any thread

    timer = threading.Timer(0.1, release_later)
    timer.start()
    assert lock.acquire(timeout=30) and released
    lock.release()
    timer.join()
    assert not lock.locked()


def test_a_condition_works_on_a_traced_rlock():
    rlock = locktrace.TracedRLock("r")
    condition = threading.Condition(rlock)
    woken = []

    def waiter():
        with condition:
            with rlock:                           # held twice: wait() lets go of both
                woken.append(condition.wait_for(lambda: ready, 30))

    ready = False
    t = threading.Thread(target=waiter)
    t.start()
    with condition:
        ready = True
        condition.notify()
    t.join(30)
    assert woken == [True] and not rlock._is_owned()
