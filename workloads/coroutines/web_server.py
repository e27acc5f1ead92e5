"""aiohttp: one web server answers N clients at the same time, in one thread.

The server has two pages, `/` and `/hello/{name}`; each handler waits 0.5 s before it answers
(standing in for a slow database). With `await asyncio.sleep(0.5)` the handler gives the event
loop back while it waits, so the loop takes the next request: N requests finish in ~0.5 s.
With `time.sleep(0.5)` (variant "blocking") the whole loop stops for 0.5 s per request: they
queue up and N requests take ~N x 0.5 s.

The server runs in its own thread with its own event loop (a real server and its clients
would be on different machines); the clients run in the main thread's event loop, one task
each ("client 0", "client 1", ...). Run on its own, the program stops the server as soon as
the clients are done; in the Concurrency Lab window (which sets CLAB_WINDOW) the server stays
up until you press Stop, so that you can open it in your browser.
"""
import asyncio
import os
import queue
import threading
import time

from aiohttp import ClientSession, web

from workloads import lesson_args, probe
from workloads._trace import web_requests

DELAY_S = 0.5               # how long each handler waits
KEEP_SERVING = os.environ.get("CLAB_WINDOW") == "1"    # shown in the window: serve until Stop


async def index(request):
    await asyncio.sleep(DELAY_S)            # waits; the loop serves other requests meanwhile
    return web.Response(body=b"<h1>Index</h1>", content_type="text/html")


async def hello(request):
    await asyncio.sleep(DELAY_S)
    text = "<h1>hello, %s!</h1>" % request.match_info["name"]
    return web.Response(body=text.encode("utf-8"), content_type="text/html")


async def blocking_index(request):
    time.sleep(DELAY_S)                     # blocks: the whole loop stops for 0.5 s
    return web.Response(body=b"<h1>Index</h1>", content_type="text/html")


async def blocking_hello(request):
    time.sleep(DELAY_S)
    text = "<h1>hello, %s!</h1>" % request.match_info["name"]
    return web.Response(body=text.encode("utf-8"), content_type="text/html")


async def start_server(variant):
    app = web.Application(middlewares=[web_requests.traced])   # tracing: a bar per request
    if variant == "async":
        app.router.add_get("/", index)
        app.router.add_get("/hello/{name}", hello)
    else:
        app.router.add_get("/", blocking_index)
        app.router.add_get("/hello/{name}", blocking_hello)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)     # port 0: the system picks a free port
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}/"


def server_thread(variant, ready):
    """The server's thread: its own event loop, serving until the main thread stops it."""
    loop = asyncio.new_event_loop()
    runner, url = loop.run_until_complete(start_server(variant))
    print(f"Serving on {url}", flush=True)
    probe.mark(f"Serving on {url}")
    ready.put((url, loop))                         # tell the main thread where
    loop.run_forever()                             # each request: a task of this loop
    loop.run_until_complete(runner.cleanup())      # close the port
    loop.close()
    print("Server stopped.")


async def fetch(session, url, i):
    path = "" if i == 0 else f"hello/client{i}"
    t0 = time.perf_counter()
    with probe.span(f"GET /{path}", "wait.io", lane="clients"):    # a bar per request
        async with session.get(url + path) as response:
            body = await response.text()
    print(f"client {i}: {response.status} {body} after {time.perf_counter() - t0:.2f} s")
    return response.status


async def clients(url, n):
    async with ClientSession() as session:
        start = time.perf_counter()
        tasks = [asyncio.create_task(fetch(session, url, i), name=f"client {i}")
                 for i in range(n)]
        statuses = await asyncio.gather(*tasks)
        total = time.perf_counter() - start
        print(f"{n} requests answered in {total:.2f} s")
    return statuses.count(200), total


if __name__ == "__main__":
    args = lesson_args.parse("async.aiohttp")
    ready = queue.Queue()
    server = threading.Thread(target=server_thread, args=(args.variant, ready),
                              name="Server", daemon=True)
    server.start()
    url, server_loop = ready.get(timeout=30)        # wait until the server listens
    answered, total = asyncio.run(clients(url, args.clients))
    probe.result(requests=args.clients, answered=answered, total_s=total,
                 handler_wait_s=DELAY_S, url=url)
    if KEEP_SERVING:
        print(f"Open {url} in your browser: the server stays up until you press Stop.",
              flush=True)
        server.join()                               # until Stop ends the program
    server_loop.call_soon_threadsafe(server_loop.stop)     # stop serving, from this thread
    server.join()
