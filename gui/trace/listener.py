"""The window end of the probe's connections: an asyncio server in the GUI's event loop.

Each workload process connects, proves it belongs to this run with the token, and streams
frames; they go decoder -> `ProcessFeed` -> `TraceModel`. A connection that sends garbage or a
wrong token is closed and counted, never allowed to disturb the window.

A stranger costs little: its HELLO must be small and come within seconds, few may wait at
once, the number of connections is capped, and a HELLO that claims another process's pid
(the socket tells who really connected) is refused. No peer can hold up the end of a run:
`drain` waits only for what processes that have ended still have in flight.

A busy script never waits for the window: the listener always reads, and when taking in what
it reads has used more than `BUSY_SHARE` of the last `LOAD_S`, the next frames are held back
(`ProcessFeed.add`): the newest are kept whole, to be taken in when the load falls or the
connection ends, and the spans and marks of older ones are counted as dropped instead of kept
(the model shows how many). So the end of a run is always kept in full.
"""
import asyncio
import os
import secrets
import socket
import struct
import sys
import time

from gui.trace import socket_dir
from gui.trace.decoder import MAX_HELLO, ProtocolError, StreamDecoder
from gui.trace.ingest import HOLD_RECORDS, ProcessFeed
from workloads import probe

MAX_CONNECTIONS = 256           # workload processes connected at once (a lesson has < 100)
MAX_WAITING = 16                # connections without a HELLO yet that get full patience
HELLO_S = 3.0                   # a process sends its HELLO as it connects: a stranger waits
HELLO_BUSY_S = 0.5              # this long, and only this when MAX_WAITING already wait
QUIET_S = 1.0                   # while draining: nothing for this long means nothing in flight
MAX_REASONS = 100               # reasons kept in `rejected` (`refused` counts them all)
BUSY_SHARE = 0.75               # of the GUI thread's time, at most, for taking in records
LOAD_S = 1.0                    # ... measured over windows this long
_READ = 256 * 1024
_FIRST_READ = MAX_HELLO + probe.FRAME_HEADER.size
_CRED = struct.Struct("3i")     # struct ucred: pid, uid, gid


class _Connection:
    __slots__ = ("writer", "peer", "feed", "last", "ours")

    def __init__(self, writer):
        self.writer, self.peer, self.feed = writer, _peer_pid(writer), None
        self.last = time.monotonic()        # when data last arrived
        self.ours = False                   # closed by us, not by the peer

    def close(self):
        self.ours = True
        self.writer.close()


