"""async/await and the older generator-based coroutines: the same program, two spellings.

Python 3.5 added `async def` and `await`. Before that, an asyncio coroutine was a generator
marked with @asyncio.coroutine that used `yield from` where we now write `await`.
@asyncio.coroutine was removed in Python 3.11; types.coroutine, which it was built on, still
exists, so the old form still runs everywhere. Both versions below behave the same.
"""
import asyncio
import threading
import time
import types


async def hello_new(name):                      # since Python 3.5
    print(f"Hello world! ({name}, {threading.current_thread().name})")
    await asyncio.sleep(0.5)
    print(f"Hello again! ({name})")


@types.coroutine                                # was @asyncio.coroutine (gone since 3.11)
def hello_old(name):
    print(f"Hello world! ({name}, {threading.current_thread().name})")
    yield from asyncio.sleep(0.5)               # was how you said `await`
    print(f"Hello again! ({name})")


async def main():
    for hello in (hello_new, hello_old):
        print(f"-- {hello.__name__} --")
        start = time.perf_counter()
        await asyncio.gather(hello("A"), hello("B"))
        print(f"{hello.__name__}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
