"""Starts the window on a qasync event loop, so asyncio (runner, trace listener) and Qt share
the GUI thread without either blocking the other."""
import asyncio
import os
import sys


def create_app(argv=None):
    from PySide6.QtWidgets import QApplication

    from gui import presentation

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Concurrency Lab")
    app.setOrganizationName("Concurrency Lab")
    presentation.apply_saved(app)       # the remembered theme and zoom (13 pt type at 100 %)
    return app


def no_display_reason():
    """Why the window cannot open here, or None: Qt would abort without saying it clearly."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                "without a screen use `concurrency-lab run LESSON --png FILE.png`")
    return None


def main(replay=None):
    """The window; with `replay` (a trace `concurrency-lab open` has read, once, before any
    window) it then shows that trace (gui/replay.py)."""
    reason = no_display_reason()
    if reason:
        print(f"concurrency-lab: {reason}", file=sys.stderr)
        return 2
    import qasync
    from PySide6.QtCore import QTimer

    from gui.main_window import MainWindow

    app = create_app()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    window = MainWindow(deferred_plots=True)
    window.show()
    if not os.environ.get("CLAB_EXIT_AFTER_SHOW"):
        window.plots_ready.connect(window.interpreter.discover_soon)   # other Pythons
    if replay is not None:
        window.replayer.open_replay(replay)
    if os.environ.get("CLAB_EXIT_AFTER_SHOW"):      # used by `concurrency-lab bench`
        QTimer.singleShot(0, lambda: print("window shown", flush=True))
        after_first_paint(window.lessons.viewport(),
                          lambda: print("window painted", flush=True), at_most_ms=None)
        if replay is not None:                      # what `concurrency-lab open` showed
            window.plots_ready.connect(lambda: print(f"status: {window.status.text()}",
                                                     flush=True))
        window.plots_ready.connect(lambda: (print("window ready", flush=True), window.close()))
    with loop:
        loop.run_until_complete(closed.wait())
    dispose(window)
    return 0


def after_first_paint(widget, then, at_most_ms=5000):
    """Call `then` once, when `widget` has been painted and the event loop is free again:
    the picture has gone to the screen and a click would be handled. A window that is not
    painted (started minimised) gets it after `at_most_ms` all the same, unless that is
    None (a measurement that must see the paint)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self.call)
            return False

        def call(self):
            if not self.done:
                self.done = True
                widget.removeEventFilter(self)
                then()

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    if at_most_ms is not None:
        QTimer.singleShot(at_most_ms, watcher, watcher.call)
    return watcher


def dispose(window):
    """Delete the window and its views while Qt still runs: left to the interpreter's exit,
    pyqtgraph's views can get a resize event after their axes are gone, and crash."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if window.cores is not None:
        window.cores.stop()
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
