"""Every lesson the app knows: id, chapter, module and declared parameters.

This is the single source of truth for the window's lesson list and parameter form, the
command line's validation and each lesson's own argument parser. Plain data: importing it
runs no lesson code.
"""
import os
import re
from dataclasses import dataclass, field

from workloads import run_length
from workloads.params import Param

CHAPTERS = ("Processes", "Threads", "Distributed processes", "Coroutines and async IO",
            "Showdown")


def _cores():
    return os.cpu_count() or 1


def _address(text):
    """An address to listen on. Empty means this machine only: only an address written out
    opens the manager to other machines."""
    if not text:
        return "127.0.0.1"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]*", text):
        raise ValueError(f"bind must be an IPv4 address or a host name such as 127.0.0.1 "
                         f"(this machine only) or 0.0.0.0 (every interface), got {text[:24]!r}")
    return text


def _list_of(kind, low=None, high=None, length=20):
    """What each item of a comma-separated list must be."""
    return Param("item", kind, None, "", low, high, length=length)


SECONDS = _list_of(float, 0.0, 30.0)
NAME = _list_of(str, length=20)


@dataclass(frozen=True)
class Lesson:
    id: str
    chapter: str
    title: str
    module: str
    params: tuple = field(default_factory=tuple)
    needs_fork: bool = False        # uses os.fork(), which only POSIX systems have
    sources: tuple = ()             # more modules the code pane shows, after `module`
    packages: tuple = ()            # what it imports beyond the standard library

    def unavailable(self):
        """Why this lesson cannot run on this machine, or None."""
        if self.needs_fork and not hasattr(os, "fork"):
            return ("os.fork() exists only on POSIX systems (Linux, macOS); this system has "
                    "no fork, so use multiprocessing.Process instead")
        return None

    def param(self, name):
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise KeyError(f"lesson {self.id} has no parameter {name!r} (parameters: {known})")

    def defaults(self):
        return {p.name: p.default for p in self.params}


