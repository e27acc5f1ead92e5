"""A form built from a lesson's declared parameters, with their ranges and choices.

Names and choices are identifiers (the command line's too) and stay as they are; the help
in each tooltip is the catalog's text, shown in the window's language."""
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from gui.i18n import translate
from workloads import catalog


class ParamForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._editors = {}
        self._lesson = None
        self.retranslate()

    def set_lesson(self, lesson_id):
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._lesson = catalog.lesson(lesson_id)
        self._editors = {}
        for param in self._lesson.params:
            editor = _editor(param)
            self._editors[param.name] = editor
            self._layout.addRow(param.name.replace("_", " "), editor)
        self.retranslate()

    def retranslate(self):
        """The tooltips in the current language (the catalog's texts, context "catalog")."""
        if self._lesson is None:
            return
        for param in self._lesson.params:
            self._editors[param.name].setToolTip(translate("catalog", param.help))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_values(self, settings):
        """Show these values (name -> text or value) in the editors."""
        for name, raw in catalog.resolve(self._lesson, settings).items():
            editor = self._editors[name]
            if isinstance(editor, QComboBox):
                editor.setCurrentText(str(raw))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(raw))
            else:
                editor.setValue(raw)

    def values(self):
        """Current values, checked against the declared ranges."""
        values = {}
        for param in self._lesson.params:
            editor = self._editors[param.name]
            if isinstance(editor, QComboBox):
                values[param.name] = editor.currentText()
            elif isinstance(editor, QLineEdit):
                values[param.name] = param.parse(editor.text())
            else:
                values[param.name] = param.kind(editor.value())
        return catalog.resolve(self._lesson.id, values)

    def set_enabled(self, enabled):
        for editor in self._editors.values():
            editor.setEnabled(enabled)


def _editor(param):
    if param.choices:
        editor = QComboBox()
        editor.addItems(list(param.choices))
        editor.setCurrentText(param.default)
    elif param.kind is int:
        editor = QSpinBox()
        editor.setRange(int(param.low), int(param.high))
        editor.setValue(param.default)
    elif param.kind is float:
        editor = QDoubleSpinBox()
        editor.setDecimals(2)
        editor.setRange(param.low, param.high)
        editor.setSingleStep(0.5 if param.high > 10 else 0.1)
        editor.setValue(param.default)
    else:
        editor = QLineEdit(str(param.default))
    return editor
