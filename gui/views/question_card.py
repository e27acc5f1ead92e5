"""The question card of "predict, then reveal" (gui/predict.py drives it), large enough to read
from the back row. It floats over the panes under the timeline (the run has not started, or
has ended), never over the run itself, to ask (the question and numbered choices) and to
reveal (the right choice in green, the class's choice marked, the measured result in words);
while the lesson runs, a one-line note above the timeline says what the class chose. Colours
from the Okabe-Ito palette, with ✓ and ✗ for those who cannot tell green from vermillion.
"""
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from gui.i18n import translate

BLUE, GREEN, VERMILLION, GREY = "#0072B2", "#009E73", "#D55E00", "#8A8A8A"


class ChoiceBox(QFrame):
    """One choice: its number, its text and, after the reveal, a tag ("right answer")."""
    clicked = Signal(int)

    def __init__(self, index, text, scale=1.0):
        super().__init__()
        self.index, self.scale = index, scale
        self.setObjectName("choice")
        self.setCursor(Qt.PointingHandCursor)
        self.number = QLabel(str(index + 1))
        self.number.setAlignment(Qt.AlignCenter)
        self.number.setFixedSize(round(44 * scale), round(44 * scale))
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.tag = QLabel()
        self.tag.setVisible(False)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.text)
        column.addWidget(self.tag)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 12, 8)
        row.addWidget(self.number, 0, Qt.AlignTop)
        row.addLayout(column, 1)
        self.paint(BLUE, "white", 2, "#1a1a1a", 18)

    def paint(self, border, background, width, text_colour, points, tag=""):
        points = round(points * self.scale)
        self.setStyleSheet(f"QFrame#choice {{ border: {width}px solid {border}; border-radius:"
                           f" 8px; background: {background}; }}")
        self.number.setStyleSheet(f"background: {border}; color: white; border-radius:"
                                  f" {self.number.width() // 2}px;"
                                  f" font-size: {points}pt; font-weight: bold;")
        self.text.setStyleSheet(f"color: {text_colour}; font-size: {points}pt;")
        self.tag.setText(tag)
        self.tag.setVisible(bool(tag))
        self.tag.setStyleSheet(f"color: {border}; font-size: {points - 2}pt;"
                               " font-weight: bold;")

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.index)
        super().mouseReleaseEvent(event)


