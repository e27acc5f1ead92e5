"""gevent: three downloads wait for the network at the same time, in one OS thread.

monkey.patch_all() swaps the blocking parts of the standard library (socket, ssl, time.sleep,
select, threading, ...) for gevent's versions, so plain code such as urllib.request.urlopen()
gives way to the other greenlets whenever it would wait. It must run first, before anything
else imports socket or threading.

The "internet" here is a slow web server that this program starts itself on 127.0.0.1 (no
network needed): /0.3 answers after 0.3 s, /0.9 after 0.9 s. It is a gevent server, so it runs
in the same thread too: its handler greenlets wait alongside the downloads.
"""
from gevent import monkey; monkey.patch_all()   # first line: patch before other imports

import time
import urllib.request

import gevent
from gevent.pywsgi import WSGIServer

from workloads import lesson_args, probe


def slow_server(environ, start_response):
    """A web page that takes its time: /0.6 answers after 0.6 s."""
    delay = float(environ["PATH_INFO"].strip("/"))
    gevent.sleep(delay)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"x" * int(delay * 10000)]


def f(url):
    print("GET: %s" % url)
    resp = urllib.request.urlopen(url)       # waits for the server: other greenlets run
    data = resp.read()
    print("%d bytes received from %s." % (len(data), url))


if __name__ == "__main__":
    args = lesson_args.parse("async.gevent_io")
    delays = [float(d) for d in args.delays.split(",") if d.strip()]
    server = WSGIServer(("127.0.0.1", 0), slow_server, log=None)   # port 0: any free port
    server.start()
    urls = ["http://127.0.0.1:%d/%s" % (server.server_port, d) for d in delays]

    start = time.perf_counter()
    gevent.joinall([gevent.spawn(f, url) for url in urls])
    took = time.perf_counter() - start
    server.stop()
    print("%d downloads took %.2f s: the longest wait is %.2f s, all the waits add up to %.2f s"
          % (len(urls), took, max(delays), sum(delays)))
    probe.result(downloads=len(urls), total_s=took, longest_wait_s=max(delays),
                 waits_added_s=round(sum(delays), 3))
