"""A finished run on screen, live or replayed from a trace file: one path shows it.

`Outcome` is the one writer of the result banner and the one place a finished run is turned
into what the window shows: the lesson's sentence (from its figures, by its unit), its tab's
last state, and the `shown` signal that the features (predict, compare, exports) read. A live
run's end (`MainWindow`) and an opened trace (`gui/replay.py`) both call `show()`.
"""
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from gui.lessons import Run, run_of, unit


@dataclass(frozen=True)
class Shown:
    """The finished run the window shows."""
    session: object             # a LessonSession, or a replay's stand-in
    run: Run                    # what units read: figures, parameters, model
    sentence: str               # the result sentence in the current language, or ""
    live: bool                  # a run of this window, not a trace file


class Outcome(QObject):
    shown = Signal(object)      # a Shown, after the banner and the tab show it
    cleared = Signal()          # a new run starts, or another lesson is chosen

    def __init__(self, banner, parent=None):
        super().__init__(parent)
        self.banner = banner    # the QLabel above the timeline; nobody else writes it
        self._current = None

    # -- the banner -------------------------------------------------------------------
    def say(self, text):
        """Put `text` on the banner ("" hides it): a sentence, or what a tab wants seen."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def clear(self):
        self._current = None
        self.say("")
        self.cleared.emit()

    # -- a finished run ---------------------------------------------------------------
    def current(self):
        """The `Shown` run, or None while a run goes on or nothing has finished."""
        return self._current

    def show(self, session, tab=None, live=True):
        """Show a finished `session`: its sentence on the banner (when it ended well, or
        what the tab asked to show) and its figures on the lesson's `tab`. The banner was
        cleared when the run started (or the trace was opened). A replay's tab is fed the
        whole run first.
        Raises what the tab or unit raised on a trace they cannot read; the banner is then
        left empty and nothing is emitted."""
        run = run_of(session)
        self._current = None
        if not live and tab is not None:
            tab.start(session)
            tab.refresh()
        if tab is not None:
            tab.finish(run)
        kept = self.banner.text() if tab is not None else ""   # what the tab asked to show
        sentence = self.sentence(session, run)
        self._current = Shown(session, run, sentence, live)
        self.say(sentence or kept)
        self.shown.emit(self._current)
        return self._current

    @staticmethod
    def sentence(session, run):
        lesson = unit(run.lesson_id)
        ended_well = session.run is not None and session.run.returncode == 0
        return lesson.sentence(run) if ended_well or lesson.speaks_after_stop else ""

    def retranslate(self):
        """The sentence again in the current language (the figures do not change)."""
        shown = self._current
        if shown is None:
            return
        sentence = self.sentence(shown.session, shown.run)
        if sentence:
            self._current = Shown(shown.session, shown.run, sentence, shown.live)
            self.say(sentence)