class TraceListener:
    """Listens on a private Unix socket (loopback TCP where there are none) for one model."""

    def __init__(self, model):
        self.model = model
        self.token = secrets.token_hex(16)
        self.rejected = []              # one-line reasons for refused connections
        self.refused = 0                # refused connections, also past MAX_REASONS
        self.connections = 0
        self._server = None
        self._dir = None
        self._conns = set()
        self._draining = False
        self._load = _Load(self)
        self.busy_share = BUSY_SHARE        # see the module's docstring
        self.hold_records = HOLD_RECORDS    # per connection, while the window is behind
        self.load_s = LOAD_S
        self.address = None

    @property
    def open_connections(self):
        """Connections held open now, with or without a HELLO."""
        return len(self._conns)

    @property
    def env(self):
        """Environment variables that switch the probe on in the workload."""
        return {"CLAB_TRACE": self.address, "CLAB_TOKEN": self.token}

    async def start(self):
        if sys.platform != "win32":
            await asyncio.to_thread(socket_dir.sweep)       # what killed windows left
            self._dir = socket_dir.make()
            path = os.path.join(self._dir, socket_dir.SOCKET)
            try:
                self._server = await asyncio.start_unix_server(self._serve, path)
            except BaseException:
                socket_dir.remove(self._dir)
                self._dir = None
                raise
            self.address = f"unix:{path}"
        else:  # pragma: no cover - Windows has no AF_UNIX in asyncio
            self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
            port = self._server.sockets[0].getsockname()[1]
            self.address = f"tcp:127.0.0.1:{port}"
        return self

    async def drain(self, timeout=10.0):
        """Called once the lesson's processes are gone: read what they still have in flight,
        up to `timeout`; True when every connection has ended.

        A connection without a HELLO, or whose process is still alive, is not one of theirs
        and is closed at once; one that stays quiet for QUIET_S has nothing left in flight.
        On a busy machine reading what is left may take a while, and must not be cut."""
        self._draining = True
        try:
            conns = list(self._conns)
            alive = await asyncio.to_thread(lambda: [         # psutil: off the GUI thread
                conn.feed is not None and socket_dir.pid_alive(conn.peer or conn.feed.pid)
                for conn in conns])
            for conn, still in zip(conns, alive):
                if conn.feed is None or still:
                    conn.close()
            deadline = time.monotonic() + timeout
            while self._conns and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
                quiet = time.monotonic() - QUIET_S
                for conn in [c for c in self._conns if c.last < quiet and not c.ours]:
                    conn.close()
            return not self._conns
        finally:
            self._draining = False

    async def close(self):
        """Stop listening and drop every connection (workloads notice and end themselves)."""
        if self._server is not None:
            self._server.close()
            self.drop_connections()
            await self._server.wait_closed()
            self._server = None
        if self._dir:
            socket_dir.remove(self._dir)
            self._dir = None

    def drop_connections(self):
        """Close every workload connection, as if the window had gone away."""
        for conn in list(self._conns):
            conn.close()

    def _refuse(self, reason):
        self.refused += 1
        if len(self.rejected) < MAX_REASONS:
            self.rejected.append(reason)

    async def _serve(self, reader, writer):
        if self._draining or len(self._conns) >= MAX_CONNECTIONS:
            self._refuse("a connection after the run ended" if self._draining
                         else f"more than {MAX_CONNECTIONS} connections at once")
            writer.close()
            return
        waiting = sum(1 for c in self._conns if c.feed is None)
        conn = _Connection(writer)
        self._conns.add(conn)
        patience = HELLO_S if waiting < MAX_WAITING else HELLO_BUSY_S
        decoder = StreamDecoder(self.token.encode())
        try:
            deadline = time.monotonic() + patience
            while conn.feed is None:
                data = await asyncio.wait_for(reader.read(_FIRST_READ),
                                              max(0.0, deadline - time.monotonic()))
                if not data:
                    return
                self._take(conn, decoder, data)
            while True:
                data = await reader.read(_READ)
                if not data:
                    break
                self._take(conn, decoder, data)
        except asyncio.TimeoutError:
            self._refuse(f"a connection sent no HELLO within {patience:g} s")
        except ProtocolError as exc:
            self._refuse(str(exc))
        except (ConnectionError, OSError):
            pass
        finally:
            self._conns.discard(conn)
            if conn.feed is not None:
                conn.feed.closed(time.perf_counter_ns())
            writer.close()

    def _take(self, conn, decoder, data):
        started = time.perf_counter()
        shed = self._load.busy and not self._draining
        for frame in decoder.feed(data):
            if conn.feed is None:
                conn.feed = self._admit(conn, frame)
            else:
                conn.feed.add(frame, shed)
        conn.last = time.monotonic()
        self._load.spent(started, time.perf_counter())

    def _admit(self, conn, hello):
        """The decoder checked the token; the socket knows who really connected."""
        if conn.peer is not None and hello.pid != conn.peer:
            raise ProtocolError(f"a HELLO claims pid {hello.pid} but comes from pid "
                                f"{conn.peer}")
        feed = ProcessFeed(self.model, hello, clock=time.perf_counter_ns,
                           hold=self.hold_records)
        self.connections += 1
        return feed


class _Load:
    """How much of the GUI thread's time taking in records used, window by window."""

    def __init__(self, listener):
        self.listener = listener
        self.busy = False           # the last window used more than its busy share
        self._start = time.perf_counter()
        self._used = 0.0

    def spent(self, started, ended):
        self._used += ended - started
        if ended - self._start >= self.listener.load_s:
            self.busy = self._used > self.listener.busy_share * (ended - self._start)
            self._start, self._used = ended, 0.0


def _peer_pid(writer):
    """The pid of the process at the other end of a Unix socket, None where unknown."""
    sock = writer.get_extra_info("socket")
    if sock is None or sock.family != getattr(socket, "AF_UNIX", None):
        return None
    try:
        if hasattr(socket, "SO_PEERCRED"):
            creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED.size)
            return _CRED.unpack(creds)[0] or None
        if sys.platform == "darwin":          # SOL_LOCAL, LOCAL_PEERPID
            return struct.unpack("i", sock.getsockopt(0, 2, 4))[0] or None
    except (OSError, struct.error):
        pass
    return None
