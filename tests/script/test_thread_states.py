"""Thread states from the sampler's looks: a stretch is drawn only when both of its looks
saw the same state, two threads of one process ready at once are never both drawn running,
and a futex wait is the GIL only with a timeout while another thread runs."""
import platform

import pytest

from workloads._trace import script_states

pytestmark = pytest.mark.skipif(platform.machine() not in script_states._CALLS,
                                reason="system call numbers of this machine are not known")
FUTEX = script_states._CALLS.get(platform.machine(), {}).get("futex")
GIL_WAIT = f"{FUTEX}:0x7f00:0x7ffc10"          # a futex wait with a timeout
JOIN = f"{FUTEX}:0x7f80:0x0"                   # one without
MS = 1_000_000


def lines(*looks):
    """Sampler lines, one look a millisecond: each look is {tid: state} of process 7."""
    return [f"{n * MS};" + ";".join(f"7,{tid},{state}" for tid, state in look.items())
            for n, look in enumerate(looks)]


def spans_of(*looks):
    spans, gil = script_states.states(script_states.parse(lines(*looks)))
    return {(tid, t0 // MS, t1 // MS, state, name) for _, tid, t0, t1, state, name in spans}, gil


def test_a_thread_that_runs_while_the_other_waits_with_a_timeout_holds_the_gil():
    spans, gil = spans_of({1: "R", 2: GIL_WAIT}, {1: "R", 2: GIL_WAIT},
                          {1: GIL_WAIT, 2: "R"}, {1: GIL_WAIT, 2: "R"}, {1: "R", 2: GIL_WAIT})
    assert spans == {(1, 0, 1, "run", ""), (2, 0, 1, "wait.gil", "GIL"),
                     (1, 2, 3, "wait.gil", "GIL"), (2, 2, 3, "run", "")}
    assert gil[7]["handoffs"] == 2                # 1 -> 2, then 2 -> 1


def test_two_threads_ready_at_once_are_not_drawn_running_and_a_switch_between_is_unknown():
    spans, _ = spans_of({1: "R", 2: "R"}, {1: "R", 2: "R"}, {1: "R", 2: GIL_WAIT})
    assert spans == set()


def test_a_wait_without_a_timeout_is_a_lock_or_join_never_the_gil():
    spans, gil = spans_of({1: "R", 2: JOIN}, {1: "R", 2: JOIN}, {1: "R", 2: JOIN})
    assert spans == {(1, 0, 2, "run", ""), (2, 0, 2, "wait.lock", script_states.UNTIMED)}
    assert gil == {}


def test_a_free_threaded_python_draws_its_threads_running_at_once():
    looks = lines({1: "R", 2: "R"}, {1: "R", 2: "R"})
    spans, _ = script_states.states(script_states.parse(looks), gil=False)
    assert {(s[1], s[4]) for s in spans} == {(1, "run"), (2, "run")}
