"""The window end of the probe's connections: an asyncio server in the GUI's event loop.

Each workload process connects, proves it belongs to this run with the token, and streams
frames; they go decoder -> `ProcessFeed` -> `TraceModel`. A connection that sends garbage or a
wrong token is closed and counted, never allowed to disturb the window.
"""
import asyncio
import os
import secrets
import sys
import tempfile
import time

from gui.trace.decoder import Hello, ProtocolError, StreamDecoder
from gui.trace.ingest import ProcessFeed


class TraceListener:
    """Listens on a private Unix socket (loopback TCP where there are none) for one model."""

    def __init__(self, model):
        self.model = model
        self.token = secrets.token_hex(16)
        self.rejected = []              # one-line reasons for refused connections
        self.connections = 0
        self._server = None
        self._dir = None
        self._writers = set()
        self.address = None

    @property
    def env(self):
        """Environment variables that switch the probe on in the workload."""
        return {"CLAB_TRACE": self.address, "CLAB_TOKEN": self.token}

    async def start(self):
        if sys.platform != "win32":
            self._dir = tempfile.mkdtemp(prefix="clab-")
            path = os.path.join(self._dir, "trace.sock")
            self._server = await asyncio.start_unix_server(self._serve, path)
            self.address = f"unix:{path}"
        else:  # pragma: no cover - Windows has no AF_UNIX in asyncio
            self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
            port = self._server.sockets[0].getsockname()[1]
            self.address = f"tcp:127.0.0.1:{port}"
        return self

    async def drain(self, timeout=10.0):
        """Wait until every workload connection has ended (its data read), up to `timeout`.
        Called once the lesson's processes are gone, so each connection is at its end of
        file: on a busy machine reading what is left may take a while, and must not be cut."""
        deadline = time.monotonic() + timeout
        while self._writers and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        return not self._writers

    async def close(self):
        """Stop listening and drop every connection (workloads notice and end themselves)."""
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            await self._server.wait_closed()
            self._server = None
        if self._dir:
            for name in os.listdir(self._dir):
                os.unlink(os.path.join(self._dir, name))
            os.rmdir(self._dir)
            self._dir = None

    def drop_connections(self):
        """Close every workload connection, as if the window had gone away."""
        for writer in list(self._writers):
            writer.close()

    async def _serve(self, reader, writer):
        self._writers.add(writer)
        decoder, feed = StreamDecoder(), None
        try:
            while True:
                data = await reader.read(256 * 1024)
                if not data:
                    break
                for frame in decoder.feed(data):
                    if feed is None:
                        feed = self._admit(frame)
                    else:
                        feed.add(frame)
        except ProtocolError as exc:
            self.rejected.append(str(exc))
        except (ConnectionError, OSError):
            pass
        finally:
            self._writers.discard(writer)
            if feed is not None:
                feed.closed(time.perf_counter_ns())
            writer.close()

    def _admit(self, hello):
        if not isinstance(hello, Hello) or hello.token != self.token.encode():
            raise ProtocolError("a connection with a wrong token was refused")
        self.connections += 1
        return ProcessFeed(self.model, hello)
