"""The web server lesson's tab: the URL the lesson's server listens on, large, and a button
that opens it in the user's browser while the server runs. In the window the server stays up
after its clients until Stop; once the clients are done, the tab says so and shows the
lesson's sentence on the banner.

While the lesson runs, the URL comes from the mark it sets when it starts serving
(``probe.mark("Serving on http://127.0.0.1:PORT/")``); at the end, from its figure ``url``.
Views read the model and the figures, never the console.
"""
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import run_of, unit
from gui.views.lesson_panel import LessonPanel, mark_text

PREFIX = "Serving on "
FONT_PT = 15
WAITING = QT_TRANSLATE_NOOP("WebPanel", "The server has not started yet.")
STOPPED = QT_TRANSLATE_NOOP("WebPanel", "The server has stopped: run the lesson again to open "
                                        "it in your browser.")
RUNNING = QT_TRANSLATE_NOOP("WebPanel", "Open the page yourself while the server runs: your "
                                        "browser's request appears on the timeline too. Try "
                                        "/hello/yourname.")
SERVING = QT_TRANSLATE_NOOP("WebPanel", "The clients are done. The server stays up until you "
                                        "press Stop: open it in your browser, and watch your "
                                        "request on the timeline. Try /hello/yourname.")


def served_url(model):
    """The URL of the lesson's server from its "Serving on ..." mark, or ''."""
    return mark_text(model, PREFIX)


class WebPanel(LessonPanel):
    """The server's URL and an "Open in your browser" button, live while the lesson runs."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Server")

    def __init__(self, lesson_id, parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.url = ""
        self.clients_done = False           # the figures came while the server runs on
        self._seen = None
        self.link = QLabel()
        self.link.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link.setStyleSheet(f"font-size: {FONT_PT + 7}pt; font-family: monospace;")
        self.button = QPushButton()
        self.button.setStyleSheet(f"font-size: {FONT_PT + 2}pt; padding: 12px 24px;")
        self.button.setEnabled(False)
        self.button.clicked.connect(self.open_in_browser)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet(f"font-size: {FONT_PT - 1}pt;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.link)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self):
        """Every text in the current language."""
        self.button.setText(translate("WebPanel", "Open in your browser"))
        self._show()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.url, self._seen = session, "", None
        self.clients_done = False
        self._show()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is not None and not self.url:
            self.url = served_url(model)
        if model is not None and not self.clients_done and "answered" in model.result \
                and self.live():
            self.clients_done = True        # the server stays up: say what the clients saw
            sentence = unit(self.lesson_id).sentence(run_of(self.session))
            if sentence:
                self.attention.emit(sentence)
        self._show()

    def finish(self, run):
        self.url = run.result.get("url") or self.url or served_url(run.model)
        self._show()

    # -- view -------------------------------------------------------------------------
    def live(self):
        """True while the lesson (and so its server) is running."""
        run = self.session.run if self.session is not None else None
        return run is not None and run.running

    def _show(self):
        live = self.live()
        self.link.setText(self.url or translate("WebPanel", WAITING))
        self.button.setEnabled(bool(self.url) and live)
        if self.url:
            note = (SERVING if self.clients_done else RUNNING) if live else STOPPED
            self.note.setText(translate("WebPanel", note))
        else:
            self.note.setText("")

    def target(self):
        """The address the button opens (tests check it instead of opening a browser)."""
        return QUrl(self.url)

    def open_in_browser(self):
        if self.url and self.live():
            QDesktopServices.openUrl(self.target())
