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
never drawn running at once. A GIL hand-off is counted when the thread that runs while
another waits for the GIL changes. Not known from outside, so not said: which lock a futex
belongs to, whether a ready thread had a CPU or waited for one, switches between two looks,
and the program's switch interval (``sys.getswitchinterval()``; the default is assumed).
"""
import platform

DEFAULT_SWITCH_S = 0.005
BRIDGE_NS = 10_000_000      # two GIL waits this close: the time between was contended too
UNTIMED = "lock, join() or wait()"

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
    """{pid: [(t_ns, {tid: state}), ...]} from the sampler's lines."""
    looks = {}
    for line in lines:
        head, _, rest = line.strip().partition(";")
        try:
            t = int(head)
            seen = {}
            for field in rest.split(";") if rest else ():
                pid, tid, state = field.split(",")
                seen.setdefault(int(pid), {})[int(tid)] = state
        except ValueError:
            continue                     # a line cut short at the end
        for pid, threads in seen.items():
            looks.setdefault(pid, []).append((t, threads))
    return looks


class _Look:
    """What one look saw in one process, in the words of the spans; `gil`: whether the
    process has one (not so in a free-threaded build: its threads run at once)."""

    def __init__(self, threads, futex, reasons, gil=True):
        self.ready = {tid for tid, state in threads.items() if state == "R"}
        self.states = {}
        for tid, state in threads.items():
            self.states[tid] = _kind(state, futex, reasons,
                                     self.ready - {tid} if gil else set())

    def gil_owner(self):
        """The thread that holds the GIL while another waits for it, or None."""
        if len(self.ready) == 1 and any(s == ("wait.gil", "GIL") for s in self.states.values()):
            return next(iter(self.ready))
        return None


def _kind(state, futex, reasons, others_ready):
    if state == "R":
        return ("run", "") if not others_ready else None
    number, _, rest = state.partition(":")
    if futex and number == futex:
        if rest.rpartition(":")[2] in ("0x0", "0"):
            return "wait.lock", UNTIMED
        return ("wait.gil", "GIL") if others_ready else ("wait.lock", "timed wait")
    return reasons.get(number)


def states(looks, gil=True):
    """Spans ``(pid, tid, t0_ns, t1_ns, state, name)`` and the GIL figures per process
    ``{pid: {"handoffs": n, "contended_s": s}}``; `gil` False for a free-threaded Python."""
    futex, reasons = _reasons()
    spans, gil_figures = [], {}
    for pid, items in looks.items():
        seen = [(t, _Look(threads, futex, reasons, gil)) for t, threads in items]
        open_spans = {}
        for (t0, a), (t1, b) in zip(seen, seen[1:]):
            for tid, state in a.states.items():
                if state is not None and b.states.get(tid) == state:
                    _extend(spans, open_spans, (pid, tid, t0, t1) + state)
        gil_figures[pid] = _handoffs(seen)
    return spans, {pid: found for pid, found in gil_figures.items() if found["handoffs"]}


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
    """How often the thread that held the GIL while another waited for it changed, and
    for how long threads waited for it (the contended time: the stretches between two
    looks that saw a GIL wait, when they are close)."""
    switches, owner, contended, previous = 0, None, 0, None
    for t, look in seen:
        now = look.gil_owner()
        if now is None:
            continue
        if owner is not None and now != owner:
            switches += 1
        if previous is not None and t - previous <= BRIDGE_NS:
            contended += t - previous
        owner, previous = now, t
    return {"handoffs": switches, "contended_s": round(contended / 1e9, 4)}
