"""The probe: how a lesson tells the Concurrency Lab window what happens inside it.

Lessons call a few one-line functions (`span`, `mark`, `counter`, `arrow_out`/`arrow_in`,
`begin`/`end`); the bootstrap (`workloads/_boot/sitecustomize.py`) switches on the automatic
part (`workloads/autotrace.py`): process start/exit (also in forked and spawned children) and
thread start/exit/names.
Without the environment variable ``CLAB_TRACE`` every call is a cheap no-op, so each lesson
still runs as a plain script.

Transport
    ``CLAB_TRACE`` is ``unix:/path/to/socket`` or ``tcp:127.0.0.1:PORT``; ``CLAB_TOKEN`` is a
    random hex string the listener checks. Every process opens its own connection (after a
    fork the child drops the inherited one and reconnects) and a background flusher sends
    the buffered records every ~50 ms and at exit; names are interned and sent once, before
    the first record that uses them. When the connection closes (the window
    went away) the flusher ends the process: no orphans.

Wire format (little-endian)
    The stream is a sequence of frames: ``u32 payload_length, u8 frame_type, payload``.

    HELLO   (1)  ``32s token, q pid, q ppid, q perf_counter_ns`` then the UTF-8 process name
                 (at most 1024 bytes). Always the first frame of a connection.
    STRING  (2)  ``u16 id`` then UTF-8 text: interns a name; records refer to it by id.
                 An id names one text for the whole connection. Names are cut to 4096
                 bytes; past 65,534 names in one process, new names share id 65535, "…".
    RECORDS (3)  a whole number of fixed 32-byte records ``<BBHIqqq`` (at most 4 MiB a frame):

        ======  ====  ======================================================
        field   type  meaning
        ======  ====  ======================================================
        kind    u8    what the record is (table below)
        cat     u8    state / category code (``CATEGORIES``), 0 if none
        name    u16   interned string id, 0 if none
        tid     u32   OS thread id (``threading.get_native_id()``) in THREAD_START and
                      THREAD_END records, 0 in others (it costs a system call)
        ts      i64   ``time.perf_counter_ns()`` of the event (a span's start)
        a       i64   kind-specific: span end ns, flow id, exit code, counter
                      value (the bits of a float64)
        thread  i64   ``threading.get_ident()`` of the emitting thread: the lane key
        ======  ====  ======================================================

    kinds: 1 PROCESS_NAME, 2 PROCESS_EXIT (a = exit code), 3 THREAD_START (name = thread
    name), 4 THREAD_END, 5 SPAN (ts..a), 6 MARK, 7 COUNTER (a = float64 bits), 8 FLOW_OUT
    (a = flow id), 9 FLOW_IN (a = flow id), 10 BEGIN and 11 END (an open span, closed later by
    the END with the same tid, cat and name; used for waits that may never end), 12 LANE
    (declares a virtual lane: name = its title, thread = its key, a negative number that
    later records use in their thread field), 13 CHILD_EXIT (tid = a child's pid, a = the
    exit code its parent saw in join(); negative = killed by that signal), 14 SUBLANE_START
    (a lane nested under an OS thread, such as an asyncio task or a greenlet: thread = its
    key, a = the ident of the thread that runs it, name = its title), 15 SUBLANE_END and
    16 RESULT (name = the lesson's figures as JSON, see ``result``).

Where the app's own Python has the record writer in C (``workloads/_trace/_records.c``, built
at install when a compiler is there), ``mark`` and every record are written by it: the same
bytes, about a quarter of the cost. Other interpreters run the pure Python path.

The clock is ``time.perf_counter_ns()``: one system-wide monotonic clock on Linux, macOS and
Windows, so timestamps from different processes line up.
"""
import os
import threading
import time

