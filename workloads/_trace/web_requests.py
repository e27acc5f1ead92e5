"""A web server's requests as bars on the timeline: one per request, from the moment its
handler starts to its response, on the virtual lane "server: requests".

``web.Application(middlewares=[web_requests.traced])``: an aiohttp middleware, written
without importing aiohttp (this folder is standard library only): aiohttp takes any
coroutine function marked ``__middleware_version__ = 1`` as one, which is all its
``@web.middleware`` decorator does.
"""
import time

from workloads import probe

LANE = "server: requests"


async def traced(request, handler):
    t0 = time.perf_counter_ns()
    response = await handler(request)
    probe.emit_span(f"GET {request.path}", "task", t0, time.perf_counter_ns(), lane=LANE)
    return response


traced.__middleware_version__ = 1
