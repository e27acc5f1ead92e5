"""The lesson's own output: stdout in the normal colour, stderr (tracebacks) in red.

What a lesson prints may carry a secret: the distributed manager prints the command that
starts a worker elsewhere, key included. The console is on the projector and in every window
picture, so it shows a note in the key's place (the Workers tab copies the real command).
"""
import os

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from gui.trace.chrome_json import SHOWN_HIDDEN, hide_secrets


def shown(text):
    """`text` as the console shows it: every key replaced by a note."""
    return hide_secrets(text, SHOWN_HIDDEN)


class ConsoleView(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(20000)
        self.setFont(QFont("monospace", 12))
        self._formats = {}
        self._open_lines = {}           # stream -> its last line, not ended yet, as printed
        for stream, colour in (("stdout", "#1a1a1a"), ("stderr", "#B0301C"),
                               ("status", "#0072B2")):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if stream == "status":
                fmt.setFontWeight(QFont.Bold)
            self._formats[stream] = fmt

    def write(self, stream, text):
        """Append text at the end and keep it in view, with any key in it hidden."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.End)
        cursor.insertText(self._unseen_part(stream, text),
                          self._formats.get(stream, self._formats["stdout"]))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _unseen_part(self, stream, text):
        """What to append for `text`, hidden as part of its whole line: a key printed in two
        pieces (two reads of the pipe) is still recognised by the option before it."""
        before = self._open_lines.get(stream, "")
        line = before + text
        self._open_lines[stream] = line[line.rfind("\n") + 1:]
        was, now = shown(before), shown(line)
        return now[len(os.path.commonprefix([was, now])):]

    def clear(self):
        self._open_lines.clear()
        super().clear()
