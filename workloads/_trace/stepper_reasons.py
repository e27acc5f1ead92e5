"""Why a stepped move is refused, and where an interpreter can switch threads, as plain data.

The stepper says *why* as a code and the values the words need (the instruction's name, the
interpreter's version, the thread, the lock), so each reader words it in its own language:
the window through its translations (`gui/views/scheduler_words.py`), the command line and
the tests in English, here. Every reason is a dict with a "code":

    no_thread   thread, count           there is no such thread
    finished    thread                  the thread has finished
    failed      thread, error           the thread stopped with an error
    waits       thread, lock, holder    the thread waits for a lock another one holds
    no_switch   thread, line, before, why
                                        the interpreter cannot switch away from `thread`;
                                        `why` is one of the switch reasons below
Switch reasons (python: "3.9", gil: whether the build runs with its GIL):
    never_before    op, python, gil     3.9 never switches just before `op`
    no_check_after  op, python, gil     3.9 does not check for a switch right after `op`
    only_at         op, python, gil     3.10+ switches only at calls, returns, backward jumps
                                        and function starts, not after `op`
Switch points of an interpreter (`describe`): anywhere, most or few, with python and gil.
Plain Python that runs under every interpreter a lesson can be stepped with.
"""


def interpreter(python, gil):
    """"CPython 3.11", or "CPython 3.13 (free-threaded, GIL off)"."""
    name = f"CPython {python}"
    return name if gil else f"{name} (free-threaded, GIL off)"


def switch_words(why):
    """A switch reason in English (None stays None)."""
    if why is None:
        return None
    name, op = interpreter(why["python"], why["gil"]), why["op"]
    if why["code"] == "never_before":
        return f"{name} never switches just before {op}"
    if why["code"] == "no_check_after":
        return (f"{name} does not check for a switch right after {op} (it jumps straight to "
                f"the next instruction)")
    return (f"{name} switches only at a call, a return, a jump back to the top of a loop or a "
            f"function's start, not after {op}")


def english(reason):
    """A refused move's reason in one English line (None stays None)."""
    if reason is None:
        return None
    code, thread = reason["code"], reason.get("thread")
    if code == "no_thread":
        return f"there is no thread {thread} (threads 1 to {reason['count']})"
    if code == "finished":
        return f"{thread} has finished"
    if code == "failed":
        return f"{thread} has stopped: {reason['error']}"
    if code == "waits":
        return f"{thread} waits for {reason['lock']}, held by {reason['holder']}"
    return (f"{thread} cannot be switched away from here: {switch_words(reason['why'])} "
            f"({thread} is on line {reason['line']}, before {reason['before']})")


def points_words(points):
    """An interpreter's switch points (`stepper_switch.describe`) in one English line."""
    name = interpreter(points["python"], points["gil"])
    if points["code"] == "anywhere":
        return f"{name}: no GIL, a switch can happen anywhere"
    if points["code"] == "most":
        return (f"{name}: before almost every instruction (not after loads of locals or "
                "constants, stores to locals and jumps)")
    return f"{name}: only at calls, returns, backward jumps and function starts"