from workloads._trace.wire import (  # noqa: F401  (the format's names, for the window too)
    BEGIN, CATEGORIES, CHILD_EXIT, COUNTER, END, FLOW_IN, FLOW_OUT, FRAME_HEADER, HELLO,
    HELLO_STRUCT, LANE, MARK, MAX_HELLO_NAME_BYTES, MAX_NAME_BYTES, MAX_RECORDS_FRAME,
    MORE_NAMES, MORE_NAMES_ID, PROCESS_EXIT, PROCESS_NAME, RECORD, RECORDS, RESULT, SPAN,
    STRING, STRING_ID, SUBLANE_END, SUBLANE_START, THREAD_END, THREAD_START, Connection,
    _CAT, _FAST, _FLOAT, _INT, _SUBLANE_BIT, _records, put)

__all__ = ["enabled", "listener_id", "process_name", "span", "emit_span", "mark", "counter",
           "arrow_out", "arrow_in", "begin", "end", "flush", "sublane_key", "sublane_start",
           "sublane_end", "result", "CATEGORIES"]

_perf = time.perf_counter_ns
_ident = threading.get_ident
connection = None                 # the Connection of this process, set by autotrace.start()
_put = put

_SPAN_OF = {cat: SPAN | code << 8 for cat, code in _CAT.items()}   # cat -> a SPAN's kind bits


def enabled():
    """True when a Concurrency Lab window is listening to this process."""
    return connection is not None


def listener_id():
    """A short fingerprint of the window this process reports to, '' when none: processes
    with the same id appear in the same window (a worker on another machine does not)."""
    if connection is None:
        return ""
    import hashlib
    return hashlib.sha256(connection.address.encode() + connection.token).hexdigest()[:16]


def process_name(name):
    """Names this process's lane, e.g. ``probe.process_name("worker on host-2")``."""
    emit_record(PROCESS_NAME, 0, name, _perf())


def emit_record(kind, cat, name, ts, a=0, tid=0, key=None):
    """Queue one record of any kind (the lifecycle tracing in autotrace.py uses this); `key`
    is the lane's key, this thread's by default."""
    p = connection
    if p is not None:
        try:
            head = p.heads[name]
        except KeyError:
            head = p.head(name)
        _put(p.records, kind | cat << 8 | head | tid << 32, ts, a,
             _ident() if key is None else key)


# The calls below are the hot path (~100k events/s in a busy lesson): each is written out in
# full rather than calling emit_record, because a Python call is most of the cost of an event.
# A name's head bits come from one plain dict lookup (`heads`, filled as names are interned);
# a miss takes the slow path that interns the name.

def _lane_key(p, lane):
    """The thread-field key of virtual lane `lane`, declaring it on first use."""
    key = p.lanes.get(lane)
    if key is None:
        key = p.lanes[lane] = -(len(p.lanes) + 1)
        _put(p.records, LANE | p.head(lane), _perf(), 0, key)
    return key


class _Span:
    __slots__ = ("kind", "name", "lane", "t0")

    def __init__(self, name, cat, lane):
        self.name, self.kind, self.lane = name, SPAN | _CAT.get(cat, 0) << 8, lane

    def __enter__(self):
        self.t0 = _perf()
        return self

    def __exit__(self, *exc):
        p = connection
        if p is not None:
            t1 = _perf()
            try:
                head = p.heads[self.name]
            except KeyError:
                head = p.head(self.name)
            key = _ident() if self.lane is None else _lane_key(p, self.lane)
            _put(p.records, self.kind | head, self.t0, t1, key)
        return False


def span(name, cat="task", lane=None):
    """``with probe.span("task 3"):`` draws one bar on this thread's lane, or on the virtual
    lane called `lane` (a row of its own under the lesson's main process; bars that overlap
    there are stacked into extra rows)."""
    return _Span(name, cat, lane)


