"""A flood: a busy script that makes about `rate` traced events a second, for the benchmark of a
student's script (``concurrency-lab bench``) and the tests of how the window copes.

``python -m workloads._trace.bench_flood EVENTS RATE`` runs two threads that share the work:
each step is a little arithmetic (the script's own work, about half a microsecond) and one event,
seven spans of the step in eight and a mark in the other. With RATE > 0 the threads keep to
that many events a second in all (sleeping when ahead, never catching up more than a
millisecond's worth at once); with RATE 0 they run flat out, which is how the slowdown is
measured (the same script traced and untraced). It ends with `TAIL` spans named "end", one
after another on the main thread: the end of a run, which the window must keep in full.
Without a window the probe calls do nothing, so the untraced run is the same program. Its
figures: ``sent`` events in all, the flood's ``seconds`` and its ``cpu_seconds`` (every thread of
the process, the probe's sender too).
"""
import sys
import threading
import time

from workloads import probe

THREADS = 2
BATCH = 1000                # steps between two looks at the clock
TAIL = 1000                 # spans of the run's end


def work(steps, rate, sent, slot):
    """`steps` steps of arithmetic, each followed by one event; paced to `rate` a second."""
    perf, emit, mark = time.perf_counter_ns, probe.emit_span, probe.mark
    gap = 1e9 / rate if rate else 0.0
    start = t = perf()
    done, acc = 0, slot
    while done < steps:
        batch = min(BATCH, steps - done)
        for i in range(batch):
            acc = (acc * 31 + i) % 1_000_003            # the script's own work
            acc = (acc * 17 + 7) % 1_000_033
            acc = (acc * 13 + i) % 1_000_037
            acc = (acc * 11 + 3) % 1_000_039
            t1 = perf()
            if i & 7:
                emit("step", "task", t, t1)
            else:
                mark("tick")
            t = t1
        done += batch
        if gap:
            ahead = start + done * gap - perf()
            if ahead > 0:
                time.sleep(ahead / 1e9)
    sent[slot] = done


def main(events, rate):
    sent = [0] * THREADS
    share = rate / THREADS
    threads = [threading.Thread(target=work, args=(events // THREADS, share, sent, i),
                                name=f"flood-{i + 1}") for i in range(THREADS)]
    start, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    t = time.perf_counter_ns()
    for _ in range(TAIL):
        t1 = time.perf_counter_ns()
        probe.emit_span("end", "task", t, t1)
        t = t1
    probe.result(sent=sum(sent) + TAIL, seconds=round(seconds, 4), cpu_seconds=round(cpu, 4))
    print(f"{sum(sent) + TAIL:,} events in {seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
