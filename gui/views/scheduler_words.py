"""What the scheduler panel says and shows, built from the stepped run's own data: the goal of
each lesson, the race's interleaving as the race tab's t1/t2 steps, the wait-for graph of a
stepped deadlock, and the moves that replay a recorded real run. Plain Python, no widgets.
"""
from gui.i18n import translate
from gui.trace.waitfor import Wait, WaitForGraph, find_cycle
from workloads._trace import stepper_lessons

WRONG, FOREVER, BREAK = "wrong", "forever", "break"
READS = ("LOAD_GLOBAL", "LOAD_NAME")
REPLAY_MORE = 2                 # a recorded run's "N more steps" are replayed as this many


def goal_of(lesson_id, values):
    """The goal a stepped lesson sets: make the balance wrong (an unguarded shared variable),
    make the threads wait forever (locks, nothing shared) or try to break the lock."""
    spec = stepper_lessons.LESSONS[lesson_id]
    if not spec.shared:
        return FOREVER
    return BREAK if spec.shared != "balance" or values.get("variant") == "locked" else WRONG


def goal_text(goal):
    return {WRONG: translate("Scheduler", "Goal: make the balance wrong."),
            FOREVER: translate("Scheduler", "Goal: make both threads wait forever."),
            BREAK: translate("Scheduler", "Goal: try to break it (lose an update).")}[goal]


def reached(goal, state):
    """True once the real state shows the goal: an update lost, or a wait-for cycle."""
    if goal == WRONG:
        shared = state.get("shared") or {}
        return bool(shared.get("lost")) or shared.get("value") != shared.get("expected")
    if goal == FOREVER:
        return bool(state.get("deadlock"))
    return False


def stopped_by_lock(state, refused):
    """The lock's answer to an attempt to break it, or '' when the move was not about it."""
    waiting = [t for t in state.get("threads", []) if t.get("waits_for")]
    shared = state.get("shared") or {}
    if state.get("threads") and all(t["state"] == "done" for t in state["threads"]):
        return translate("Scheduler", "Every thread has finished: {name} = {value}, as if no "
                                      "thread had ever been switched. The Lock let no update "
                                      "be lost.").format(name=shared.get("name", "?"),
                                                         value=shared.get("value", "?"))
    if not waiting:
        return ""
    lock = next((l for l in state.get("locks", []) if l["name"] == waiting[0]["waits_for"]),
                None)
    holder = lock["holder"] if lock else "?"
    return translate("Scheduler", "The Lock held: {holder} holds {lock}, so {thread} waits at "
                                  "`with {lock}:` until it is released. Only one thread at a "
                                  "time reads and writes {shared}, whatever order you pick."
                     ).format(holder=holder, lock=waiting[0]["waits_for"],
                              thread=waiting[0]["name"],
                              shared=(state.get("shared") or {}).get("name", "?"))


def shared_text(state):
    """The shared variable and what it would be had no update been lost."""
    shared = state.get("shared")
    if not shared:
        return ""
    lost = shared["lost"]
    return translate("Scheduler", "{name} = {value}  (without a lost update: {expected}; "
                                  "%n lost update(s))", None, lost).format(
        name=shared["name"], value=shared["value"], expected=shared["expected"])


def locks_text(state):
    """Who holds which lock, one line each."""
    lines = []
    for lock in state.get("locks", []):
        if not lock["used"] and state.get("shared"):
            continue
        lines.append(translate("Scheduler", "{lock}: held by {thread}").format(
            lock=lock["name"], thread=lock["holder"]) if lock["holder"] else
            translate("Scheduler", "{lock}: free").format(lock=lock["name"]))
    return "\n".join(lines)


def interpreter_text(python, gil):
    """"CPython 3.11", or the same saying the build runs without its GIL."""
    if gil:
        return translate("Scheduler", "CPython {version}").format(version=python)
    return translate("Scheduler", "CPython {version} (free-threaded, GIL off)").format(
        version=python)


def switch_text(why):
    """Why the interpreter cannot switch threads after an instruction (the stepper's switch
    reason, `workloads._trace.stepper_reasons`), in the window's language."""
    if why is None:
        return translate("Scheduler", "This interpreter can switch threads after this "
                                      "instruction.")
    name, op = interpreter_text(why["python"], why["gil"]), why["op"]
    if why["code"] == "never_before":
        return translate("Scheduler", "{interpreter} never switches just before {op}").format(
            interpreter=name, op=op)
    if why["code"] == "no_check_after":
        return translate("Scheduler", "{interpreter} does not check for a switch right after "
                                      "{op} (it jumps straight to the next instruction)"
                         ).format(interpreter=name, op=op)
    return translate("Scheduler", "{interpreter} switches only at a call, a return, a jump back "
                                  "to the top of a loop or a function's start, not after {op}"
                     ).format(interpreter=name, op=op)


