"""The state legend: a colour swatch and a plain-words label per span state.

Colours only teach if nobody has to remember what orange means, so the legend sits with the
timeline (also in exported pictures) and wraps onto more lines on narrow windows.
"""
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QWidget

from gui.views.palette import LEGEND_STATES, STATE_COLORS, STATE_LABELS
from gui.views.span_item import LIFETIME

TEXT = QColor("#202020")


class FlowLayout(QLayout):
    """Lays items out left to right and wraps to a new line when the width runs out."""

    def __init__(self, parent=None, spacing=18):
        super().__init__(parent)
        self._items = []
        self._gap = spacing

    def addItem(self, item):
        self._items.append(item)

    def count(self):
        return len(self._items)

    def itemAt(self, i):
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i):
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self):
        return self.minimumSize()

    def minimumSize(self):
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect, move):
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + 4, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class Legend(QWidget):
    """Swatches and labels for every state, on a light background in a large font."""

    def __init__(self, parent=None, point_size=13):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#FFFFFF"))
        palette.setColor(QPalette.ColorRole.WindowText, TEXT)
        self.setPalette(palette)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        self.setFont(font)
        self._flow = FlowLayout(self)
        self._flow.setContentsMargins(8, 6, 8, 6)
        self._swatch_h = max(14, int(self.fontMetrics().height() * 0.8))
        self.labels = []
        for code in LEGEND_STATES:
            pixmap = self._pixmap()
            pixmap.fill(STATE_COLORS[code])
            self._add(pixmap, STATE_LABELS[code])
        # the thin grey bar behind the spans means "this process / thread exists"
        pixmap = self._pixmap()
        pixmap.fill(QColor("#FFFFFF"))
        painter = QPainter(pixmap)
        painter.fillRect(0, pixmap.height() // 2 - 2, pixmap.width(), 4, LIFETIME)
        painter.end()
        self._add(pixmap, "alive")

    def _pixmap(self):
        return QPixmap(int(self._swatch_h * 1.6), self._swatch_h)

    def _add(self, pixmap, text):
        entry = QWidget(self)
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        swatch = QLabel(entry)
        swatch.setPixmap(pixmap)
        label = QLabel(text, entry)
        row.addWidget(swatch)
        row.addWidget(label)
        self._flow.addWidget(entry)
        self.labels.append(label)
