"""What the showdown lessons share: run one model, time it, and print the comparison."""
import sys
import time

from workloads import probe

LANE = "models"         # a row of its own: one bar per model, from its start to its end


def run_model(name, work):
    """Run `work()` (a list of (value, CPU seconds) per job) as model `name`: its bar on
    the models row, its wall and CPU time. Returns (wall s, CPU s, jobs done)."""
    print(f"{name}...", flush=True)
    t0 = time.perf_counter_ns()
    done = work()
    t1 = time.perf_counter_ns()
    wall, cpu = (t1 - t0) / 1e9, sum(c for _, c in done)
    print(f"{name}: wall {wall:.2f} s, CPU {cpu:.2f} s", flush=True)
    probe.emit_span(name, "task", t0, t1, lane=LANE)
    return wall, cpu, len(done)


def gevent_missing():
    """Why the gevent model cannot run under this Python, or None."""
    try:
        import gevent  # noqa: F401
    except ImportError:
        return (f"gevent is not installed for {sys.executable}: skipped. Install it with "
                f"`{sys.executable} -m pip install gevent`.")
    return None


def report(results, cores):
    """Print every model against the sequential one, one line each; returns the lesson's
    figures: per model (in the order they ran) its wall and CPU seconds, its speed-up over
    sequential and the jobs it did; the fastest model; the cores."""
    base = results["sequential"][0]
    print(f"Results on {cores} cores (speed-up = sequential wall time / wall time; cores busy "
          f"= CPU time / wall time):")
    for name, (wall, cpu, jobs) in results.items():
        print(f"{name:>10}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, "
              f"speed-up {base / wall:4.2f}x ({jobs} jobs), {cpu / wall:3.1f} cores busy")
    fastest = min(results, key=lambda n: results[n][0])
    print(f"Fastest: {fastest}.", flush=True)
    return dict(cores=cores, models=list(results), fastest=fastest,
                wall_s=[round(wall, 6) for wall, _, _ in results.values()],
                cpu_s=[round(cpu, 6) for _, cpu, _ in results.values()],
                speed_up=[round(base / wall, 4) for wall, _, _ in results.values()],
                jobs_done=[jobs for _, _, jobs in results.values()])
