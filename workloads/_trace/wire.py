"""The probe's wire format and its connection: the constants the window decodes with, and
`Connection`, one per process, that buffers records and sends them (format: the docstring of
`workloads/probe.py`). Lessons never use this module; `workloads.probe` is their API.
"""
import _thread
import os
import select
import socket
import struct
import sys
import threading
import time

# State / category codes; the GUI decodes with the same table.
CATEGORIES = ("", "run", "wait.lock", "wait.gil", "wait.io", "lock.hold", "task", "blocked")
_CAT = {name: code for code, name in enumerate(CATEGORIES)}

HELLO, STRING, RECORDS = 1, 2, 3
(PROCESS_NAME, PROCESS_EXIT, THREAD_START, THREAD_END, SPAN, MARK, COUNTER,
 FLOW_OUT, FLOW_IN, BEGIN, END, LANE, CHILD_EXIT, SUBLANE_START, SUBLANE_END,
 RESULT) = range(1, 17)
_SUBLANE_BIT = 1 << 62              # sublane keys never collide with thread idents
FRAME_HEADER = struct.Struct("<IB")
HELLO_STRUCT = struct.Struct("<32sqqq")
STRING_ID = struct.Struct("<H")
RECORD = struct.Struct("<BBHIqqq")
# The hot path packs kind, cat, name and tid as one little-endian u64 "head": the same bytes
# as the first four fields of RECORD, but one argument instead of four.
_FAST = struct.Struct("<Qqqq")
_FLOAT = struct.Struct("<d")
try:     # the record writer in C, built for the interpreter the app is installed in
    from workloads._trace import _records
except ImportError:
    _records = None


def _put_py(records, head, ts, a, key, _pack=_FAST.pack):
    records.extend(_pack(head, ts, a, key))


# put(records, head, ts, a, key): append one record (the C writer when this Python has it)
put = _put_py if _records is None else _records.put
_INT = struct.Struct("<q")
MAX_NAME_BYTES = 4096               # a name's UTF-8 text is cut to this
MAX_HELLO_NAME_BYTES = 1024         # the process name in HELLO
MORE_NAMES_ID, MORE_NAMES = 0xFFFF, "…"    # the id every name past the last free one shares
MAX_RECORDS_FRAME = 4 << 20         # bytes of records in one frame

# Each flush takes the GIL from the lesson's threads: 50 ms keeps the window live (20 updates
# a second) while cutting into at most one in ten 5 ms GIL turns of a busy lesson.
_FLUSH_S = 0.05
_perf = time.perf_counter_ns
_ident = threading.get_ident
_hard_exit = os._exit            # the real one, even after autotrace wraps os._exit
# The real ones, even after a gevent lesson's monkey.patch_all(): the flusher is an OS thread.
_select = select.select
_allocate_lock = _thread.allocate_lock


# A free-threaded build running without the GIL: bytearray methods are not atomic there.
# (CLAB_PROBE_LOCKED=1 takes the same path on any build: the tests check it that way.)
_NO_GIL = (not getattr(sys, "_is_gil_enabled", lambda: True)()
           or os.environ.get("CLAB_PROBE_LOCKED") == "1")


class _LockedRecords(bytearray):
    """The record buffer of a process without a GIL: every change under one lock."""

    def __init__(self):
        super().__init__()
        self.lock = _allocate_lock()

    def extend(self, data):
        with self.lock:
            bytearray.extend(self, data)


def _new_records():
    return _LockedRecords() if _NO_GIL else bytearray()


