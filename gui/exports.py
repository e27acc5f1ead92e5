"""File > Export: the timeline as PNG or SVG, what is on screen in one key press, the whole
window as PNG, the trace as Chrome trace JSON and the CPU samples as CSV.

File names carry the lesson id and the time (`process.pool-20250101-093000.png`). Every
export says where it went, or why nothing was written: no run yet, a folder gone or
read-only. The dialogs only ask for a path; the `save_*` methods do the work.
"""
import csv
import errno
import os
import time
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui import settings
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.trace import chrome_json

FOLDER_KEY = "exports/folder"
MARGIN_S = 1.0      # CPU samples a second before and after the run: the machine's baseline


def install(window):
    """Add the export actions to the window's File menu, above Quit."""
    exports = Exports(window)
    window.exports = exports
    entries = [
        ("export_png_action", QT_TRANSLATE_NOOP("Actions", "Export timeline as PNG…"),
         "Ctrl+E", exports.png_dialog),
        ("export_svg_action", QT_TRANSLATE_NOOP("Actions", "Export timeline as SVG…"),
         None, exports.svg_dialog),
        ("export_screen_action", QT_TRANSLATE_NOOP("Actions", "Export what is on screen"),
         "Ctrl+Shift+S", exports.save_on_screen),
        ("export_window_action", QT_TRANSLATE_NOOP("Actions", "Export window as PNG…"),
         None, exports.window_dialog),
        ("export_json_action", QT_TRANSLATE_NOOP("Actions", "Export trace as JSON…"),
         "Ctrl+Shift+E", exports.json_dialog),
        ("export_csv_action", QT_TRANSLATE_NOOP("Actions", "Export CPU samples as CSV…"),
         None, exports.csv_dialog),
        ("export_folder_action", QT_TRANSLATE_NOOP("Actions", "Folder for quick exports…"),
         None, exports.choose_folder)]
    actions = []
    for name, text, shortcut, slot in entries:
        action = window.add_action(None, text, shortcut, lambda _=False, s=slot: s())
        setattr(window, name, action)
        exports.actions[name] = action
        actions.append(action)
    before = getattr(window, "quit_action", None)
    window.file_menu.insertActions(before, actions)
    if before is not None:
        window.file_menu.insertSeparator(before)
    return exports


def default_folder():
    """The user's Pictures folder, else the home folder."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(pictures) if pictures and Path(pictures).is_dir() else Path.home()


def write_error(path, exc):
    """Why `path` could not be written, in words a teacher can act on."""
    path = Path(path)
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        return translate("Exports", "Could not save {path}: {folder} is a file, not a "
                                    "folder.").format(path=path, folder=folder)
    if not folder.is_dir():
        return translate("Exports", "Could not save {path}: the folder {folder} does not "
                                    "exist.").format(path=path, folder=folder)
    if getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS) \
            or not os.access(folder, os.W_OK):
        return translate("Exports", "Could not save {path}: the folder {folder} is read-only. "
                                    "Choose another folder.").format(path=path, folder=folder)
    reason = getattr(exc, "strerror", None) or str(exc)
    return translate("Exports", "Could not save {path}: {reason}").format(path=path,
                                                                          reason=reason)


def cpu_table(cores, model, running=False):
    """(header, rows) of the CPU samples around a run: per-core busy %, the machine and the
    lesson in cores busy. Time 0 is the run's start, as on the timeline."""
    usage, tree = cores.core_usage, cores.process_tree
    offset = time.monotonic() - time.perf_counter()   # both tick together; their zero differs
    start = model.origin_ns * 1e-9 + offset
    end = time.monotonic() if running else start + model.end_time
    times = usage.times()
    keep = (times >= start - MARGIN_S) & (times <= end + MARGIN_S)
    per_core, machine = usage.per_core()[:, keep], usage.total()[keep] * usage.cores / 100
    scans, lesson = tree.times(), tree.total_history() / 100
    # a scan reports the CPU used since the scan before it: a sample belongs to the next scan
    after = np.searchsorted(scans, times[keep], side="left")
    header = (["time (s)"] + [f"core {i} busy (%)" for i in range(usage.cores)]
              + ["machine busy (cores)", "this lesson busy (cores)"])
    rows = []
    for j, t in enumerate(times[keep]):
        lesson_cell = f"{lesson[after[j]]:.2f}" if after[j] < len(scans) else ""
        rows.append([f"{t - start:.3f}"] + [f"{v:.1f}" for v in per_core[:, j]]
                    + [f"{machine[j]:.2f}", lesson_cell])
    return header, rows


