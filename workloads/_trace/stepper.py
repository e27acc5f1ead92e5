"""Be the scheduler: a lesson's real threads, each stopped before its next step.

``python -m workloads._trace.stepper LESSON VALUES_JSON UNIT RULES`` imports the lesson's
module, starts the threads its main block would start, and stops each one before its next
instruction or its next line of the lesson's file (``sys.settrace`` with ``f_trace_opcodes``;
from 3.12 on ``sys.monitoring`` INSTRUCTION and LINE events on the file's code objects).
A controller (`gui/stepping.py`) sends one JSON line per request on stdin and reads one JSON
line per answer on stdout:

    {"op": "step", "thread": 2}   -> {"step": {...}, "state": {...}}  or  {"refused": why, ...}
    (why: a code and its values, `stepper_reasons`, worded by the reader in its language)
    {"op": "state"}               -> {"state": {...}}
    {"op": "listing"}             -> {"listing": [...]}   (`dis` of the file, switch points)

"Refused" comes from the rules: "any" refuses only what cannot happen (a thread that waits
for a held lock, or has finished); "cpython" also refuses to switch away from a thread that
stands where this interpreter cannot hand over the GIL (`stepper_switch`).

Only the thread the controller names runs, for one step; the others wait at their gate, so
the same moves always give the same result. Code outside the lesson's file (a call such as
``ledger.note(...)``, ``time.sleep``, a lock's acquire) runs inside the step that calls it.
The lesson's own prints are kept with the step that printed them. End of stdin ends the
process at once (its threads are stopped where they are).
"""
import dis
import json
import linecache
import os
import sys
import threading
import time

from workloads._trace import stepper_lessons, stepper_switch
from workloads._trace.stepper_state import StepThread, listing, op_of, snapshot

STEP_TIMEOUT_S = 30.0           # a step that takes longer is reported as stuck
_MONITORING = getattr(sys, "monitoring", None)


def _codes(values, file):
    """Every code object of `file` reachable from a module's functions (nested ones too)."""
    found, todo = [], [getattr(v, "__code__", None) for v in values]
    while todo:
        code = todo.pop()
        if code is None or code in found or os.path.realpath(code.co_filename) != file:
            continue
        found.append(code)
        todo.extend(c for c in code.co_consts if hasattr(c, "co_code"))
    return found


def _runs(targets, module, file):
    """The names of the functions of `file` the threads run: their targets and every function
    of the module they call by name, and so on (what the lesson's threads can execute)."""
    found, todo = [], list(targets)
    while todo:
        function = todo.pop()
        code = getattr(function, "__code__", None)
        if code is None or function.__name__ in found or \
                os.path.realpath(code.co_filename) != file:
            continue
        found.append(function.__name__)
        todo.extend(vars(module).get(op.argval) for op in dis.get_instructions(code)
                    if op.opname in ("LOAD_GLOBAL", "LOAD_NAME"))
    return sorted(found)


