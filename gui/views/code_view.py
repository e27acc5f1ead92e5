"""The lesson's source, highlighted; probe calls are dimmed so the concurrency code stands out."""
import keyword
import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit


def _format(colour, bold=False, italic=False):
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Bold)
    fmt.setFontItalic(italic)
    return fmt


class PythonHighlighter(QSyntaxHighlighter):
    RULES = [
        (re.compile(r"\b(?:%s)\b" % "|".join(keyword.kwlist)), _format("#0b4f9c", bold=True)),
        (re.compile(r"\b(?:print|range|len|sum|enumerate|zip|isinstance)\b"), _format("#6f42c1")),
        (re.compile(r"\bdef\s+(\w+)|\bclass\s+(\w+)"), _format("#8a3ffc", bold=True)),
        (re.compile(r"\b\d+(?:\.\d+)?\b"), _format("#b35c00")),
        (re.compile(r"\bprobe\.\w+\([^)]*\)?"), _format("#9a9a9a", italic=True)),
        (re.compile(r"[rbf]?(\"\"\"|'''|\"[^\"\n]*\"|'[^'\n]*')"), _format("#0a7d3b")),
        (re.compile(r"#[^\n]*"), _format("#6a737d", italic=True)),
    ]
    DOCSTRING = _format("#0a7d3b", italic=True)

    def highlightBlock(self, text):
        for pattern, fmt in self.RULES:
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
                self.setFormat(start, len(text) - start, self.DOCSTRING)
                return
            self.setFormat(start, end + 3 - start, self.DOCSTRING)
            start = text.find('"""', end + 3)


class CodeView(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        font = QFont("monospace", 13)
        font.setStyleHint(QFont.Monospace)
        self.setFont(font)
        self._highlighter = PythonHighlighter(self.document())

    def show_file(self, path):
        with open(path, encoding="utf-8") as source:
            self.setPlainText(source.read())
