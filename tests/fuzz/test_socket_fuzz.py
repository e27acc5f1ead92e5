"""Fuzzing the trace socket: a real probe's frames, mutated, cut and split at random points,
after a valid HELLO with the right token. Each stream is either refused with a one-line
ProtocolError or leaves a consistent model that exports to Chrome JSON; so is what a refused
stream sent before its bad frame. Fixed budget, derandomized: the same inputs every run."""
import asyncio
import os
import struct

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gui.trace.decoder import RECORD_DTYPE
from gui.trace.listener import TraceListener
from gui.trace.model import TraceModel
from tests.fuzz.socket_stream import (captured, check_consistent, ingest, join_frames,
                                      split_frames)
from workloads import probe

pytestmark = pytest.mark.realrun            # the stream is captured from a real probe process
RECORD = RECORD_DTYPE.itemsize
FIELDS = {name: (RECORD_DTYPE.fields[name][1], RECORD_DTYPE.fields[name][0].str[-2:])
          for name in RECORD_DTYPE.names}           # name -> (offset, struct code)
EDGES = [0, 1, 2, 7, 8, 15, 16, 200, 255, 256, 65535, 65536, 2 ** 31, 2 ** 32 - 1,
         2 ** 62, 2 ** 63 - 1, -1, -2, -2 ** 31, -2 ** 63, 0x7FF0000000000000,
         0x7FF8000000000000, 0xFFF0000000000000]


def _fit(value, code):
    """`value` wrapped into the range of the struct `code` (u1, u2, u4, i8)."""
    bits = {"u1": 8, "u2": 16, "u4": 32, "i8": 64}[code]
    value &= (1 << bits) - 1
    if code == "i8" and value >= 1 << 63:
        value -= 1 << 64
    return value


@st.composite
def mutated_stream(draw):
    """The captured frames after a few random edits, cut into random chunks."""
    hello, *frames = captured()
    frames = _small_record_frames(frames, draw(st.integers(1, 8)))
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["field"] * 6 + ["bytes", "drop", "repeat", "swap",
                                                     "insert", "length"]))
        where = draw(st.integers(0, len(frames) - 1))
        if edit == "field":                     # a record: pick among the records frames
            where = draw(st.sampled_from([i for i, (k, p) in enumerate(frames)
                                          if k == probe.RECORDS and len(p) >= RECORD]
                                         or [where]))
        kind, payload = frames[where]
        if edit == "field" and kind == probe.RECORDS and len(payload) >= RECORD:
            index = draw(st.integers(0, len(payload) // RECORD - 1))
            name = draw(st.sampled_from(RECORD_DTYPE.names))
            offset, code = FIELDS[name]
            at = index * RECORD + offset
            (old,) = struct.unpack_from("<" + {"u1": "B", "u2": "H", "u4": "I", "i8": "q"}[code],
                                        payload, at)
            value = draw(st.one_of(st.sampled_from(EDGES), st.integers(-2 ** 63, 2 ** 64),
                                   st.integers(-10 ** 10, 10 ** 10).map(lambda d: old + d)))
            fmt = "<" + {"u1": "B", "u2": "H", "u4": "I", "i8": "q"}[code]
            payload = bytearray(payload)
            struct.pack_into(fmt, payload, at, _fit(value, code))
            frames[where] = (kind, bytes(payload))
        elif edit == "bytes" and payload:
            payload = bytearray(payload)
            for _ in range(draw(st.integers(1, 4))):
                payload[draw(st.integers(0, len(payload) - 1))] = draw(st.integers(0, 255))
            frames[where] = (kind, bytes(payload))
        elif edit == "drop" and len(frames) > 1:
            del frames[where]
        elif edit == "repeat":
            frames.insert(draw(st.integers(0, len(frames))), frames[where])
        elif edit == "swap":
            other = draw(st.integers(0, len(frames) - 1))
            frames[where], frames[other] = frames[other], frames[where]
        elif edit == "insert":
            frames.insert(where, (draw(st.integers(0, 255)), draw(st.binary(max_size=96))))
        elif edit == "length":                  # a header that lies about its length
            data = join_frames(frames)
            at = draw(st.integers(0, len(data)))
            data = (data[:at] + struct.pack("<IB", draw(st.sampled_from(EDGES[:13])),
                                            draw(st.integers(0, 255))) + data[at:])
            frames = split_frames(data) or frames
    data = join_frames([hello] + frames)
    if draw(st.integers(0, 3)) == 0:                                # cut short
        data = data[:draw(st.integers(0, len(data)))]
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=8)))
    return [data[a:b] for a, b in zip([0] + cuts, cuts + [len(data)])]


def _small_record_frames(frames, per_frame):
    """The same frames with records regrouped `per_frame` to a frame (the probe sends what
    accumulated in ~50 ms: any grouping is real)."""
    out = []
    for kind, payload in frames:
        if kind != probe.RECORDS:
            out.append((kind, payload))
            continue
        step = per_frame * RECORD
        out += [(kind, payload[i:i + step]) for i in range(0, len(payload), step)]
    return out


def _origin():
    return probe.HELLO_STRUCT.unpack_from(captured()[0][1])[3] - 1_000_000


def test_the_real_stream_is_accepted_whole():
    model, refused = ingest([join_frames(captured())], _origin())
    assert refused is None
    events = check_consistent(model)["traceEvents"]
    names = {e.get("name") for e in events}
    assert {"task 0", "mark 1", "queued", "put A", "lock A", "switch", "never ends"} <= names


@settings(max_examples=1500, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(mutated_stream())
def test_a_mutated_stream_is_refused_in_one_line_or_leaves_a_consistent_model(chunks):
    model, refused = ingest(chunks, _origin())
    if refused is not None:
        reason = str(refused)
        assert reason and "\n" not in reason
    check_consistent(model)


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(mutated_stream(), min_size=3, max_size=3))
def test_mutated_streams_through_the_listener_socket(streams):
    """Three connections at once, each a mutated stream with this process's pid."""
    async def send(listener, chunks):
        reader, writer = await asyncio.open_unix_connection(listener.address[5:])
        for chunk in chunks:
            writer.write(chunk)
            await writer.drain()
        writer.write_eof()
        await reader.read()                 # until the listener has read and closed
        writer.close()

    async def go():
        model = TraceModel(_origin())
        listener = await TraceListener(model).start()
        await asyncio.wait_for(asyncio.gather(*(send(listener, chunks) for chunks in streams)),
                               60)
        while listener.open_connections:
            await asyncio.sleep(0.005)
        await listener.close()
        return listener, model

    me = probe.HELLO_STRUCT.pack(b"f" * 32, os.getpid(), os.getppid(),
                                 probe.HELLO_STRUCT.unpack_from(captured()[0][1])[3])
    own = probe.FRAME_HEADER.pack(len(captured()[0][1]), probe.HELLO) + me
    streams = [_as_mine(chunks, own) for chunks in streams]
    listener, model = asyncio.run(go())
    assert all(reason and "\n" not in reason for reason in listener.rejected)
    check_consistent(model)


def _as_mine(chunks, own):
    """The same stream with a HELLO that names this process (the socket tells who sent it)."""
    data = b"".join(chunks)
    rest = data[len(own):] if len(data) >= len(own) else b""
    return [own + rest]
