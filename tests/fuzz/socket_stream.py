"""A real probe's byte stream, captured once, and a harness that feeds any stream the way the
window does: StreamDecoder -> ProcessFeed -> TraceModel, then a Chrome JSON export."""
import functools
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time

from gui.run.workload_run import BOOT, ROOT
from gui.trace import chrome_json
from gui.trace.decoder import ProtocolError, StreamDecoder
from gui.trace.ingest import ProcessFeed
from gui.trace.model import STATES, TraceModel
from workloads import probe

TOKEN = "f" * 32

SOURCE = """
import threading, time
from workloads import probe

probe.process_name("fuzz source")

def work(i):
    with probe.span(f"task {i}"):
        probe.mark(f"mark {i}")
    probe.counter("balance", i * 1.5)
    probe.arrow_out(i, "message")

threads = [threading.Thread(target=work, args=(i,), name=f"Worker-{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
    probe.arrow_in(threads.index(t), "message")
with probe.span("queued", cat="wait.io", lane="queue"):
    probe.mark("put A", lane="queue")
probe.begin("lock A", "wait.lock")
probe.end("lock A", "wait.lock")
probe.begin("never ends", "blocked")
key = probe.sublane_key(object())
probe.sublane_start(key, "Task-1")
t0 = time.perf_counter_ns()
probe.emit_span("run", "run", t0, time.perf_counter_ns(), sublane=key)
probe.mark("switch", sublane=key)
probe.sublane_end(key)
"""


@functools.lru_cache(maxsize=None)
def captured():
    """The frames a real probe process sends, as (type, payload) pairs, HELLO first."""
    with tempfile.TemporaryDirectory(prefix="clab-fuzz-") as folder:
        path = os.path.join(folder, "s")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(1)
        server.settimeout(60)
        env = dict(os.environ, CLAB_TRACE=f"unix:{path}", CLAB_TOKEN=TOKEN,
                   PYTHONPATH=os.pathsep.join([str(BOOT), str(ROOT)]))
        proc = subprocess.Popen([sys.executable, "-c", SOURCE], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            conn, _ = server.accept()
            conn.settimeout(60)
            chunks = []
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            conn.close()
        finally:
            _, err = proc.communicate(timeout=60)
            server.close()
        assert proc.returncode == 0, err
    return tuple(split_frames(b"".join(chunks)))


def split_frames(data):
    frames, pos = [], 0
    while pos + probe.FRAME_HEADER.size <= len(data):
        length, kind = probe.FRAME_HEADER.unpack_from(data, pos)
        start = pos + probe.FRAME_HEADER.size
        frames.append((kind, data[start:start + length]))
        pos = start + length
    return frames


def join_frames(frames):
    return b"".join(probe.FRAME_HEADER.pack(len(p), k) + p for k, p in frames)


def new_decoder():
    return StreamDecoder(TOKEN.encode())


def new_feed(model, hello):
    return ProcessFeed(model, hello, clock=time.perf_counter_ns)


def ingest(chunks, origin_ns):
    """Feed `chunks` as one connection does. Returns (model, ProtocolError or None)."""
    model, decoder, feed, refused = TraceModel(origin_ns), new_decoder(), None, None
    try:
        for chunk in chunks:
            for frame in decoder.feed(chunk):
                if feed is None:
                    feed = new_feed(model, frame)
                else:
                    feed.add(frame)
    except ProtocolError as exc:
        refused = exc
    if feed is not None:
        feed.closed(time.perf_counter_ns())
    return model, refused


def check_consistent(model):
    """Every reference in the model points at something that exists; every time and value
    is a finite number; rows and the Chrome JSON export build (strict JSON)."""
    lanes, names = model.lanes, model.names
    for i, lane in enumerate(lanes):
        assert lane.id == i
        seen, up = set(), lane
        while up is not None:
            assert up.id not in seen, "a lane is its own ancestor"
            seen.add(up.id)
            up = up.parent
        for t in (lane.start, lane.end):
            assert t is None or math.isfinite(t)
    n_lanes, n_names = len(lanes), len(names)
    spans = model.spans
    if len(spans):
        assert 0 <= spans["lane"].min() and spans["lane"].max() < n_lanes
        assert int(spans["state"].max()) < len(STATES)
        assert 0 <= spans["name"].min() and spans["name"].max() < n_names
        assert all(map(math.isfinite, spans["t0"].tolist() + spans["t1"].tolist()))
        assert (spans["t1"] >= spans["t0"]).all()
    for column in (model.marks, model.flows):
        if len(column):
            assert 0 <= column["lane"].min() and column["lane"].max() < n_lanes
            assert 0 <= column["name"].min() and column["name"].max() < n_names
            assert all(map(math.isfinite, column["t"].tolist()))
    for column in model.counters.values():
        assert all(map(math.isfinite, column["t"].tolist() + column["value"].tolist()))
    assert math.isfinite(model.end_time)
    model.rows()
    model.lane_rows()

    def no_constant(name):
        raise ValueError(f"{name} in the export")
    return json.loads(chrome_json.dumps(model, "fuzz"), parse_constant=no_constant)
