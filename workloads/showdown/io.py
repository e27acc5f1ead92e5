"""Showdown, I/O-bound: the same requests to a slow local server, one after another, with
threads, with processes, with asyncio and with gevent. Which model makes them finish sooner?

Each request waits for the server almost all of its time. A waiting thread, process, task or
greenlet needs no CPU, so every concurrent model sends all the requests at once and is done
in about one delay; one after another takes the sum of all the delays.

The server (workloads/showdown/slow_server.py) runs in a process of its own, off the
timeline, and answers each request after `delay_ms`.
"""
import asyncio
import os
import socket
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from workloads import lesson_args, probe
from workloads.showdown import slow_server
from workloads.showdown.common import gevent_missing, report, run_model

REQUEST = b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"


def fetch(address):
    """One request, the blocking way; returns (bytes read, CPU seconds)."""
    cpu = time.thread_time()
    with probe.span("GET", cat="wait.io"):
        with socket.create_connection(address) as s:
            s.sendall(REQUEST)
            data = b"".join(iter(lambda: s.recv(4096), b""))
    return len(data), time.thread_time() - cpu


def sequential(jobs, address):
    return [fetch(address) for _ in range(jobs)]


def threads(jobs, address):
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="Worker") as pool:
        return list(pool.map(fetch, [address] * jobs))


def processes(jobs, address):
    with ProcessPoolExecutor(max_workers=min(jobs, 16)) as pool:
        return list(pool.map(fetch, [address] * jobs))


def with_asyncio(jobs, address):
    async def one():
        cpu = time.thread_time()
        reader, writer = await asyncio.open_connection(*address)
        writer.write(REQUEST)
        data = await reader.read()                 # waits: the loop runs the other tasks
        writer.close()
        await writer.wait_closed()
        return len(data), time.thread_time() - cpu

    async def main():
        return await asyncio.gather(*(one() for _ in range(jobs)))

    return asyncio.run(main())


def with_gevent(jobs, address):
    import gevent
    from gevent import socket as gsocket           # cooperative sockets: no monkey-patching

    def one():
        cpu = time.thread_time()
        with gsocket.create_connection(address) as s:
            s.sendall(REQUEST)
            data = b"".join(iter(lambda: s.recv(4096), b""))
        return len(data), time.thread_time() - cpu

    greenlets = [gevent.spawn(one) for _ in range(jobs)]
    gevent.joinall(greenlets)
    return [g.value for g in greenlets]


MODELS = {"sequential": sequential, "threads": threads, "processes": processes,
          "asyncio": with_asyncio, "gevent": with_gevent}


def main():
    args = lesson_args.parse("showdown.io")
    server, where = slow_server.start(args.delay_ms)
    print(f"{args.jobs} requests to a server that answers after {args.delay_ms} ms, "
          f"on {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    results = {}
    try:
        for name, model in MODELS.items():
            if name == "gevent" and gevent_missing():
                print(gevent_missing(), flush=True)
                continue
            results[name] = run_model(name, lambda m=model: m(args.jobs, where))
    finally:
        server.terminate()
        server.wait()
    figures = report(results, os.cpu_count() or 1)
    longest = args.delay_ms / 1000
    print(f"One request waits {longest:g} s; all {args.jobs} one after another wait "
          f"{longest * args.jobs:g} s.")
    probe.result(**figures)


if __name__ == "__main__":
    main()
