"""Every lesson the app knows: id, chapter, module and declared parameters.

This is the single source of truth for the window's lesson list and parameter form, the
command line's validation and each lesson's own argument parser. Plain data: importing it
runs no lesson code.
"""
import os
from dataclasses import dataclass, field

CHAPTERS = ("Processes", "Threads", "Distributed processes", "Coroutines and async IO",
            "Showdown")


def _cores():
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Param:
    name: str
    kind: type                      # int, float or str
    default: object
    help: str
    low: float = None               # inclusive range for numbers
    high: float = None
    choices: tuple = ()             # allowed values for str parameters

    def parse(self, text):
        """Turn command-line text into a value, or raise ValueError with a one-line reason."""
        try:
            value = self.kind(text)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be {self.kind.__name__}, got {text!r}") from None
        self.check(value)
        return value

    def check(self, value):
        if self.kind is str and self.low is not None:     # a comma-separated list
            count = len([part for part in value.split(",") if part.strip()])
            if not self.low <= count <= self.high:
                raise ValueError(f"{self.name} must list {self.low} to {self.high} "
                                 f"comma-separated values, got {count}")
            return
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}, "
                             f"got {value!r}")
        if self.low is not None and not self.low <= value <= self.high:
            raise ValueError(f"{self.name} must be between {_num(self.low)} and "
                             f"{_num(self.high)}, got {_num(value)}")


def _num(x):
    return f"{x:g}" if isinstance(x, float) else str(x)


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
    Lesson("process.queue", "Processes", "A Queue: writer → reader",
           "workloads.process.queue", (
               Param("items", str, "A,B,C", "comma-separated values the writer puts", 1, 50),
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
              1_000, 10_000_000),
    )),
    Lesson("threads.lock", "Threads", "One Lock, several threads", "workloads.threads.lock", (
        Param("workers", int, 4, "threads that share the lock", 1, 16),
        Param("iterations", int, 20, "updates each thread makes under the lock", 10, 1_000),
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
        Param("seconds", float, 3.0, "how long each worker spins", 0.2, 60.0),
        Param("switch_interval_ms", float, 5.0, "sys.setswitchinterval, in milliseconds",
              0.1, 100.0),
    )),
    Lesson("threads.local", "Threads", "threading.local() per thread",
           "workloads.threads.local", (
               Param("names", str, "Alice,Bob", "comma-separated: one thread per name", 1, 26),
           )),
    Lesson("distributed.manager", "Distributed processes", "A task queue over the network",
           "workloads.distributed.task_manager", (
               Param("tasks", int, 10, "numbers the manager puts in the task queue", 1, 200),
               Param("workers", int, 2, "workers started on this machine (0: only the ones "
                     "you start yourself)", 0, 16),
               Param("bind", str, "127.0.0.1", "the address the manager listens on: 127.0.0.1 "
                     "is this machine only, 0.0.0.0 lets other machines in"),
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
                     1, 20),
           ), packages=("gevent",)),
    Lesson("async.asyncio", "Coroutines and async IO", "asyncio: two tasks, one loop",
           "workloads.coroutines.asyncio_tasks", (
               Param("sleep_s", float, 1.0, "seconds each coroutine awaits", 0.05, 10.0),
           )),
    Lesson("async.wget", "Coroutines and async IO", "asyncio: slow servers, one thread",
           "workloads.coroutines.wget", (
               Param("delays", str, "0.3,0.6,0.9", "seconds each local server waits", 1, 20),
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
               Param("size", int, 2_000_000, "steps per job (about half a second each)",
                     10_000, 100_000_000),
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
    """Validated parameters: defaults overridden by ``settings`` (name -> text or value)."""
    item = lesson(lesson_id)
    values = item.defaults()
    for name, raw in settings.items():
        p = item.param(name)
        if isinstance(raw, str):
            values[name] = p.parse(raw)
        else:
            p.check(raw)
            values[name] = raw
    return values


def command_args(lesson_id, values):
    """The lesson's command line for these values: ``--workers 4 --tasks 5``."""
    args = []
    for name, value in values.items():
        args += [f"--{name}", str(value)]
    return args