class Stepper:
    """The lesson's threads and the gate each one waits at."""

    def __init__(self, lesson_id, values, unit, rules):
        self.unit, self.rules = unit, rules
        self.cond = threading.Condition(stepper_lessons._real_lock())
        self.threads = []
        self.last = None                # the thread that took the last step
        self.moves = 0
        self.module, jobs, self.shared = stepper_lessons.load(lesson_id, values, self)
        self.file = os.path.realpath(self.module.__file__)
        self.locks = [v for v in vars(self.module).values()
                      if isinstance(v, stepper_lessons.SteppedLock)]
        self.writes = []                # every write of the shared variable
        self.start_value = getattr(self.module, self.shared, None) if self.shared else None
        self._by_ident = {}
        self.runs = _runs([function for _, function, _ in jobs], self.module, self.file)
        self._watch()
        for no, (name, function, args) in enumerate(jobs, 1):
            self.threads.append(StepThread(no, name))
            thread = threading.Thread(target=self._body, args=(self.threads[-1], function, args),
                                      name=name, daemon=True)
            thread.start()
        self._settle()

    # --- the lesson thread's side -----------------------------------------------------
    def _body(self, t, function, args):
        self._by_ident[threading.get_ident()] = t
        if _MONITORING is None:
            sys.settrace(self._call)
        try:
            function(*args)
            with self.cond:
                t.end("done")
        except BaseException as exc:        # the lesson's own error: shown, not hidden
            self.note(f"stopped with {type(exc).__name__}: {exc}")
            with self.cond:
                t.end("failed", f"{type(exc).__name__}: {exc}")
        finally:
            sys.settrace(None)
            with self.cond:
                self.cond.notify_all()

    def _watch(self):
        """From 3.12 on, instruction events come from sys.monitoring, per code object of the
        lesson's file (sys.settrace's opcode events start late there)."""
        if _MONITORING is None:
            return
        m = _MONITORING
        m.use_tool_id(m.DEBUGGER_ID, "concurrency-lab stepper")
        m.register_callback(m.DEBUGGER_ID, m.events.INSTRUCTION, self._instruction)
        m.register_callback(m.DEBUGGER_ID, m.events.LINE, self._line)
        for code in _codes(vars(self.module).values(), self.file):
            m.set_local_events(m.DEBUGGER_ID, code, m.events.INSTRUCTION | m.events.LINE)

    def _instruction(self, code, offset):
        t = self._by_ident.get(threading.get_ident())
        if t is not None:
            self._on_op(t, sys._getframe(1), op_of(code, offset))

    def _line(self, code, line):
        t = self._by_ident.get(threading.get_ident())
        if t is not None:
            t.new_line = True

    def _call(self, frame, event, arg):
        if os.path.realpath(frame.f_code.co_filename) != self.file:
            return None                     # not the lesson's code: runs inside a step
        frame.f_trace_opcodes = True
        return self._local

    def _local(self, frame, event, arg):
        t = self._by_ident[threading.get_ident()]
        if event == "line":
            t.new_line = True
        elif event == "opcode":
            self._on_op(t, frame, op_of(frame.f_code, frame.f_lasti))
        return self._local

    def _on_op(self, t, frame, op):
        reason = stepper_switch.reason(t.done_op, op)
        if self.unit == "instruction" or t.new_line:
            t.new_line = False
            # a line is one step: the interpreter could switch anywhere inside it
            t.switch_reason = None if t.switch_inside else reason
            self._pause(t, frame, op)
        elif reason is None:
            t.switch_inside = True
        self._run(t, frame, op)

    def _pause(self, t, frame, op):
        """Wait at the gate before `op`, until the controller lets this thread step."""
        self._finish_write(t)
        with self.cond:
            t.pause(frame, op, linecache.getline(frame.f_code.co_filename, frame.f_lineno))
            self.cond.notify_all()
            while t.permits == 0:
                self.cond.wait()
            t.permits -= 1
            t.begin(time.perf_counter_ns())

    def _run(self, t, frame, op):
        """`op` is about to run: note what it reads and writes."""
        self._finish_write(t)
        effect = t.shadow.run(frame, op)
        t.ran(op, effect)
        if self.shared and op.argval == self.shared:
            if op.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
                t.read = frame.f_globals[self.shared]
            elif op.opname in ("STORE_GLOBAL", "STORE_NAME"):
                t.writing = frame.f_globals[self.shared]    # what the write replaces

    def _finish_write(self, t):
        """The write `t` made last has happened: record it from the variable itself."""
        if t.writing is None:
            return
        wrote = getattr(self.module, self.shared)
        read = t.read if t.read is not None else t.writing
        self.writes.append({"thread": t.name, "read": read, "wrote": wrote,
                            "found": t.writing, "move": self.moves})
        t.record.setdefault("writes", []).append(self.writes[-1])
        t.writing = None

    def wait_for(self, lock):
        """Called by a `SteppedLock` in a lesson thread: it is held, so this thread waits
        until the student steps it again (and then tries once more)."""
        t = self._by_ident[threading.get_ident()]
        holder = lock.holder or "another thread"
        self.note(f"waits for {lock.name}, held by {holder}")
        with self.cond:
            t.block(lock)
            self.cond.notify_all()
            while t.permits == 0:
                self.cond.wait()
            t.permits -= 1
            t.begin(time.perf_counter_ns())

    def note(self, text):
        t = self._by_ident.get(threading.get_ident())
        if t is not None:
            t.record.setdefault("notes", []).append(text)

    def current_name(self):
        return threading.current_thread().name

    def output(self, text):
        t = self._by_ident.get(threading.get_ident())
        if t is None:
            sys.stderr.write(text)
        else:
            t.record["output"] = t.record.get("output", "") + text

    # --- the controller's side ----------------------------------------------------------
    def _settle(self):
        """Wait until no thread is in the middle of a step."""
        with self.cond:
            done = self.cond.wait_for(lambda: all(t.settled() for t in self.threads),
                                      STEP_TIMEOUT_S)
        if not done:
            busy = ", ".join(t.name for t in self.threads if not t.settled())
            raise TimeoutError(f"{busy} did not finish its step within {STEP_TIMEOUT_S:g} s")

    def why_not(self, no):
        """None if thread `no` may take the next step, else why not, as data
        (`stepper_reasons`: a code and the values its words need)."""
        if not 1 <= no <= len(self.threads):
            return {"code": "no_thread", "thread": no, "count": len(self.threads)}
        t = self.threads[no - 1]
        if t.state == "done":
            return {"code": "finished", "thread": t.name}
        if t.state == "failed":
            return {"code": "failed", "thread": t.name, "error": t.error}
        if t.state == "waiting" and t.waits_for.locked():
            return {"code": "waits", "thread": t.name, "lock": t.waits_for.name,
                    "holder": t.waits_for.holder}
        if self.rules == "cpython" and self.last not in (None, no):
            now = self.threads[self.last - 1]
            if now.state == "ready" and now.switch_reason:
                return {"code": "no_switch", "thread": now.name, "line": now.line,
                        "before": now.op.opname, "why": now.switch_reason}
        return None

    def step(self, no):
        reason = self.why_not(no)
        if reason:
            return {"refused": reason, "state": self.state()}
        t = self.threads[no - 1]
        with self.cond:
            self.moves += 1
            t.grant(self.moves)
            self.cond.notify_all()
        self._settle()
        if t.state in ("done", "failed"):
            self._finish_write(t)
        t.record["end_ns"] = time.perf_counter_ns()
        self.last = no
        return {"step": t.record, "state": self.state()}

    def state(self):
        with self.cond:
            return snapshot(self)


