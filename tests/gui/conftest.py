"""Window tests run on a real qasync loop, like the app; they wait on conditions, not time."""
import asyncio

import pytest


@pytest.fixture
def run_async(qapp):
    """``run_async(coro)``: run a test coroutine on a qasync loop driven by Qt."""
    import qasync

    qapp.setQuitOnLastWindowClosed(False)     # a closed test window must not end the loop
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)

    def run(coro, timeout=180):
        return loop.run_until_complete(asyncio.wait_for(coro, timeout))

    yield run
    loop.close()
    asyncio.set_event_loop(None)