class QuestionCard(QFrame):
    """Floats over `host` (the lesson's text and the CPU graphs under the timeline), as
    wide as it and at least as tall: the timeline stays in view while the class answers and
    when the answer is revealed."""
    TOP = 40            # pixels of the window above the card at most: the menu bar
    chosen = Signal(int)
    skipped = Signal()
    dismissed = Signal()

    def __init__(self, parent):
        super().__init__(parent)
        self.host = None
        self.scale = 1.0            # presentation mode and zoom make every text larger
        self.setObjectName("questionCard")
        self.setFocusPolicy(Qt.StrongFocus)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.skip = QPushButton()
        self.skip.setObjectName("predictSkip")
        self.skip.clicked.connect(self.skipped)
        self.close_button = QPushButton("×")
        self.close_button.setObjectName("predictClose")
        self.close_button.clicked.connect(self.dismissed)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.skip)
        top.addWidget(self.close_button)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        self.verdict = QLabel()
        self.verdict.setObjectName("predictVerdict")
        self.verdict.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 14)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addLayout(self.grid)
        layout.addWidget(self.verdict)
        self.boxes, self.columns = [], 0
        self.state = "hidden"
        self.hide()
        self.retranslate()

    def _pt(self, points):
        return round(points * self.scale)

    def _style(self):
        self.setStyleSheet(f"QFrame#questionCard {{ background: #EAF2FA; border: 3px solid {BLUE};"
                           f" border-left-width: 10px; }} QPushButton {{ font-size:"
                           f" {self._pt(14)}pt; padding: 6px 16px; }}")
        self.header.setStyleSheet(f"color: {BLUE}; font-size: {self._pt(15)}pt; font-weight: bold;")
        self.close_button.setStyleSheet(f"font-size: {self._pt(18)}pt; padding: 0 12px;")

    def retranslate(self):
        self.skip.setText(translate("Predict", "Skip ▶"))
        self.skip.setToolTip(translate("Predict", "Run without asking the class"))
        self.close_button.setToolTip(translate("Predict", "Close"))
        self.header.setText({
            "ask": translate("Predict", "Ask the class: what will happen? (keys 1–{n})"
                             ).format(n=len(self.boxes)),
            "done": translate("Predict", "What really happened")}.get(self.state, ""))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- placement ------------------------------------------------------------------------
    def follow(self, host):
        """Float over `host` from now on, following its moves and resizes."""
        self.host = host
        host.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event):
        if watched is self.host and event.type() in (QEvent.Resize, QEvent.Move, QEvent.Show):
            self.fit()
        return False

    def fit(self):
        """Cover `host` (the panes under the timeline), as wide as it; a card taller than
        it grows upwards from its bottom edge, so the timeline keeps as much as it can."""
        if self.host is None or self.state == "hidden":
            return
        corner = self.host.mapTo(self.parentWidget(), QPoint(0, 0))
        width = self.host.width()
        self._arrange(width)
        bottom = corner.y() + self.host.height()
        height = max(self.host.height(), min(self.heightForWidth(width), bottom - self.TOP))
        self.setGeometry(corner.x(), bottom - height, width, height)
        self.raise_()

    def _arrange(self, width):
        """Choices side by side (two by two for four), one under another when narrow."""
        most = 2 if len(self.boxes) == 4 else min(3, len(self.boxes))
        columns = max(1, min(most, width // round(260 * self.scale)))
        if columns == self.columns:
            return
        self.columns = columns
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for i, box in enumerate(self.boxes):
            self.grid.removeWidget(box)
            self.grid.addWidget(box, i // columns, i % columns)

    # -- states ---------------------------------------------------------------------------
    def _show(self, state, question):
        self.state = state
        self._style()
        for box in self.boxes:
            self.grid.removeWidget(box)
            box.deleteLater()
        self.boxes = [ChoiceBox(i, text, self.scale) for i, text in enumerate(question.choices)]
        self.columns = 0
        for box in self.boxes:
            box.clicked.connect(self._clicked)
            if state != "ask":
                box.paint(GREY, "white", 2, "#666666", 16)
        self.question.setText(question.text)
        self.question.setStyleSheet(f"font-size: {self._pt(22 if state == 'ask' else 17)}pt;"
                                    " font-weight: bold; color: #1a1a1a;")
        self.skip.setVisible(state == "ask")
        self.verdict.setVisible(state == "done")
        self.retranslate()
        self.show()
        self.fit()
        QTimer.singleShot(0, self.fit)          # again once the new texts are laid out

    def _clicked(self, index):
        if self.state == "ask":
            self.chosen.emit(index)

    def ask(self, question):
        self._show("ask", question)
        self.setFocus()

    def reveal(self, question, choice, right, measured):
        """Mark the right choice and the class's; `right` is None when the run cannot tell."""
        self._show("done", question)
        for box in self.boxes:
            i = box.index
            mine = translate("Predict", "your class") if i == choice else ""
            if i == right:
                tag = translate("Predict", "✓ right answer") + (f" · {mine}" if mine else "")
                box.paint(GREEN, "#DDF3EB", 5, "#1a1a1a", 16, tag)
            elif i == choice and right is not None:
                box.paint(VERMILLION, "#FBE4D6", 5, "#1a1a1a", 16, "✗ " + mine)
            elif i == choice:
                box.paint(BLUE, "#D6E9F8", 4, "#1a1a1a", 16, mine)
        words = translate("Predict", "Measured: {measured}.").format(measured=measured)
        if right is None:
            self._say(words + " " + translate("Predict", "This run cannot tell which answer is "
                                              "right."), BLUE)
        elif choice is None:
            self._say(words, GREEN)
        elif choice == right:
            self._say("✓ " + translate("Predict", "Right!") + " " + words, GREEN)
        else:
            self._say("✗ " + translate("Predict", "You said {number}.").format(
                number=choice + 1) + " " + words, VERMILLION)

    def nothing(self, question, choice, reason):
        """The run ended without an answer: say so, and mark only the class's choice."""
        self.reveal(question, choice, None, "")
        self._say(reason, "#1a1a1a")

    def hide_card(self):
        self.state = "hidden"
        self.hide()

    def _say(self, text, colour):
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"font-size: {self._pt(20)}pt; font-weight: bold;"
                                   f" color: {colour};")
        self.fit()


class RunNote(QLabel):
    """One line above the timeline while the lesson runs: what the class chose."""

    def __init__(self):
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def say(self, question, choice, scale=1.0):
        self.setStyleSheet(f"color: {BLUE}; font-size: {round(16 * scale)}pt; font-weight: bold;"
                           f" background: #EAF2FA; border-left: 10px solid {BLUE};"
                           " padding: 4px 12px;")
        if choice is None:
            self.setText(translate("Predict", "No prediction: the answer comes at the end."))
        else:
            self.setText(translate("Predict", "Your class said {number}: “{choice}”. The answer "
                                   "comes at the end.").format(number=choice + 1,
                                                               choice=question.choices[choice]))
        self.show()