class Connection:
    """One connection per process; records queue in a bytearray that the flusher drains."""

    def __init__(self, address, token):
        self.address, self.token = address, token.encode()[:32]
        self.records = _new_records()       # packed 32-byte records, appended by any thread
        self.strings = {"": 0}
        # name -> its id shifted into place in a record's head: what the hot path looks up
        # (one plain dict lookup, no shift; names past the id space are not kept here)
        self.heads = {"": 0}
        self.lanes = {}                     # virtual lane title -> key
        self.send_lock = _allocate_lock()
        self.sock = None
        self.pid = None
        self.exited = False                 # PROCESS_EXIT sent

    # -- connection -------------------------------------------------------------------
    def connect(self, name):
        kind, _, rest = self.address.partition(":")
        if kind == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(rest)
        else:
            host, _, port = rest.rpartition(":")
            sock = socket.create_connection((host, int(port)))
        # A big send buffer lets one flush go out in one send(): sendall() in pieces would
        # retake the GIL between pieces and stall the lesson's threads each time.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        self.sock, self.pid = sock, os.getpid()
        hello = (HELLO_STRUCT.pack(self.token, self.pid, os.getppid(), _perf())
                 + name.encode("utf-8", "replace")[:MAX_HELLO_NAME_BYTES])
        sock.sendall(FRAME_HEADER.pack(len(hello), HELLO) + hello)
        thread = threading.Thread(target=self._flusher, args=(sock,), name="clab-probe",
                                  daemon=True)
        thread._clab_hidden = True
        thread.start()

    def _flusher(self, sock):
        while sock is self.sock:
            try:
                readable, _, _ = _select([sock], [], [], _FLUSH_S)
                if readable and sock.recv(1) == b"":    # the window closed our connection
                    _hard_exit(70)                       # end now; our children notice too
            except (OSError, ValueError):
                if sock is self.sock:
                    _hard_exit(70)
                return
            self.flush()

    # -- buffering --------------------------------------------------------------------
    def intern(self, text):
        """The id of `text`, sending it to the window the first time it is used. Ids are
        16 bits: once they are used up, new names are sent as "…" (and not remembered)."""
        with self.send_lock:
            sid = self.strings.get(text)
            if sid is None:
                if len(self.strings) >= MORE_NAMES_ID:
                    text, sid = MORE_NAMES, MORE_NAMES_ID
                    if self.strings.get(text) == sid:
                        return sid
                else:
                    sid = len(self.strings)
                data = STRING_ID.pack(sid) + text.encode("utf-8", "replace")[:MAX_NAME_BYTES]
                self._send(FRAME_HEADER.pack(len(data), STRING) + data)
                self.strings[text] = sid
                self.heads[text] = sid << 16
        return sid

    def head(self, text):
        """The name bits of a record head for `text` (its id << 16), interning it: the slow
        path of ``heads[text]``."""
        return self.intern(text) << 16

    def flush(self):
        records = self.records
        n = len(records)
        if n == 0 or self.sock is None:
            return
        # Under the GIL, extend, slice and deleting a prefix of a bytearray are each atomic and
        # other threads only append at the end: no record is lost or sent twice, without a lock
        # on the hot path. The send lock covers taking and sending, so a flush at exit waits
        # for one in flight. Without a GIL the buffer's own lock makes taking atomic too.
        with self.send_lock:
            lock = getattr(records, "lock", None)
            if lock is not None:
                with lock:
                    n = len(records)
                    payload = bytes(records[:n])
                    del records[:n]
            else:
                n = len(records)
                payload = records[:n]
                del records[:n]
            if n <= MAX_RECORDS_FRAME:
                self._send(FRAME_HEADER.pack(n, RECORDS) + payload)
                return
            for lo in range(0, n, MAX_RECORDS_FRAME):        # a flush held up for long
                part = payload[lo:lo + MAX_RECORDS_FRAME]
                self._send(FRAME_HEADER.pack(len(part), RECORDS) + part)

    def _send(self, data):
        try:
            self.sock.sendall(data)
        except (OSError, AttributeError):
            pass

    def after_fork_in_child(self):
        old = self.sock
        self.sock, self.exited = None, False
        # The buffer and the heads are emptied in place: the C marker (`probe.mark`) holds them.
        if type(self.records) is bytearray:
            del self.records[:]
        else:
            self.records = _new_records()           # its lock is new too
        self.send_lock = _allocate_lock()
        self.strings = {"": 0}
        self.heads.clear()
        self.heads[""] = 0
        self.lanes = {}
        if old is not None:
            try:
                old.close()                      # the parent's connection, not ours
            except OSError:
                pass
