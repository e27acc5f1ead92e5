"""Where the running CPython can hand the GIL to another thread, per instruction.

A thread switches only where the interpreter checks its "eval breaker" (the flag another
thread sets when it wants the GIL). Where that check sits is read from CPython's own eval
loop, per version, and applied here to the instructions `dis` shows for the running
interpreter, so the answer is always about the interpreter that runs the lesson:

- up to 3.9 (Python/ceval.c): the check sits at the top of the dispatch loop, before almost
  every instruction. It is skipped after the instructions that end with ``FAST_DISPATCH()``
  (loads of locals and constants, stores to locals, stack shuffles, forward jumps and
  conditional jumps on a bool), and before SETUP_FINALLY, SETUP_WITH, BEFORE_ASYNC_WITH and
  YIELD_FROM. So `balance = balance + n` can be split between its read and its write.
- 3.10 (bpo-29988): ``CHECK_EVAL_BREAKER()`` only after calls (CALL_FUNCTION, CALL_METHOD...,
  so also as a called function returns into its caller) and at JUMP_ABSOLUTE, the jump back
  to the top of a loop.
- 3.11 and later (Python/ceval.c, then Python/bytecodes.c): at RESUME (a function starts),
  after calls (CALL, CALL_FUNCTION_EX, CALL_KW; in 3.11 also PRECALL, whose specialised
  forms make the call themselves) and at backward jumps (JUMP_BACKWARD,
  POP_JUMP_BACKWARD_IF_*). A return is not a check there, but a switch is seen there now and
  then (tearing down the frame can run other code), so it counts as a switch point too.
- a free-threaded build with the GIL off has no hand-over at all: threads run at the same
  time, so any interleaving can happen.

A call into Python code (a method such as ``ledger.note``) is one step of the lesson's code;
the callee starts with its own check, so a switch "inside" a call is the same as one just
after it, as far as the lesson's variables can tell.
"""
import sys

from workloads._trace import stepper_reasons

_V = sys.version_info[:2]

# 3.9 handlers that end with FAST_DISPATCH(): the next instruction is not preceded by a check
_FAST_39 = {"NOP", "LOAD_FAST", "LOAD_CONST", "STORE_FAST", "POP_TOP", "ROT_TWO",
            "ROT_THREE", "ROT_FOUR", "DUP_TOP", "DUP_TOP_TWO", "JUMP_FORWARD",
            "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "JUMP_IF_FALSE_OR_POP",
            "JUMP_IF_TRUE_OR_POP"}
_SKIP_BEFORE_39 = {"SETUP_FINALLY", "SETUP_WITH", "BEFORE_ASYNC_WITH", "YIELD_FROM"}
_CALLS = {"PRECALL", "CALL", "CALL_KW", "CALL_FUNCTION", "CALL_FUNCTION_KW", "CALL_FUNCTION_EX",
          "CALL_METHOD"}


def gil_enabled():
    """False on a free-threaded build running without its GIL."""
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def version():
    """The running interpreter's version, e.g. "3.11"."""
    return f"{_V[0]}.{_V[1]}"


def interpreter():
    """The running interpreter in words, e.g. "CPython 3.11" or "CPython 3.13 (GIL off)"."""
    return stepper_reasons.interpreter(version(), gil_enabled())


def _checks_after(op):
    """Whether executing `op` (3.10 and later) contains a check, so a switch can follow it."""
    if op.opname in _CALLS or op.opname.startswith(("JUMP_BACKWARD", "POP_JUMP_BACKWARD")):
        return op.opname != "JUMP_BACKWARD_NO_INTERRUPT"
    if op.opname in ("JUMP_ABSOLUTE", "RETURN_VALUE", "RETURN_CONST"):
        return True                     # 3.10's loop jump; a return into the caller's call
    return op.opname == "RESUME" and (op.arg or 0) < 2      # a start, not a resumed yield


def _why(code, op):
    return {"code": code, "op": op.opname, "python": version(), "gil": gil_enabled()}


def reason(done, following):
    """None if the running interpreter can switch threads between instruction `done` (just
    executed by a thread; None at its start) and `following` (its next), else why not, as
    data (`stepper_reasons`). Both are `dis.Instruction`s."""
    if done is None or not gil_enabled():
        return None
    if _V <= (3, 9):
        if done.opname in _CALLS:
            return None                 # the callee, or the call's DISPATCH(), checks
        if following is not None and following.opname in _SKIP_BEFORE_39:
            return _why("never_before", following)
        if done.opname in _FAST_39:
            return _why("no_check_after", done)
        return None
    return None if _checks_after(done) else _why("only_at", done)


def why_not(done, following):
    """`reason` in English words (None: a switch can happen there)."""
    return stepper_reasons.switch_words(reason(done, following))


def describe():
    """The switch points of the running interpreter, as data (`stepper_reasons`)."""
    code = "anywhere" if not gil_enabled() else "most" if _V <= (3, 9) else "few"
    return {"code": code, "python": version(), "gil": gil_enabled()}