class Exports:
    def __init__(self, window):
        self.window = window
        self.actions = {}                   # attribute name -> its QAction
        self.last_message = ""
        self.message_box = None

    # -- names, folders, messages ---------------------------------------------------------
    def default_name(self, suffix):
        lesson = self.window.lessons.current_lesson() or "lesson"
        session, timeline = self.window.shown_session(), self.window.timeline
        if session is not None and session.lesson is not None and timeline is not None \
                and timeline.model is session.model:        # the run on screen names it
            lesson = session.lesson.id
        return f"{lesson}-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"

    def folder(self):
        """Where quick exports go and where the save dialogs open (remembered)."""
        return Path(settings.value(FOLDER_KEY) or default_folder())

    def report(self, text, problem=False, icon=QMessageBox.Icon.Warning):
        """Say what happened where the window shows its status; a problem also in a box."""
        window = self.window
        self.last_message = text
        window.say(text)
        if problem:
            if self.message_box is not None:
                self.message_box.close()       # one box at a time, the newest
            box = QMessageBox(icon, translate("Exports", "Export"), text,
                              QMessageBox.StandardButton.Ok, window)
            box.open()                      # not modal to the caller: the app keeps running
            self.message_box = box

    def _run(self):
        """The run the timeline shows, or None after saying that nothing ran yet (another
        lesson's run, no longer on screen, is not exported under this one's name)."""
        session, timeline = self.window.shown_session(), self.window.timeline
        if session is None or not session.model.rows() or timeline is None \
                or timeline.model is not session.model:
            self.report(translate("Exports", "Nothing to export yet: run a lesson first, "
                                             "then export it."), problem=True,
                        icon=QMessageBox.Icon.Information)
            return None
        return session

    def _write(self, path, write, saved_text):
        """Call `write(path)`; report where it went, or why not. Returns the path or None."""
        path = Path(path)
        try:
            write(path)
        except OSError as exc:
            self.report(write_error(path, exc), problem=True)
            return None
        self.report(translate("Exports", saved_text).format(path=path))
        return path

    def _sentence(self):
        """What the banner says of the finished run shown (its result sentence, and how
        Stop ended it), for a picture's title band."""
        shown = self.window.outcome.current()
        return (shown.text or None) if shown is not None else None

    # -- the exports (each takes a path; the dialogs below only ask for one) --------------
    def save_timeline_png(self, path):
        if self._run() is None:
            return None
        timeline, title = self.window.timeline, self.window.picture_title()
        result = self._sentence()
        return self._write(path, lambda p: timeline.export_png(p, title=title, result=result),
                           QT_TRANSLATE_NOOP("Exports", "Timeline saved to {path}"))

    def save_timeline_svg(self, path):
        if self._run() is None:
            return None
        timeline, title = self.window.timeline, self.window.picture_title()
        result = self._sentence()
        return self._write(path, lambda p: timeline.export_svg(p, title=title, result=result),
                           QT_TRANSLATE_NOOP("Exports", "Timeline saved to {path}"))

    def save_window_png(self, path):
        """The whole window as it looks now (also before a run: it is never empty)."""
        def write(p):
            if not self.window.grab().save(str(p), "PNG"):
                raise OSError(f"could not write {p}")
        return self._write(path, write, QT_TRANSLATE_NOOP("Exports", "Window saved to {path}"))

    def save_trace_json(self, path):
        session = self._run()
        if session is None:
            return None
        return self._write(path, lambda p: chrome_json.write(
            p, session.model, session.lesson.id, session.values, session.python_version,
            output=self.window.console.toPlainText()),
            QT_TRANSLATE_NOOP("Exports", "Trace saved to {path}"))

    def save_cpu_csv(self, path):
        session = self._run()
        if session is None or self.window.cores is None:
            return None
        header, rows = cpu_table(self.window.cores, session.model, self.window.runner.running)
        if not rows:
            seconds = self.window.cores.core_usage.history_s
            self.report(translate("Exports", "No CPU samples cover this run: the CPU graphs "
                                             "keep the last {seconds:g} s. Run the lesson again "
                                             "and export right after.").format(seconds=seconds),
                        problem=True)
            return None

        def write(p):
            with open(p, "w", newline="", encoding="utf-8") as out:
                table = csv.writer(out)
                table.writerow(header)
                table.writerows(rows)
        return self._write(path, write,
                           QT_TRANSLATE_NOOP("Exports", "CPU samples saved to {path}"))

    def save_on_screen(self, folder=None):
        """The timeline exactly as on screen (time range, rows, size, colours) as a PNG in
        the remembered folder, without a dialog."""
        if self._run() is None:
            return None
        folder = Path(folder) if folder is not None else self.folder()
        path = folder / self.default_name("png")
        number = 2
        while path.exists():                # two presses in one second keep both pictures
            path = folder / f"{Path(self.default_name('png')).stem}-{number}.png"
            number += 1
        timeline, title = self.window.timeline, self.window.picture_title()
        result = self._sentence()
        return self._write(path, lambda p: timeline.export_shown_png(p, title=title,
                                                                    result=result),
                           QT_TRANSLATE_NOOP("Exports", "What is on screen saved to {path}"))

    # -- dialogs --------------------------------------------------------------------------
    def _ask(self, title, suffix, filter_text):
        path, _ = QFileDialog.getSaveFileName(
            self.window, title, str(self.folder() / self.default_name(suffix)), filter_text)
        if not path:
            return None
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(f".{suffix}")
        if path.parent.is_dir():
            settings.set_value(FOLDER_KEY, str(path.parent))
        return path

    def _dialog(self, save, title, suffix, filter_text, needs_run=True):
        if needs_run and self._run() is None:
            return None
        path = self._ask(title, suffix, filter_text)
        return save(path) if path else None

    def png_dialog(self):
        return self._dialog(self.save_timeline_png, translate("Exports", "Export timeline"),
                            "png", translate("Exports", "PNG images (*.png)"))

    def svg_dialog(self):
        return self._dialog(self.save_timeline_svg, translate("Exports", "Export timeline"),
                            "svg", translate("Exports", "SVG drawings (*.svg)"))

    def window_dialog(self):
        return self._dialog(self.save_window_png, translate("Exports", "Export window"),
                            "png", translate("Exports", "PNG images (*.png)"), needs_run=False)

    def json_dialog(self):
        return self._dialog(self.save_trace_json, translate("Exports", "Export trace"),
                            "json", translate("Exports", "Chrome trace JSON (*.json)"))

    def csv_dialog(self):
        return self._dialog(self.save_cpu_csv, translate("Exports", "Export CPU samples"),
                            "csv", translate("Exports", "CSV tables (*.csv)"))

    def choose_folder(self):
        folder = QFileDialog.getExistingDirectory(
            self.window, translate("Exports", "Folder for quick exports"), str(self.folder()))
        if folder:
            settings.set_value(FOLDER_KEY, folder)
            key = self.actions["export_screen_action"].shortcut().toString()
            self.report(translate("Exports", "Quick exports ({key}) go to {folder}")
                        .format(key=key, folder=folder))
        return folder or None
