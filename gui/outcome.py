"""A finished run on screen, live or replayed from a trace file: one path shows it.

`Outcome` is the one writer of the result banner and the one place a finished run is turned
into what the window shows: the lesson's sentence (from its figures, by its unit), its tab's
last state, and the `shown` signal that the features (predict, compare, exports) read. A live
run's end (`MainWindow`) and an opened trace (`gui/replay.py`) both call `show()`.

A run stopped by the teacher keeps its banner too: when it was stopped and what Stop cut
short, counted from the trace model (the spans its end cut), never from the console.
"""
import re
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from gui.i18n import translate
from gui.lessons import Run, run_of, unit
from gui.trace.model import STATES

_WAITS = frozenset(STATES.index(s) for s in ("wait.lock", "wait.gil", "wait.io", "blocked"))
_TASK = STATES.index("task")
_HELPER_THREAD = re.compile(r"\(_\w+\)$")       # the stdlib's: "Thread-3 (_handle_tasks)"


@dataclass(frozen=True)
class Shown:
    """The finished run the window shows."""
    session: object             # a LessonSession, or a replay's stand-in
    run: Run                    # what units read: figures, parameters, model
    sentence: str               # the result sentence in the current language, or ""
    live: bool                  # a run of this window, not a trace file
    note: str = ""              # a stopped run: the banner's words, Stop included

    @property
    def text(self):
        """What the banner says of it: the lesson's sentence, and how Stop ended it."""
        return self.note or self.sentence


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
        what the tab asked to show), with what Stop cut short when it was stopped, and its
        figures on the lesson's `tab`. The banner was cleared when the run started (or the
        trace was opened). A replay's tab is fed the whole run first.
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
        self._current = Shown(session, run, sentence, live,
                              stop_note(session, run.model, sentence))
        shown = self._current
        self.say(" ".join(t for t in (shown.text, "" if shown.sentence else kept) if t))
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
        self._current = Shown(shown.session, shown.run, sentence, shown.live,
                              stop_note(shown.session, shown.run.model, sentence))
        if self._current.text:
            self.say(self._current.text)


def stop_note(session, model, sentence=""):
    """"Stopped by you after 2.3 s, cutting short 2 running tasks." for a run the teacher
    stopped, from the spans its end cut; with the lesson's own `sentence` (a deadlock's
    already says what was waiting), only when. "" for a run that was not stopped."""
    run = getattr(session, "run", None)
    if run is None or getattr(run, "stopped_by", None) != "you" or model is None:
        return ""
    seconds = f"{model.end_time:0.1f}"
    if sentence:
        return translate("Outcome", "{result} — stopped by you after {seconds} s.").format(
            result=sentence.rstrip(".。 "), seconds=seconds)
    tasks, waiting, running = cut_by_stop(model)
    parts = []
    if tasks:
        parts.append(translate("Outcome", "%n running task(s)", None, tasks))
    if running:
        parts.append(translate("Outcome", "%n running thread(s)", None, running))
    if waiting:
        parts.append(translate("Outcome", "%n waiting thread(s)", None, waiting))
    if not parts:
        return translate("Outcome", "Stopped by you after {seconds} s.").format(seconds=seconds)
    return translate("Outcome", "Stopped by you after {seconds} s, cutting short {what}.") \
        .format(seconds=seconds, what=translate("Outcome", ", ").join(parts))


def cut_by_stop(model):
    """(tasks, lanes waiting, lanes running) that Stop cut short: the spans the end of the
    stopped run cut, those still open, and the lesson's threads its end found alive. A lane
    that waited and held counts as waiting."""
    cut = [i for i in model.cut if model.cut_reason(i) == "stopped"]
    states = [int(s) for s in np.asarray(model.spans["state"])[cut]] if cut else []
    lanes = [int(x) for x in np.asarray(model.spans["lane"])[cut]] if cut else []
    for lane, state, _name in model.open_spans:
        lanes.append(int(lane))
        states.append(int(state))
    tasks = sum(1 for s in states if s == _TASK)
    waiting = {lane for lane, s in zip(lanes, states) if s in _WAITS}
    running = {lane for lane, s in zip(lanes, states) if s not in _WAITS and s != _TASK}
    running |= alive_at_stop(model)
    return tasks, len(waiting), len(running - waiting)


def alive_at_stop(model):
    """Ids of the lesson's own threads (not a main thread, not the standard library's
    helpers) that were still going when Stop ended their process."""
    root = model.root()
    if root is None or root.exit_code is None or root.exit_code >= 0:
        return set()
    alive = set()
    for process in model.processes.values():
        for lane in process.children:
            if lane.kind == "thread" and not (lane.virtual or lane.is_main) \
                    and not _HELPER_THREAD.search(lane.name or "") \
                    and lane.end is not None and lane.end == process.end:
                alive.add(lane.id)
    return alive
