"""The lesson's source, highlighted; probe calls are dimmed so the concurrency code stands out.
A lesson made of several scripts (a manager and a worker) shows one tab per file. With Edit
on, the student changes the lesson's main file and Run starts their version of it. The colours
of the highlighting are the theme's (``code`` in assets/themes/NAME.json), so the source reads
on a dark projector too (`apply_look`)."""
import keyword
import re
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QTabBar, QVBoxLayout, QWidget

from gui import user_versions
from gui.i18n import translate
from gui.views import palette
from gui.views.code_editor import EditBar, error_selection

FONT_PT = 13
SAVE_AFTER_MS = 400        # an edit is kept this long after the last key (and at Run)


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
    """A highlighted source file; a tab per file when the lesson has several. With Edit on,
    the lesson's main file can be changed: the student's version is kept as it is typed
    (`gui/user_versions.py`) and is what Run starts, until "Back to the textbook"."""

    version_changed = Signal(bool)      # the student's version runs (True) or the textbook's

    def __init__(self, parent=None):
        super().__init__(parent)
        self.files = []
        self.lesson_id = None
        self.textbook = ""              # the lesson's main file as the textbook has it
        self.editing = False
        self._loading = False
        self.bar = QTabBar()
        self.bar.setDocumentMode(True)
        self.bar.currentChanged.connect(self._show)
        self.edit_bar = EditBar()
        self.edit_bar.editing.connect(self.set_editing)
        self.edit_bar.back_to_textbook.connect(self.back_to_textbook)
        self.edit_bar.restore_edit.connect(self.restore_edit)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.editor.textChanged.connect(self._typed)
        font = QFont("monospace", FONT_PT)
        font.setStyleHint(QFont.Monospace)
        self.editor.setFont(font)
        self._highlighter = PythonHighlighter(self.editor.document())
        self._saving = QTimer(self)
        self._saving.setSingleShot(True)
        self._saving.setInterval(SAVE_AFTER_MS)
        self._saving.timeout.connect(self._save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.edit_bar)
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
        self.edit_bar.apply_look(theme)

    def show_files(self, paths, lesson_id=None):
        """The lesson's own module first, then the scripts it uses; with `lesson_id`, its
        main file can be edited, and the student's version of it is shown when there is one."""
        self.keep_edit()
        self.lesson_id, self.editing = lesson_id, False
        self.files = [Path(p) for p in paths]
        self.textbook = self.files[0].read_text(encoding="utf-8") if self.files else ""
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
        if not 0 <= index < len(self.files):
            return
        self.keep_edit()                        # what was typed, before another file shows
        text = self.files[index].read_text(encoding="utf-8")
        if index == 0 and self.lesson_id:
            text = user_versions.saved(self.lesson_id) or text
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self.editor.setReadOnly(not (self.editing and index == 0))
        self.show_error(0, "")
        self._show_state()

    # -- the student's version --------------------------------------------------------
    def is_yours(self):
        """Whether Run starts the student's version of the lesson shown."""
        return bool(self.lesson_id) and user_versions.saved(self.lesson_id) is not None

    def set_editing(self, on):
        """Edit on: the main file can be changed (its tab comes to the front)."""
        if not self.lesson_id:
            on = False
        if not on:
            self.keep_edit()
        self.editing = on
        if on and self.bar.currentIndex() != 0:
            self.bar.setCurrentIndex(0)         # shows it, editable
        self.editor.setReadOnly(not (on and self.bar.currentIndex() == 0))
        self._show_state()
        if on:
            self.editor.setFocus()

    def _typed(self):
        if not self._loading and self.editing and self.bar.currentIndex() == 0:
            self.show_error(0, "")
            self._saving.start()

    def keep_edit(self):
        """Keep what was typed now (Run, another lesson, closing): it is what runs."""
        if self._saving.isActive():
            self._saving.stop()
            self._save()

    def _save(self):
        was = self.is_yours()
        try:
            user_versions.save(self.lesson_id, self.editor.toPlainText(), self.textbook)
        except OSError as exc:
            self.edit_bar.show_error(translate("CodeEditor", "Your version cannot be kept: "
                                               "{error}").format(error=exc.strerror or exc))
        self._show_state()
        if self.is_yours() != was:
            self.version_changed.emit(not was)

    def back_to_textbook(self):
        """The textbook's code runs again; the edit is set aside, to restore once."""
        self.keep_edit()
        user_versions.set_aside(self.lesson_id)
        self._reload()

    def restore_edit(self):
        user_versions.restore(self.lesson_id)
        self._reload()

    def _reload(self):
        self.bar.setCurrentIndex(0)
        self._show(0)
        self.version_changed.emit(self.is_yours())

    def _show_state(self):
        restorable = bool(self.lesson_id) and user_versions.previous(self.lesson_id) is not None
        self.edit_bar.setVisible(bool(self.lesson_id))
        self.edit_bar.show_state(self.editing, self.is_yours(), restorable, len(self.files),
                                 self.files[0].name if self.files else "")

    def show_error(self, line, text):
        """Mark `line` (1-based; 0: none) of the student's version and say what failed."""
        self.edit_bar.show_error(text)
        if line <= 0:
            self.editor.setExtraSelections([])
            return
        if self.bar.currentIndex() != 0:
            self.bar.setCurrentIndex(0)
        theme = getattr(self, "_theme", None) or palette.LIGHT
        self.editor.setExtraSelections([error_selection(self.editor, line, theme)])
