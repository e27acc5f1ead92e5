"""Lesson panels: a tab with what one lesson needs beyond the timeline (a table of values, a
zoomed view, a wait-for graph). A lesson's unit (`gui/lessons/`) names its tab; the window
creates it when the lesson is chosen, feeds it the running session, refreshes it a few times
a second and hands it the finished run's figures."""
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from gui.i18n import translate


class LessonPanel(QWidget):
    """Base of a lesson's panel. Views only: read `session.model` and the run's figures,
    never the console text, processes or bytes."""

    title = "Results"                  # the tab's title, in English (see tab_title)
    attention = Signal(str)            # "look here": the window shows the text large
    stop_requested = Signal()          # e.g. a deadlock was found: offer the Stop

    def tab_title(self):
        """The tab's title in the current language: titles are marked where they are set,
        ``title = QT_TRANSLATE_NOOP("LessonPanel", "Workers")``."""
        return translate("LessonPanel", self.title)

    def start(self, session):
        """A run of this lesson began; `session.model` fills while it runs."""
        self.session = session

    def refresh(self):
        """Called ~5 times a second while the run goes on, and once after it ends."""

    def finish(self, run):
        """The run ended: `run` is a `gui.lessons.Run` (its figures in `run.result`)."""


def mark_text(model, prefix):
    """What follows `prefix` in the first mark that starts with it ("Serving on ..."), or ''.
    Panels read what a lesson announced from its marks, not from the console."""
    if model is None:
        return ""
    for name in model.marks["name"].tolist():
        text = model.names[name]
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return ""
