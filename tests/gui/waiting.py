"""Waiting on conditions inside a window test's coroutine."""
import asyncio
import time


async def until(condition, timeout=60, message="condition"):
    """Wait until `condition()` is true, letting Qt and asyncio run meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        await asyncio.sleep(0.02)
