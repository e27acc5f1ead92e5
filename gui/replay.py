"""File > Open trace…: a trace JSON a teacher exported, shown like a finished run.

Open it from the menu (Ctrl+O), by dropping the file on the window, or with
`concurrency-lab open FILE.json`. The timeline shows the recorded model, the lesson is
selected with its text and source, and the run is shown as a live run's end is
(`gui/outcome.py`): the banner and the lesson's tab read its figures; the console shows what
it printed. `window.replay` is the `ReplaySession` while a replay is
shown and None in live mode; running a lesson goes back to live mode.
"""
import asyncio
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

from gui import presentation, settings
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.run.exit_reason import describe as describe_exit
from gui.tasks import spawn
from gui.trace import chrome_reader
from workloads import catalog

BANNER_PT = 14              # the recording's strip at 100 %: zoom and presentation make it larger


def banner_style():
    return ("QLabel#replayBanner { font-size: %.1fpt; font-weight: bold; color: #FFFFFF; "
            "background: #0072B2; padding: 6px 12px; }" % presentation.point(BANNER_PT))


class RecordedRun:
    """Stands in for `WorkloadRun` in a replay: the run is over, nothing can be stopped."""

    running = False
    stopped_by = None

    def __init__(self, pid, returncode):
        self.pid, self.returncode = pid, returncode
        self.leftovers = []

    @property
    def exit_reason(self):
        return describe_exit(self.returncode)


class UnknownLesson:
    """The lesson of a trace the catalog does not know (another tool, a newer version)."""

    def __init__(self, lesson_id):
        self.id = lesson_id or ""
        self.title = self.id
        self.params = ()


class ReplaySession:
    """What panels, the banner and exports read from a session, rebuilt from a trace file."""

    def __init__(self, replay):
        self.replay = replay
        self.model, self.values, self.path = replay.model, replay.values, replay.path
        self.output = replay.output or ""
        self.python_version = replay.python
        self.others_cores = replay.model.others_cores   # the run's busy cores, as measured
        try:
            self.lesson = catalog.lesson(replay.lesson_id)
            self.known = True
        except KeyError:
            self.lesson, self.known = UnknownLesson(replay.lesson_id), False
        if self.known:
            try:            # parameters added since the trace was written: defaults
                self.values = catalog.resolve(self.lesson.id, self.values)
            except (KeyError, ValueError, TypeError):
                pass
        root = self.model.root()
        code = root.exit_code if root is not None and root.exit_code is not None else 0
        self.run = RecordedRun(root.pid if root is not None else None, code)

    @property
    def file_name(self):
        return Path(self.path).name

    def picture_title(self):
        """Lesson, parameters, interpreter and the file: the title of an exported picture."""
        params = ", ".join(f"{k}={v}" for k, v in self.values.items())
        python = f"Python {self.python_version}" if self.python_version else ""
        parts = [self.lesson.id, params, python, f"replay of {self.file_name}"]
        return " · ".join(part for part in parts if part)


def install(window):
    """File > Open trace… (Ctrl+O), drops of .json files, and `window.replay`."""
    replayer = Replayer(window)
    window.replay = None
    window.replayer = replayer
    window.open_trace_action = window.add_action(
        None, QT_TRANSLATE_NOOP("Actions", "Open trace…"), "Ctrl+O", replayer.open_dialog)
    first = next(iter(window.file_menu.actions()), None)    # Open first, Quit last
    window.file_menu.insertAction(first, window.open_trace_action)
    if first is not None:
        window.file_menu.insertSeparator(first)
    return replayer


