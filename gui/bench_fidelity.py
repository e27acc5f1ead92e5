"""Tracing fidelity: does tracing slow down the lesson it draws? Each lesson runs in A/B
pairs, one untraced and one traced run back to back, so a machine that gets busier or quieter
during the benchmark moves both runs of a pair alike; the pairs take turns at which run goes
first (plain, traced, traced, plain, ...), so a steady drift does not favour either. The
figure is the median over the pairs of traced throughput / untraced throughput (1.0: tracing
costs nothing).

Both runs of a pair start the same way, through `WorkloadRun` as the window starts a lesson;
the traced one reports to a real trace listener. Throughput comes from the lesson's own
figures (``probe.result``; an untraced run writes them to ``CLAB_RESULT_FILE``) and from the
seconds its ``__main__`` took, timed inside the lesson's process so that interpreter start-up
is not counted.
"""
import asyncio
import json
import os
import statistics
import tempfile

from workloads import catalog

# Runs the lesson's module as ``python -m`` would, and reports how long its __main__ took.
_TIMED = r"""
import runpy, sys, time
from workloads import probe
sys.argv = [%(module)r, *%(args)r]
started = time.perf_counter()
runpy.run_module(%(module)r, run_name="__main__", alter_sys=True)
probe.result(bench_main_s=time.perf_counter() - started)
"""


def _gil(figures):
    return figures["loops_per_s"]            # the busy loops run for a fixed time


def _race(figures):
    # deposits and withdrawals of both threads, every round, per second of the lesson
    return 4 * figures["iterations"] * len(figures["rounds"]) / figures["bench_main_s"]


def _lock(figures):
    # counter updates of the locked and the unlocked run, per second of both runs
    return 2 * figures["expected"] / (figures["locked_s"] + figures["unlocked_s"])


# (lesson module, settings for a full and a quick bench, throughput from its figures)
LESSONS = (
    ("workloads.threads.gil", {"seconds": 2.0}, {"seconds": 1.0}, _gil),
    ("workloads.threads.race", {"variant": "widened"},
     {"variant": "widened", "iterations": 100_000}, _race),
    ("workloads.threads.lock", {}, {"iterations": 10}, _lock),
)


def _lesson_of(module):
    return next(item for item in catalog.LESSONS if item.module == module)


def lesson_id(module):
    """The catalog id of the lesson whose program is `module`."""
    return _lesson_of(module).id


def _argv(lesson, settings):
    values = catalog.resolve(lesson.id, settings)
    code = _TIMED % {"module": lesson.module, "args": catalog.command_args(lesson.id, values)}
    return ["-c", code]


async def _plain(argv, timeout=120):
    """The figures of an untraced run (no trace address: the probe is a no-op)."""
    from gui.run.workload_run import WorkloadRun
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "figures.jsonl")
        run = WorkloadRun(catalog.Lesson("bench", "", "", ""), {}, {"CLAB_RESULT_FILE": path},
                          argv=argv)
        await run.start()
        code = await asyncio.wait_for(run.wait(), timeout)
        if code != 0:
            raise RuntimeError(f"an untraced bench run ended with {code}")
        figures = {}
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                figures.update(json.loads(line))
    return figures


def _traced_figures(argv):
    from gui.bench import _traced
    _, model = asyncio.run(_traced(argv))
    if not model.processes or not model.result:
        raise RuntimeError("a traced bench run sent no trace")
    return dict(model.result)


def pairs(module, settings, throughput, count):
    """`count` A/B pairs of one lesson: (ratios traced/untraced, the order the runs ran in)."""
    argv = _argv(_lesson_of(module), settings)
    run = {"plain": lambda: asyncio.run(_plain(argv)), "traced": lambda: _traced_figures(argv)}
    ratios, order = [], []
    for i in range(count):
        pair = {}
        for kind in ("plain", "traced") if i % 2 == 0 else ("traced", "plain"):
            pair[kind] = throughput(run[kind]())
            order.append(kind)
        ratios.append(pair["traced"] / pair["plain"])
    return ratios, order


def traced_vs_untraced(quick=False, count=None):
    """{"traced_vs_untraced": {lesson id: median ratio}, "..._pairs": {id: [ratio, ...]},
    "..._order": {id: ["plain", "traced", "traced", "plain", ...]}}: the figures of every
    lesson of LESSONS, the order being the order its runs ran in."""
    count = count or (5 if quick else 7)
    medians, all_ratios, orders = {}, {}, {}
    for module, full, brief, throughput in LESSONS:
        key = lesson_id(module)
        ratios, order = pairs(module, brief if quick else full, throughput, count)
        medians[key] = round(statistics.median(ratios), 3)
        all_ratios[key] = [round(r, 3) for r in ratios]
        orders[key] = order
    return {"traced_vs_untraced": medians, "traced_vs_untraced_pairs": all_ratios,
            "traced_vs_untraced_order": orders}

