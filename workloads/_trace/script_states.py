"""Thread states of any program, from the looks of `script_sampler.py`: when each thread ran,
when it waited, and on what where the kernel says so.

A look (about every millisecond) sees each thread at one instant: ready to run or running
(``R``), or blocked in a system call. The stretch between two looks is drawn only when both
looks saw the thread in the same state, as:

``run``         it was the one thread of its process ready to run (two threads of one
                process ready at once: under the GIL one of them only waits for it, and
                which one is not known, so neither is drawn);
``wait.gil``    it waited in a futex with a timeout while another thread of its process
                ran: CPython's GIL is waited for exactly so (``take_gil`` waits on its
                condition with the switch interval as timeout, every time), while a
                ``Lock.acquire()``, ``join()``, ``Event.wait()`` or ``queue.get()`` without a
                timeout waits with none;
``wait.lock``   a futex wait without a timeout ("lock, join() or wait()"), or one with a
                timeout while no other thread of its process ran ("timed wait");
``wait.io``     asleep in ``nanosleep`` ("sleep"), ``select``/``poll``/``epoll`` ("select"),
                a read, accept or connect ("I/O"), or waiting for a child process.

Any other stretch is left undrawn: unknown, not guessed. So two threads under one GIL are
never drawn running at once.

GIL hand-offs. A look that saw an owner (one thread of the process ready to run while
another waits for the GIL) is compared with the next such look: a different owner is one
hand-off seen. Whole turns can also fall between two looks (looks are about 1 ms apart, but
several when the sampler itself waits for a CPU); they are counted from the threads' CPU
times (``schedstat``, exact to the nanosecond for a thread that is not running):

- a thread that waited for the GIL at both looks, or waited at the first and owns it at
  the second, and whose CPU time grew by ``HELD_NS`` or more, held the GIL in between (a
  waiter whose wait times out only wakes to ask for it: microseconds);
- it took ``round(cpu / turn)`` turns, at least one and no more than fit between the
  looks (the second owner's CPU time runs on into the turn it is seen in, but how far is
  not known: under load turns vary, and a part turn is not counted). A turn is a little
  longer than the
  median time between two switches the looks saw (``TURN_QUANTILE``: turns fall between
  looks when the machine is busy), and at least the switch interval (on a busy machine a
  waiter whose time is up may wait for a CPU before it can ask for the GIL: turns grow
  longer, and vary);
- the first owner took the GIL back as often as the busiest of the others (threads under
  one GIL take turns), once less when it is not the owner at the second look.

So A seen, B's turn unseen, A seen again is two hand-offs, not zero; and the stretch between
those looks is drawn for neither A nor B (each ran for part of it).

The switch interval is the program's own where it can be read: every GIL wait is a futex
with a deadline one switch interval after the wait began, and the sampler reads the time
left (``:LEFT_NS``); see `switch_interval`. Without such looks (fewer than
``MIN_DEADLINES``, or the program's memory may not be read) the default (5 ms) is assumed.

Not known from outside, so not said: which lock a futex belongs to, whether a ready thread
had a CPU or waited for one, a turn of a thread whose CPU time cannot be read, a turn taken
by a thread seen doing something else than waiting for the GIL at either look (it may have
run without the GIL, in C code that released it), and switches before the first or after
the last look that saw an owner.
"""
import bisect
import math
import platform

