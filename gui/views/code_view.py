"""The lesson's source, highlighted; probe calls are dimmed so the concurrency code stands out.
A lesson made of several scripts (a manager and a worker) shows one tab per file. The colours
of the highlighting are the theme's (``code`` in assets/themes/NAME.json), so the source reads
on a dark projector too (`apply_look`)."""
import keyword
import re
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QTabBar, QVBoxLayout, QWidget

from gui.views import palette

FONT_PT = 13


def _format(colour, bold=False, italic=False):
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Bold)
    fmt.setFontItalic(italic)
    return fmt


#: (pattern, colour key of the theme's ``code`` table, bold, italic), applied in this order
_RULES = [
    (re.compile(r"\b(?:%s)\b" % "|".join(keyword.kwlist)), "keyword", True, False),
    (re.compile(r"\b(?:print|range|len|sum|enumerate|zip|isinstance)\b"), "builtin", False, False),
    (re.compile(r"\bdef\s+(\w+)|\bclass\s+(\w+)"), "def", True, False),
    (re.compile(r"\b\d+(?:\.\d+)?\b"), "number", False, False),
    (re.compile(r"\bprobe\.\w+\([^)]*\)?"), "probe", False, True),
    (re.compile(r"[rbf]?(\"\"\"|'''|\"[^\"\n]*\"|'[^'\n]*')"), "string", False, False),
    (re.compile(r"#[^\n]*"), "comment", False, True),
]


class PythonHighlighter(QSyntaxHighlighter):
    def __init__(self, document, theme=None):
        super().__init__(document)
        self.set_theme(theme or palette.LIGHT)

    def set_theme(self, theme):
        """Colours of `theme`; the text is highlighted again."""
        self.rules = [(pattern, _format(theme.code[key], bold, italic))
                      for pattern, key, bold, italic in _RULES]
        self.docstring = _format(theme.code["string"], italic=True)
        self.rehighlight()

    def highlightBlock(self, text):
        for pattern, fmt in self.rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)
        self._docstrings(text)

    def _docstrings(self, text):
        # State 1: inside a triple-quoted string that started on an earlier line.
        start = 0 if self.previousBlockState() == 1 else text.find('"""')
        self.setCurrentBlockState(0)
        while start >= 0:
            skip = 0 if self.previousBlockState() == 1 and start == 0 else 3
            end = text.find('"""', start + skip)
            if end < 0:
                self.setCurrentBlockState(1)
                self.setFormat(start, len(text) - start, self.docstring)
                return
            self.setFormat(start, end + 3 - start, self.docstring)
            start = text.find('"""', end + 3)


class CodeView(QWidget):
    """A read-only, highlighted source file; a tab per file when the lesson has several."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.files = []
        self.bar = QTabBar()
        self.bar.setDocumentMode(True)
        self.bar.currentChanged.connect(self._show)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.NoWrap)
        font = QFont("monospace", FONT_PT)
        font.setStyleHint(QFont.Monospace)
        self.editor.setFont(font)
        self._highlighter = PythonHighlighter(self.editor.document())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.editor)

    def apply_look(self, theme):
        """The theme's colours: its paper and its highlighting (the size of the code is the
        style sheet's, which follows the zoom)."""
        if getattr(self, "_theme", None) is theme:
            return
        self._theme = theme
        colours = palette.qt_palette(theme)
        self.editor.setPalette(colours)
        self.editor.viewport().setPalette(colours)
        self._highlighter.set_theme(theme)

    def show_files(self, paths):
        """The lesson's own module first, then the scripts it uses."""
        self.files = [Path(p) for p in paths]
        self.bar.blockSignals(True)
        while self.bar.count():
            self.bar.removeTab(0)
        for path in self.files:
            self.bar.addTab(path.name)
        self.bar.setCurrentIndex(0)
        self.bar.blockSignals(False)
        self.bar.setVisible(len(self.files) > 1)
        self._show(0)

    def show_file(self, path):
        self.show_files([path])

    def toPlainText(self):
        return self.editor.toPlainText()

    def _show(self, index):
        if 0 <= index < len(self.files):
            self.editor.setPlainText(self.files[index].read_text(encoding="utf-8"))
