"""Samples, from outside, what every thread of a traced program does: a program of its own
(``python -m workloads._trace.script_sampler ANCESTOR_PID [PERIOD_MS]``), so that it never
competes for the GIL of the program it watches, and needs no line in it.

Linux only. Every PERIOD_MS (default 1 ms) it reads, for every thread of every process
descended from ANCESTOR_PID (itself left out), the thread's state in
``/proc/PID/task/TID/stat`` and, for a thread that is not running, ``.../syscall``: the
system call it is blocked in and its arguments (a futex and whether it has a timeout, a
sleep, a select...). These are states at an instant: the kernel's CPU-time counters of
another process's threads move only at its clock ticks (every few milliseconds), too coarse
for a GIL switched every 5 ms. `workloads/_trace/script_states.py` turns the looks into run
and wait spans.

Output, one line per look, on stdout: ``T_NS;PID,TID,STATE;...`` where STATE is ``R`` (on a
CPU or ready for one), ``running`` (between two states) or ``NR:ARG1:ARG4`` (blocked in
system call NR), or the kernel's state letter when the system call cannot be read. It ends when its stdin closes or ANCESTOR_PID
is gone. Files are read with ``pread`` on descriptors kept open: about 1 us a read.
"""
import asyncio
import os
import select
import signal
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCAN_S = 0.02               # how often new processes and threads are looked for
FLUSH_S = 0.05


class Thread:
    __slots__ = ("pid", "tid", "stat", "call")

    def __init__(self, pid, tid):
        base = f"/proc/{pid}/task/{tid}/"
        self.pid, self.tid = pid, tid
        self.stat = os.open(base + "stat", os.O_RDONLY)
        try:
            self.call = os.open(base + "syscall", os.O_RDONLY)
        except OSError:                 # not permitted: where it waits stays unknown
            self.call = None

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
            found = _call(self.call)
        else:
            found = state.decode()
        return f"{self.pid},{self.tid},{found}"

    def close(self):
        for fd in (self.stat, self.call):
            if fd is not None:
                os.close(fd)


def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _call(fd):
    try:
        words = os.pread(fd, 256, 0).split()
    except OSError:
        return "?"
    if not words or words[0] == b"running" or len(words) < 5:
        return "running"
    return f"{words[0].decode()}:{words[1].decode()}:{words[4].decode()}"


class Tree:
    """The processes descended from `root` and their threads, found by scanning /proc."""

    def __init__(self, root):
        self.root, self.me = root, os.getpid()
        self.members = {root}
        self.parents = {}               # pid -> ppid, read once for every process seen
        self.threads = {}               # (pid, tid) -> Thread

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
                continue
            for tid in map(int, tids):
                if (pid, tid) not in self.threads:
                    try:
                        self.threads[pid, tid] = Thread(pid, tid)
                    except OSError:
                        pass

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
        await self._start()
        try:
            return await run
        finally:
            await self._stop()

    async def _start(self):
        if not os.path.isdir(f"/proc/{os.getpid()}/task"):
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [ROOT, *filter(None, [os.environ.get("PYTHONPATH")])]))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "workloads._trace.script_sampler", str(os.getpid()),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env)
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self):
        async for line in self.process.stdout:
            self.lines.append(line.decode("ascii", "replace"))

    async def _stop(self):
        if self.process is None:
            return
        self.process.stdin.close()              # it ends when its stdin closes
        try:
            await asyncio.wait_for(asyncio.shield(self._reader), 5)
            await asyncio.wait_for(self.process.wait(), 5)
        except asyncio.TimeoutError:
            self.process.kill()
            await self.process.wait()


def main(argv):
    # Ctrl+C in a terminal reaches the whole foreground group: the caller decides when to stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    root = int(argv[0])
    period = float(argv[1]) / 1000 if len(argv) > 1 else 0.001
    tree = Tree(root)
    out = sys.stdout
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
