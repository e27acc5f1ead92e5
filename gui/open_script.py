"""File › Open script…: any Python script, run in the window and traced with no line of
tracing code in it, as `concurrency-lab trace SCRIPT.py` runs it.

Open it from the menu (Ctrl+Shift+O) or drop the .py file on the window. It runs under the
Python chosen in the Python list, in the window's runner (Stop, the clock, the CPU graphs and
the console work as for a lesson), with the same session and the same outside sampler of
thread states as the command line: its thread states are drawn while it runs
(`LiveStates`), its GIL figures once it has ended. A strip above the timeline names the
script and its folder, the lesson text tab says what the lab can and cannot show of any
script, and the Source code tab shows it. Run runs it again; choosing a lesson leaves it.

Bad input (not a .py file, a folder, unreadable, a syntax error found by the chosen
interpreter, a missing interpreter) gets one line in the status and a message box, and
changes nothing on screen. `window.script` is the `ShownScript` while a script is shown.
"""
import asyncio
import bisect
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui import settings, trace_command
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.script_screen import ScriptScreen
from gui.tasks import spawn
from gui.trace.waitfor import find_deadlock
from workloads._trace import script_sampler, script_states

FOLDER_KEY = "script/folder"
CHUNK_S = 0.5                   # how often a running script's thread states are drawn
HOLD_BACK_NS = 250_000_000      # the newest looks wait: the trace's own spans may still come
LANELESS_NS = 5_000_000_000     # how long a sampled thread's spans wait for its lane
SLICE_THREADS = 400             # threads' looks read at a time between two turns of the loop


@dataclass(eq=False)
class ShownScript:
    """The script on screen and its run: the session once it has started, its thread
    states drawn while it runs, its GIL figures once it has ended."""
    path: Path
    python: str = None
    session: object = None
    gil: dict = None                        # its GIL figures, once the run has ended
    live: object = field(default=None, repr=False)      # `LiveStates`: its states, drawn
    found: dict = None                      # what its trace found (`trace_command.figures`)
    deadlock: object = None                 # the cycle of waits, once the watch found one
    sampling: asyncio.Future = field(default=None, repr=False)     # the sampler looks on
    ended: asyncio.Future = field(default=None, repr=False)        # the run has ended

    @property
    def name(self):
        return self.path.name

    @property
    def folder(self):
        return str(self.path.parent)


def install(window):
    """File › Open script… (Ctrl+Shift+O), drops of .py files, and `window.script`."""
    window.script = None
    opener = window.script_opener = ScriptOpener(window)
    window.open_script_action = window.add_action(
        None, QT_TRANSLATE_NOOP("Actions", "Open script…"), "Ctrl+Shift+O", opener.open_dialog)
    actions = window.file_menu.actions()
    trace = getattr(window, "open_trace_action", None)
    at = actions.index(trace) + 1 if trace in actions else 0
    window.file_menu.insertAction(actions[at] if at < len(actions) else None,
                                  window.open_script_action)
    return opener


