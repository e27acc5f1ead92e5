"""File > Export: the timeline as a picture, the trace as Chrome trace JSON. File names carry
the lesson id and the time."""
from datetime import datetime

from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.trace import chrome_json


def install(window):
    """Add the export actions to the window's File menu."""
    exports = Exports(window)
    window.exports = exports
    window.export_png_action = window.add_action(
        window.file_menu, QT_TRANSLATE_NOOP("Actions", "Export timeline as PNG…"), "Ctrl+E",
        exports.png_dialog)
    window.export_json_action = window.add_action(
        window.file_menu, QT_TRANSLATE_NOOP("Actions", "Export trace as JSON…"), "Ctrl+Shift+E",
        exports.json_dialog)
    return exports


class Exports:
    def __init__(self, window):
        self.window = window

    def default_name(self, suffix):
        lesson = self.window.lessons.current_lesson() or "lesson"
        return f"{lesson}-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"

    def png_dialog(self):
        window = self.window
        path, _ = QFileDialog.getSaveFileName(
            window, translate("Exports", "Export timeline"), self.default_name("png"),
            translate("Exports", "PNG images (*.png)"))
        if path and window.timeline is not None:
            window.timeline.export_png(path, title=window.picture_title())
            window.status.setText(translate("Exports", "Timeline saved to {path}")
                                  .format(path=path))

    def json_dialog(self):
        window = self.window
        session = window.runner.session
        if session is None:
            QMessageBox.information(window, translate("Exports", "Export trace"),
                                    translate("Exports", "Run a lesson first."))
            return
        path, _ = QFileDialog.getSaveFileName(
            window, translate("Exports", "Export trace"), self.default_name("json"),
            translate("Exports", "Chrome trace JSON (*.json)"))
        if path:
            chrome_json.write(path, session.model, session.lesson.id, session.values,
                              session.python_version)
            window.status.setText(translate("Exports", "Trace saved to {path}")
                                  .format(path=path))
