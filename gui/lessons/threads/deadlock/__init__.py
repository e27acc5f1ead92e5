"""threads.deadlock: two threads take two locks in opposite order.

A deadlocked program never ends, so most of what this unit says comes from the trace while
the run lasts: the wait-for graph (`gui.trace.waitfor`) and its cycle. The fixed variants end
and report ``threads_finished`` and ``gave_up`` (how often a thread backed off).
"""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question
from gui.trace.waitfor import HOLD, WAIT, Wait, WaitForGraph, find_cycle, find_deadlock, \
    lock_name


def describe(cycle):
    """`Deadlock.describe()` in the window's language (the trace keeps the English)."""
    separator = translate("DeadlockPanel", "; ", "between the threads of a cycle")
    steps = separator.join(
        translate("DeadlockPanel", "{thread} holds {held} and waits for {wanted}").format(
            thread=s.thread, held=s.holds, wanted=s.waits_for) for s in cycle.cycle)
    if cycle.permanent:
        return translate("DeadlockPanel", "Deadlock: {steps}").format(steps=steps)
    return translate("DeadlockPanel", "Waiting in a circle: {steps}").format(steps=steps)


END_SLACK_S = 1e-5      # a trace file keeps times to the microsecond: "lasted to the end"


def graph_at_end(model):
    """The wait-for graph as it stood when the lesson's process ended: the waits and holds
    that lasted to its end (a stopped or replayed run, whose open spans were closed)."""
    threads, locks, holders, waits = {}, {}, {}, {}
    spans = model.spans
    for lane_id, state, name, t0, t1 in zip(spans["lane"].tolist(), spans["state"].tolist(),
                                            spans["name"].tolist(), spans["t0"].tolist(),
                                            spans["t1"].tolist()):
        if state not in (WAIT, HOLD):
            continue
        lane = model.lanes[lane_id]
        process = model.processes.get(lane.pid)
        if process is None or process.end is None or t1 < process.end - END_SLACK_S:
            continue
        base, timeout = lock_name(model.names[name]) if state == WAIT else \
            (model.names[name], None)
        lock = (lane.pid, base)
        threads[lane_id], locks[lock] = lane.label, base
        if state == HOLD:
            holders[lock] = lane_id
        else:
            waits[lane_id] = Wait(lane_id, lock, t0, timeout)
    return WaitForGraph(threads, locks, holders, waits)


def deadlock_of(run):
    """The run's deadlock: live from the open waits, afterwards from the waits that lasted
    to the end; None when the threads never waited for each other for ever."""
    found = find_deadlock(run.model)
    if found is None:
        cycle = find_cycle(graph_at_end(run.model))
        found = cycle if cycle is not None and cycle.permanent else None
    return found


def finished(run):
    """True when the run's figures say every thread got both locks and finished."""
    return run.result.get("threads_finished", 0) >= 2


@lesson("threads.deadlock")
class Deadlock(LessonUnit):
    quick = {"variant": "ordered"}
    speaks_after_stop = True        # the cycle is the result, and only Stop ends it

    def tab(self):
        from gui.lessons.threads.deadlock.tab import DeadlockPanel
        return DeadlockPanel

    def sentence(self, run):
        if finished(run):
            gave_up = run.result.get("gave_up", 0)
            if gave_up:
                return translate("DeadlockPanel", "No deadlock: both threads got both locks "
                                 "and finished, after giving up %n time(s).", None, gave_up)
            return translate("DeadlockPanel",
                             "No deadlock: both threads got both locks and finished.")
        found = deadlock_of(run)
        return describe(found) if found is not None else ""

    def claim(self, run):
        """deadlock: the app finds the cycle (Stop ends the run); the fixed variants finish,
        the timeout one after a thread gave up at least once."""
        kind = run.values.get("variant")
        if kind == "deadlock":
            found = deadlock_of(run)
            return Claim(translate("Claims", "deadlock: the app finds the cycle, each thread "
                                             "holding the lock the other waits for"),
                         found is not None and len(found.cycle) == 2,
                         translate("Claims", "the app found no deadlock: report it"))
        if kind == "ordered":
            return Claim(translate("Claims", "ordered: both threads get both locks and "
                                             "finish"), finished(run),
                         translate("Claims", "the threads did not both finish: report it"))
        if kind == "timeout":
            gave_up = run.result.get("gave_up", 0)
            return Claim(translate("Claims", "timeout: a thread gives up, tries again later, "
                                             "and both finish"),
                         finished(run) and gave_up > 0,
                         translate("Claims", "no thread gave up this time: run it again")
                         if finished(run) else
                         translate("Claims", "the threads did not both finish: report it"))
        return None

    def question(self, values):
        text = {"deadlock": translate("Questions", "Thread-1 takes lock_a, then lock_b. "
                                      "Thread-2 takes lock_b, then lock_a. Will both threads "
                                      "finish?"),
                "ordered": translate("Questions", "Both threads take lock_a first, then lock_b. "
                                     "Will both threads finish?"),
                "timeout": translate("Questions", "Opposite order again, but acquire() gives up "
                                     "after 0.5 s and tries again later. Will both threads "
                                     "finish?")}[values["variant"]]

        def answer(run):
            if finished(run):
                return 0, translate("Questions", "both threads finished")
            found = deadlock_of(run)
            return (1, describe(found)) if found is not None else NO_ANSWER
        return Question(text, (translate("Questions", "Yes: both get both locks and finish"),
                               translate("Questions", "No: they wait for each other for ever")),
                        answer, live=True)

    def compare_rows(self, run):
        found = deadlock_of(run) if not finished(run) else None
        rows = [(translate("DeadlockPanel", "deadlock"),
                 translate("DeadlockPanel", "yes") if found is not None else
                 translate("DeadlockPanel", "no"))]
        if "threads_finished" in run.result:
            rows += [(translate("DeadlockPanel", "threads finished"),
                      str(run.result["threads_finished"])),
                     (translate("DeadlockPanel", "times a thread gave up and retried"),
                      str(run.result.get("gave_up", 0)))]
        return tuple(rows)
