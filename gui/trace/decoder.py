"""Turns the probe's byte stream (format: workloads/probe.py docstring) into frames.

One `StreamDecoder` per connection. It accepts bytes in pieces of any size and returns whole
frames; anything malformed raises `ProtocolError` and nothing else, so the listener can drop a
bad connection without the window noticing.
"""
import struct
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
    """Incremental frame decoder: ``for frame in decoder.feed(chunk): ...``."""

    def __init__(self):
        self._buf = bytearray()
        self._seen_hello = False

    def feed(self, data):
        """Frames completed by ``data``: `Hello`, `InternedString` or a record array."""
        buf = self._buf
        buf += data
        frames, pos, size = [], 0, len(buf)
        while size - pos >= _HEADER.size:
            length, kind = _HEADER.unpack_from(buf, pos)
            if length > MAX_FRAME:
                raise ProtocolError(f"frame of {length} bytes is larger than {MAX_FRAME}")
            end = pos + _HEADER.size + length
            if end > size:
                break
            frames.append(self._frame(kind, bytes(buf[pos + _HEADER.size:end])))
            pos = end
        del buf[:pos]
        return frames

    def _frame(self, kind, payload):
        if not self._seen_hello:
            if kind != probe.HELLO:
                raise ProtocolError("the first frame is not HELLO")
            self._seen_hello = True
            return self._hello(payload)
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

    @staticmethod
    def _hello(payload):
        if len(payload) < _HELLO.size:
            raise ProtocolError("HELLO frame is too short")
        try:
            token, pid, ppid, ts = _HELLO.unpack_from(payload)
        except struct.error as exc:  # pragma: no cover - length checked above
            raise ProtocolError(str(exc)) from None
        name = payload[_HELLO.size:].decode("utf-8", "replace")
        return Hello(token.rstrip(b"\0"), pid, ppid, ts, name)