def trace_paths(mime):
    """Local .json files among dropped urls."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".json")]


class Replayer(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.error_box = None
        self.banner = None
        self.pending = None                     # read before the timeline existed
        self.reading = None                     # the path being read in the background
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.runner.started.connect(self.leave)
        window.language_changed.connect(lambda _language: self._say())
        window.plots_ready.connect(self._plots_ready)

    # -- opening ----------------------------------------------------------------------
    def open_dialog(self):
        window = self.window
        folder = settings.value("replay/folder", "", str) or ""
        path, _ = QFileDialog.getOpenFileName(
            window, translate("Replay", "Open trace"), folder,
            translate("Replay", "Chrome trace JSON (*.json);;All files (*)"))
        if path:
            settings.set_value("replay/folder", str(Path(path).parent))
            self.open_soon(path)

    def open_soon(self, path):
        """Read the trace at `path` in a worker thread (a big one takes seconds; the window
        stays live meanwhile), then show it: the menu's and a drop's way in."""
        if self._refused():
            return None
        if self.reading is not None:
            self.window.say(translate("Replay", "Still reading {file}…").format(
                file=Path(self.reading).name))
            return None
        self.reading = str(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.window.say(translate("Replay", "Reading {file}…").format(file=Path(path).name))
        return spawn(self._read_then_show(str(path)), "reading a trace file")

    async def _read_then_show(self, path):
        try:
            replay = await asyncio.to_thread(chrome_reader.read, path)
        except chrome_reader.TraceError as exc:
            self._error(str(exc))
            return False
        finally:
            self.reading = None
            QApplication.restoreOverrideCursor()
        return False if self._refused() else self.open_replay(replay)

    def open(self, path):
        """Read and show the trace at `path` now (scripts and tests; the window's menu and
        drops read in the background, `open_soon`); a clear message (and False) when it
        cannot be shown."""
        if self._refused():
            return False
        try:
            replay = chrome_reader.read(path)
        except chrome_reader.TraceError as exc:
            self._error(str(exc))
            return False
        return self.open_replay(replay)

    def _refused(self):
        """True (and said) while a lesson runs: one thing on screen at a time."""
        if self.window.runner.busy:
            self._error(translate("Replay", "Stop the running lesson before opening a trace."))
            return True
        return False

    def open_replay(self, replay):
        """Show a trace already read; False (and the reason shown) when it cannot be."""
        session = ReplaySession(replay)
        if self.window.timeline is None:
            self.pending = session
            return True
        return self.show(session)

    def show(self, session):
        """The window takes the recorded run whole or not at all: when it cannot, it keeps
        what it showed and says why."""
        window = self.window
        try:
            window.show_recorded(session)
        except Exception as exc:    # noqa: BLE001  the view refused it and changed nothing
            self._error(f"{Path(session.path).name}: {exc}".splitlines()[0])
            return False
        window.replay = session
        self._say()
        if not session.known:
            return True
        try:                # as at the end of a live run: the result, the lesson's own tab
            window.outcome.show(session, window.panel, live=False)
        except Exception as exc:    # noqa: BLE001  a trace edited by hand or from another version
            self._error(translate("Replay", "The lesson's tab cannot show this trace ({reason})")
                        .format(reason=f"{type(exc).__name__}: {exc}"), opened=True)
        return True

    def leave(self, *_):
        """A live run started: back to live mode."""
        window = self.window
        if window.replay is None:
            return
        window.replay = None
        window.setWindowTitle(translate("MainWindow", "Concurrency Lab"))
        if self.banner is not None:
            self.banner.setVisible(False)

    # -- what the window says ---------------------------------------------------------
    def _say(self):
        """Status line, banner and window title for the current mode and language."""
        window, session = self.window, self.window.replay
        if session is None:
            return
        base = translate("MainWindow", "Concurrency Lab")
        name = session.file_name
        if session.python_version:
            status = translate("Replay", "Replaying {file} (recorded with Python {python})")
        else:
            status = translate("Replay", "Replaying {file}")
        window.say(status.format(file=name, python=session.python_version))
        window.setWindowTitle(translate("Replay", "{app} — replay of {file}").format(
            app=base, file=name))
        if self.banner is not None:
            self.banner.setText(self._banner_text(session))
            self.banner.setVisible(True)

    @staticmethod
    def _banner_text(session):
        if not session.known:
            return translate("Replay", "REPLAY of {file}: a recorded trace; nothing is "
                             "running.").format(file=session.file_name)
        if session.run.returncode == 0:
            text = translate("Replay", "REPLAY of {file}: a recorded run of {lesson}; nothing "
                             "is running. Press Run to run it live.")
        else:
            text = translate("Replay", "REPLAY of {file}: a recorded run of {lesson} that "
                             "ended {how}; nothing is running.")
        return text.format(file=session.file_name, lesson=session.lesson.id,
                           how=session.run.exit_reason)

    def _plots_ready(self):
        self._add_banner()
        if self.pending is not None:
            session, self.pending = self.pending, None
            self.show(session)

    def _add_banner(self):
        """A strip above the timeline that says this is a recording, in its own colour."""
        if self.banner is not None:
            return
        box = self.window.result.parentWidget()
        layout = box.layout() if box is not None else None
        if layout is None:
            return
        self.banner = QLabel(box)
        self.banner.setObjectName("replayBanner")
        self.banner.setStyleSheet(banner_style())
        presentation.changes().changed.connect(self._restyle_banner)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        layout.insertWidget(0, self.banner)
        self._say()

    def _restyle_banner(self, *_look):
        if self.banner is not None:
            self.banner.setStyleSheet(banner_style())

    def _error(self, reason, opened=False):
        window = self.window
        if not opened:
            window.say(translate("Replay", "Could not open the trace: {reason}")
                       .format(reason=reason))
        if self.error_box is not None:
            self.error_box.close()
        box = self.error_box = QMessageBox(QMessageBox.Icon.Warning,
                                           translate("Replay", "Cannot open the trace"),
                                           reason, QMessageBox.StandardButton.Ok, window)
        box.setInformativeText(translate(
            "Replay", "A trace comes from File > Export trace as JSON… or from "
            "concurrency-lab run LESSON --trace FILE.json."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "error_box", None))
        box.open()                              # window-modal, without blocking the loop

    # -- drag and drop ----------------------------------------------------------------
    def eventFilter(self, watched, event):
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if trace_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self.window and kind == QEvent.Type.Drop:
            paths = trace_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.open_soon(paths[0])
                return True
        elif watched is self.window and kind == QEvent.Type.LanguageChange \
                and self.window.replay is not None:
            QTimer.singleShot(0, self._say)      # after the window set its own title
        return False

