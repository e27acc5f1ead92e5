"""The lesson's own output: stdout in the normal colour, stderr (tracebacks) in red.

What a lesson prints may carry a secret: the distributed manager prints the command that
starts a worker elsewhere, key included. The console is on the projector and in every window
picture, so it shows a note in the key's place (the Workers tab copies the real command).
Its colours are the theme's (`apply_look`): ink for stdout, the theme's red for stderr.
"""
import os

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from gui.trace.chrome_json import SHOWN_HIDDEN, hide_secrets
from gui.views import palette


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
        self.apply_look(palette.LIGHT)

    def apply_look(self, theme):
        """The theme's paper and inks, also for the text already shown."""
        if getattr(self, "_theme", None) is theme:
            return                          # (a zoom step: the style sheet sizes the text)
        self._theme = theme
        colours = palette.qt_palette(theme)
        self.setPalette(colours)
        self.viewport().setPalette(colours)        # (set before it was shown, it keeps its own)
        old = dict(self._formats)
        for stream, colour in (("stdout", theme.ink), ("stderr", theme.code["stderr"]),
                               ("status", theme.code["status"])):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if stream == "status":
                fmt.setFontWeight(QFont.Bold)
            self._formats[stream] = fmt
        if old:
            self._recolour(old)

    def _recolour(self, old):
        """Give the text already shown the new inks, stream by stream (by its old ink)."""
        new_of = {old[s].foreground().color().rgba(): self._formats[s] for s in old}
        runs, block = [], self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = new_of.get(fragment.charFormat().foreground().color().rgba())
                if fmt is not None:
                    runs.append((fragment.position(), fragment.length(), fmt))
                it += 1
            block = block.next()
        cursor = QTextCursor(self.document())
        for start, length, fmt in runs:
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

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
