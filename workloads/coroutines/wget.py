"""asyncio: fetch from several slow servers at once, with one thread.

asyncio.open_connection() returns a (reader, writer) pair for a TCP connection; every
`await` on them (connect, drain, readline) pauses this task until the network has answered,
and meanwhile the event loop runs the other tasks. So three downloads that each wait take
about as long as the slowest one, not as long as all three one after another.

No internet needed: the lesson first starts its own small HTTP servers on 127.0.0.1, in the
same event loop, each waiting `delay` seconds before it answers.
"""
import asyncio
import time

from workloads import lesson_args, probe


async def wget(host, port):
    print(f"wget {host}:{port}...")
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET / HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    while True:
        line = await reader.readline()          # waits until the server has answered
        if line in (b"\r\n", b""):              # a blank line ends the headers
            break
        print(f"{host}:{port} header > {line.decode().rstrip()}")
    writer.close()                              # ignore the body
    await writer.wait_closed()


async def slow_server(delay, reader, writer):
    """A tiny HTTP server: read the request, wait `delay` seconds, answer."""
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    await asyncio.sleep(delay)                  # the slow part: the server "thinks"
    body = f"waited {delay} s\n".encode()
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                 + f"Content-Length: {len(body)}\r\nX-Delay: {delay}\r\n\r\n".encode() + body)
    await writer.drain()
    writer.close()


async def main(delays):
    servers = []
    for delay in delays:                        # port 0: the system picks a free port
        handler = lambda r, w, delay=delay: slow_server(delay, r, w)
        servers.append(await asyncio.start_server(handler, "127.0.0.1", 0))
    ports = [server.sockets[0].getsockname()[1] for server in servers]
    start = time.perf_counter()
    await asyncio.gather(*(wget("127.0.0.1", port) for port in ports))
    total = time.perf_counter() - start
    print(f"total: {total:.2f} s (longest delay {max(delays)} s, sum {sum(delays):.2f} s)")
    probe.result(downloads=len(ports), total_s=total, longest_wait_s=max(delays),
                 waits_added_s=round(sum(delays), 3))
    for server in servers:
        server.close()
        await server.wait_closed()


if __name__ == "__main__":
    args = lesson_args.parse("async.wget")
    asyncio.run(main([float(d) for d in args.delays.split(",")]))
