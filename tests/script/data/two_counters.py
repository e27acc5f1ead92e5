import threading
import time


def count(name, seconds=4):
    n = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        n += 1
    print(f"{name} counted to {n:,}")


threads = [threading.Thread(target=count, args=(name,)) for name in ("A", "B")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
