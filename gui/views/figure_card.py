"""The big-number cards of the close-up tabs (the GIL's, the task switches'): one figure of
the run over a one-line caption, and the word-wrapped labels they are made of."""
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

FONT_PT = 14                # the tabs' text at 100 % (the look scales it)
VALUE_COLOUR = "#0072B2"    # Okabe-Ito blue: the figure itself


class FigureCard(QFrame):
    """One big number over a one-line caption."""

    def __init__(self):
        super().__init__()
        self.setObjectName("figureCard")
        self.setStyleSheet("QFrame#figureCard { background: #F4F4F4; border-radius: 6px; }")
        self.value = label_widget("…", FONT_PT + 10, bold=True, colour=VALUE_COLOUR)
        self.value.setWordWrap(False)
        self.caption = label_widget("", FONT_PT - 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value, caption):
        self.value.setText(value)
        self.caption.setText(caption)


def label_widget(text, point_size, bold=False, colour=None):
    """A word-wrapped label of `point_size` points at 100 %."""
    label = QLabel(text)
    label.setWordWrap(True)
    style = f"font-size: {point_size}pt;" + (" font-weight: bold;" if bold else "")
    label.setStyleSheet(style + (f" color: {colour};" if colour else ""))
    return label