LESSONS = (
    Lesson("process.fork", "Processes", "fork(): one call, two returns",
           "workloads.process.fork", (), needs_fork=True),
    Lesson("process.start", "Processes", "Start a Process and join() it",
           "workloads.process.start", (
               Param("seconds", float, 1.0, "how long the child works", 0.1, 30.0),
           )),
    Lesson("process.pool", "Processes", "A pool of worker processes", "workloads.process.pool", (
        Param("workers", int, min(4, _cores()), "worker processes in the pool", 1, 32),
        Param("tasks", int, 5, "tasks submitted to the pool", 1, 200),
        Param("seed", int, 1, "seed of the random task lengths", 0, 2**31 - 1),
    )),
    Lesson("process.futures", "Processes", "concurrent.futures: results as they finish",
           "workloads.process.futures", (
               Param("workers", int, min(4, _cores()), "worker processes in the pool", 1, 32),
               Param("tasks", int, 6, "tasks submitted to the pool", 1, 64),
               Param("seed", int, 1, "seed of the order of the task lengths", 0, 2**31 - 1),
           )),
    Lesson("process.queue", "Processes", "A Queue: writer → reader",
           "workloads.process.queue", (
               Param("items", str, "A,B,C", "comma-separated values the writer puts", 1, 50,
                     each=NAME),
               Param("delay", float, 0.3, "at most this many seconds between two puts",
                     0.0, 5.0),
           )),
    Lesson("process.pipe", "Processes", "A Pipe: messages both ways",
           "workloads.process.pipe", (
               Param("messages", int, 3, "messages sent each way", 1, 50),
           )),
    Lesson("process.start_methods", "Processes", "fork, spawn, forkserver",
           "workloads.process.start_methods", (
               Param("variant", str, "picklable",
                     "pass the child a picklable argument, or one spawn cannot pickle",
                     choices=("picklable", "unpicklable")),
           )),
    Lesson("threads.basics", "Threads", "MainThread and a LoopThread",
           "workloads.threads.basics", (
               Param("ticks", int, 5, "how many times LoopThread counts", 1, 100),
               Param("tick_s", float, 0.2, "seconds between two counts", 0.01, 5.0),
           )),
    Lesson("threads.race", "Threads", "A race on a shared balance", "workloads.threads.race", (
        Param("variant", str, "naive",
              "the textbook code, a switch point between read and write, or a Lock",
              choices=("naive", "widened", "locked")),
        Param("iterations", int, 200_000, "deposits and withdrawals per thread",
              1_000, 5_000_000),
    )),
    Lesson("threads.lock", "Threads", "One Lock, several threads", "workloads.threads.lock", (
        Param("workers", int, 4, "threads that share the lock", 1, 16),
        Param("iterations", int, 20, "updates each thread makes under the lock", 10, 500),
    )),
    Lesson("threads.deadlock", "Threads", "Deadlock: two locks, opposite order",
           "workloads.threads.deadlock", (
               Param("variant", str, "deadlock",
                     "take the locks in opposite order, in one order, or with a timeout",
                     choices=("deadlock", "ordered", "timeout")),
           )),
    Lesson("threads.gil", "Threads", "The GIL: N threads, one core", "workloads.threads.gil", (
        Param("variant", str, "threads", "run the busy loops in threads or processes",
              choices=("threads", "processes")),
        Param("workers", int, _cores(), "busy workers", 1, 64),
        Param("seconds", float, 3.0, "how long each worker spins", 0.2, 45.0),
        Param("switch_interval_ms", float, 5.0, "sys.setswitchinterval, in milliseconds",
              0.1, 100.0),
    )),
    Lesson("threads.local", "Threads", "threading.local() per thread",
           "workloads.threads.local", (
               Param("names", str, "Alice,Bob", "comma-separated: one thread per name", 1, 26,
                     each=NAME),
           )),
    Lesson("distributed.manager", "Distributed processes", "A task queue over the network",
           "workloads.distributed.task_manager", (
               Param("tasks", int, 10, "numbers the manager puts in the task queue", 1, 200),
               Param("workers", int, 2, "workers started on this machine (0: only the ones "
                     "you start yourself)", 0, 16),
               Param("bind", str, "127.0.0.1", "the address the manager listens on: 127.0.0.1 "
                     "(or empty) is this machine only, 0.0.0.0 lets other machines in",
                     length=253, text_check=_address),
               Param("port", int, 0, "the port it listens on (0: a free one)", 0, 65535),
               Param("wait_s", float, 10.0, "how long the manager waits for a result once its "
                     "own workers are done (time to start workers elsewhere)", 1.0, 3600.0),
           ), sources=("workloads.distributed.task_worker",)),
    Lesson("distributed.bad_key", "Distributed processes", "A worker with the wrong key",
           "workloads.distributed.bad_key", (
               Param("tasks", int, 10, "numbers the manager puts in the task queue", 1, 200),
               Param("workers", int, 2, "workers with the right key", 1, 16),
           ), sources=("workloads.distributed.task_manager",
                       "workloads.distributed.task_worker")),
    Lesson("distributed.worker_crash", "Distributed processes", "A worker dies holding a task",
           "workloads.distributed.worker_crash", (
               Param("tasks", int, 10, "numbers the manager puts in the task queue", 1, 200),
               Param("workers", int, 2,
                     "workers; the first one is killed during its first task", 1, 16),
           ), sources=("workloads.distributed.task_manager",
                       "workloads.distributed.task_worker")),
    Lesson("async.generator", "Coroutines and async IO", "Generators: send() and yield",
           "workloads.coroutines.generator", (
               Param("items", int, 5, "items the producer makes", 1, 50),
           )),
    Lesson("async.gevent", "Coroutines and async IO", "gevent: greenlets take turns",
           "workloads.coroutines.gevent_switch", (
               Param("variant", str, "no_sleep", "run without yielding, or gevent.sleep(0)",
                     choices=("no_sleep", "sleep0")),
               Param("greenlets", int, 3, "greenlets spawned", 1, 20),
           ), packages=("gevent",)),
    Lesson("async.gevent_io", "Coroutines and async IO", "gevent: waiting for I/O together",
           "workloads.coroutines.gevent_io", (
               Param("delays", str, "0.3,0.6,0.9", "seconds the local server waits, per URL",
                     1, 20, each=SECONDS),
           ), packages=("gevent",)),
    Lesson("async.asyncio", "Coroutines and async IO", "asyncio: two tasks, one loop",
           "workloads.coroutines.asyncio_tasks", (
               Param("sleep_s", float, 1.0, "seconds each coroutine awaits", 0.05, 10.0),
           )),
    Lesson("async.wget", "Coroutines and async IO", "asyncio: slow servers, one thread",
           "workloads.coroutines.wget", (
               Param("delays", str, "0.3,0.6,0.9", "seconds each local server waits", 1, 20,
                     each=SECONDS),
           )),
    Lesson("async.await_syntax", "Coroutines and async IO", "async/await and the old syntax",
           "workloads.coroutines.await_syntax",
           sources=("workloads.coroutines.old_coroutine",)),
    Lesson("async.aiohttp", "Coroutines and async IO", "An aiohttp server and N clients",
           "workloads.coroutines.web_server", (
               Param("variant", str, "async", "handlers that await, or that block",
                     choices=("async", "blocking")),
               Param("clients", int, 10, "requests sent at the same time", 1, 50),
           ), packages=("aiohttp",)),
    Lesson("showdown.cpu", "Showdown", "CPU-bound: which model wins?",
           "workloads.showdown.cpu", (
               Param("jobs", int, 2 * _cores(), "jobs, each the same pure-Python arithmetic",
                     1, 64),
               Param("size", int, 4_000_000, "pure-Python steps per job, each a multiply, a "
                     "modulo and an add", 10_000, 20_000_000),
           ), sources=("workloads.showdown.common",)),
    Lesson("showdown.io", "Showdown", "I/O-bound: which model wins?",
           "workloads.showdown.io", (
               Param("jobs", int, 8, "requests, each to a local server that answers late",
                     1, 64),
               Param("delay_ms", int, 300, "how long the server waits before it answers",
                     10, 10_000),
           ), sources=("workloads.showdown.common",)),
)


def lesson(lesson_id):
    """The lesson with this id (or the `Lesson` itself), or KeyError with a one-line reason."""
    if isinstance(lesson_id, Lesson):
        return lesson_id
    for item in LESSONS:
        if item.id == lesson_id:
            return item
    raise KeyError(f"unknown lesson {lesson_id!r}; `concurrency-lab list` shows the lessons")


def resolve(lesson_id, settings):
    """Validated parameters: defaults overridden by ``settings`` (name -> text or value).
    KeyError for an unknown name, ValueError with a one-line reason for a value the lesson
    does not take or values whose run would keep a class waiting too long."""
    item = lesson(lesson_id)
    values = item.defaults()
    for name, raw in settings.items():
        values[name] = item.param(name).parse(raw)
    run_length.check(item.id, values)
    return values


def waits(lesson_id, values):
    """Seconds this run may wait for workers started by hand (say so before it starts), or
    None."""
    return run_length.waits(lesson(lesson_id).id, values)


def command_args(lesson_id, values):
    """The lesson's command line for these values: ``--workers=4 --items=-A,B`` (one word
    each, so a value that starts with "-" is never taken for an option)."""
    return [f"--{name}={value}" for name, value in values.items()]
