"""Samples, from outside, what every thread of a traced program does: a program of its own
(``python -m workloads._trace.script_sampler ANCESTOR_PID [PERIOD_MS]``), so that it never
competes for the GIL of the program it watches, and needs no line in it.

Linux only. Every PERIOD_MS (default 1 ms) it reads, for every thread of every process
descended from ANCESTOR_PID (itself left out), the thread's state in
``/proc/PID/task/TID/stat``; its CPU time in ``.../schedstat`` (exact to the nanosecond up to
the thread's last switch, while ``stat``'s counters move only at clock ticks, too coarse for
a GIL switched every 5 ms); and, for a thread that is not running, ``.../syscall``: the
system call it is blocked in and its arguments (a futex and whether it has a timeout, a
sleep, a select...). For a futex wait with a timeout it also reads the wait's deadline in
the program's memory (``/proc/PID/mem``; CPython waits for the GIL until an absolute
``CLOCK_MONOTONIC`` time, the switch interval away). `workloads/_trace/script_states.py`
turns the looks into run and wait spans and counts the GIL's hand-offs.

Output, one line per look, on stdout: ``T_NS;PID,TID,STATE,CPU_NS;...``. T_NS is
``time.perf_counter_ns()`` (``CLOCK_MONOTONIC``) just before the look. STATE is ``R`` (on a
CPU or ready for one), ``running`` (between two states), ``NR:ARG1:ARG4`` (blocked in system
call NR), with ``:LEFT_NS`` added for a futex whose timeout could be read (the nanoseconds
from the thread's own read to the deadline), or the kernel's state letter when the system
call cannot be read. CPU_NS is the thread's CPU time, empty when it cannot be read. The
first line, ``T_NS;`` with no fields, says it is ready (`Sampler` starts the program it
watches only then). It ends when its stdin closes or ANCESTOR_PID is gone. Files are read
with ``pread`` on descriptors kept open: about 1 us a read, about 15 us a look at three
threads.
"""
import os
import select
import signal
import struct
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCAN_S = 0.02               # how often new processes and threads are looked for
FLUSH_S = 0.05
LATE = object()             # what `Sampler.within` gives when the time is up
READY_S = 10                # the longest a run waits for its sampler to start looking
FUTEX = {"x86_64": b"202", "aarch64": b"98"}.get(os.uname().machine)   # its call number
TIMESPEC = struct.Struct("qq")
LEFT_MAX_NS = 60_000_000_000    # a deadline further away is not on this clock: not shown


def _open(path):
    """A descriptor kept open on `path`, or None when it may not be read."""
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


class Thread:
    __slots__ = ("pid", "tid", "stat", "call", "cpu", "mem")

    def __init__(self, pid, tid, mem=None):
        base = f"/proc/{pid}/task/{tid}/"
        self.pid, self.tid, self.mem = pid, tid, mem
        self.stat = os.open(base + "stat", os.O_RDONLY)
        self.call = _open(base + "syscall")     # None: where it waits stays unknown
        self.cpu = _open(base + "schedstat")    # None: its CPU time stays unknown

    def look(self):
        """The sample's field of this thread, or None when it has ended."""
        try:
            state = os.pread(self.stat, 512, 0).rpartition(b")")[2][1:2]
        except OSError:
            return None
        if not state or state in b"XZ":
            return None
        if state == b"R":
            found = "R"
        elif self.call is not None:
            found = _call(self.call, self.mem)
        else:
            found = state.decode()
        return f"{self.pid},{self.tid},{found},{_cpu(self.cpu)}"

    def close(self):
        for fd in (self.stat, self.call, self.cpu):
            if fd is not None:
                os.close(fd)


def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _call(fd, mem=None):
    try:
        words = os.pread(fd, 256, 0).split()
    except OSError:
        return "?"
    if not words or words[0] == b"running" or len(words) < 5:
        return "running"
    found = f"{words[0].decode()}:{words[1].decode()}:{words[4].decode()}"
    if words[0] == FUTEX and mem is not None and words[4] not in (b"0x0", b"0"):
        left = _left(mem, words[4])
        if left is not None:
            found += f":{left}"
    return found


def _left(mem, address):
    """Nanoseconds from now to the absolute deadline at `address` (hex, as ``syscall``
    shows it) in `mem`, or None (unreadable, or not a deadline on this clock)."""
    try:
        data = mem.read(int(address, 16), TIMESPEC.size)
    except (ValueError, OverflowError):
        return None
    if data is None:
        return None
    seconds, ns = TIMESPEC.unpack(data)
    left = seconds * 1_000_000_000 + ns - time.perf_counter_ns()
    return left if 0 <= left <= LEFT_MAX_NS else None


