"""A form built from a lesson's declared parameters, with their ranges and choices.

Names and choices are identifiers (the command line's too): the form shows each in the
window's language (`LABELS`, `CHOICES`) and keeps the identifier as the value, so what Run
starts is what `--set name=value` starts; a label's tooltip names the identifier, and the help
in each editor's tooltip is the catalog's text, shown in the window's language.

Every edit is checked at once, as the command line checks it: a value the lesson does not
take (or values whose run would keep the class waiting too long) shows its one-line reason
under the form, and `values()` refuses it, so Run never starts with it. A run that may wait
long for someone (the manager, for workers started by hand) says so before it starts.

Space runs and stops the lesson also from a number or a choice; in a text field, where
Space types, the form says which key runs."""
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, \
    QLineEdit, QSpinBox, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from workloads import catalog

# What the form calls each parameter and each choice (context "Parameters"); a test checks
# that every parameter and choice of the catalog has its entry.
LABELS = {
    "seconds": QT_TRANSLATE_NOOP("Parameters", "seconds"),
    "workers": QT_TRANSLATE_NOOP("Parameters", "workers"),
    "tasks": QT_TRANSLATE_NOOP("Parameters", "tasks"),
    "seed": QT_TRANSLATE_NOOP("Parameters", "seed"),
    "items": QT_TRANSLATE_NOOP("Parameters", "items"),
    "delay": QT_TRANSLATE_NOOP("Parameters", "delay (s)"),
    "messages": QT_TRANSLATE_NOOP("Parameters", "messages"),
    "variant": QT_TRANSLATE_NOOP("Parameters", "variant"),
    "ticks": QT_TRANSLATE_NOOP("Parameters", "ticks"),
    "tick_s": QT_TRANSLATE_NOOP("Parameters", "tick (s)"),
    "iterations": QT_TRANSLATE_NOOP("Parameters", "iterations"),
    "switch_interval_ms": QT_TRANSLATE_NOOP("Parameters", "switch interval (ms)"),
    "names": QT_TRANSLATE_NOOP("Parameters", "names"),
    "bind": QT_TRANSLATE_NOOP("Parameters", "listen on"),
    "port": QT_TRANSLATE_NOOP("Parameters", "port"),
    "wait_s": QT_TRANSLATE_NOOP("Parameters", "wait (s)"),
    "greenlets": QT_TRANSLATE_NOOP("Parameters", "greenlets"),
    "delays": QT_TRANSLATE_NOOP("Parameters", "delays (s)"),
    "sleep_s": QT_TRANSLATE_NOOP("Parameters", "sleep (s)"),
    "clients": QT_TRANSLATE_NOOP("Parameters", "clients"),
    "jobs": QT_TRANSLATE_NOOP("Parameters", "jobs"),
    "size": QT_TRANSLATE_NOOP("Parameters", "steps per job"),
    "delay_ms": QT_TRANSLATE_NOOP("Parameters", "server delay (ms)"),
}
CHOICES = {
    "picklable": QT_TRANSLATE_NOOP("Parameters", "picklable"),
    "unpicklable": QT_TRANSLATE_NOOP("Parameters", "unpicklable"),
    "naive": QT_TRANSLATE_NOOP("Parameters", "naive"),
    "widened": QT_TRANSLATE_NOOP("Parameters", "widened"),
    "locked": QT_TRANSLATE_NOOP("Parameters", "locked"),
    "deadlock": QT_TRANSLATE_NOOP("Parameters", "deadlock"),
    "ordered": QT_TRANSLATE_NOOP("Parameters", "ordered"),
    "timeout": QT_TRANSLATE_NOOP("Parameters", "timeout"),
    "threads": QT_TRANSLATE_NOOP("Parameters", "threads"),
    "processes": QT_TRANSLATE_NOOP("Parameters", "processes"),
    "no_sleep": QT_TRANSLATE_NOOP("Parameters", "no sleep"),
    "sleep0": QT_TRANSLATE_NOOP("Parameters", "sleep(0)"),
    "async": QT_TRANSLATE_NOOP("Parameters", "async"),
    "blocking": QT_TRANSLATE_NOOP("Parameters", "blocking"),
}


