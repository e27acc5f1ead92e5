"""Predict, then reveal: before a lesson runs, the class answers a question; when the run ends,
the card shows the right answer beside what the run measured.

Pressing Run (when "Ask the class first" is on and the lesson has a question for its
parameters) shows the question card under the timeline instead of starting; clicking a choice
(or pressing its number key) starts the run, Skip starts it without a prediction. The card
shrinks to one line while the lesson runs and opens again with the answer that the lesson's
unit (`gui/lessons/`) reads from this very run's figures and trace. A run that is stopped or fails reveals nothing,
except a deadlock: it never ends by itself, so it is revealed as soon as it forms.
On by default in presentation mode, off otherwise; the View menu toggle is remembered for
each of the two modes.

Another part of the window can ask on the same card before something that is not a normal
run (`ask_first`: the stepped race asks whether an update can be lost there) and reveal the
answer when it knows it (`tell`).
"""
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

from gui import presentation, settings
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import run_of, unit
from gui.views.question_card import QuestionCard, RunNote

KEYS = {True: "predict/ask_in_presentation", False: "predict/ask"}   # one setting per mode
STOPPED = QT_TRANSLATE_NOOP("Predict", "The run was stopped before the end: no answer.")
FAILED = QT_TRANSLATE_NOOP("Predict", "The run did not finish: no answer.")
NOT_STARTED = QT_TRANSLATE_NOOP("Predict", "The run could not start: no answer.")
SILENT = QT_TRANSLATE_NOOP("Predict", "The run did not report the result this question needs: "
                                      "no answer.")


def install(window):
    """Adds "Ask the class first" to the window: a run gate, a View menu toggle, the card."""
    window.predict = Predict(window)
    return window.predict


