"""The controller of a stepped lesson: you are the scheduler (no Qt here).

`SteppedRun` starts `workloads/_trace/stepper.py` in a lesson process of its own, under the
chosen interpreter, and drives it one step at a time: `threads()`, `state()`, `allowed(no)`
(None, or why thread `no` cannot take the next step), `step(no)` and `events` (every step
taken, in order, for the timeline). The lesson process answers each request with one JSON
line; whatever it is doing, `stop()` ends its whole process group at once.
"""
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading

from gui.run.workload_run import ROOT
from workloads._trace import stepper_reasons

STEPPER = "workloads._trace.stepper"
ANSWER_S = 60.0                 # the stepper gives up on a step after 30 s; this is later
UNITS = ("instruction", "line")
RULES = ("cpython", "any")


class Refusal(str):
    """Why a move is refused: the English line (what the command line prints) that also
    carries `reason`, the stepper's code and values, for the window to word in its
    language."""

    def __new__(cls, reason):
        refusal = super().__new__(cls, stepper_reasons.english(reason))
        refusal.reason = reason
        return refusal


def refusal(reason):
    """A `Refusal` for the stepper's `reason`, or None when there is none."""
    return None if reason is None else Refusal(reason)


class SteppingError(Exception):
    """The stepped lesson could not start or stopped answering: the reason in one line."""


class SteppedRun:
    """One stepped run of a lesson; `should_stop()` is asked while waiting for an answer."""

    def __init__(self, lesson_id, values, unit="instruction", rules="cpython", python=None,
                 should_stop=lambda: False):
        if unit not in UNITS or rules not in RULES:
            raise ValueError(f"unit must be one of {UNITS}, rules one of {RULES}")
        self.lesson_id, self.values, self.unit, self.rules = lesson_id, values, unit, rules
        self.python = python or sys.executable
        self.should_stop = should_stop
        self.events = []                # every step taken: the timeline draws these
        self.hello = {}
        self._state = {}
        self._process = None
        self._lines = queue.Queue()
        self._errors = tempfile.TemporaryFile()

    def start(self):
        """Start the lesson process and wait until every thread stands before its first
        step."""
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [
            p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
        argv = [self.python, "-m", STEPPER, self.lesson_id, json.dumps(self.values),
                self.unit, self.rules]
        self._process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
            cwd=str(ROOT), env=env, start_new_session=True, text=True, encoding="utf-8")
        threading.Thread(target=self._read, name="stepper answers", daemon=True).start()
        answer = self._answer()
        self.hello = answer["hello"]
        self._state = answer["state"]
        return self

    @property
    def pid(self):
        """The lesson process's PID (None before `start`)."""
        return self._process.pid if self._process is not None else None

    def threads(self):
        """The lesson's threads' names; thread number k is threads()[k - 1]."""
        return list(self.hello.get("threads", []))

    def state(self):
        """The state after the last step: threads, the shared variable, locks, deadlock."""
        return self._state

    def allowed(self, no):
        """None if thread `no` may take the next step, else why not (a `Refusal`)."""
        threads = self._state.get("threads", [])
        if not 1 <= no <= len(threads):
            return Refusal({"code": "no_thread", "thread": no, "count": len(threads)})
        return refusal(threads[no - 1]["allowed"])

    def step(self, no):
        """Let thread `no` take one step. Returns (the step, None) or (None, the `Refusal`);
        the state is updated either way."""
        self._send({"op": "step", "thread": no})
        answer = self._answer()
        self._state = answer["state"]
        if "refused" in answer:
            return None, Refusal(answer["refused"])
        self.events.append(answer["step"])
        return answer["step"], None

    def listing(self):
        """Each function of the lesson's file as `dis` lists it under the lesson's interpreter:
        [{"function", "first_line", "ops": [{"offset", "opname", "argrepr", "line",
        "switch_after": None or why this interpreter cannot switch there, as data
        (`workloads._trace.stepper_reasons`)}]}]."""
        self._send({"op": "listing"})
        return self._answer()["listing"]

    def stop(self):
        """End the lesson process and everything it started, at once."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL) if hasattr(os, "killpg") else process.kill()
        except ProcessLookupError:
            pass
        process.wait()

    def close(self):
        self.stop()
        for stream in (self._process and self._process.stdin, self._process and
                       self._process.stdout, self._errors):
            try:
                stream and stream.close()
            except OSError:
                pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    def _send(self, request):
        if self._process is None or self._process.poll() is not None:
            raise SteppingError("the stepped lesson has ended (it was stopped or it failed)")
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except (OSError, ValueError):
            raise SteppingError(self._why_gone()) from None

    def _read(self):
        try:
            for line in self._process.stdout:
                self._lines.put(line)
        except (OSError, ValueError):       # closed by `close` while it read: the run is over
            pass
        self._lines.put(None)

    def _answer(self):
        """The next answer of the lesson process, or SteppingError."""
        waited = 0.0
        while True:
            if self.should_stop():
                raise SteppingError("stopped")
            try:
                line = self._lines.get(timeout=0.1)
                break
            except queue.Empty:
                waited += 0.1
                if waited > ANSWER_S:
                    raise SteppingError(f"the lesson did not answer within {ANSWER_S:g} s")
        if line is None:
            raise SteppingError(self._why_gone())
        answer = json.loads(line)
        if "error" in answer:
            raise SteppingError(answer["error"])
        return answer

    def _why_gone(self):
        self._process.wait()
        try:
            self._errors.seek(0)
            last = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        except ValueError:                  # closed: the run was closed already
            last = []
        return f"the lesson process ended ({self._process.returncode})" + (
            f": {last[-1]}" if last else "")