DEFAULT_SWITCH_S = 0.005
BRIDGE_NS = 10_000_000      # two GIL waits this close: the time between was contended too
HELD_NS = 250_000           # CPU time a waiter gains only by holding the GIL: a turn is ms
LOOK_SLACK_NS = 100_000     # a look reads its threads shortly after its time stamp
TURN_QUANTILE = 0.6         # unseen turns fall in busy moments, when turns are longer
SHARED = 0.98               # ranges of the switch interval: shared by nearly the most
MIN_DEADLINES = 5           # GIL waits with a readable deadline needed to trust the interval
UNTIMED = "lock, join() or wait()"
TIMED = "timed wait"
WAIT_NAMES = (UNTIMED, TIMED)   # the names of the sampled ``wait.lock`` spans: no lock's
GIL = ("wait.gil", "GIL")
RUN = ("run", "")
# system call numbers, per machine; other machines get no reasons for a wait
_CALLS = {
    "x86_64": {"futex": 202, "sleep": (35, 230), "select": (7, 23, 232, 270, 271, 281, 441),
               "io": (0, 17, 19, 43, 45, 47, 288, 42), "child": (61, 247)},
    "aarch64": {"futex": 98, "sleep": (101, 115), "select": (22, 72, 73, 441),
                "io": (63, 65, 67, 202, 207, 212, 242, 203), "child": (260, 95)},
}
_NAMES = {"sleep": "sleep", "select": "select", "io": "I/O",
          "child": "waiting for a child process"}


def _reasons():
    calls = _CALLS.get(platform.machine(), {})
    reasons = {}
    for kind, numbers in calls.items():
        if kind != "futex":
            reasons.update({str(n): ("wait.io", _NAMES[kind]) for n in numbers})
    return str(calls.get("futex", "")), reasons


def parse(lines):
    """{pid: [(t_ns, {tid: state}, {tid: cpu_ns or None}), ...]} from the sampler's lines
    (a field without a CPU time, as older samplers wrote, has None)."""
    looks = {}
    for line in lines:
        head, _, rest = line.strip().partition(";")
        try:
            t = int(head)
            seen = {}
            for field in rest.split(";") if rest else ():
                pid, tid, state, *cpu = field.split(",")
                found = seen.setdefault(int(pid), ({}, {}))
                found[0][int(tid)] = state
                found[1][int(tid)] = int(cpu[0]) if cpu and cpu[0] else None
        except ValueError:
            continue                     # a line cut short at the end
        for pid, (threads, cpus) in seen.items():
            looks.setdefault(pid, []).append((t, threads, cpus))
    return looks


class _Look:
    """What one look saw in one process, in the words of the spans; `gil`: whether the
    process has one (not so in a free-threaded build: its threads run at once)."""

    def __init__(self, threads, futex, reasons, gil=True, cpus=None):
        self.ready = {tid for tid, state in threads.items() if state == "R"}
        self.cpus = cpus or {}
        self.states, self.left = {}, {}
        for tid, state in threads.items():
            self.states[tid] = _kind(state, futex, reasons,
                                     self.ready - {tid} if gil else set())
            if self.states[tid] == GIL:
                left = _left(state)
                if left is not None:
                    self.left[tid] = left

    def gil_owner(self):
        """The thread that holds the GIL while another waits for it, or None."""
        if len(self.ready) == 1 and any(s == GIL for s in self.states.values()):
            return next(iter(self.ready))
        return None


def _kind(state, futex, reasons, others_ready):
    if state == "R":
        return RUN if not others_ready else None
    number, *args = state.split(":")
    if futex and number == futex:
        if len(args) < 2 or args[1] in ("0x0", "0"):
            return "wait.lock", UNTIMED
        return GIL if others_ready else ("wait.lock", TIMED)
    return reasons.get(number)


def _left(state):
    """The nanoseconds left before a futex wait's deadline, when the sampler read them."""
    parts = state.split(":")
    try:
        return int(parts[3]) if len(parts) > 3 else None
    except ValueError:
        return None


def states(looks, gil=True):
    """Spans ``(pid, tid, t0_ns, t1_ns, state, name)`` and the GIL figures per process
    ``{pid: {"handoffs": n, "seen": n, "contended_s": s, "switch_interval_s": s,
    "interval_read": bool}}`` (``seen``: the hand-offs two looks saw, the rest are counted
    from CPU times); `gil` False for a free-threaded Python."""
    futex, reasons = _reasons()
    spans, gil_figures = [], {}
    for pid, items in looks.items():
        seen = _seen(items, futex, reasons, gil)
        _stretches(pid, seen, spans)
        gil_figures[pid] = _handoffs(seen)
    return spans, {pid: found for pid, found in gil_figures.items() if found["handoffs"]}


