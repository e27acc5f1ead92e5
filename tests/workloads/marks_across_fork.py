"""Marks from a parent before and after a fork, from the forked child, and from a thread: the
probe's fast marker must follow the connection into the child."""
import os
import threading

from workloads import probe

probe.mark("parent before fork")
pid = os.fork()
if pid == 0:
    probe.mark("child after fork")            # a new name: interned, then written
    probe.mark("child after fork")            # a known name: written by the fast marker
    probe.mark("parent before fork")          # a name the parent interned, sent again here
    os._exit(0)
os.waitpid(pid, 0)
probe.mark("parent after fork")
worker = threading.Thread(target=probe.mark, args=("from a thread",), name="Marker")
worker.start()
worker.join()
probe.mark("on a lane", lane="virtual")
print("child", pid)