def refusal_text(reason):
    """Why the stepper refused a move (its code and values), in the window's language."""
    code, thread = reason["code"], reason.get("thread")
    if code == "no_thread":
        return translate("Scheduler", "there is no thread {thread} (threads 1 to {count})"
                         ).format(thread=thread, count=reason["count"])
    if code == "finished":
        return translate("Scheduler", "{thread} has finished").format(thread=thread)
    if code == "failed":
        return translate("Scheduler", "{thread} has stopped: {error}").format(
            thread=thread, error=reason["error"])
    if code == "waits":
        return translate("Scheduler", "{thread} waits for {lock}, held by {holder}").format(
            thread=thread, lock=reason["lock"], holder=reason["holder"])
    return translate("Scheduler", "{thread} cannot be switched away from here: {why} ({thread} "
                                  "is on line {line}, before {op})").format(
        thread=thread, why=switch_text(reason["why"]), line=reason["line"],
        op=reason["before"])


def points_text(points):
    """Where the interpreter can switch threads (the stepper's `describe`), in one line."""
    name = interpreter_text(points["python"], points["gil"])
    if points["code"] == "anywhere":
        text = translate("Scheduler", "{interpreter}: no GIL, a switch can happen anywhere")
    elif points["code"] == "most":
        text = translate("Scheduler", "{interpreter}: before almost every instruction (not "
                                      "after loads of locals or constants, stores to locals "
                                      "and jumps)")
    else:
        text = translate("Scheduler", "{interpreter}: only at calls, returns, backward jumps "
                                      "and function starts")
    return text.format(interpreter=name)


def rules_text(rules, hello):
    """Where a stepped run may switch threads under `rules`, for the interpreter that runs it
    (the stepper's hello), in the window's language."""
    if rules == "cpython":
        return points_text(hello["switch_points"])
    return translate("Scheduler", "{interpreter}, any machine: a switch may happen after any "
                                  "step").format(interpreter=interpreter_text(hello["version"],
                                                                               hello["gil"]))


def reads_shared(step, name):
    """Whether a step read the shared variable `name` (a load of it among its instructions)."""
    return any(op and op["opname"] in READS and op["argrepr"].split()[-1:] == [name]
               for op in step.get("ops", []))


def race_steps(events, name):
    """The steps so far as the race tab's ``steps`` figure: ["read", thread, before, delta,
    x], ["write", thread, x], ["lost", thread, x, wiped]; a read shows once its write tells
    what it computed."""
    steps, pending = [], {}
    for step in events:
        thread = step["thread"]
        for write in step.get("writes", []):
            at = pending.pop(thread, None)
            row = ["read", thread, write["read"], write["wrote"] - write["read"], write["wrote"]]
            if at is not None:
                steps[at] = row
            if write["found"] != write["read"]:
                steps.append(["lost", thread, write["wrote"], write["found"]])
            else:
                steps.append(["write", thread, write["wrote"]])
        if reads_shared(step, name) and thread not in pending:
            pending[thread] = len(steps)
            steps.append(None)
    return [s for s in steps if s is not None]


def wait_graph(state):
    """The stepped threads' wait-for graph (threads are numbered lanes, locks keyed by name)
    and its cycle, or (graph, None)."""
    threads = {t["no"]: t["name"] for t in state.get("threads", [])}
    by_name = {name: no for no, name in threads.items()}
    locks = {(0, lock["name"]): lock["name"] for lock in state.get("locks", []) if lock["used"]}
    holders = {(0, lock["name"]): by_name[lock["holder"]] for lock in state.get("locks", [])
               if lock["holder"] in by_name}
    waits = {t["no"]: Wait(t["no"], (0, t["waits_for"]), 0.0)
             for t in state.get("threads", []) if t.get("waits_for")}
    graph = WaitForGraph(threads, locks, holders, waits)
    return graph, find_cycle(graph)


def replay_plan(steps):
    """The events of a recorded interleaving (the race lesson's ``steps`` figure) as
    [(thread, "read" | "write")], from a fresh start: a thread whose first recorded read is a
    withdrawal first makes its deposit, and a long turn of one thread is cut short."""
    events = []
    for step in steps:
        kind, thread = step[0], step[1]
        if kind == "more":
            events += [(thread, "read"), (thread, "write")] * (min(step[2], REPLAY_MORE) // 2)
        else:
            events.append((thread, "read" if kind == "read" else "write"))
    prefix = []
    for thread in sorted({t for t, _ in events}):
        first = next(s for s in steps if s[1] == thread and s[0] != "more")
        if first[0] != "read":
            prefix.append((thread, "read"))         # its read came before the recording
        elif first[3] < 0:
            prefix += [(thread, "read"), (thread, "write")]     # its deposit, first
    return prefix + events


def replay_done(step, event, name):
    """Whether `step` (a stepped step of the event's thread) did what `event` needs."""
    return bool(step.get("writes")) if event[1] == "write" else reads_shared(step, name)
