"""A lane of the timeline: a process, a thread (or a task or greenlet nested in one), a
counter, or the summary row of lanes beyond what the view shows one by one."""
import re
from dataclasses import dataclass, field

_POOL_WORKER = re.compile(r"^(?:Fork|Spawn|Forkserver)?PoolWorker-(\d+)$")
_HELPER_THREAD = re.compile(r"\(_\w+\)$")        # stdlib helpers: "Thread-3 (_handle_workers)"


@dataclass
class Lane:
    id: int
    kind: str                   # "process", "thread", "counter" (a value over time) or
                                # "summary" (the lanes beyond MAX_ROWS, drawn together)
    pid: int
    tid: int = 0
    name: str = ""
    parent: "Lane" = None
    start: float = None         # seconds since the run's origin
    end: float = None
    exit_code: int = None
    key: int = 0                # the probe's thread key (``threading.get_ident()``)
    virtual: bool = False       # a lesson-named row (a queue), not an OS thread
    group: str = ""             # a virtual lane's title, also on its stacked rows
    sublane: bool = False       # nested under a thread: an asyncio task, a greenlet
    children: list = field(default_factory=list, repr=False)

    @property
    def trace_tid(self):
        """An integer thread id for trace files: the OS id when the probe sent it."""
        return self.tid or (self.key & 0x7FFFFFFF)

    @property
    def is_main(self):
        """The process's main thread: named so, or the OS says so (on Linux its thread id
        is the process id). A child forked from another thread (a Pool worker started again
        by the pool's "Thread-1 (_handle_workers)") keeps that thread's name, but its one
        thread is its main thread all the same."""
        return self.kind == "thread" and not self.sublane and (
            self.name == "MainThread" or 0 < self.tid == self.pid)

    @property
    def label(self):
        """What a student recognises: ``PID 4242 · Pool worker 2`` or ``Worker-1``."""
        if self.virtual or self.sublane or self.kind in ("counter", "summary"):
            return self.name
        if self.kind == "thread":
            if self.is_main and _HELPER_THREAD.search(self.name or ""):
                return "MainThread"
            return self.name or f"thread {self.tid or self.key}"
        if self.parent is not None and self.name in ("", "MainProcess"):
            return f"PID {self.pid} · child of PID {self.parent.pid}"     # a bare os.fork()
        return f"PID {self.pid} · {process_role(self.name)}"


def process_role(name):
    match = _POOL_WORKER.match(name or "")
    if match:
        return f"Pool worker {match.group(1)}"
    if name in (None, "", "MainProcess"):
        return "main process"
    return re.sub(r"-(?=[\d:]+$)", " ", name)      # "Process-1" -> "Process 1"; hosts keep "-"
