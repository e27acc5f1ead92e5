"""The edit bar above the lesson's source: Edit, the "Your version" marker, Back to the
textbook, Restore my edit, and what went wrong in the student's version (its line is
highlighted in the editor, `error_selection`).

The bar only shows state and asks; `CodeView` keeps the text and `gui/user_versions.py` keeps
the files.
"""
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
                               QTextEdit, QVBoxLayout, QWidget)

from gui.i18n import translate
from gui.views import palette

ERROR_ALPHA = 70            # the failing line's background: the theme's bad-exit colour, faint


class EditBar(QWidget):
    """Edit (a toggle, Alt+E), the marker of the student's version, and the way back."""

    editing = Signal(bool)          # Edit was switched on or off
    back_to_textbook = Signal()
    restore_edit = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QPushButton()
        self.edit.setCheckable(True)
        self.edit.toggled.connect(self.editing)
        # a key of its own (a button's Alt mnemonic is not offered on every desktop)
        self.edit_key = QShortcut(QKeySequence("Alt+E"), self, context=Qt.WindowShortcut)
        self.edit_key.activated.connect(self.edit.click)
        self.marker = QLabel()
        self.marker.setObjectName("yourVersion")
        self.back = QPushButton()
        self.back.clicked.connect(self.back_to_textbook)
        self.restore = QPushButton()
        self.restore.clicked.connect(self.restore_edit)
        self.note = QLabel()                # a lesson of several files: which one is edited
        self.note.setWordWrap(True)
        self.error = QLabel()               # the line that failed, in words
        self.error.setWordWrap(True)
        self.error.setObjectName("yourVersionError")
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.edit, self.marker, self.back, self.restore):
            row.addWidget(widget)
        row.addWidget(self.note, 1)
        row.addStretch(0)
        for button in (self.edit, self.back, self.restore):
            button.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
        self.marker.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.apply_look(palette.LIGHT)
        self.retranslate()
        self.show_state(False, False, False, 1)

    def retranslate(self):
        self.edit.setText(translate("CodeEditor", "✎ Edit"))
        self.edit.setToolTip(translate("CodeEditor", "Change the lesson's code, then press "
                                                     "Run to run your version (Alt+E)"))
        self.marker.setText(translate("CodeEditor", "Your version"))
        self.marker.setToolTip(translate("CodeEditor", "Run starts your version of this "
                                                       "lesson, not the textbook's"))
        self.back.setText(translate("CodeEditor", "Back to the textbook"))
        self.back.setToolTip(translate("CodeEditor", "Run the textbook's code again; your "
                                                     "edit is kept once: Restore my edit "
                                                     "brings it back"))
        self.restore.setText(translate("CodeEditor", "Restore my edit"))
        self.note.setText(translate("CodeEditor", "You edit {file}, the lesson's main file; "
                                                  "the other files run as they are.").format(
            file=getattr(self, "_main_file", "")))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_state(self, editing, yours, restorable, files, main_file=""):
        """What the bar offers now: `yours` marks the student's version as the one that
        runs; `restorable` offers the edit set aside; `files` > 1 says which file is edited."""
        self._main_file = main_file
        self.edit.blockSignals(True)
        self.edit.setChecked(editing)
        self.edit.blockSignals(False)
        self.marker.setVisible(yours)
        self.back.setVisible(yours)
        self.restore.setVisible(restorable and not yours)
        self.note.setVisible(editing and files > 1)
        self.retranslate()

    def show_error(self, text):
        """What failed in the student's version ("" hides it)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def apply_look(self, theme):
        """The marker looks like the result banner; an error in the theme's bad-exit red."""
        self.marker.setStyleSheet(
            f"QLabel#yourVersion {{ background: {theme.hex('banner')}; "
            f"color: {theme.hex('banner_ink')}; border: 2px solid {theme.hex('banner_edge')}; "
            "border-radius: 4px; padding: 1px 8px; font-weight: bold; }")
        self.error.setStyleSheet(f"QLabel#yourVersionError {{ color: {theme.hex('bad_exit')}; "
                                 "font-weight: bold; padding: 2px 6px; }")


def error_selection(editor: QPlainTextEdit, line, theme):
    """The whole of `line` (1-based) of `editor`, marked in the theme's bad-exit colour;
    the cursor goes there so the line is in view."""
    block = editor.document().findBlockByLineNumber(max(0, line - 1))
    selection = QTextEdit.ExtraSelection()
    colour = QColor(theme.bad_exit)
    colour.setAlpha(ERROR_ALPHA)
    selection.format.setBackground(colour)
    selection.format.setProperty(QTextFormat.FullWidthSelection, True)
    selection.cursor = QTextCursor(block)
    selection.cursor.clearSelection()
    editor.setTextCursor(QTextCursor(block))
    editor.centerCursor()
    return selection
