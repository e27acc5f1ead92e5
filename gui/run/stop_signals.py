"""The signals that end `concurrency-lab run`: Ctrl+C (SIGINT), SIGTERM and SIGHUP.

A signal never breaks into what the command is doing (an import, a picture half drawn): it is
noted, and the command acts on it at the next step. A running lesson is stopped with its whole
tree; results not yet written are not written (a file is written whole or not at all). The
command then says what happened in one line and exits with 128 + the signal's number, as a
shell reports a program ended by that signal.
"""
import signal
import threading

NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


class Stopped(BaseException):
    """Raised at a step of the command after a signal came (not an Exception: nothing that
    catches errors may swallow it)."""


class StopSignals:
    """``with StopSignals() as signals: ...``; `signals.caught` is the first signal or None."""

    def __init__(self):
        self.caught = None
        self._wake = None
        self._previous = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for name in NAMES:
                number = getattr(signal, name, None)
                if number is not None:
                    self._previous[number] = signal.signal(number, self._note)
        return self

    def __exit__(self, *exc):
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()

    def _note(self, number, _frame):
        if self.caught is None:
            self.caught = number
        wake = self._wake
        if wake is not None:
            wake()

    def wake(self, loop, event):
        """Set the asyncio `event` (on `loop`) when a signal comes; None to stop."""
        if loop is None:
            self._wake = None
            return
        self._wake = lambda: loop.call_soon_threadsafe(event.set)
        if self.caught is not None:
            event.set()

    def check(self):
        """Raise `Stopped` if a signal came."""
        if self.caught is not None:
            raise Stopped(self.name)

    @property
    def name(self):
        return signal.Signals(self.caught).name if self.caught else None

    @property
    def exit_code(self):
        return 128 + int(self.caught)
