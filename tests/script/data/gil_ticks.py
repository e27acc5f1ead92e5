"""Two CPU-bound threads that note when each of them ran: the truth a sampler from outside
is checked against. Each thread notes a stretch of its own running that ends when its clock
jumps (it lost the GIL, or the OS stopped it). Writes the stretches to the file named by
its first argument, as JSON: {"runs": [[thread, start_ns, end_ns], ...]}."""
import json
import sys
import threading
import time

SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 1.5
GAP_NS = 200_000
runs = []


def spin(name):
    clock = time.perf_counter_ns
    start = last = clock()
    end = start + int(SECONDS * 1e9)
    mine = []
    while last < end:
        now = clock()
        if now - last > GAP_NS:
            mine.append((name, start, last))
            start = now
        last = now
    mine.append((name, start, last))
    runs.extend(mine)


threads = [threading.Thread(target=spin, args=(n,)) for n in ("A", "B")]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(sys.argv[1], "w") as out:
    json.dump({"runs": runs, "switch_interval_s": sys.getswitchinterval()}, out)
