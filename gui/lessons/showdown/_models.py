"""The showdown lessons' models as the window shows them: one per model that ran, with its
place on the timeline (its bar on the lesson's "models" row) and its figures (wall and CPU
seconds, speed-up over sequential) from the lesson's `probe.result(...)`.

While a run goes on only the bars exist: a finished model's wall time is its bar's length
and its speed-up follows from the sequential bar's; its CPU time comes with the figures at
the end. The banner, the tab, the answer and the compare rows all format the same figures
with `times` and `seconds`, so they cannot disagree. Plain Python, no Qt.
"""
from dataclasses import dataclass
from typing import Optional

MODELS_LANE = "models"
SEQUENTIAL = "sequential"


@dataclass(frozen=True)
class ModelRun:
    name: str
    t0: Optional[float] = None          # its bar on the timeline (model seconds)
    t1: Optional[float] = None
    wall: Optional[float] = None        # seconds
    cpu: Optional[float] = None         # seconds; None until the figures arrive
    speed: Optional[float] = None       # sequential wall / its wall


def times(speed):
    """A speed-up in words: "1.1×"."""
    return f"{speed:.1f}×"


def seconds(value):
    return f"{value:.2f} s"


def reported(result):
    """[ModelRun] from the lesson's figures, in the order the models ran ([] before)."""
    names = result.get("models")
    if not isinstance(names, list):
        return []
    columns = [result.get(key) or [] for key in ("wall_s", "cpu_s", "speed_up")]
    if any(len(column) != len(names) for column in columns):
        return []
    return [ModelRun(name, wall=wall, cpu=cpu, speed=speed)
            for name, wall, cpu, speed in zip(names, *columns)]


def bars(model):
    """[(name, t0, t1)] of the bars on the "models" row, in the order the models ran."""
    if model is None:
        return []
    lanes = {lane.id for lane in model.lanes if lane.virtual and lane.group == MODELS_LANE}
    spans = model.spans
    found = [(model.names[name], t0, t1) for t0, t1, lane, name in
             zip(spans["t0"].tolist(), spans["t1"].tolist(), spans["lane"].tolist(),
                 spans["name"].tolist()) if lane in lanes]
    return sorted(found, key=lambda bar: bar[1])


def model_runs(model, result=None):
    """Every model that ran so far: its bar, and its figures once the lesson reported them
    (before that, the wall time and speed-up its bar shows)."""
    figures = {run.name: run for run in reported(result or {})}
    placed = bars(model)
    base = next((t1 - t0 for name, t0, t1 in placed if name == SEQUENTIAL), None)
    runs = []
    for name, t0, t1 in placed:
        known = figures.pop(name, None)
        if known is not None:
            runs.append(ModelRun(name, t0, t1, known.wall, known.cpu, known.speed))
        else:
            wall = t1 - t0
            runs.append(ModelRun(name, t0, t1, wall, None,
                                 base / wall if base and wall > 0 else None))
    return runs + list(figures.values())        # reported, but no bar (a trace cut short)
