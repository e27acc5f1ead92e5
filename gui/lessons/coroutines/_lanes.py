"""What the chapter's claims read of a run: the OS threads of the lesson's process, the
coroutines (generators, greenlets, asyncio tasks) drawn inside them, and their run slices."""
from gui.lessons.question import nearer
from gui.trace.model import STATES

RUN = STATES.index("run")
SLACK_S = 1e-6          # a trace file keeps times to the microsecond


def os_threads(model):
    """The OS threads of the lesson's main process: not its coroutines, not virtual rows."""
    root = model.root()
    return [lane for lane in model.lanes if root is not None and lane.kind == "thread"
            and lane.pid == root.pid and not lane.sublane and not lane.virtual]


def coroutines(model, function=""):
    """The coroutine lanes of the lesson's main process; with `function`, those of its
    calls only, e.g. "hello" for the tasks titled "hello('A', 1.0)" and "hello('B', 1.0)"."""
    root = model.root()
    return [lane for lane in model.lanes if root is not None and lane.sublane
            and lane.pid == root.pid and (not function or lane.name == function
                                          or lane.name.startswith(function + "("))]


def one_os_thread(model):
    """True when the main process ran in one OS thread and its coroutines hang under it."""
    threads = os_threads(model)
    return len(threads) == 1 and all(lane.parent is threads[0] for lane in coroutines(model))


def runs(model, lane):
    """[(t0, t1)] of the lane's run slices, in time order."""
    s = model.spans
    return sorted((t0, t1) for t0, t1, on, state in zip(
        s["t0"].tolist(), s["t1"].tolist(), s["lane"].tolist(), s["state"].tolist())
        if on == lane.id and state == RUN)


def one_at_a_time(slices):
    """True when the (t0, t1, ...) slices, in time order, never overlap."""
    return all(b[0] >= a[1] - SLACK_S for a, b in zip(slices, slices[1:]))


def about_one_sleep(total, sleep):
    """True when two sleeps of `sleep` s took about one sleep together, not two."""
    return 0.9 * sleep <= total and nearer(total, sleep, 2 * sleep) == 0


def firsts_before_seconds(model, function):
    """True when the tasks of `function` (two at least) each ran twice, around their
    sleep, and every first run ended before any second one began."""
    slices = [runs(model, lane) for lane in coroutines(model, function)]
    if len(slices) < 2 or any(len(task) != 2 for task in slices):
        return False
    return max(task[0][1] for task in slices) <= min(task[1][0] for task in slices) + SLACK_S
