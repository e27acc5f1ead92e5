"""The lesson's own output: stdout in the normal colour, stderr (tracebacks) in red.

What a lesson prints may carry a secret: the distributed manager prints the command that
starts a worker elsewhere, key included. The console is on the projector and in every window
picture, so it shows a note in the key's place (the Workers tab copies the real command).
"""
import os

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from gui.trace.chrome_json import SHOWN_HIDDEN, hide_secrets


OPEN_LINE_KEPT = 1024             # characters of an unended line kept to match a key in


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
        # the tail of a line that never ends (dots of progress) is enough to find a key in
        self._open_lines[stream] = line[line.rfind("\n") + 1:][-OPEN_LINE_KEPT:]
        was, now = shown(before), shown(line)
        if now.startswith(was):         # nearly always: the line only grew
            return now[len(was):]
        return now[len(os.path.commonprefix([was, now])):]

    def clear(self):
        self._open_lines.clear()
        super().clear()
