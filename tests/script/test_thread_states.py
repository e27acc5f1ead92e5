"""Thread states from the sampler's looks: a stretch is drawn only when both of its looks
saw the same state, two threads of one process ready at once are never both drawn running,
and a futex wait is the GIL only with a timeout while another thread runs. GIL hand-offs are
counted where looks saw them and, between looks, from the waiters' CPU times; the switch
interval is read from the GIL waits' deadlines."""
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
    """Sampler lines, one look a millisecond: each look is {tid: state} of process 7, or
    (t_ms, {tid: state}); a state is a string, or (string, CPU time in ms)."""
    out = []
    for n, look in enumerate(looks):
        t, look = look if isinstance(look, tuple) else (n, look)
        fields = []
        for tid, state in look.items():
            state, cpu = state if isinstance(state, tuple) else (state, None)
            fields.append(f"7,{tid},{state}," + ("" if cpu is None else str(int(cpu * MS))))
        out.append(f"{int(t * MS)};" + ";".join(fields))
    return out


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


# -- hand-offs between looks -----------------------------------------------------------------
def taking_turns(turns, ms=5, start=0, cpu=None, first=1):
    """Looks of two threads taking `turns` turns of `ms` each, two looks a turn, each look
    with the CPU times so far: `first` runs first. Returns (looks, CPU times at the end)."""
    cpu = dict(cpu or {1: 0, 2: 0})
    looks = []
    for n in range(turns):
        owner, waiter = (first, 3 - first) if n % 2 == 0 else (3 - first, first)
        for part in (0.2, 0.8):
            t = start + (n + part) * ms
            mine = cpu[owner] + part * ms
            looks.append((t, {owner: ("R", mine), waiter: (GIL_WAIT, cpu[waiter])}))
        cpu[owner] += ms
    return looks, cpu


def test_a_turn_no_look_saw_is_counted_from_the_waiters_cpu_time_and_not_drawn():
    # A runs at both looks, 6 ms apart; B waited at both, but its CPU time grew by a turn
    spans, gil = spans_of({1: ("R", 10), 2: (GIL_WAIT, 3)}, {1: ("R", 11), 2: (GIL_WAIT, 3)},
                          (7, {1: ("R", 12), 2: (GIL_WAIT, 8)}))
    assert gil[7]["handoffs"] == 2 and gil[7]["seen"] == 0      # A -> B -> A
    assert spans == {(1, 0, 1, "run", ""), (2, 0, 1, "wait.gil", "GIL")}   # not 1 -> 7


def test_a_waiter_that_only_woke_to_ask_for_the_gil_took_no_turn():
    spans, gil = spans_of({1: ("R", 10), 2: (GIL_WAIT, 3)}, {1: ("R", 11), 2: (GIL_WAIT, 3.02)},
                          {1: ("R", 12), 2: (GIL_WAIT, 3.02)})
    assert gil == {}
    assert (2, 0, 2, "wait.gil", "GIL") in spans and (1, 0, 2, "run", "") in spans


def test_turns_between_looks_are_counted_in_turns_of_the_length_the_looks_saw():
    # twenty turns of 5 ms, each seen by two looks; B's turn ends at 100 ms
    before, cpu = taking_turns(20)
    # no look until 146 ms: A, B, A ... A, B took turns of 5 ms from 100 ms; B is seen again
    after, _ = taking_turns(10, start=145, cpu={1: cpu[1] + 25, 2: cpu[2] + 20}, first=2)
    _, gil = spans_of(*before, *after)
    assert gil[7]["seen"] == 19 + 9                  # the switches inside each part
    # A's CPU time grew by five turns between the two looks that saw B: ten hand-offs
    assert gil[7]["handoffs"] == 19 + 10 + 9


def test_a_thread_seen_doing_something_else_at_a_look_is_not_counted():
    io = "0:0x3:0x0"                        # a read: it may run C code without the GIL
    _, gil = spans_of({1: ("R", 10), 2: (GIL_WAIT, 3), 3: (io, 0)},
                      {1: ("R", 11), 2: (GIL_WAIT, 3), 3: (GIL_WAIT, 4)},
                      {1: ("R", 12), 2: (GIL_WAIT, 3), 3: (io, 9)})
    assert gil == {}


def test_without_cpu_times_only_the_switches_looks_saw_are_counted():
    _, gil = spans_of({1: "R", 2: GIL_WAIT}, (7, {1: "R", 2: GIL_WAIT}), {1: GIL_WAIT, 2: "R"})
    assert gil[7]["handoffs"] == gil[7]["seen"] == 1