class Predict(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.card = QuestionCard(window)     # floats: not a pane of any splitter
        self.note = RunNote()
        self.card.chosen.connect(lambda index: self._start(index))
        self.card.skipped.connect(lambda: self._start(None))
        self.card.dismissed.connect(self.dismiss)
        self.live = QTimer(self)
        self.live.setInterval(250)
        self.live.timeout.connect(self._look_live)
        # the question asked (lesson, values), the class's choice, the run that answers it,
        # its output, and the outcome: (right index or None, words), or why there is none
        self._reset()
        self.action = window.add_action(window.view_menu, QT_TRANSLATE_NOOP(
            "Actions", "Ask the class first"), None, self.set_enabled)
        self.action.setCheckable(True)
        self.action.setChecked(self.enabled())
        self.keys = []
        for k in range(1, 10):
            key = QShortcut(QKeySequence(str(k)), window, context=Qt.WindowShortcut)
            key.activated.connect(lambda i=k - 1: self._key(i))
            key.setEnabled(False)
            self.keys.append(key)
        # Escape closes the card as × does, while it is shown (and takes no key otherwise)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window,
                                context=Qt.WindowShortcut)
        self.escape.activated.connect(self.dismiss)
        self.escape.setEnabled(False)
        self.card.installEventFilter(self)
        window.run_gates.append(self.gate)
        window.presentation_changed.connect(self._mode_changed)
        presentation.changes().changed.connect(self._look_changed)
        window.language_changed.connect(self._retranslate)
        window.lessons.lesson_chosen.connect(self._lesson_chosen)
        runner = window.runner
        runner.started.connect(self._started)
        window.outcome.shown.connect(self._finished)
        runner.failed.connect(self._failed)
        if window.timeline is not None:
            self._place()
        else:
            window.plots_ready.connect(self._place)

    def eventFilter(self, watched, event):
        if watched is self.card and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.escape.setEnabled(event.type() == QEvent.Type.Show)
        return False

    def _place(self):
        """The card floats over the panes under the timeline, so the run stays in view; the
        note sits above the result banner."""
        box = self.window.result.parentWidget()
        box.layout().insertWidget(box.layout().indexOf(self.window.result), self.note)
        self.card.follow(self.window.card_host())

    # -- the setting ----------------------------------------------------------------------
    def enabled(self):
        """On by default in presentation mode, off otherwise, unless the teacher chose."""
        on = bool(self.window.presentation_on)
        return settings.value(KEYS[on], on, bool)

    def set_enabled(self, enabled):
        """The View menu toggle: remembered for the mode the window is in now."""
        settings.set_value(KEYS[bool(self.window.presentation_on)], bool(enabled))
        self.action.setChecked(bool(enabled))

    def _mode_changed(self, _on):
        self.action.setChecked(self.enabled())
        self._render()                  # larger text in presentation mode

    # -- before the run -------------------------------------------------------------------
    def gate(self, lesson_id, values):
        """A run gate: True when the question is shown, and the run starts after a choice."""
        if not self.enabled() or self.window.runner.busy:
            return False
        if unit(lesson_id).question(values) is None:
            return False
        self._reset(lesson_id, values)
        self.card.state = "ask"
        self._render()
        self._editing(False)                     # the question is about these values
        for key in self.keys[:len(self.card.boxes)]:
            key.setEnabled(True)
        return True

    def question(self):
        if self.made is not None:
            return self.made()
        return unit(self.lesson_id).question(self.values)

    def ask_first(self, lesson_id, values, made, start):
        """Ask `made()` (a `Question`, made again after a language switch) on the card, then
        call `start(choice)` (None: skipped) instead of starting a run; `tell` reveals its
        answer. False (and nothing shown) when the class is not being asked."""
        if not self.enabled():
            return False
        self._reset(lesson_id, values)
        self.made, self.starter = made, start
        self.card.state = "ask"
        self._render()
        for key in self.keys[:len(self.card.boxes)]:
            key.setEnabled(True)
        return True

    def asking(self, made):
        """True while the card asks the question `made` makes (an `ask_first` one)."""
        return self.made is made and self.card.state == "ask"

    def tell(self, made):
        """Reveal the answer of the question `made` makes, if it is still the one asked and
        answered (its answer needs no run: ``answer(None)``)."""
        if self.made is not made or self.card.state == "ask" or self.closed or \
                self.outcome is not None:
            return False
        self.outcome = self.question().answer(None)
        self._render()
        return True

    def _reset(self, lesson_id=None, values=None):
        self.lesson_id, self.values = lesson_id, values
        self.made = self.starter = None          # an `ask_first` question and what it starts
        self.choice = self.session = self.outcome = None
        self.awaiting, self.closed = False, False
        self.live.stop()

    def _key(self, index):
        if self.card.state == "ask" and index < len(self.card.boxes):
            self._start(index)

    def _start(self, choice):
        if self.card.state != "ask":
            return
        self._leave_asking()
        self.choice, self.awaiting = choice, self.starter is None
        self.card.hide_card()
        self._render()
        if self.starter is not None:
            self.starter(choice)
        else:
            self.window.start_run(self.lesson_id, self.values)

    def _leave_asking(self):
        for key in self.keys:
            key.setEnabled(False)
        self._editing(True)

    def _editing(self, enabled):
        self.window.set_editing(enabled)

    def dismiss(self):
        """Close the card; a run still going keeps its question, but reveals nothing more."""
        if self.card.state == "ask":
            self._leave_asking()
        self.card.hide_card()
        self.closed = True
        if not (self.awaiting or self.session is not None and self.session.run.running):
            self._reset()

    def _lesson_chosen(self, lesson_id):
        if self.card.state in ("ask", "done") and lesson_id != self.lesson_id:
            self.dismiss()

    # -- the run ---------------------------------------------------------------------------
    def _started(self, session):
        if self.awaiting and session.lesson.id == self.lesson_id:
            self.awaiting, self.session = False, session
            if self.question().live:
                self.live.start()
        elif self.lesson_id is not None:        # a run without a question: the card is old
            self.dismiss()
            self._reset()
            self.note.hide()

    def _look_live(self):
        """A deadlock never ends: reveal it as soon as the run shows it."""
        session = self.session
        if session is None or self.outcome is not None:
            self.live.stop()
            return
        right, words = self.question().answer(run_of(session))
        if right is not None:
            self.live.stop()
            self.outcome = (right, words)
            self._render()

    def _finished(self, shown):
        session = shown.session
        if session is not self.session or self.outcome is not None:
            return
        self.live.stop()
        run = session.run
        if run.stopped_by:
            self.outcome = STOPPED
        elif run.returncode != 0:
            self.outcome = FAILED
        else:
            self.outcome = self.question().answer(shown.run)
            if self.outcome[0] is None and not self.outcome[1]:
                self.outcome = SILENT
        self._render()

    def _failed(self, reason):
        if self.awaiting:
            self.awaiting, self.outcome = False, NOT_STARTED
            self._render()

    def _look_changed(self, *_look):
        """Ctrl+plus or a theme: the card's texts take the new size at once."""
        if self.card.state != "hidden" or self.note.isVisible():
            self._render()

    def _render(self):
        """Show the current state again (after a language switch too)."""
        if self.lesson_id is None or self.closed:
            return
        question = self.question()
        self.card.scale = min(2.0, presentation.scale())
        if self.card.state == "ask":
            self.card.ask(question)
        elif self.outcome is None:
            self.note.say(question, self.choice, self.card.scale)
        elif isinstance(self.outcome, str):
            self.note.hide()
            self.card.nothing(question, self.choice, translate("Predict", self.outcome))
        else:
            self.note.hide()
            self.card.reveal(question, self.choice, *self.outcome)

    def _retranslate(self, _language):
        """The question, its choices and the measured result in the new language."""
        session = self.session
        if isinstance(self.outcome, tuple) and self.made is not None:
            self.outcome = self.question().answer(None)
        elif isinstance(self.outcome, tuple) and session is not None:
            again = self.question().answer(run_of(session))
            if again[0] == self.outcome[0]:     # a stopped deadlock no longer shows: keep it
                self.outcome = again
        self._render()