class Chunks:
    """The states of a program's looks as they come in, chunk by chunk (the window draws
    them while the program runs). `add` gives the spans of the stretches that end at a look
    of the new chunk (the first begins at the last look of the chunk before); `figures` the
    GIL figures of all the looks so far. Together: what `states` gives for all the looks at
    once, except that a stretch going on across a chunk's edge is two adjacent spans (the
    second begins where the first ends), not one."""

    def __init__(self, gil=True):
        self.gil = gil
        self.futex, self.reasons = _reasons()
        self.seen = {}                      # pid -> [(t_ns, _Look), ...] of all the looks

    def add(self, looks):
        """Spans ``(pid, tid, t0_ns, t1_ns, state, name)`` of the stretches `looks` (from
        `parse`, of the lines after those of the chunks before) end."""
        spans = []
        for pid, items in looks.items():
            seen = self.seen.setdefault(pid, [])
            new = _seen(items, self.futex, self.reasons, self.gil)
            _stretches(pid, seen[-1:] + new, spans)
            seen.extend(new)
        return spans

    def figures(self):
        """The GIL figures per process, as `states` gives them, over all the looks added."""
        found = {pid: _handoffs(seen) for pid, seen in self.seen.items()}
        return {pid: figures for pid, figures in found.items() if figures["handoffs"]}


def _seen(items, futex, reasons, gil):
    """[(t_ns, _Look), ...] of one process's looks from `parse`."""
    return [(t, _Look(threads, futex, reasons, gil, *cpus)) for t, threads, *cpus in items]


def _stretches(pid, seen, spans):
    """Append to `spans` the stretches between the consecutive looks `seen` of `pid`."""
    open_spans = {}
    for (t0, a), (t1, b) in zip(seen, seen[1:]):
        mixed = _turned(a, b)
        for tid, state in a.states.items():
            if state is not None and b.states.get(tid) == state and tid not in mixed:
                _extend(spans, open_spans, (pid, tid, t0, t1) + state)


def _turned(a, b):
    """The threads whose state between looks `a` and `b` is not the one both saw: a GIL
    waiter at both whose CPU time grew by a turn held the GIL in between, and so the thread
    seen running at both waited for part of it (neither stretch is drawn)."""
    held = {tid for tid, state in a.states.items() if state == GIL
            and b.states.get(tid) == GIL and (_grew(a, b, tid) or 0) >= HELD_NS}
    if not held:
        return held
    return held | {tid for tid, state in a.states.items() if state == RUN}


def _grew(a, b, tid):
    """The CPU time of `tid` between looks `a` and `b` in ns, or None when not known."""
    cpu0, cpu1 = a.cpus.get(tid), b.cpus.get(tid)
    return None if cpu0 is None or cpu1 is None else cpu1 - cpu0


def joined(spans):
    """`spans` (in order per thread, e.g. of several `Chunks.add`) with a stretch that goes on
    from one span of its thread into the next as one span."""
    out, open_spans = [], {}
    for span in spans:
        _extend(out, open_spans, span)
    return out


def _extend(spans, open_spans, span):
    """Append `span`, merged into its thread's last one when it goes on in the same state."""
    key = span[:2]
    at = open_spans.get(key)
    if at is not None:
        last = spans[at]
        if last[4:] == span[4:] and last[3] == span[2]:
            spans[at] = last[:3] + (span[3],) + last[4:]
            return
    open_spans[key] = len(spans)
    spans.append(span)


