"""A local web server that answers every request after a delay: the slow remote service of
the I/O showdown. It runs as a separate program, untraced, so its own threads stay off the
lesson's timeline:

    python -m workloads.showdown.slow_server 300      # prints its port, then serves

It serves until its standard input closes: the lesson that starts it holds the other end, so
the server ends with the lesson however the lesson ends (even killed), never left behind.
"""
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class SlowHandler(BaseHTTPRequestHandler):
    delay_s = 0.3

    def do_GET(self):
        time.sleep(self.delay_s)                 # a slow database, a slow remote site
        body = b"done\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):               # quiet: the lesson prints its own lines
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 makes the 6th request that arrives at once wait a whole
    # second for the kernel to retry it: room for every request of the lesson at once.
    request_queue_size = 128


def start(delay_ms):
    """Start the server in its own process; returns (process, (host, port))."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAB_")}
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    server = subprocess.Popen([sys.executable, "-m", "workloads.showdown.slow_server",
                               str(delay_ms)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=env, text=True)
    line = server.stdout.readline()
    if not line.strip().isdigit():
        server.kill()
        server.wait()
        raise SystemExit(f"the local server did not start: {line.strip() or 'no output'}")
    return server, ("127.0.0.1", int(line))


def end_with_our_input():
    """Wait for the end of standard input (the lesson has ended), then end at once."""
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    SlowHandler.delay_s = int(sys.argv[1]) / 1000
    if sys.stdin is not None:
        threading.Thread(target=end_with_our_input, daemon=True).start()
    server = Server(("127.0.0.1", 0), SlowHandler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
