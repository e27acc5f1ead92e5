"""Tasks that run beside their caller: kept until they end, and their failures logged.

asyncio holds only a weak reference to a task: one that nobody keeps may vanish half done,
and an exception nobody awaits is lost. `spawn` keeps every task it starts until it ends and
logs what it raised, with what the task was doing. Plain asyncio (no Qt): the window's qasync
loop and the command line's `asyncio.run` use it alike.
"""
import asyncio
import logging

log = logging.getLogger("concurrency_lab")
_running = set()            # started and not yet ended


def spawn(coro, what):
    """Start `coro` as a task on the current loop and return it; `what` says in a few words
    what it does ("reading the lesson's output"), for the log if it fails."""
    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(lambda done: _ended(done, what))
    return task


def running():
    """The tasks started by `spawn` that have not ended yet."""
    return set(_running)


def _ended(task, what):
    _running.discard(task)
    if task.cancelled():
        return
    error = task.exception()            # also marks it retrieved: no second warning
    if error is not None:
        log.error("%s failed: %s", what, error, exc_info=error)