class Memory:
    """The memory of one process (``/proc/PID/mem``), read at an address. A descriptor
    opened before the process ran its program (between fork and exec) sees the memory it
    had then: when a read fails it is opened again (at most once every `SCAN_S`)."""
    __slots__ = ("path", "fd", "retry")

    def __init__(self, pid):
        self.path, self.retry = f"/proc/{pid}/mem", 0.0
        self.fd = _open(self.path)

    def read(self, address, size):
        """`size` bytes at `address`, or None."""
        for again in (False, True):
            if self.fd is not None:
                try:
                    data = os.pread(self.fd, size, address)
                    if len(data) == size:
                        return data
                except OSError:
                    pass
            if again or time.monotonic() < self.retry:
                return None
            self.retry = time.monotonic() + SCAN_S
            self.close()
            self.fd = _open(self.path)
        return None

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _cpu(fd):
    """The thread's CPU time in ns (``schedstat``'s first field), or "" when unknown."""
    if fd is None:
        return ""
    try:
        return os.pread(fd, 128, 0).split(None, 1)[0].decode()
    except (OSError, IndexError):
        return ""


class Tree:
    """The processes descended from `root` and their threads, found by scanning /proc."""

    def __init__(self, root):
        self.root, self.me = root, os.getpid()
        self.members = {root}
        self.parents = {}               # pid -> ppid, read once for every process seen
        self.threads = {}               # (pid, tid) -> Thread
        self.mems = {}                  # pid -> its Memory

    def scan(self):
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) not in self.parents:
                self.parents[int(name)] = _parent(int(name))
        grown = True
        while grown:                    # a child may be listed before its parent
            new = {pid for pid, ppid in self.parents.items()
                   if ppid in self.members and pid not in self.members}
            self.members |= new
            grown = bool(new)
        for pid in list(self.members):
            if pid == self.root or pid == self.me:
                continue
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except OSError:
                self.members.discard(pid)
                self._forget(pid)
                continue
            if pid not in self.mems:
                self.mems[pid] = Memory(pid)
            for tid in map(int, tids):
                if (pid, tid) not in self.threads:
                    try:
                        self.threads[pid, tid] = Thread(pid, tid, self.mems[pid])
                    except OSError:
                        pass

    def _forget(self, pid):
        """Close the memory of a process that has gone (its threads close their own)."""
        mem = self.mems.pop(pid, None)
        if mem is not None:
            mem.close()

    def look(self):
        fields = []
        for key, thread in list(self.threads.items()):
            field = thread.look()
            if field is None:
                thread.close()
                del self.threads[key]
            else:
                fields.append(field)
        return fields


class Sampler:
    """This program, run from an asyncio loop, watching the caller's children while they run
    (Linux only); its looks are collected in `lines`."""

    def __init__(self):
        self.lines = []
        self.process = None

    async def watching(self, run):
        """Await `run` (the script's run) with the sampler looking on."""
        import asyncio
        self.loop = asyncio.get_event_loop()    # the loop this first step runs on
        await self._start()
        try:
            return await run
        finally:
            await self._stop()

    async def _start(self):
        """Start the sampler and wait until it looks (its first line): on a busy machine
        its start can take longer than the program's first turns."""
        import asyncio          # here: the sampler's own program starts faster without it
        if not os.path.isdir(f"/proc/{os.getpid()}/task"):
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [ROOT, *filter(None, [os.environ.get("PYTHONPATH")])]))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "workloads._trace.script_sampler", str(os.getpid()),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env)
        ready = await self.within(self.process.stdout.readline(), READY_S)
        self.lines.append(("" if ready is LATE else ready.decode("ascii", "replace")))
        self._reader = self.loop.create_task(self._read())

    async def within(self, awaitable, seconds):
        """What `awaitable` gives, or LATE after `seconds` (it is then cancelled). Built on
        the loop object, not on asyncio.wait_for: a Qt loop may resume this coroutine from an
        event handled outside its run (a test's own event processing), where asyncio knows
        no running loop."""
        import asyncio
        task = asyncio.ensure_future(awaitable, loop=self.loop)
        late = []
        timer = self.loop.call_later(seconds, lambda: (late.append(True), task.cancel()))
        try:
            return await task
        except asyncio.CancelledError:
            if late:
                return LATE
            raise
        finally:
            timer.cancel()

    async def _read(self):
        async for line in self.process.stdout:
            self.lines.append(line.decode("ascii", "replace"))

    async def _stop(self):
        import asyncio
        if self.process is None:
            return
        self.process.stdin.close()              # it ends when its stdin closes
        if (await self.within(asyncio.shield(self._reader), 5) is LATE
                or await self.within(self.process.wait(), 5) is LATE):
            self.process.kill()
            await self.process.wait()


def main(argv):
    # Ctrl+C in a terminal reaches the whole foreground group: the caller decides when to stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    root = int(argv[0])
    period = float(argv[1]) / 1000 if len(argv) > 1 else 0.001
    tree = Tree(root)
    out = sys.stdout
    out.write(f"{time.perf_counter_ns()};\n")     # ready: the caller may start the program
    out.flush()
    scanned = flushed = 0.0
    while os.path.exists(f"/proc/{root}"):
        now = time.monotonic()
        if now - scanned >= SCAN_S:
            tree.scan()
            scanned = now
        t = time.perf_counter_ns()
        fields = tree.look()
        if fields:
            out.write(f"{t};" + ";".join(fields) + "\n")
        if now - flushed >= FLUSH_S:
            out.flush()
            flushed = now
        if select.select([sys.stdin], [], [], period)[0] and not sys.stdin.read(1):
            break                       # the reader went away
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
