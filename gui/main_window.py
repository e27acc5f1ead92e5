"""The main window: lessons and parameters on the left, the timeline on top, then the lesson's
text, source and console beside the CPU cores. It composes views and the `LessonRunner`; the
views draw models and the runner owns the processes.
"""
import asyncio
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMainWindow,
                               QMessageBox, QPushButton, QSplitter, QTabWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from gui.lesson_runner import LessonRunner
from gui.lesson_summary import summarize
from gui.views.lesson_panel import panel_class
from gui.trace import chrome_json
from gui.views.code_view import CodeView
from gui.views.console_view import ConsoleView
from gui.views.lesson_list import LessonList
from gui.views.param_form import ParamForm
from gui.run.workload_run import ROOT
from workloads import catalog

LESSON_TEXTS = ROOT / "assets" / "lessons"


class MainWindow(QMainWindow):
    plots_ready = Signal()

    def __init__(self, deferred_plots=False):
        """With `deferred_plots` the window shows at once and builds the timeline and core
        graphs (pyqtgraph takes ~0.3 s to import) right after it is on screen."""
        super().__init__()
        self.setWindowTitle("Concurrency Lab")
        self.runner = LessonRunner(self)
        self._closing = False
        self.timeline = self.cores = self.panel = None
        self._build()
        self._actions()
        self.runner.output.connect(self.console.write)
        self.runner.started.connect(self._started)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self._clock = QTimer(self)
        self._clock.setInterval(100)
        self._clock.timeout.connect(self._tick)
        self._panel_timer = QTimer(self)
        self._panel_timer.setInterval(200)
        self._panel_timer.timeout.connect(self._refresh_panel)
        self.lessons.select(catalog.LESSONS[0].id)
        self._deferred = deferred_plots
        if deferred_plots:
            self.run_button.setEnabled(False)
        else:
            self._build_plots()

    # -- layout -----------------------------------------------------------------------
    def _build(self):
        self.lessons = LessonList()
        self.lessons.lesson_chosen.connect(self.show_lesson)
        self.params = ParamForm()
        self.run_button = QPushButton("▶  Run")
        self.stop_button = QPushButton("■  Stop")
        self.run_button.setObjectName("runButton")
        self.stop_button.setObjectName("stopButton")
        self.run_button.clicked.connect(self.run_lesson)
        self.stop_button.clicked.connect(self.stop_lesson)
        self.stop_button.setEnabled(False)
        self.status = QLabel("Choose a lesson and press Run.")
        self.status.setWordWrap(True)
        self.status.setObjectName("runStatus")
        self.result = QLabel()                 # what the finished run showed, in numbers
        self.result.setObjectName("lessonResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        self.clock = QLabel("0.0 s")
        self.clock.setObjectName("runClock")
        self.clock.setAlignment(Qt.AlignRight | Qt.AlignVCenter)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(_title("Lessons"))
        side_layout.addWidget(self.lessons, 3)
        box = QGroupBox("Parameters")
        QVBoxLayout(box).addWidget(self.params)
        side_layout.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.clock)
        side_layout.addWidget(self.status)

        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.code = CodeView()
        self.console = ConsoleView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, "About this lesson")
        self.tabs.addTab(self.code, "Source code")
        self.tabs.addTab(self.console, "Console")

        self._bottom = QSplitter(Qt.Horizontal)
        self._bottom.addWidget(self.tabs)
        self._bottom.addWidget(_placeholder("Starting the CPU graphs…"))
        self._bottom.setSizes([640, 460])
        self._centre = centre = QSplitter(Qt.Vertical)
        centre.addWidget(_placeholder("Starting the timeline…"))
        centre.addWidget(self._bottom)
        centre.setSizes([520, 420])
        main = QSplitter(Qt.Horizontal)
        main.addWidget(side)
        main.addWidget(centre)
        main.setSizes([390, 1210])
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)
        self.resize(1600, 1000)

    def showEvent(self, event):
        super().showEvent(event)
        if self._deferred:
            self._deferred = False
            QTimer.singleShot(30, self._build_plots)   # after the first frame is painted

    def _build_plots(self):
        from gui.cpu.cores_view import CoresView
        from gui.views.timeline_view import TimelineView

        self.timeline = TimelineView()
        self.cores = CoresView()
        self._timeline_box = top = QWidget()          # the splitter does not own it
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.result)
        top_layout.addWidget(self.timeline, 1)
        self._centre.replaceWidget(0, top).deleteLater()
        self._bottom.replaceWidget(1, self.cores).deleteLater()
        self._centre.setSizes([520, 420])
        self._bottom.setSizes([640, 460])
        self.run_button.setEnabled(not self.runner.running)
        self.plots_ready.emit()

    def _actions(self):
        file_menu = self.menuBar().addMenu("&File")
        self.export_png_action = _action(self, "Export timeline as PNG…", "Ctrl+E",
                                         self.export_png_dialog)
        self.export_json_action = _action(self, "Export trace as JSON…", "Ctrl+Shift+E",
                                          self.export_json_dialog)
        file_menu.addActions([self.export_png_action, self.export_json_action])
        file_menu.addSeparator()
        file_menu.addAction(_action(self, "Quit", QKeySequence.Quit, self.close))
        run_menu = self.menuBar().addMenu("&Run")
        self.run_action = _action(self, "Run lesson", "F5", self.run_lesson)
        self.stop_action = _action(self, "Stop", "Shift+F5", self.stop_lesson)
        run_menu.addActions([self.run_action, self.stop_action])

    # -- lessons ----------------------------------------------------------------------
    def show_lesson(self, lesson_id):
        lesson = catalog.lesson(lesson_id)
        self._set_panel(lesson_id)
        self.params.set_lesson(lesson_id)
        text = LESSON_TEXTS / f"{lesson_id}.md"
        self.text.setMarkdown(text.read_text(encoding="utf-8") if text.exists() else lesson.title)
        self.code.show_files(ROOT / Path(*name.split(".")).with_suffix(".py")
                             for name in (lesson.module, *lesson.sources))

    def _set_panel(self, lesson_id):
        """The lesson's own tab (a table, a zoomed view), when it has one."""
        if self.panel is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.panel))
            self.panel.deleteLater()
            self.panel = None
        cls = panel_class(lesson_id)
        if cls is not None:
            self.panel = cls(lesson_id)
            self.panel.attention.connect(self._attention)
            self.panel.stop_requested.connect(self.stop_lesson)
            self.tabs.insertTab(1, self.panel, self.panel.title)

    def _attention(self, text):
        self.result.setText(text)
        self.result.setVisible(True)
        if self.panel is not None:
            self.tabs.setCurrentWidget(self.panel)

    def _refresh_panel(self):
        if self.panel is not None and self.runner.session is not None:
            self.panel.refresh()

    def run_lesson(self):
        lesson_id = self.lessons.current_lesson()
        if not lesson_id or self.timeline is None or self.runner.running:
            return
        try:
            values = self.params.values()
        except (ValueError, KeyError) as exc:
            self._failed(str(exc))
            return
        self.console.clear()
        self.console.write("status", f"$ concurrency-lab run {lesson_id} "
                           + " ".join(f"--set {k}={v}" for k, v in values.items()) + "\n")
        self.run_button.setEnabled(False)
        self.status.setText(f"Starting {lesson_id}…")
        self.runner.run(lesson_id, values)

    def stop_lesson(self):
        if self.runner.running:
            self.status.setText("Stopping…")
            self.stop_button.setEnabled(False)
            asyncio.ensure_future(self.runner.stop())

    def _started(self, session):
        self.result.setVisible(False)
        self.timeline.set_model(session.model)
        self.timeline.set_live(True)
        self.cores.set_workload_root(session.run.pid)
        self.stop_button.setEnabled(True)
        self.params.set_enabled(False)
        self.status.setText(f"Running {session.lesson.id} (PID {session.run.pid})")
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
        self.cores.set_workload_root(None)
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.params.set_enabled(True)
        run = session.run
        left = "no process left behind" if not run.leftovers else \
            f"still running: {run.leftovers}"
        message = f"{session.lesson.id}: {run.exit_reason}; {left}."
        result = summarize(session.lesson.id, session.values, session.model,
                           self.console.toPlainText()) if run.returncode == 0 else ""
        self.result.setText(result)
        self.result.setVisible(bool(result))
        if result:
            self.console.write("status", result + "\n")
        self.status.setText(message)
        self.console.write("status", f"\n{message}\n")
        if self.panel is not None:
            self._panel_timer.stop()
            self.panel.refresh()
            self.panel.finish(session, self.console.toPlainText())
        if run.returncode and not run.stopped_by:
            self.tabs.setCurrentWidget(self.console)

    def _failed(self, reason):
        self.run_button.setEnabled(True)
        self.status.setText(reason)
        self.console.write("stderr", reason + "\n")

    def _tick(self):
        if self.runner.session is not None and hasattr(self, "_started_at"):
            self.clock.setText(f"{time.monotonic() - self._started_at:0.1f} s")

    # -- export -----------------------------------------------------------------------
    def _default_name(self, suffix):
        lesson = self.lessons.current_lesson() or "lesson"
        return f"{lesson}-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"

    def export_png_dialog(self):
        path, _ = QFileDialog.getSaveFileName(self, "Export timeline", self._default_name("png"),
                                              "PNG images (*.png)")
        if path and self.timeline is not None:
            self.timeline.export_png(path, title=self._picture_title())
            self.status.setText(f"Timeline saved to {path}")

    def _picture_title(self):
        """Lesson, parameters and interpreter: what an exported picture must say."""
        session = self.runner.session
        if session is None:
            return None
        params = ", ".join(f"{k}={v}" for k, v in session.values.items())
        parts = [session.lesson.id, params, f"Python {session.python_version}"]
        return " · ".join(part for part in parts if part)

    def export_json_dialog(self):
        session = self.runner.session
        if session is None:
            QMessageBox.information(self, "Export trace", "Run a lesson first.")
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export trace", self._default_name("json"),
                                              "Chrome trace JSON (*.json)")
        if path:
            chrome_json.write(path, session.model, session.lesson.id, session.values,
                              session.python_version)
            self.status.setText(f"Trace saved to {path}")

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event):
        if self._closing or not self.runner.running:
            if self.cores is not None:
                self.cores.stop()
            event.accept()
            return
        event.ignore()                  # stop the lesson's tree first, then close
        self._closing = True
        self.status.setText("Stopping the lesson before closing…")
        asyncio.ensure_future(self._stop_then_close())

    async def _stop_then_close(self):
        await self.runner.stop()
        self.close()


def _placeholder(text):
    label = QLabel(text)
    label.setAlignment(Qt.AlignCenter)
    return label


def _title(text):
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def _action(parent, text, shortcut, slot):
    action = QAction(text, parent)
    action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    parent.addAction(action)
    return action
