"""The stepped threads' state, and the snapshot the controller gets after every step."""
import dis

from workloads._trace import stepper_switch, stepper_values

_ops = {}                           # code object -> {offset: dis.Instruction}


def op_of(code, offset):
    table = _ops.get(code)
    if table is None:
        table = _ops[code] = {op.offset: op for op in dis.get_instructions(code)}
    return table.get(offset)


def op_json(op):
    return None if op is None else {"offset": op.offset, "opname": op.opname,
                                    "argrepr": op.argrepr}


class StepThread:
    """One lesson thread: where it stopped, what its current step did, and its shadow stack.
    Changed under the stepper's condition."""

    def __init__(self, no, name):
        self.no, self.name = no, name
        self.state = "running"          # ready | running | waiting | done | failed
        self.permits = 0
        self.error = ""
        self.frame = self.op = self.done_op = None
        self.line, self.source, self.function = 0, "", ""
        self.waits_for = None
        self.new_line = True
        self.switch_reason = None       # why the interpreter cannot switch away from here (data)
        self.switch_inside = False      # this step passed a switch point
        self.shadow = stepper_values.Shadow()
        self.read = self.writing = None
        self.record = {}

    def settled(self):
        return self.permits == 0 and self.state != "running"

    def pause(self, frame, op, source):
        self.state, self.frame, self.op = "ready", frame, op
        self.line, self.source, self.function = frame.f_lineno, source.strip(), frame.f_code.co_name

    def grant(self, move):
        self.permits += 1
        self.record = {"move": move, "thread": self.no, "name": self.name, "ops": [],
                       "effects": []}

    def begin(self, now_ns):
        self.state = "running"
        self.switch_inside = False
        self.record.update(line=self.line, source=self.source, function=self.function,
                           start_ns=now_ns)

    def ran(self, op, effect):
        self.done_op = op
        self.record.setdefault("ops", []).append(op_json(op))
        if effect:
            self.record.setdefault("effects", []).append(effect)

    def block(self, lock):
        self.state, self.waits_for = "waiting", lock

    def end(self, state, error=""):
        self.state, self.error, self.frame, self.op = state, error, None, None


def _thread(stepper, t):
    operands = ""
    if t.state == "ready" and t.frame is not None:
        operands = t.shadow.operands(t.frame, t.op)
    waits = t.waits_for.name if t.state == "waiting" and t.waits_for.locked() else None
    return {"no": t.no, "name": t.name, "state": t.state, "line": t.line,
            "source": t.source, "function": t.function, "op": op_json(t.op),
            "operands": operands, "waits_for": waits, "error": t.error,
            "read": stepper_values.show(t.read) if t.read is not None else None,
            "allowed": stepper.why_not(t.no)}


def _shared(stepper):
    if not stepper.shared:
        return None
    expected = stepper.start_value + sum(w["wrote"] - w["read"] for w in stepper.writes)
    lost = [w for w in stepper.writes if w["found"] != w["read"]]
    return {"name": stepper.shared, "value": getattr(stepper.module, stepper.shared),
            "expected": expected, "lost": len(lost), "writes": len(stepper.writes)}


def deadlock(stepper):
    """The wait-for cycle in words when every thread left waits for a lock another one holds,
    else None."""
    alive = [t for t in stepper.threads if t.state not in ("done", "failed")]
    if not alive or any(t.state != "waiting" or not t.waits_for.locked() for t in alive):
        return None
    edges = "; ".join(f"{t.name} waits for {t.waits_for.name}, held by {t.waits_for.holder}"
                      for t in alive)
    who = "both threads" if len(alive) == 2 else f"all {len(alive)} threads"
    return f"{edges}: {who} wait forever"


def snapshot(stepper):
    """Everything the window shows after a step, as plain data."""
    return {"moves": stepper.moves, "last": stepper.last,
            "threads": [_thread(stepper, t) for t in stepper.threads],
            "shared": _shared(stepper),
            "locks": [{"name": lock.name, "holder": lock.holder if lock.locked() else None,
                       "used": lock.used} for lock in stepper.locks],
            "deadlock": deadlock(stepper)}


def listing(codes):
    """The `dis` listing of each function of the lesson's file, as this interpreter compiled
    it, with why it cannot switch threads after each instruction (None: it can), as data."""
    functions = []
    for code in codes:
        ops = list(dis.get_instructions(code))
        rows = []
        line = code.co_firstlineno
        for op, following in zip(ops, ops[1:] + [None]):
            line = _line(op) or line
            rows.append({**op_json(op), "line": line,
                         "switch_after": stepper_switch.reason(op, following)})
        functions.append({"function": code.co_name, "first_line": code.co_firstlineno,
                          "ops": rows})
    return functions


def _line(op):
    positions = getattr(op, "positions", None)          # 3.11+
    return positions.lineno if positions is not None else op.starts_line
