"""A form built from a lesson's declared parameters, with their ranges and choices.

Names and choices are identifiers (the command line's too) and stay as they are; the help
in each tooltip is the catalog's text, shown in the window's language.

Every edit is checked at once, as the command line checks it: a value the lesson does not
take (or values whose run would keep the class waiting too long) shows its one-line reason
under the form, and `values()` refuses it, so Run never starts with it. A run that may wait
long for someone (the manager, for workers started by hand) says so before it starts."""
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, \
    QSpinBox, QWidget

from gui.i18n import translate
from workloads import catalog


class ParamForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._editors = {}
        self._lesson = None
        self.problem = None             # why the current values cannot run, or None
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
            _on_change(editor, self._check)
        self._reason = _message("paramProblem", "#D55E00")       # Okabe-Ito vermillion
        self._note = _message("paramNote", None)
        self._layout.addRow(self._reason)
        self._layout.addRow(self._note)
        self.retranslate()

    def retranslate(self):
        """The tooltips in the current language (the catalog's texts, context "catalog")."""
        if self._lesson is None:
            return
        for param in self._lesson.params:
            self._editors[param.name].setToolTip(translate("catalog", param.help))
        self._check()

    def _check(self, *_):
        """Show why the current values cannot run, or what the run will wait for."""
        try:
            values = self.values()
        except (ValueError, KeyError) as exc:
            self.problem = str(exc.args[0] if exc.args else exc)
            self._reason.setText(self.problem)
            self._reason.setVisible(True)
            self._note.setVisible(False)
            return
        self.problem = None
        self._reason.setVisible(False)
        waits = catalog.waits(self._lesson.id, values)
        if waits:
            self._note.setText(translate(
                "ParamForm", "This run waits up to {seconds} s for workers you start "
                "yourself (wait s); Stop ends it sooner.").format(seconds=f"{waits:g}"))
        self._note.setVisible(bool(waits))

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
                values[param.name] = editor.text()
            else:
                values[param.name] = param.kind(editor.value())
        return catalog.resolve(self._lesson.id, values)

    def set_enabled(self, enabled):
        for editor in self._editors.values():
            editor.setEnabled(enabled)


def _on_change(editor, check):
    if isinstance(editor, QComboBox):
        editor.currentTextChanged.connect(check)
    elif isinstance(editor, QLineEdit):
        editor.textChanged.connect(check)
    else:
        editor.valueChanged.connect(check)


def _message(name, colour):
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    label.setVisible(False)
    return label


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
