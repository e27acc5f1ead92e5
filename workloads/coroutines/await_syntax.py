"""async/await and the older generator-based coroutines: the same program, two spellings.

Python 3.5 added `async def` and `await`. Before that, an asyncio coroutine was a generator
marked with @asyncio.coroutine that used `yield from` where we now write `await`.
@asyncio.coroutine was removed in Python 3.11; types.coroutine, which it was built on, still
exists, so the old form still runs everywhere. Both versions below behave the same. Last, the
lesson runs the original @asyncio.coroutine form (old_coroutine.py) under a Python that still
has it: this one if it is 3.10 or older, else an older one found on this machine.
"""
import asyncio
import os
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

from workloads import interpreters, lesson_args, probe


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
    took = []
    for hello in (hello_new, hello_old):
        print(f"-- {hello.__name__} --")
        start = time.perf_counter()
        await asyncio.gather(hello("A"), hello("B"))
        took.append(time.perf_counter() - start)
        print(f"{hello.__name__}: {took[-1]:.2f} s")
    return took


def run_original_form():
    """old_coroutine.py under a Python that still has @asyncio.coroutine, if there is one."""
    if hasattr(asyncio, "coroutine"):
        python = sys.executable
    else:
        older = next((i for i in interpreters.discover_untraced()
                      if i.usable and tuple(i.version[:2]) < (3, 11)), None)
        if older is None:
            print("-- hello_asyncio_coroutine --")
            print("No Python 3.10 or older on this machine: @asyncio.coroutine was removed "
                  "in 3.11, so the original form cannot run here.")
            return
        python = older.executable
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), root]))
    sys.stdout.flush()
    subprocess.run([python, "-m", "workloads.coroutines.old_coroutine"], env=env, check=False)


if __name__ == "__main__":
    lesson_args.parse("async.await_syntax")      # no parameters: --help says so
    new, old = asyncio.run(main())
    probe.result(async_await_s=new, old_syntax_s=old)
    run_original_form()             # reports asyncio_coroutine_s and _python when it runs
