"""Which Python runs the lesson: the app's own, or another CPython found on this machine (an
older one where the textbook race loses updates, a free-threaded build without the GIL).
Interpreters too old for the probe are listed but cannot be chosen, and say why.

Finding them asks each candidate in a subprocess (about a second in all), in a background
thread: the app starts it once the window is up, and opening the list starts it too.
"""
import threading

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox

from gui import settings
from gui.i18n import translate
from workloads import interpreters

SETTING = "python"


class _Finder(QObject):
    found = Signal(list)        # emitted from the worker thread, delivered in the GUI thread


class InterpreterChoice(QComboBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("interpreterChoice")
        # long names must not widen the side panel: the list shows them in full when open
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.found = []                     # interpreters.Interpreter, the app's own first
        self._finder = _Finder(self)
        self._finder.found.connect(self._fill, Qt.ConnectionType.QueuedConnection)
        self._thread = None
        self.currentIndexChanged.connect(self._remember)
        self.retranslate()

    # -- finding ----------------------------------------------------------------------
    def discover_soon(self):
        """Find the interpreters in a background thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=lambda: self._finder.found.emit(
                interpreters.discover()), name="find-pythons", daemon=True)
            self._thread.start()

    def discover_now(self):
        """Find them here and now (tests, the command line)."""
        self._fill(interpreters.discover())

    def wait(self, timeout=60):
        if self._thread is not None:
            self._thread.join(timeout)

    def showPopup(self):
        self.discover_soon()
        super().showPopup()

    def _fill(self, found):
        self.found = list(found)
        remembered = settings.value(SETTING) or ""
        self.blockSignals(True)
        self.clear()
        for i, interpreter in enumerate(self.found):
            self.addItem(self._text(interpreter, i == 0), interpreter.executable)
            item = self.model().item(self.count() - 1)
            if not interpreter.usable:
                item.setEnabled(False)
                item.setToolTip(interpreter.reason)
            else:
                item.setToolTip(interpreter.executable)
        at = self.findData(remembered)
        self.setCurrentIndex(at if at > 0 and self.found[at].usable else 0)
        self.blockSignals(False)

    def _remember(self, _index):
        if self.found:
            settings.set_value(SETTING, self.currentData() if self.currentIndex() > 0 else "")

    # -- the choice -------------------------------------------------------------------
    def python(self):
        """The executable to run lessons with, or None for the app's own interpreter."""
        if self.currentIndex() <= 0 or not self.found:
            return None
        return self.currentData()

    def current(self):
        """The chosen Interpreter, or None while they are being found."""
        index = self.currentIndex()
        return self.found[index] if 0 <= index < len(self.found) else None

    def select(self, executable):
        at = self.findData(executable)
        if at < 0:
            raise KeyError(f"{executable} is not in the list")
        self.setCurrentIndex(at)

    # -- texts ------------------------------------------------------------------------
    def _text(self, interpreter, own):
        label = interpreter.label.rsplit(" · ", 1)[0]
        if own:
            return translate("InterpreterChoice", "{label} (this app's)").format(label=label)
        if not interpreter.usable:
            return translate("InterpreterChoice", "{label}: too old").format(label=label)
        return f"{label} · {interpreter.source}"

    def retranslate(self):
        self.setToolTip(translate("InterpreterChoice", "The Python that runs the lesson"))
        if not self.found:
            self.clear()
            self.addItem(translate("InterpreterChoice", "this app's Python"))
        else:
            current = self.currentIndex()
            self._fill(self.found)
            self.setCurrentIndex(current)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