class _Output:
    """sys.stdout of the stepped lesson: what a thread prints belongs to its step."""

    def __init__(self, stepper):
        self.stepper = stepper

    def write(self, text):
        self.stepper.output(text)
        return len(text)

    def flush(self):
        pass


def _serve(stepper, answer):
    for line in sys.stdin:
        try:
            request = json.loads(line)
            if request.get("op") == "step":
                answer(stepper.step(int(request["thread"])))
            elif request.get("op") == "listing":
                answer({"listing": listing(_codes(vars(stepper.module).values(),
                                                  stepper.file))})
            else:
                answer({"state": stepper.state()})
        except TimeoutError as exc:
            answer({"error": str(exc)})
            break
        except (ValueError, KeyError, TypeError) as exc:
            answer({"error": f"bad request {line.strip()[:60]!r}: {exc}"})


def main(argv):
    lesson_id, values, unit, rules = argv[0], json.loads(argv[1]), argv[2], argv[3]
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)                       # anything printed below the Python level: stderr

    def answer(message):
        channel.write(json.dumps(message, default=repr) + "\n")
        channel.flush()

    try:
        stepper = Stepper(lesson_id, values, unit, rules)
    except Exception as exc:            # the lesson could not be set up: one line, then out
        answer({"error": f"{lesson_id} could not be started: {type(exc).__name__}: {exc}"})
        os._exit(2)
    sys.stdout = _Output(stepper)
    answer({"hello": {"python": sys.version.split()[0], "version": stepper_switch.version(),
                      "gil": stepper_switch.gil_enabled(),
                      "interpreter": stepper_switch.interpreter(),
                      "switch_points": stepper_switch.describe(),
                      "threads": [t.name for t in stepper.threads],
                      "runs": stepper.runs, "shared": stepper.shared,
                      "file": stepper.file},
            "state": stepper.state()})
    _serve(stepper, answer)
    channel.flush()
    os._exit(0)                         # the lesson's threads stay stopped: end them with us


if __name__ == "__main__":
    main(sys.argv[1:])