def label_of(name):
    """The parameter `name` as the form shows it, in the current language."""
    return translate("Parameters", LABELS[name]) if name in LABELS else name.replace("_", " ")


def choice_label(value):
    """The choice `value` as the form shows it, in the current language."""
    return translate("Parameters", CHOICES[value]) if value in CHOICES else value


class ParamForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._editors = {}
        self._labels = {}
        self._lesson = None
        self._keys = _SpaceRuns(self)
        self.problem = None             # why the current values cannot run, or None
        self.retranslate()

    def set_lesson(self, lesson_id):
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._lesson = catalog.lesson(lesson_id)
        self._editors, self._labels = {}, {}
        for param in self._lesson.params:
            editor = _editor(param)
            label = QLabel()
            label.setBuddy(editor)
            self._editors[param.name], self._labels[param.name] = editor, label
            self._layout.addRow(label, editor)
            _on_change(editor, self._check)
            editor.installEventFilter(self._keys)
        self._reason = _message("paramProblem", "#D55E00")       # Okabe-Ito vermillion
        self._note = _message("paramNote", None)
        self._typing = _message("paramKeys", None)
        self._layout.addRow(self._reason)
        self._layout.addRow(self._note)
        self._layout.addRow(self._typing)
        self.retranslate()

    def retranslate(self):
        """Labels, choices and tooltips in the current language (the help is the catalog's
        text, context "catalog"); the values stay identifiers."""
        if self._lesson is None:
            return
        for param in self._lesson.params:
            editor, label = self._editors[param.name], self._labels[param.name]
            editor.setToolTip(translate("catalog", param.help))
            label.setText(label_of(param.name))
            label.setToolTip(translate("ParamForm", "On the command line: --set {name}=…")
                             .format(name=param.name))
            if isinstance(editor, QComboBox):
                for i in range(editor.count()):
                    editor.setItemText(i, choice_label(editor.itemData(i)))
        self._typing.setText(translate("ParamForm", "Space types a space here: press F5 to "
                                                    "run the lesson."))
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
                "yourself ({setting}); Stop ends it sooner.").format(
                seconds=f"{waits:g}", setting=label_of("wait_s")))
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
                editor.setCurrentIndex(editor.findData(str(raw)))
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
                values[param.name] = editor.currentData()
            elif isinstance(editor, QLineEdit):
                values[param.name] = editor.text()
            else:
                values[param.name] = param.kind(editor.value())
        return catalog.resolve(self._lesson.id, values)

    def set_enabled(self, enabled):
        for editor in self._editors.values():
            editor.setEnabled(enabled)

    def typing_hint_shown(self, shown):
        """While a text field has the keys, say that Space types there and F5 runs."""
        if self._lesson is not None:
            self._typing.setVisible(shown)


class _SpaceRuns(QObject):
    """Space in a number field would type nothing (a spin box takes no spaces): let the
    window's Space (Run or Stop) have it. A text field keeps Space, and the form says so."""

    def __init__(self, form):
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched, event):
        kind = event.type()
        if isinstance(watched, QLineEdit):
            if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                self.form.typing_hint_shown(kind == QEvent.Type.FocusIn)
        elif kind == QEvent.Type.ShortcutOverride and isinstance(watched, QAbstractSpinBox) \
                and event.key() == Qt.Key.Key_Space and not event.modifiers():
            event.ignore()                  # not wanted here: the shortcut gets it
            return True
        return False


def _on_change(editor, check):
    if isinstance(editor, QComboBox):
        editor.currentIndexChanged.connect(check)
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
        for value in param.choices:
            editor.addItem(choice_label(value), value)
        editor.setCurrentIndex(editor.findData(param.default))
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
