"""The student's version of a lesson in the window: the "your version" marker on the Source
tab, and what the window says of a run of it.

The code pane (`gui/views/code_view.py`) edits and keeps the version, `gui/user_versions.py`
makes Run start it; this module follows the runs. A run of the student's version is named so
on the status line and in the console. When it fails, the failing line is highlighted in the
editor and named on the banner: a syntax error from the compile before the start (nothing
ran), an exception from its traceback (the one place the window reads printed text: an
exception's line has no record of its own). When it reports no figures (its
``probe.result(...)`` was taken out), the banner says so instead of a verdict.
"""
from PySide6.QtCore import QEvent, QObject, QTimer, Qt
from PySide6.QtWidgets import QLabel, QTabBar

from gui import user_versions
from gui.i18n import translate

STDERR_KEPT = 64 * 1024     # the end of a run's errors: where its traceback is


def install(window):
    window.your_version = YourVersionWatch(window)


class YourVersionWatch(QObject):
    """Follows the runs of `window` and marks its Source tab."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.script = None              # the file of the student's version that runs now
        self.stderr = ""
        self.tab_marker = QLabel()
        self.tab_marker.setObjectName("yourVersionTab")
        window.code.version_changed.connect(self.mark_tab)
        runner = window.runner
        runner.started.connect(self._started)
        runner.output.connect(self._output)
        # after the window's own slots have said how the run ended
        runner.finished.connect(self._finished, Qt.QueuedConnection)
        runner.failed.connect(self._failed, Qt.QueuedConnection)
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Close:
            self.window.code.keep_edit()        # what was typed last is kept on closing
        return False

    def mark_tab(self, *_):
        """"your version" beside the Source tab's title while the student's version runs."""
        window = self.window
        bar = window.tabs.tabBar()
        index = window.tabs.indexOf(window.code)
        yours = window.code.is_yours()
        self.tab_marker.setText("✎")         # a pencil: narrow enough for any tab bar
        self.tab_marker.setToolTip(translate("CodeEditor", "Your version"))
        if yours and bar.tabButton(index, QTabBar.RightSide) is not self.tab_marker:
            bar.setTabButton(index, QTabBar.RightSide, self.tab_marker)
        elif not yours and bar.tabButton(index, QTabBar.RightSide) is self.tab_marker:
            bar.setTabButton(index, QTabBar.RightSide, None)
            self.tab_marker.setParent(None)
        self.tab_marker.setVisible(yours)
        QTimer.singleShot(0, window, window.fit_tabs)   # the title's width changed

    def _started(self, session):
        lesson = session.lesson
        self.script = lesson.script if user_versions.is_yours(lesson) else None
        self.stderr = ""
        if self.script is None:
            return
        self.window.code.show_error(0, "")
        self.window.console.write("status", translate(
            "CodeEditor", "Your version: {file}").format(file=self.script) + "\n")
        QTimer.singleShot(0, self, lambda: self._say_running(session))

    def _say_running(self, session):
        window = self.window
        if window.runner.session is session and window.runner.running \
                and not window.runner.stopping:
            window.say(translate("CodeEditor", "Running your version of {lesson} under Python "
                                 "{version} (PID {pid})").format(
                lesson=session.lesson.id, version=session.python_version, pid=session.run.pid))

    def _output(self, stream, text):
        if self.script is not None and stream == "stderr":
            self.stderr = (self.stderr + text)[-STDERR_KEPT:]

    def _finished(self, session):
        if self.script is None or session.lesson.script != self.script:
            return
        run, window = session.run, self.window
        ended = window._ended(session)
        prefix = f"{session.lesson.id}: "
        window.say(translate("CodeEditor", "Your version of {lesson}: {how}").format(
            lesson=session.lesson.id, how=ended[len(prefix):] if ended.startswith(prefix)
            else ended))
        if run.returncode and not run.stopped_by:
            self._show_failure(session)
        elif run.returncode == 0 and not session.model.result:
            window.outcome.say(translate(
                "CodeEditor", "Your version reported no figures (it does not call "
                              "probe.result), so there is no result to judge: the timeline "
                              "shows what ran."))

    def _show_failure(self, session):
        found = user_versions.failed_line(self.stderr, self.script)
        if found is None:
            text = translate("CodeEditor", "Your version failed: {how}. The console shows "
                                           "its errors.").format(how=session.run.exit_reason)
            self.window.outcome.say(text)
            self.window.code.edit_bar.show_error(text)
            return
        line, error = found
        text = translate("CodeEditor", "Your version failed on line {line}: {error}").format(
            line=line, error=error or session.run.exit_reason)
        self.window.outcome.say(text)
        self.window.code.show_error(line, text)

    def _failed(self, reason):
        session = self.window.runner.session
        problem = getattr(session, "syntax_problem", None)
        if session is None or problem is None or not user_versions.is_yours(session.lesson):
            return
        text = translate("CodeEditor", "Your version has a syntax error on line {line}: "
                                       "{error}. Nothing was run.").format(
            line=problem.line, error=problem.message)
        self.window.console.write("stderr", problem.shown)
        self.window.outcome.say(text)
        self.window.code.show_error(problem.line, text)