def deadline_looks(interval_ms, turns=20):
    """Two threads taking turns of `interval_ms`, a look a millisecond, every GIL wait with
    the time left to its deadline (it began as the turn began)."""
    looks = []
    for n in range(int(turns * interval_ms)):
        turn, into = divmod(n + 0.3, interval_ms)
        owner, waiter = (1, 2) if int(turn) % 2 == 0 else (2, 1)
        left = int((interval_ms - into) * MS)
        looks.append((n + 0.3, {owner: "R", waiter: f"{GIL_WAIT}:{left}"}))
    return looks


@pytest.mark.parametrize("interval_ms", [5, 2, 20])
def test_the_switch_interval_is_read_from_the_deadlines_of_the_gil_waits(interval_ms):
    _, gil = spans_of(*deadline_looks(interval_ms))
    assert gil[7]["switch_interval_s"] == pytest.approx(interval_ms / 1000)
    assert gil[7]["interval_read"]


def test_a_thread_waiting_with_a_timeout_of_its_own_does_not_change_the_interval_read():
    looks = deadline_looks(5)                  # 19 hand-offs, 19 GIL waits begun
    for n, (_, look) in enumerate(looks):       # and 10 calls of queue.get(timeout=1)
        look[3] = "R" if n % 10 == 0 else f"{GIL_WAIT}:{int((1000 - n % 10) * MS)}"
    _, gil = spans_of(*looks)
    assert gil[7]["switch_interval_s"] == pytest.approx(0.005)


def test_without_deadlines_the_default_switch_interval_is_assumed():
    _, gil = spans_of({1: "R", 2: GIL_WAIT}, {1: GIL_WAIT, 2: "R"})
    assert gil[7]["switch_interval_s"] == script_states.DEFAULT_SWITCH_S
    assert not gil[7]["interval_read"]


# -- chunk by chunk, as the window draws them while the program runs ---------------------------
def random_run(seed, count=3000):
    """Sampler lines of two processes: threads that run, wait for the GIL, a lock or a sleep
    in stretches of random length, their CPU time growing while they run."""
    import random
    rng = random.Random(seed)
    sleep = f"{script_states._CALLS[platform.machine()]['sleep'][0]}:0x0:0x0"
    kinds = ["R", "R", GIL_WAIT, f"{GIL_WAIT}:4000000", JOIN, sleep]
    now = {(pid, tid): "R" for pid in (7, 8) for tid in (1, 2, 3)}
    cpu = dict.fromkeys(now, 0)
    out, t = [], 0
    for _ in range(count):
        t += rng.choice((1, 1, 1, 2, 7)) * MS
        for key in now:
            if rng.random() < 0.05:
                now[key] = rng.choice(kinds)
            cpu[key] += rng.choice((0, 100_000, 900_000)) if now[key] == "R" else \
                rng.choice((0, 0, 300_000))
        out.append(f"{t};" + ";".join(f"{pid},{tid},{now[pid, tid]},{cpu[pid, tid]}"
                                      for pid, tid in now))
    return out


def merged(spans):
    """`spans` with each stretch that goes on in the same state as one span."""
    out = {}
    for pid, tid, t0, t1, state, name in sorted(spans, key=lambda s: (s[0], s[1], s[2])):
        last = out.get((pid, tid))
        if last and last[-1][3] == t0 and last[-1][4:] == (state, name):
            last[-1] = last[-1][:3] + (t1, state, name)
        else:
            out.setdefault((pid, tid), []).append((pid, tid, t0, t1, state, name))
    return sorted(span for spans in out.values() for span in spans)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_looks_drawn_chunk_by_chunk_give_the_spans_and_figures_of_the_whole_run(seed):
    import random
    lines = random_run(seed)
    whole, figures = script_states.states(script_states.parse(lines))
    cuts = sorted(random.Random(seed).sample(range(1, len(lines)), 40))
    chunks, spans = script_states.Chunks(), []
    for a, b in zip([0, *cuts], [*cuts, len(lines)]):
        spans += chunks.add(script_states.parse(lines[a:b]))
    assert len(whole) > 500 and len(spans) > len(whole)       # some went on across an edge
    assert merged(spans) == sorted(whole)
    assert chunks.figures() == figures and figures[7]["handoffs"] > 0
    # none drawn twice: the spans of one thread follow one another
    for key in {s[:2] for s in spans}:
        mine = sorted(s[2:4] for s in spans if s[:2] == key)
        assert all(end <= start for (_, end), (start, _) in zip(mine, mine[1:]))


def test_a_chunk_of_one_look_or_none_adds_nothing_and_loses_nothing():
    lines = random_run(4, count=200)
    whole, _ = script_states.states(script_states.parse(lines))
    chunks, spans = script_states.Chunks(), []
    for line in [*lines[:100], "", *lines[100:]]:        # one look at a time, an empty chunk
        spans += chunks.add(script_states.parse([line]))
    assert merged(spans) == sorted(whole)
