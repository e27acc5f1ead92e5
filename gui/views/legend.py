"""The state legend: a colour swatch and a plain-words label per span state.

Colours only teach if nobody has to remember what orange means, so the legend sits with the
timeline (also in exported pictures) and wraps onto more lines on narrow windows. It takes
the colours of a theme and a point size (zoom) with `apply_look`.
"""
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QWidget

from gui import i18n
from gui.views import palette
from gui.views.palette import ALIVE_LABEL, LEGEND_STATES, STATE_LABELS


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
            if hint.width() > area.width() and item.hasHeightForWidth():
                # wider than the legend (large text, narrow window): the label wraps
                hint = QSize(max(area.width(), 1), item.heightForWidth(max(area.width(), 1)))
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + 4, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class _Label(QLabel):
    """A label that wraps only when it must: its preferred size is one line of text."""

    def sizeHint(self):
        metrics, m = self.fontMetrics(), self.contentsMargins()
        return QSize(metrics.horizontalAdvance(self.text()) + 2 + m.left() + m.right(),
                     metrics.height() + m.top() + m.bottom())


class Legend(QWidget):
    """Swatches and labels for every state, on the timeline's background in a large font."""

    def __init__(self, parent=None, point_size=13, theme=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self._flow = FlowLayout(self)
        self._flow.setContentsMargins(8, 6, 8, 6)
        self.labels, self.swatches = [], []
        self.texts = [STATE_LABELS[code] for code in LEGEND_STATES] + [ALIVE_LABEL]
        for _ in self.texts:
            self._add()
        self.theme = None
        self.apply_look(theme or palette.LIGHT, point_size)
        self.retranslate()

    def apply_look(self, theme, point_size):
        """Colours of `theme` and text of `point_size` points."""
        self.theme = theme
        colours = self.palette()
        colours.setColor(QPalette.ColorRole.Window, theme.timeline)
        colours.setColor(QPalette.ColorRole.WindowText, theme.timeline_ink)
        self.setPalette(colours)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        self.setFont(font)
        for label in self.labels:
            label.setFont(font)         # a style sheet may have set the labels' own font
        self._swatch_h = max(14, int(self.fontMetrics().height() * 0.8))
        for code, swatch in zip(LEGEND_STATES, self.swatches):
            swatch.setPixmap(self._state_swatch(theme, code))
        self.swatches[-1].setPixmap(self._alive_swatch(theme))
        self._flow.invalidate()
        self.updateGeometry()

    def colours(self):
        """(label, QColor) of every entry as drawn now: what a student has to tell apart."""
        shown = [self.theme.state_colors[code] for code in LEGEND_STATES]
        return list(zip(self.texts, shown + [self.theme.lifetime]))

    def retranslate(self):
        for label, text in zip(self.labels, self.texts):
            label.setText(i18n.translate("States", text))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _state_swatch(self, theme, code):
        pixmap = self._pixmap()
        pixmap.fill(theme.state_colors[code])
        if theme.outline is not None:           # high contrast: a strong border, as on spans
            painter = QPainter(pixmap)
            painter.setPen(theme.outline_for(theme.state_colors[code]))
            painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
            painter.end()
        return pixmap

    def _alive_swatch(self, theme):
        """The thin bar behind the spans means "this process / thread exists"."""
        pixmap = self._pixmap()
        pixmap.fill(theme.timeline)
        painter = QPainter(pixmap)
        painter.fillRect(0, pixmap.height() // 2 - 2, pixmap.width(), 4, theme.lifetime)
        painter.end()
        return pixmap

    def _pixmap(self):
        return QPixmap(int(self._swatch_h * 1.6), self._swatch_h)

    def _add(self):
        entry = QWidget(self)
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        swatch = QLabel(entry)
        label = _Label(entry)
        label.setObjectName("legendLabel")
        label.setWordWrap(True)
        row.addWidget(swatch)
        row.addWidget(label)
        self._flow.addWidget(entry)
        self.swatches.append(swatch)
        self.labels.append(label)
