"""Two processes talk through a Queue: a writer puts values in, a reader takes them out.

The parent makes one `multiprocessing.Queue` and gives it to both children. The reader loops
forever, so the parent cannot join() it: once the writer is done, it ends the reader with
terminate().
"""
import itertools
import os
import random
import time
from multiprocessing import Process, Queue

from workloads import lesson_args, probe


def write(q, items, delay):
    for i, value in enumerate(items):
        print(f"Put {value} to queue...")
        probe.mark(f"put {value}")
        probe.arrow_out(i, "item")              # an arrow from this put to its get
        q.put(value)
        # a pause after every put, the last one too: it gives the reader time to get it
        time.sleep(delay * random.uniform(0.5, 1.0))
    probe.result(put=items)


def read(q):
    got = []
    for i in itertools.count():                 # loops forever, counting the gets
        probe.begin("get()", "wait.io")         # a bar that is drawn while get() waits
        # terminate() kills this process at once: nothing still in a buffer gets out, so
        # send the trace now (what it got so far, and that it waits again)
        probe.flush()
        value = q.get()                         # waits until an item is there
        probe.end("get()", "wait.io")
        probe.arrow_in(i, "item")               # first in, first out: get i takes put i
        probe.mark(f"get {value}")
        got.append(value)
        print(f"Get {value} from queue.", flush=True)
        probe.result(got=got)


if __name__ == "__main__":
    args = lesson_args.parse("process.queue")
    items = [v.strip() for v in args.items.split(",") if v.strip()]
    print(f"Parent process {os.getpid()}.")
    q = Queue()                                 # made by the parent, handed to both children
    pw = Process(target=write, args=(q, items, args.delay), name="Writer")
    pr = Process(target=read, args=(q,), name="Reader")
    pw.start()
    pr.start()
    with probe.span("join() writer", cat="wait.io"):
        pw.join()                               # wait until the writer has put everything
    probe.mark("terminate() reader")
    pr.terminate()                              # the reader never returns: stop it by force
    pr.join()                                   # reap it, so its exit code is known
    print(f"Reader ended by terminate(): exit code {pr.exitcode}.")
    probe.result(reader_exit_code=pr.exitcode)
