"""Turns the probe's byte stream (format: workloads/probe.py docstring) into frames.

One `StreamDecoder` per connection. It accepts bytes in pieces of any size and returns whole
frames; anything malformed raises `ProtocolError` (a one-line reason) and nothing else, so the
listener can drop a bad connection without the window noticing.

Before the HELLO a peer is a stranger: the first frame must say HELLO in its header and be
small (`MAX_HELLO`), and with a `token` the decoder checks it the moment the HELLO is whole,
before it looks at another byte. Later frames may be large but never beyond `MAX_FRAME`.
"""
import hmac
from dataclasses import dataclass

import numpy as np

from workloads import probe

RECORD_DTYPE = np.dtype([("kind", "u1"), ("cat", "u1"), ("name", "<u2"), ("tid", "<u4"),
                         ("ts", "<i8"), ("a", "<i8"), ("thread", "<i8")])
assert RECORD_DTYPE.itemsize == probe.RECORD.size

MAX_FRAME = 16 * 1024 * 1024
_HEADER = probe.FRAME_HEADER
_HELLO = probe.HELLO_STRUCT
_STRING_ID = probe.STRING_ID
MAX_HELLO = 4096                                  # the fixed part and a process name
MAX_STRING = _STRING_ID.size + 4096               # an id and a name
MAX_PID = 2 ** 31 - 1                             # a pid_t


class ProtocolError(Exception):
    """The peer sent something that is not the probe's format."""


@dataclass(frozen=True)
class Hello:
    token: bytes
    pid: int
    ppid: int
    ts: int
    name: str


@dataclass(frozen=True)
class InternedString:
    id: int
    text: str


class StreamDecoder:
    """Incremental frame decoder: ``for frame in decoder.feed(chunk): ...``.

    With `token` (bytes), a HELLO carrying another token raises ProtocolError."""

    def __init__(self, token=None):
        self._buf = bytearray()
        self._token = token
        self.hello = None                         # the connection's Hello, once seen

    def feed(self, data):
        """Frames completed by ``data``: `Hello`, `InternedString` or a record array."""
        buf = self._buf
        buf += data
        frames, pos, size = [], 0, len(buf)
        try:
            while size - pos >= _HEADER.size:
                length, kind = _HEADER.unpack_from(buf, pos)
                self._check_header(length, kind)
                end = pos + _HEADER.size + length
                if end > size:
                    break
                frames.append(self._frame(kind, bytes(buf[pos + _HEADER.size:end])))
                pos = end
        finally:
            del buf[:pos]
        return frames

    def _check_header(self, length, kind):
        if self.hello is None:
            if kind != probe.HELLO:
                raise ProtocolError("the first frame is not HELLO")
            if length > MAX_HELLO:
                raise ProtocolError(f"a HELLO of {length} bytes is larger than {MAX_HELLO}")
        elif kind == probe.STRING and length > MAX_STRING:
            raise ProtocolError(f"a name of {length} bytes is larger than {MAX_STRING}")
        elif length > MAX_FRAME:
            raise ProtocolError(f"frame of {length} bytes is larger than {MAX_FRAME}")

    def _frame(self, kind, payload):
        if self.hello is None:
            self.hello = self._hello(payload)
            return self.hello
        if kind == probe.RECORDS:
            if len(payload) % RECORD_DTYPE.itemsize:
                raise ProtocolError("a records frame is not a whole number of records")
            return np.frombuffer(payload, dtype=RECORD_DTYPE)
        if kind == probe.STRING:
            if len(payload) < _STRING_ID.size:
                raise ProtocolError("a string frame is too short")
            (sid,) = _STRING_ID.unpack_from(payload)
            return InternedString(sid, payload[_STRING_ID.size:].decode("utf-8", "replace"))
        raise ProtocolError(f"unknown frame type {kind}")

    def _hello(self, payload):
        if len(payload) < _HELLO.size:
            raise ProtocolError("HELLO frame is too short")
        token, pid, ppid, ts = _HELLO.unpack_from(payload)
        token = token.rstrip(b"\0")
        if self._token is not None and not hmac.compare_digest(token, self._token):
            raise ProtocolError("a connection with a wrong token was refused")
        if not 0 < pid <= MAX_PID or not 0 <= ppid <= MAX_PID:
            raise ProtocolError(f"a HELLO with an impossible pid {pid} or parent {ppid}")
        name = payload[_HELLO.size:].decode("utf-8", "replace")
        return Hello(token, pid, ppid, ts, name)
