"""The values a stepped instruction works on, recomputed from the instructions themselves.

CPython's value stack cannot be read from Python. What can be read is a frame's locals, the
module's globals and the code's constants, so each stepped thread keeps a shadow of its stack:
loads of locals, globals and constants push what they load, ``+`` and ``-`` combine the top
two, stores pop. Any other instruction makes the shadow unknown until the next statement, and
an unknown value is shown as unknown, never guessed. Writes to the shared variable are
recorded after they happened, from the variable itself.
"""
import builtins

UNKNOWN = object()
_PLUS = {"BINARY_ADD": "+", "INPLACE_ADD": "+", "BINARY_SUBTRACT": "-",
         "INPLACE_SUBTRACT": "-"}
_SHOWN = (int, float, bool, str, type(None))


def _local(frame, name):
    return frame.f_locals.get(name, UNKNOWN)


def _loaded(frame, op):
    """What `op` pushes, as a list (bottom first), or None when it is not a plain load."""
    name = op.opname
    if name in ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR"):
        return [_local(frame, op.argval)]
    if name == "LOAD_FAST_LOAD_FAST":
        return [_local(frame, n) for n in op.argval]
    if name == "LOAD_CONST":
        return [op.argval]
    if name in ("LOAD_GLOBAL", "LOAD_NAME"):
        value = frame.f_globals.get(op.argval, getattr(builtins, op.argval, UNKNOWN))
        return [value] + ([UNKNOWN] if "NULL" in op.argrepr else [])
    return None


def _operator(op):
    if op.opname in _PLUS:
        return _PLUS[op.opname]
    if op.opname == "BINARY_OP" and op.argrepr.rstrip("=") in ("+", "-"):
        return op.argrepr.rstrip("=")
    return None


def show(value):
    """A value as a student reads it, or "?" when it is not known."""
    return repr(value) if isinstance(value, _SHOWN) and value is not UNKNOWN else "?"


class Shadow:
    """One thread's shadow of its value stack, kept up to date instruction by instruction."""

    def __init__(self):
        self.stack = []

    def top(self):
        return self.stack[-1] if self.stack else UNKNOWN

    def operands(self, frame, op):
        """Before `op` runs: what it will read or write, in words ("" when nothing to say)."""
        loaded = _loaded(frame, op)
        if loaded is not None and op.opname in ("LOAD_GLOBAL", "LOAD_NAME") \
                and show(loaded[0]) != "?":
            return f"will read {op.argval} = {show(loaded[0])}"
        sign = _operator(op)
        if sign and len(self.stack) >= 2:
            a, b = self.stack[-2:]
            return f"will compute {show(a)} {sign} {show(b)}"
        if op.opname.startswith("STORE_") and op.opname != "STORE_ATTR":
            return f"will write {op.argval} = {show(self.top())}"
        return ""

    def run(self, frame, op):
        """`op` is about to run in `frame`: update the shadow; returns the effect in words."""
        loaded = _loaded(frame, op)
        if loaded is not None:
            self.stack.extend(loaded)
            if op.opname in ("LOAD_GLOBAL", "LOAD_NAME") and show(loaded[0]) != "?":
                return f"read {op.argval} = {show(loaded[0])}"
            return ""
        sign = _operator(op)
        if sign and len(self.stack) >= 2:
            b, a = self.stack.pop(), self.stack.pop()
            known = all(isinstance(v, (int, float)) and v is not UNKNOWN for v in (a, b))
            result = (a + b if sign == "+" else a - b) if known else UNKNOWN
            self.stack.append(result)
            return f"{show(a)} {sign} {show(b)} = {show(result)}" if known else ""
        if op.opname in ("STORE_FAST", "STORE_GLOBAL", "STORE_NAME") and self.stack:
            value = self.stack.pop()
            return f"{op.argval} = {show(value)}" if op.opname == "STORE_FAST" else ""
        self.stack.clear()                      # not followed further: unknown from here on
        return ""
