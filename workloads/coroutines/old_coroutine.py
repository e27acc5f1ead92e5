"""The coroutine as it was written from Python 3.4 to 3.10: a generator marked with
@asyncio.coroutine, `yield from` where we now write `await`. The decorator was deprecated in
3.8 and removed in 3.11, so this file runs only under Python 3.10 or older; the
async.await_syntax lesson runs it under such an interpreter when the machine has one.
"""
import asyncio
import sys
import threading
import time
import warnings

from workloads import probe

warnings.simplefilter("ignore", DeprecationWarning)      # we know: that is the point


@asyncio.coroutine
def hello_asyncio_coroutine(name):
    print("Hello world! (%s, %s)" % (name, threading.current_thread().name))
    yield from asyncio.sleep(0.5)
    print("Hello again! (%s)" % name)


@asyncio.coroutine
def main():
    yield from asyncio.gather(hello_asyncio_coroutine("A"), hello_asyncio_coroutine("B"))


if __name__ == "__main__":
    probe.process_name("Python %s, @asyncio.coroutine" % sys.version.split()[0])
    print("-- hello_asyncio_coroutine --", flush=True)
    start = time.perf_counter()
    asyncio.run(main())
    took, version = time.perf_counter() - start, sys.version.split()[0]
    print("hello_asyncio_coroutine: %.2f s (Python %s)" % (took, version), flush=True)
    probe.result(asyncio_coroutine_s=took, asyncio_coroutine_python=version)
