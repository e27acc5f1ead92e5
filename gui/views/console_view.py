"""The lesson's own output: stdout in the normal colour, stderr (tracebacks) in red."""
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit


class ConsoleView(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(20000)
        self.setFont(QFont("monospace", 12))
        self._formats = {}
        for stream, colour in (("stdout", "#1a1a1a"), ("stderr", "#B0301C"),
                               ("status", "#0072B2")):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if stream == "status":
                fmt.setFontWeight(QFont.Bold)
            self._formats[stream] = fmt

    def write(self, stream, text):
        """Append text at the end and keep it in view."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.End)
        cursor.insertText(text, self._formats.get(stream, self._formats["stdout"]))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