def emit_span(name, cat, start_ns, end_ns, lane=None, sublane=None):
    """Send a span measured by the lesson (``perf_counter_ns`` start and end) for this thread,
    for the virtual lane `lane`, or for the sublane with key `sublane`."""
    p = connection
    if p is not None:
        try:
            head = p.heads[name]
        except KeyError:
            head = p.head(name)
        _put(p.records, _SPAN_OF.get(cat, SPAN) | head, start_ns, end_ns,
             sublane or (_ident() if lane is None else _lane_key(p, lane)))


def mark(name, lane=None, sublane=None):
    """An instant event, e.g. ``probe.mark("put A")``, on this thread, a virtual lane or a
    sublane."""
    p = connection
    if p is not None:
        try:
            head = p.heads[name]
        except KeyError:
            head = p.head(name)
        _put(p.records, MARK | head, _perf(), 0,
             sublane or (_ident() if lane is None else _lane_key(p, lane)))


_mark_py = mark


def _connected(p):
    """Called once `p` is this process's connection: where this Python has the C record
    writer, ``probe.mark`` becomes its marker for `p` (the same records, about a quarter of
    the cost; a new name, a lane or a sublane still takes `_mark_py`)."""
    global mark
    if _records is not None and type(p.records) is bytearray:
        mark = _records.Marker(p.heads, p.records, _mark_py, MARK)
    else:
        mark = _mark_py


def counter(name, value):
    """A value over time, e.g. ``probe.counter("balance", balance)``; a value that is not a
    finite number (inf, nan) is left out."""
    if connection is not None:
        value = float(value)
        if value - value == 0.0:
            emit_record(COUNTER, 0, name, _perf(), _INT.unpack(_FLOAT.pack(value))[0])


def arrow_out(flow_id, name="message", sublane=None, lane=None, ts=None):
    """Start of an arrow (a message leaves); the matching ``arrow_in`` (same name and id)
    ends it. On this thread, a sublane or the virtual lane `lane`; now, or at `ts` ns."""
    _flow(FLOW_OUT, flow_id, name, sublane, lane, ts)


def arrow_in(flow_id, name="message", sublane=None, lane=None, ts=None):
    _flow(FLOW_IN, flow_id, name, sublane, lane, ts)


def _flow(kind, flow_id, name, sublane, lane, ts):
    p = connection
    if p is not None:
        key = sublane or (None if lane is None else _lane_key(p, lane))
        emit_record(kind, 0, name, _perf() if ts is None else ts, int(flow_id), key=key)


def sublane_key(obj):
    """The key of a sublane for `obj` (an asyncio task, a greenlet)."""
    return _SUBLANE_BIT | id(obj)


def sublane_start(key, name):
    """A lane nested under this OS thread: an asyncio task or a greenlet it runs."""
    emit_record(SUBLANE_START, 0, name, _perf(), _ident(), key=key)


def sublane_end(key):
    emit_record(SUBLANE_END, 0, "", _perf(), key=key)


def begin(name, cat):
    """Open a span that may never end (a wait on a lock that deadlocks)."""
    emit_record(BEGIN, _CAT.get(cat, 0), name, _perf())


def end(name, cat):
    emit_record(END, _CAT.get(cat, 0), name, _perf())


def result(**figures):
    """The lesson's figures, reported once at its end, e.g.
    ``probe.result(balance=13, lost=2, iterations=200000)``: numbers, short texts and short
    lists. The window's banner, tabs and answers are made from them; several calls add up.
    Without a window, each call's figures are added as a JSON line to the file named by
    ``CLAB_RESULT_FILE`` when it is set."""
    from workloads._trace.figures import encode
    text = encode(figures)                  # checked in a plain run too
    if connection is not None:
        emit_record(RESULT, 0, text, _perf())
    elif os.environ.get("CLAB_RESULT_FILE"):    # a plain run's figures, for a script
        with open(os.environ["CLAB_RESULT_FILE"], "a", encoding="utf-8") as out:
            out.write(text + "\n")


def flush():
    if connection is not None:
        connection.flush()
