"""The decoder never lets malformed input escape as anything but ProtocolError."""
import struct

import numpy as np
from hypothesis import given, settings, strategies as st

from gui.trace.decoder import Hello, InternedString, ProtocolError, StreamDecoder
from workloads import probe


def _frame(kind, payload):
    return probe.FRAME_HEADER.pack(len(payload), kind) + payload


def valid_stream(n_records=5):
    hello = probe.HELLO_STRUCT.pack(b"a" * 32, 100, 1, 123) + "MainProcess".encode()
    data = _frame(probe.HELLO, hello)
    data += _frame(probe.STRING, probe.STRING_ID.pack(1) + "task 1".encode())
    body = b"".join(probe.RECORD.pack(probe.SPAN, 6, 1, 7, i * 10, i * 10 + 5, 0)
                    for i in range(n_records))
    return data + _frame(probe.RECORDS, body)


def decode_all(chunks):
    decoder, frames = StreamDecoder(), []
    for chunk in chunks:
        frames += decoder.feed(chunk)
    return frames


def test_a_valid_stream_decodes():
    hello, string, records = decode_all([valid_stream()])
    assert hello == Hello(b"a" * 32, 100, 1, 123, "MainProcess")
    assert string == InternedString(1, "task 1")
    assert list(records["ts"]) == [0, 10, 20, 30, 40]
    assert list(records["a"] - records["ts"]) == [5] * 5


FIXED = dict(deadline=None, derandomize=True, database=None)


@settings(max_examples=100, **FIXED)
@given(st.lists(st.integers(0, 400), max_size=12))
def test_any_split_of_a_stream_gives_the_same_frames(cuts):
    data = valid_stream()
    points = sorted(set(c % (len(data) + 1) for c in cuts))
    chunks = [data[a:b] for a, b in zip([0] + points, points + [len(data)])]
    whole, pieces = decode_all([data]), decode_all(chunks)
    assert len(whole) == len(pieces) == 3
    assert np.array_equal(whole[2], pieces[2]) and whole[:2] == pieces[:2]


@settings(max_examples=100, **FIXED)
@given(st.integers(0, 400))
def test_a_truncated_stream_yields_only_whole_frames(cut):
    data = valid_stream()[:cut]
    frames = decode_all([data])
    assert len(frames) <= 3


@settings(max_examples=500, **FIXED)
@given(st.binary(max_size=600))
def test_random_bytes_raise_only_protocol_error(data):
    try:
        decode_all([data])
    except ProtocolError:
        pass


@settings(max_examples=300, **FIXED)
@given(st.binary(max_size=200), st.integers(0, 10))
def test_garbage_after_a_valid_hello_raises_only_protocol_error(junk, kind):
    data = valid_stream(1) + struct.pack("<IB", len(junk), kind) + junk
    try:
        decode_all([data])
    except ProtocolError:
        pass


def test_an_oversized_frame_is_refused_without_waiting_for_it():
    data = valid_stream(1) + struct.pack("<IB", 1 << 30, probe.RECORDS)
    try:
        decode_all([data])
    except ProtocolError as exc:
        assert "larger" in str(exc)
    else:
        raise AssertionError("an oversized frame was accepted")


def _refused(data, token=None):
    """The one-line reason `data` is refused for, as soon as the decoder sees it."""
    try:
        StreamDecoder(token).feed(data)
    except ProtocolError as exc:
        assert "\n" not in str(exc)
        return str(exc)
    raise AssertionError("accepted")


def test_a_big_hello_is_refused_from_its_header_alone():
    header = probe.FRAME_HEADER.pack(16 * 1024 * 1024, probe.HELLO)
    assert "larger" in _refused(header)                 # no byte of its body needed
    assert "HELLO" in _refused(probe.FRAME_HEADER.pack(10, probe.RECORDS))


def test_the_token_is_checked_as_soon_as_the_hello_is_whole():
    hello = probe.HELLO_STRUCT.pack(b"b" * 32, 100, 1, 123) + b"MainProcess"
    garbage = struct.pack("<IB", 3, 99) + b"xyz"         # would be refused for its type
    assert "wrong token" in _refused(_frame(probe.HELLO, hello) + garbage, b"a" * 32)
    frames = StreamDecoder(b"a" * 32).feed(valid_stream(1))
    assert frames[0].pid == 100 and len(frames) == 3


def test_a_hello_with_an_impossible_pid_is_refused():
    for pid, ppid in ((0, 1), (-5, 1), (2 ** 40, 1), (100, -1)):
        hello = probe.HELLO_STRUCT.pack(b"a" * 32, pid, ppid, 123)
        assert "pid" in _refused(_frame(probe.HELLO, hello))


def test_a_name_longer_than_the_probe_sends_is_refused():
    data = valid_stream(0) + _frame(probe.STRING, probe.STRING_ID.pack(2) + b"x" * 5000)
    assert "larger" in _refused(data)
