"""asyncio: two coroutines take turns on one thread, inside one event loop.

A coroutine (`async def`) is a function that can pause: at `await` it hands control back to
the event loop, which runs whatever else is ready and resumes the coroutine when the thing it
awaited is done. asyncio.gather() wraps each coroutine in a Task and runs them all in the
loop; asyncio.run() makes the loop, runs main() to its end and closes the loop.
"""
import asyncio
import threading
import time

from workloads import lesson_args, probe


async def hello(name, sleep_s):
    print(f"Hello world! ({name}, {threading.current_thread().name})")
    await asyncio.sleep(sleep_s)        # stands in for slow I/O: the loop runs the other task
    print(f"Hello again! ({name}, {threading.current_thread().name})")


async def main(sleep_s):
    await asyncio.gather(hello("A", sleep_s), hello("B", sleep_s))


if __name__ == "__main__":
    args = lesson_args.parse("async.asyncio")
    start = time.perf_counter()
    asyncio.run(main(args.sleep_s))
    total = time.perf_counter() - start
    print(f"total: {total:.2f} s")
    probe.result(total_s=total, sleep_s=args.sleep_s)