def _handoffs(seen):
    """How often the GIL changed hands (see the module's docstring), and for how long
    threads waited for it (the contended time: the stretches between two looks that saw a
    GIL wait, when they are close)."""
    interval_s, read = switch_interval(seen)
    owners = [(t, look, look.gil_owner()) for t, look in seen]
    owners = [found for found in owners if found[2] is not None]
    turn = turn_ns(owners, interval_s * 1e9)
    switches = between = 0
    for (t0, a, o0), (t1, b, o1) in zip(owners, owners[1:]):
        switches += o0 != o1
        between += turns_between(a, b, o0, o1, (t1 - t0) / turn, turn)
    contended, previous = 0, None
    for t, _, _ in owners:
        if previous is not None and t - previous <= BRIDGE_NS:
            contended += t - previous
        previous = t
    return {"handoffs": switches + between, "seen": switches,
            "contended_s": round(contended / 1e9, 4),
            "switch_interval_s": interval_s, "interval_read": read}


def turn_ns(owners, interval_ns):
    """How long a turn lasts: the time between two switches the looks saw (each placed
    halfway between its looks) that `TURN_QUANTILE` of them do not exceed, at least the
    switch interval."""
    switches = [(t0 + t1) / 2 for (t0, _, o0), (t1, _, o1) in zip(owners, owners[1:])
                if o0 != o1]
    turns = sorted(b - a for a, b in zip(switches, switches[1:]))
    if not turns:
        return interval_ns
    return max(interval_ns, turns[int(len(turns) * TURN_QUANTILE)])


def turns_between(a, b, first, last, turns_apart, turn):
    """The hand-offs no look saw between looks `a` and `b`, whose GIL owners are `first`
    and `last`, `turns_apart` turns (of `turn` ns) apart, from the waiters' CPU times."""
    turns = {}
    for tid, state in a.states.items():
        if tid == first or state != GIL or (b.states.get(tid) != GIL and tid != last):
            continue
        grew = _grew(a, b, tid)
        if tid == last:                 # its turn at `b` began between the looks
            fit = turns_apart / 2 + 1
        elif grew is not None and grew >= HELD_NS:
            fit = (turns_apart + 1) / 2
        else:
            continue                    # it only woke to ask, or its CPU time is not known
        turns[tid] = max(1, min(int(fit), round((grew or 0) / turn)))
    if not turns:
        return 0
    back = max(turns.values()) - (first != last)     # the first owner's own turns back
    return sum(turns.values()) + back - (first != last)


def switch_interval(seen):
    """(the program's switch interval in seconds, whether it was read), from the GIL waits
    that began between two looks (the thread was ready at the first). Each had at most the
    interval left at the second look, and at least the interval less the time between the
    looks: a range the interval is in. Most ranges share the interval; the others are
    other timed waits (``queue.get(timeout=1)`` while another thread runs), an interval the
    program changed, or a thread that was ready at the first look yet still in the same wait
    (woken, then waiting again until the same deadline). The roundest number that nearly
    as many ranges share as any (``SHARED``) is taken."""
    ranges = []
    for (t0, a), (t1, b) in zip(seen, seen[1:]):
        for tid, left in b.left.items():
            if tid in a.ready:
                ranges.append((left, left + t1 - t0 + LOOK_SLACK_NS))
    shared = _shared(ranges)
    if not shared or shared[0][2] < MIN_DEADLINES:
        return DEFAULT_SWITCH_S, False
    most = max(count for _, _, count in shared)
    found = [_roundest(low, high) for low, high, count in shared if count >= SHARED * most]
    return min(found)[1] / 1e9, True


def _shared(ranges):
    """[(low, high, how many of `ranges` contain [low, high])], the pieces of the line
    between their ends, most shared first."""
    ends = sorted({value for pair in ranges for value in pair})
    starts = sorted(low for low, _ in ranges)
    stops = sorted(high for _, high in ranges)
    pieces = []
    for low, high in zip(ends, ends[1:]):
        count = bisect.bisect_right(starts, low) - bisect.bisect_left(stops, high)
        if count:
            pieces.append((low, high, count))
    return sorted(pieces, key=lambda piece: -piece[2])


def _roundest(low, high):
    """(how many significant digits, the number with the fewest in [low, high]); both > 0."""
    top = math.floor(math.log10(high))
    for digits in range(1, 10):
        step = 10 ** (top - digits + 1)
        found = math.ceil(low / step) * step
        if found <= high:
            return digits, found
    return 10, low
