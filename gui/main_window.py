"""The main window: lessons and parameters on the left, the timeline on top, then the lesson's
text, source and console beside the CPU cores. It composes views and the `LessonRunner`; the
views draw models and the runner owns the processes.
"""
import time

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from gui import (about, compare, exports, i18n, open_script, predict, presentation, replay,
                 settings)
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lesson_runner import LessonRunner
from gui.outcome import Outcome
from gui.run.exit_reason import describe as describe_exit
from gui import scheduler_mode
from gui import your_version
from gui.tasks import spawn
from gui.window_layout import WindowLayout
from gui.window_lesson import WindowLesson
from gui.window_menus import WindowMenus
from workloads import catalog


class MainWindow(WindowLayout, WindowLesson, WindowMenus, QMainWindow):
    plots_ready = Signal()
    language_changed = Signal(str)
    presentation_changed = Signal(bool)     # gui/presentation.py turns the mode on and off

    def __init__(self, deferred_plots=False):
        """With `deferred_plots` the window shows at once and builds the timeline and core
        graphs (pyqtgraph takes ~0.3 s to import) right after it is on screen."""
        super().__init__()
        self.runner = LessonRunner(self)
        self.presentation_on = False
        self._closing = False
        self.timeline = self.cores = self.panel = None
        self.run_gates = []         # callables(lesson_id, values) -> True: "I start it later"
        self._action_texts = []     # (action, source text) to translate again on a switch
        self._build()
        self.outcome = Outcome(self.result, self)     # the one writer of the result banner
        self._actions()
        for feature in (exports, replay, open_script, presentation, predict, compare, about,
                        scheduler_mode, your_version):
            feature.install(self)
        self.runner.output.connect(self.console.write)
        self.runner.started.connect(self._started)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        self._clock = QTimer(self)
        self._clock.setInterval(100)
        self._clock.timeout.connect(self._tick)
        self._panel_timer = QTimer(self)
        self._panel_timer.setInterval(200)
        self._panel_timer.timeout.connect(self._refresh_panel)
        self.retranslate()
        self.set_language(settings.value("language") or i18n.system_language(), remember=False)
        self.lessons.select(catalog.LESSONS[0].id)
        self._deferred = deferred_plots
        if deferred_plots:
            self.run_button.setEnabled(False)
        else:
            self._build_plots()

    def retranslate(self):
        """Every text of the window in the current language (Qt sends LanguageChange)."""
        self.setWindowTitle(translate("MainWindow", "Concurrency Lab"))
        self._lessons_title.setText(translate("MainWindow", "Lessons"))
        self._params_box.setTitle(translate("MainWindow", "Parameters"))
        self._python_label.setText(translate("MainWindow", "Python"))
        self.run_button.setText(translate("MainWindow", "▶  Run"))
        self.stop_button.setText(translate("MainWindow", "■  Stop"))
        self.run_button.setToolTip(translate("MainWindow", "Run the lesson (Space)"))
        self.stop_button.setToolTip(translate("MainWindow", "Stop the lesson (Space)"))
        if not self.status.text() or self.status.property("idle"):
            self.status.setText(translate("MainWindow", "Choose a lesson and press Run."))
            self.status.setProperty("idle", True)
        for widget, text in ((self.text, QT_TRANSLATE_NOOP("MainWindow", "About this lesson")),
                             (self.code, QT_TRANSLATE_NOOP("MainWindow", "Source code")),
                             (self.console, QT_TRANSLATE_NOOP("MainWindow", "Console"))):
            self.tabs.setTabText(self.tabs.indexOf(widget), translate("MainWindow", text))
        if self.panel is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.panel), self.panel.tab_title())
        self.retranslate_menus()
        lesson_id = self.lessons.current_lesson()
        if lesson_id:
            self._show_text(lesson_id)
        shown = self.outcome.current()
        if shown is not None and not self.runner.busy:
            self.outcome.retranslate()
            if shown.live:
                self.say(self._ended(shown.session))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.fit_tabs)     # tab titles changed their width
        super().changeEvent(event)

    # -- lessons ----------------------------------------------------------------------
    def run_or_stop(self):
        """Space: Stop while a run starts or runs (once), Run otherwise."""
        if self.runner.busy:
            self.stop_lesson()
        else:
            self.run_lesson()

    def run_lesson(self):
        lesson_id = self.lessons.current_lesson()
        if not lesson_id or self.timeline is None or self.runner.busy:
            return
        try:
            values = self.params.values()
        except (ValueError, KeyError) as exc:
            self._failed(str(exc))
            return
        for gate in self.run_gates:         # e.g. a question for the class comes first
            if gate(lesson_id, values):
                return
        self.start_run(lesson_id, values)

    def start_run(self, lesson_id, values):
        if self.runner.busy:                # a second press while it starts: nothing more
            return
        self.console.clear()
        self.console.write("status", f"$ concurrency-lab run {lesson_id} "
                           + " ".join(f"--set {k}={v}" for k, v in values.items()) + "\n")
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)   # Stop while it starts stops what was started
        self.say(translate("MainWindow", "Starting {lesson}…").format(lesson=lesson_id))
        self.runner.run(self.lesson_to_run(lesson_id), values, self.interpreter.python())

    def stop_lesson(self):
        """Stop the run, also one still starting; stopping never waits on the GUI thread."""
        if self.runner.busy and not self.runner.stopping:
            self.say(translate("MainWindow", "Stopping…"))
            self.stop_button.setEnabled(False)
            spawn(self.runner.stop(), "stopping the lesson")

    def set_editing(self, enabled):
        """Whether the parameters and the Python that runs the lesson can be changed."""
        self.params.set_enabled(enabled)
        self.interpreter.setEnabled(enabled)

    def say(self, text):
        """The status line under the buttons: what the window is doing or just did."""
        self.status.setProperty("idle", False)
        self.status.setText(text)

    def _started(self, session):
        self.outcome.clear()
        self.timeline.set_model(session.model)
        self.timeline.set_live(True)
        self.set_editing(False)
        if not self.runner.stopping:        # else Stop came while it started: it is ending
            self.stop_button.setEnabled(True)
            self.say(translate("MainWindow", "Running {lesson} under Python {version} "
                                                     "(PID {pid})").format(
                lesson=session.lesson.id, version=session.python_version,
                pid=session.run.pid))
        self._started_at = time.monotonic()
        self._clock.start()
        if self.panel is not None:
            self.panel.start(session)
            self._panel_timer.start()

    def _finished(self, session):
        self._clock.stop()
        self._tick()
        self.timeline.set_live(False)
        self.timeline.fit()
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.set_editing(True)
        if self.panel is not None:
            self._panel_timer.stop()
            self.panel.refresh()
        shown = self.outcome.show(session, self.panel, live=True)
        message = self._ended(session)
        self.say(message)
        if shown.sentence:
            self.console.write("status", shown.sentence + "\n")
        self.console.write("status", f"\n{message}\n")
        if session.run.returncode and not session.run.stopped_by:
            self.tabs.setCurrentWidget(self.console)

    @staticmethod
    def _ended(session):
        """How a live run ended and whether anything was left behind, in words."""
        run = session.run
        left = translate("MainWindow", "no process left behind") if not run.leftovers else \
            translate("MainWindow", "still running: {pids}").format(pids=run.leftovers)
        return f"{session.lesson.id}: {describe_exit(run.returncode, run.stopped_by)}; {left}."

    def _failed(self, reason):
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.interpreter.setEnabled(True)
        self.say(reason)
        self.console.write("stderr", reason + "\n")

    def _cancelled(self):
        """Stopped before anything started: back to where it was."""
        self.run_button.setEnabled(self.timeline is not None)
        self.stop_button.setEnabled(False)
        self.interpreter.setEnabled(True)
        self.status.setText(translate("MainWindow", "Choose a lesson and press Run."))
        self.status.setProperty("idle", True)

    def _tick(self):
        if self.runner.session is not None and hasattr(self, "_started_at"):
            self.clock.setText(f"{time.monotonic() - self._started_at:0.1f} s")

    def shown_session(self):
        """The run the window shows: a replayed trace, or the last live run (or None)."""
        return getattr(self, "replay", None) or self.runner.session

    def picture_title(self):
        """Lesson, parameters and interpreter: what an exported picture must say."""
        if getattr(self, "replay", None) is not None:
            return self.replay.picture_title()
        session = self.runner.session
        if session is None:
            return None
        params = ", ".join(f"{k}={v}" for k, v in session.values.items())
        parts = [session.lesson.id, params, f"Python {session.python_version}"]
        return " · ".join(part for part in parts if part)

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event):
        if self._closing or not self.runner.busy:
            if self.cores is not None:
                self.cores.stop()
            event.accept()
            return
        event.ignore()                  # stop the lesson's tree first, then close
        self._closing = True
        self.say(translate("MainWindow", "Stopping the lesson before closing…"))
        spawn(self._stop_then_close(), "stopping the lesson before closing")

    async def _stop_then_close(self):
        await self.runner.stop()
        self.close()