def dropped_paths(mime):
    """Local Python scripts among dropped urls (a trace file goes to the replay)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith((".py", ".pyw"))]


class ScriptOpener(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.error_box = None
        self.checking = None                    # the path being checked before it runs
        self.running = None                     # the script run last (its sampler ends with it)
        self.screen = ScriptScreen(window)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.run_gates.insert(0, self.gate)   # Run runs the script again, before a question
        runner = window.runner
        runner.started.connect(self._run_started)
        runner.finished.connect(self._run_ended)    # before the window's own slot
        runner.failed.connect(self._start_failed)
        runner.cancelled.connect(self._run_ended)

    @property
    def shown(self):
        return self.window.script

    # -- opening ----------------------------------------------------------------------
    def open_dialog(self):
        folder = settings.value(FOLDER_KEY, "", str) or ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, translate("OpenScript", "Open a Python script"), folder,
            translate("OpenScript", "Python scripts (*.py *.pyw);;All files (*)"))
        if path:
            settings.set_value(FOLDER_KEY, str(Path(path).parent))
            self.open_soon(path)

    def open_soon(self, path):
        """Check and run the script at `path` (the menu's and a drop's way in); the task is
        done with True once it has started, False when it was refused."""
        return spawn(self.open(str(path)), "opening a script")

    async def open(self, path):
        """Check the script, then run it; False (and the reason shown) when it cannot run."""
        window = self.window
        python = window.interpreter.python()
        problem = self._refused() or trace_command.script_problem(path) \
            or interpreter_problem(python)
        if problem:
            return self._error(problem)
        self.checking = path
        window.say(translate("OpenScript", "Checking {file}…").format(file=Path(path).name))
        try:
            problem = await asyncio.to_thread(trace_command.syntax_problem, path, python)
        finally:
            self.checking = None
        problem = problem or self._refused()
        if problem:
            return self._error(problem)
        self._start(ShownScript(Path(os.path.abspath(path)), python))
        return True

    def _refused(self):
        """Why nothing can be opened now (a run goes on, or a script is being checked)."""
        if self.window.runner.busy:
            return translate("OpenScript", "Stop the running lesson before opening a script.")
        if self.checking is not None:
            return translate("OpenScript", "Still checking {file}…").format(
                file=Path(self.checking).name)
        if self.window.timeline is None:
            return translate("OpenScript", "The timeline is not ready yet.")
        return None

    def gate(self, _lesson_id, _values):
        """A run gate: while a script is shown, Run runs the script again."""
        if self.shown is None or self.window.runner.busy:
            return False
        self.open_soon(self.shown.path)
        return True

    # -- running ----------------------------------------------------------------------
    def _start(self, shown):
        window = self.window
        window.outcome.clear()                  # leaves a script shown before, a replay too
        if getattr(window, "replay", None) is not None:
            window.replayer.leave()
        window.timeline.set_model(None)
        window.clock.setText("0.0 s")
        window.console.clear()
        self.screen.show(shown)
        command = f"$ concurrency-lab trace {shown.path}"
        window.console.write("status", command + (f" --python {shown.python}\n"
                                                  if shown.python else "\n"))
        window.run_button.setEnabled(False)
        window.stop_button.setEnabled(True)
        window.say(translate("OpenScript", "Starting {file}…").format(file=shown.name))
        loop = asyncio.get_event_loop()
        shown.sampling, shown.ended = loop.create_future(), loop.create_future()
        self.running = shown
        spawn(self._sample(shown, script_sampler.Sampler()), f"sampling {shown.name}")

        def make_session(_lesson, _values, python, on_output=None, window=False):
            session = shown.session = trace_command.script_session(
                shown.path, (), python, on_output, folder=shown.folder, window=window)
            start = session.start

            async def start_once_sampled():     # its first threads are seen too
                await shown.sampling
                return await start()
            session.start = start_once_sampled
            return session

        window.runner.run(trace_command.SCRIPT, {}, shown.python, make_session=make_session)

    async def _sample(self, shown, sampler):
        """The sampler looks on while the script runs; its states are drawn as they come
        (`LiveStates`), the rest and the GIL figures once it ends."""
        live = shown.live = LiveStates(shown, sampler)

        async def while_it_runs():
            shown.sampling.set_result(None)
            while not shown.ended.done():
                await sampler.within(asyncio.shield(shown.ended), CHUNK_S)
                if not shown.ended.done():
                    await live.draw()
        try:
            await sampler.watching(while_it_runs())
        finally:
            if not shown.sampling.done():       # the sampler could not start: run unsampled
                shown.sampling.set_result(None)
        session = shown.session
        if session is None or session.run is None:
            return
        # what the trace itself found: the sampled states name no lock
        shown.found = trace_command.figures(session.model, session.run.returncode)
        shown.gil = await live.finish()
        timeline = self.window.timeline
        if self.shown is shown and timeline is not None and timeline.model is session.model:
            timeline.set_model(session.model)
            self.screen.say_summary(shown)

    def _run_started(self, session):
        shown = self.shown
        if shown is not None and session is shown.session:
            spawn(self._watch_deadlock(shown), f"watching {shown.name} for a deadlock")

    async def _watch_deadlock(self, shown):
        """A deadlocked script never ends: say so, as the deadlock lesson does, once its
        cycle of waits forms; Stop ends it."""
        session, seen = shown.session, None
        while session.run is not None and session.run.running and self.shown is shown:
            if session.model.revision != seen:
                seen = session.model.revision
                shown.deadlock = find_deadlock(session.model)
                if shown.deadlock is not None:
                    self.screen.say_deadlock(shown)
                    return
            await asyncio.sleep(0.2)

    def _run_ended(self, session=None):
        shown = self.running
        if shown is not None and shown.ended is not None and not shown.ended.done() \
                and (session is None or session is shown.session):
            shown.ended.set_result(None)

    def _start_failed(self, reason):
        shown = self.running
        if shown is not None and shown.ended is not None and not shown.ended.done():
            self._run_ended()
            self._message(reason)

    # -- bad input --------------------------------------------------------------------
    def _error(self, reason):
        """One line in the status and a message box; nothing else changes."""
        self.window.say(translate("OpenScript", "Could not open the script: {reason}")
                        .format(reason=reason))
        self._message(reason)
        return False

    def _message(self, reason):
        if self.error_box is not None:
            self.error_box.close()
        box = self.error_box = QMessageBox(QMessageBox.Icon.Warning,
                                           translate("OpenScript", "Cannot run the script"),
                                           reason, QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(translate(
            "OpenScript", "Open a Python script (.py) that runs with the Python chosen in the "
            "Python list, or drop one on the window."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "error_box", None))
        box.open()                              # window-modal, without blocking the loop

    # -- drag and drop ------------------------------------------------------
    def eventFilter(self, watched, event):
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self.window and kind == QEvent.Type.Drop:
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.open_soon(paths[0])
                return True
        return False


class LiveStates:
    """The sampled thread states of a running script, drawn on its timeline every `CHUNK_S`
    from the looks that came in, all but those of the last `HOLD_BACK_NS`: the trace sends a
    short wait when it ends, within about 0.1 s, and its own spans win over sampled ones. The
    looks are read a slice at a time, the window's loop running in between, so a chunk never
    holds up a frame for long. A stretch that goes on across two chunks is drawn as two
    adjacent spans. `finish` draws the rest once the script has ended and counts the GIL's
    hand-offs over the whole run, as `concurrency-lab trace` does."""

    def __init__(self, shown, sampler):
        self.shown, self.sampler = shown, sampler
        self.chunks = None                      # script_states.Chunks, once the run started
        self.read = 0                           # the sampler's lines drawn so far
        self.laneless = []                      # spans whose thread had no lane yet
        self.costs = []                         # (CPU seconds, longest slice) of each chunk

    async def draw(self, final=False):
        """Draw the stretches of the looks that came in since the last chunk: all of them
        once the run has ended (`final`), else those up to `HOLD_BACK_NS` before the last."""
        session = self.shown.session
        if session is None or session.run is None:
            return
        if self.chunks is None:
            self.chunks = script_states.Chunks(trace_command.has_gil(session))
        lines = self.sampler.lines
        end = len(lines)
        if not final and end > self.read:
            end = bisect.bisect_right(lines, _look_time(lines[-1]) - HOLD_BACK_NS,
                                      self.read, end, key=_look_time)
        spans, spent, longest = [], 0.0, 0.0
        while True:
            started = time.thread_time()
            fields = lines[self.read].count(";") if self.read < end else 1
            upto = min(end, self.read + max(1, SLICE_THREADS // max(1, fields)))
            spans += self.chunks.add(script_states.parse(lines[self.read:upto]))
            self.read = upto
            if upto == end:
                break
            spent, longest = _spent(started, spent, longest)
            await asyncio.sleep(0)              # the window's frames and events go on
        self.laneless = trace_command.draw_states(
            session.model, self.laneless + script_states.joined(spans), live=not final)
        if self.laneless and not final:         # a thread's lane comes within seconds
            oldest = _look_time(lines[end - 1]) - LANELESS_NS
            self.laneless = [span for span in self.laneless if span[3] > oldest]
        self.costs.append(_spent(started, spent, longest))

    async def finish(self):
        """The run has ended: draw the rest; the run's GIL figures, as `add_thread_states`
        gives them."""
        if not self.sampler.lines:
            return {"sampled": False}
        await self.draw(final=True)
        if self.chunks is None:
            return {"sampled": False}
        return trace_command.gil_figures(self.chunks.figures())


def _spent(started, spent, longest):
    """(seconds spent so far, the longest slice): a slice begun at `started` has ended."""
    took = time.thread_time() - started
    return spent + took, max(longest, took)


def _look_time(line):
    """The time stamp of a sampler's line (ns), 0 when it has none."""
    head, _, _ = line.partition(";")
    return int(head) if head.isdigit() else 0


def interpreter_problem(python):
    """Why the chosen interpreter cannot run anything, in one line, or None."""
    if python and not (os.path.isfile(python) and os.access(python, os.X_OK)):
        return translate("OpenScript", "Python {python} cannot be found any more; choose "
                         "another in the Python list.").format(python=python)
    return None
