"""A user's script on screen instead of a lesson (`gui/open_script.py` runs it): a strip
above the timeline naming the script and its folder, the window's title, the text tab saying
what the lab can and cannot show of any script, its source, and a status line and banner
that name its file. Choosing a lesson or opening a trace takes all of it away again."""
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel

from gui import presentation, trace_command
from gui.i18n import translate
from gui.lessons.threads.deadlock import describe as describe_cycle
from gui.open_script_text import about_markdown, summary
from gui.run.exit_reason import describe as describe_exit

STRIP_PT = 14               # the script's strip at 100 %: zoom and presentation make it larger


def strip_style():
    return ("QLabel#scriptStrip { font-size: %.1fpt; font-weight: bold; color: #FFFFFF; "
            "background: #3D4A5C; padding: 6px 12px; }" % presentation.point(STRIP_PT))


class ScriptScreen(QObject):
    """Shows `window.script` (a `ShownScript`) and takes it away when a lesson comes back."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.strip = None
        self._after_connected = False
        window.installEventFilter(self)
        window.outcome.cleared.connect(self._cleared)
        window.lessons.itemPressed.connect(self._lesson_pressed)
        window.plots_ready.connect(self._add_strip)
        if window.timeline is not None:
            self._add_strip()

    @property
    def shown(self):
        return self.window.script

    def show(self, shown):
        """The script instead of a lesson: strip, title, text and source; no lesson tab."""
        window = self.window
        self._connect_after()
        window.script = shown
        window._set_panel(trace_command.SCRIPT.id)      # a plain unit: no lesson's tab
        window.tabs.setCurrentWidget(window.text)
        window.code.show_files([shown.path])
        window.params.setVisible(False)                 # the lesson's parameters do not apply
        window.lessons.clearSelection()
        self.say()

    def say(self):
        """Strip, window title, text tab and status for the script, in the current language."""
        window, shown = self.window, self.shown
        if shown is None:
            return
        window.setWindowTitle(translate("OpenScript", "{app} — {file}").format(
            app=translate("MainWindow", "Concurrency Lab"), file=shown.name))
        window.text.setMarkdown(about_markdown(shown.name, shown.folder))
        window.tabs.setTabText(window.tabs.indexOf(window.text),
                               translate("OpenScript", "About this script"))
        if self.strip is not None:
            self.strip.setText(translate("OpenScript", "YOUR SCRIPT: {file} in {folder}").format(
                file=shown.name, folder=shown.folder))
            self.strip.setToolTip(translate("OpenScript", "Traced from outside, with no "
                                            "tracing code in it; Run runs it again."))
            self.strip.setVisible(True)
        self.say_status()
        if shown.gil is not None and not window.runner.busy:
            self.say_summary(shown)

    def say_status(self, *_):
        """The status line names the script's file, not the runner's "script"."""
        window, shown = self.window, self.shown
        if shown is None or shown.session is None or window.runner.session is not shown.session:
            return
        session, run = shown.session, shown.session.run
        if run is None:
            return
        if window.runner.busy and not window.runner.stopping:
            window.say(translate("OpenScript", "Running {file} under Python {version} "
                                 "(PID {pid})").format(file=shown.name,
                                                       version=session.python_version,
                                                       pid=run.pid))
        elif not window.runner.busy and run.returncode and not run.stopped_by:
            window.say(translate("OpenScript", "{file} failed: {how}. The Console shows why.")
                       .format(file=shown.name, how=describe_exit(run.returncode)))
        elif not window.runner.busy:
            text = window._ended(session)
            window.say(shown.name + text[text.index(":"):] if ":" in text else text)

    def say_summary(self, shown):
        """The banner: how the run ended (a Stop's note, a deadlock) and what the trace
        found, from its figures."""
        outcome = self.window.outcome
        current = outcome.current()
        note = current.text if current is not None and current.session is shown.session else ""
        if shown.deadlock is not None:      # it was stopped because of this: that says it
            note = describe_cycle(shown.deadlock).rstrip(".。") + "."
        outcome.say(" ".join(t for t in (note, summary(shown.name, shown.found, shown.gil))
                             if t))

    def say_deadlock(self, shown):
        """A deadlocked script never ends: the cycle on the banner and in the console."""
        text = describe_cycle(shown.deadlock)
        self.window.outcome.say(text)
        self.window.console.write("status", f"\n{text}\n")
        self.window.say(translate("OpenScript", "{file} is deadlocked: press Stop.")
                        .format(file=shown.name))

    def leave(self):
        """A lesson (or a trace file) is shown again: nothing of the script is left."""
        window = self.window
        if window.script is None:
            return
        window.script = None
        window.params.setVisible(True)
        window.setWindowTitle(translate("MainWindow", "Concurrency Lab"))
        window.tabs.setTabText(window.tabs.indexOf(window.text),
                               translate("MainWindow", "About this lesson"))
        if self.strip is not None:
            self.strip.setVisible(False)
        item = window.lessons.currentItem()
        if item is not None:
            item.setSelected(True)

    # -- following the window ---------------------------------------------------------
    def _connect_after(self):
        """Slots that run after the window's own (connected later): the status names the
        script's file."""
        if self._after_connected:
            return
        self._after_connected = True
        self.window.runner.started.connect(self.say_status)
        self.window.runner.finished.connect(self.say_status)

    def _cleared(self):
        """The banner was cleared: by a lesson or a trace replacing the script (not by the
        start of its own run, which keeps it)."""
        if self.shown is not None and not self.window.runner.busy:
            self.leave()

    def _lesson_pressed(self, item, _column=0):
        """The lesson that was current before the script, chosen again: show it."""
        if self.shown is not None and item is self.window.lessons.currentItem():
            lesson_id = item.data(0, Qt.UserRole)
            if lesson_id:
                self.window.show_lesson(lesson_id)

    def eventFilter(self, watched, event):
        if watched is self.window and event.type() == QEvent.Type.LanguageChange \
                and self.shown is not None:
            QTimer.singleShot(0, self.say)      # after the window set its own texts
        return False

    def _add_strip(self):
        """A strip above the timeline naming the script, in its own colour."""
        if self.strip is not None:
            return
        box = self.window.result.parentWidget()
        layout = box.layout() if box is not None else None
        if layout is None:
            return
        self.strip = QLabel(box)
        self.strip.setObjectName("scriptStrip")
        self.strip.setStyleSheet(strip_style())
        self.strip.setWordWrap(True)
        self.strip.setVisible(False)
        presentation.changes().changed.connect(self._restyle_strip)
        layout.insertWidget(0, self.strip)
        self.say()

    def _restyle_strip(self, *_look):
        if self.strip is not None:
            self.strip.setStyleSheet(strip_style())
