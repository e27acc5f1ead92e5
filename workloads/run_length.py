"""How long a lesson's run takes for given parameter values, roughly, and what it says up
front when it may wait for someone.

A class should never wait more than about a minute for a run: the catalog refuses values
whose run would take longer than LIMIT_S, and says which values to lower. The figures are
generous upper estimates from what each lesson does (its sleeps, its task lengths, about a
sixth of a microsecond per step of pure-Python arithmetic), plus a second or so to start.
"""
import math

LIMIT_S = 60
STEP_S = 0.15e-6                # one step of the showdown's arithmetic (~0.07 us measured)
START_S = 1.0                   # an interpreter, its imports and the probe


def _cores():
    import os
    return os.cpu_count() or 1


def _list(text):
    return [float(x) for x in text.split(",") if x.strip()]


def _pool(v):
    # tasks last 0.3 to 1.5 s each; a free worker takes the next one
    return math.ceil(v["tasks"] / v["workers"]) * 1.5 + 0.2 * v["workers"] + START_S


def _lock(v):
    # locked: every save (20 ms) one after another; unlocked: each thread's own pace
    n, workers = v["iterations"], v["workers"]
    return workers * n * 0.02 + n * 0.02 + n * 0.04 + START_S


def _gil(v):
    starts = 0.1 * v["workers"] if v["variant"] == "processes" else 0.0
    return v["seconds"] + starts + START_S


def _manager_work(tasks, workers):
    # each task takes a worker 0.3 s; a worker stops once the queue stays empty for 1 s
    return math.ceil(tasks / max(workers, 1)) * 0.3 + 1.0 + 0.3 * workers + 2 * START_S


def _manager(v):
    return _manager_work(v["tasks"], v["workers"]) if v["workers"] else START_S


def _worker_crash(v):
    # the first worker dies during its first task; the others do the rest
    others = v["workers"] - 1
    return (_manager_work(v["tasks"], others) if others else 2 * START_S) + 1.0


def _showdown_cpu(v):
    jobs, size = v["jobs"], v["size"]
    rounds = math.ceil(jobs / min(jobs, _cores()))
    # sequential, threads and asyncio do every job in turn; processes (and threads under a
    # free-threaded build, when one is found) take `rounds` jobs each; a half-job warm-up
    return STEP_S * size * (3 * jobs + 2 * rounds + 0.5) + 2 * START_S


def _showdown_io(v):
    wait = v["delay_ms"] / 1000
    # sequential waits once per job; threads, asyncio and gevent once; processes (16 at most)
    return wait * (v["jobs"] + 3 + math.ceil(v["jobs"] / 16)) + 2 * START_S


# lesson id -> (estimate(values) in seconds, the parameters it depends on, what to lower)
ESTIMATES = {
    "process.start": (lambda v: v["seconds"] + START_S, ("seconds",), "fewer seconds"),
    "process.pool": (_pool, ("tasks", "workers"), "fewer tasks or more workers"),
    "process.queue": (lambda v: len(v["items"].split(",")) * v["delay"] + START_S,
                      ("items", "delay"), "fewer items or a shorter delay"),
    "process.pipe": (lambda v: v["messages"] * 0.4 + START_S, ("messages",), "fewer messages"),
    "threads.basics": (lambda v: v["ticks"] * v["tick_s"] + START_S, ("ticks", "tick_s"),
                       "fewer ticks or a shorter tick_s"),
    "threads.race": (lambda v: v["iterations"] * 6e-6 + START_S, ("iterations",),
                     "fewer iterations"),
    "threads.lock": (_lock, ("workers", "iterations"), "fewer workers or iterations"),
    "threads.gil": (_gil, ("seconds", "workers"), "fewer seconds"),
    "distributed.manager": (_manager, ("tasks", "workers"), "fewer tasks or more workers"),
    "distributed.bad_key": (lambda v: _manager_work(v["tasks"], v["workers"]) + 1.5,
                            ("tasks", "workers"), "fewer tasks or more workers"),
    "distributed.worker_crash": (_worker_crash, ("tasks", "workers"),
                                 "fewer tasks or more workers"),
    "async.generator": (lambda v: v["items"] * 0.2 + START_S, ("items",), "fewer items"),
    "async.gevent_io": (lambda v: max(_list(v["delays"])) + 2 * START_S, ("delays",),
                        "shorter delays"),
    "async.asyncio": (lambda v: 2 * v["sleep_s"] + START_S, ("sleep_s",), "a shorter sleep_s"),
    "async.wget": (lambda v: max(_list(v["delays"])) + START_S, ("delays",), "shorter delays"),
    "async.aiohttp": (lambda v: (v["clients"] if v["variant"] == "blocking" else 1) * 0.5
                      + 3.0 + 2 * START_S, ("clients",), "fewer clients"),
    "showdown.cpu": (_showdown_cpu, ("jobs", "size"), "fewer jobs or a smaller size"),
    "showdown.io": (_showdown_io, ("jobs", "delay_ms"), "fewer jobs or a shorter delay_ms"),
}


def estimate(lesson_id, values):
    """About how many seconds a run with these values takes (None: it is always quick)."""
    found = ESTIMATES.get(lesson_id)
    return found[0](values) if found else None


def check(lesson_id, values):
    """ValueError with a one-line reason when the run would take longer than LIMIT_S."""
    found = ESTIMATES.get(lesson_id)
    if not found:
        return
    how_long, names, lower = found
    seconds = how_long(values)
    if seconds > LIMIT_S:
        given = ", ".join(f"{name}={_short(values[name])}" for name in names)
        raise ValueError(f"{lesson_id} with {given} would run for about {seconds:.0f} s, "
                         f"and a run may take at most {LIMIT_S} s: choose {lower}")


def waits(lesson_id, values):
    """Seconds the run may wait for something outside it (workers started by hand), to be
    said before it starts, or None."""
    if lesson_id == "distributed.manager" and not values["workers"]:
        return values["wait_s"]
    return None


def _short(value):
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 24 else text[:24] + "…"
