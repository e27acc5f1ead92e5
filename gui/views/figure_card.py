"""The pieces the close-up tabs (the GIL's, the task switches') share: big-number cards (one
figure of the run over a one-line caption), the word-wrapped labels they are made of, and the
close-up plot itself (named rows down the left, time along the bottom, no mouse zoom)."""
import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from gui.views.lane_axis import INK, LaneAxis

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


def close_up_plot(item):
    """A white plot drawing `item` (its x in the close-up's own unit, row i at y in [i, i+1)),
    rows top down. Returns (plot, lane axis, bottom axis, view box)."""
    font = QFont()
    font.setPointSize(FONT_PT - 1)
    lane_axis = LaneAxis(FONT_PT - 1)
    bottom = pg.AxisItem("bottom")
    bottom.setStyle(tickFont=font)
    bottom.setPen(INK)
    bottom.setTextPen(INK)
    plot = pg.PlotWidget(background="w", axisItems={"left": lane_axis, "bottom": bottom})
    plot_item = plot.getPlotItem()
    plot_item.hideButtons()
    plot_item.setMenuEnabled(False)
    viewbox = plot_item.getViewBox()
    viewbox.invertY(True)
    viewbox.setMouseEnabled(x=False, y=False)
    viewbox.disableAutoRange()
    plot_item.addItem(item)
    return plot, lane_axis, bottom, viewbox
