"""The lesson's process tree as a table: PID, PPID, name, threads and CPU %, indented by parent.
It takes the theme's paper and inks with `apply_look`; a busy process stands out in the
theme's colour of "this lesson"."""

from __future__ import annotations

from typing import Dict, List

from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views import palette

from .core_usage import ProcessRow

LESSON_VERMILION = "#D55E00"  # Okabe-Ito vermilion: a busy process
INK = "#1a1a1a"
COLUMNS = ("PID", "PPID", QT_TRANSLATE_NOOP("ProcessTable", "name"),
           QT_TRANSLATE_NOOP("ProcessTable", "threads"), "CPU %")
_NUMERIC = {1, 3, 4}  # right-aligned; PID stays left so the tree's indentation shows


def font(pt: float, bold: bool = False) -> QtGui.QFont:
    result = QtGui.QFont()
    result.setPointSizeF(pt)
    result.setBold(bold)
    return result


class ProcessTable(QtWidgets.QTreeWidget):
    """Updates rows in place while the tree keeps its shape, so selection and scrolling
    survive the once-a-second rescans."""

    def __init__(self, pt: int, parent=None):
        super().__init__(parent)
        self._items: Dict[int, QtWidgets.QTreeWidgetItem] = {}
        self._shape: list = []
        self._rows: List[ProcessRow] = []
        self._ink, self._busy = QtGui.QColor(INK), QtGui.QColor(LESSON_VERMILION)
        self.setFont(font(pt))
        self.header().setFont(font(pt, bold=True))
        self.setColumnCount(len(COLUMNS))
        self.retranslate()
        self.setRootIsDecorated(True)
        self.setIndentation(22)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(110)
        self.setStyleSheet("QTreeView::item { padding: 1px 8px; }")  # air between columns
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(80)
        for col in range(len(COLUMNS)):
            mode = QtWidgets.QHeaderView.ResizeMode
            header.setSectionResizeMode(col, mode.Stretch if col == 2 else mode.ResizeToContents)
            if col in _NUMERIC:
                self.headerItem().setTextAlignment(col, QtCore.Qt.AlignmentFlag.AlignRight)

    def retranslate(self):
        self.setHeaderLabels([translate("ProcessTable", c) for c in COLUMNS])

    def apply_look(self, theme) -> None:
        """The paper, ink and header of a ``gui.views.palette.Theme``; rows shown are
        coloured again."""
        self.setPalette(palette.qt_palette(theme))
        self.header().setPalette(palette.qt_palette(theme))
        self._ink = QtGui.QColor(theme.ink)
        self._busy = palette.readable(theme.hex("cpu_lesson"), theme.base)
        for row in self._rows:
            self._fill(self._items[row.pid], row)

    def show_rows(self, rows: List[ProcessRow]) -> None:
        """Update items in place while the tree's shape holds (keeps selection and
        scrolling); rebuild it when a process came, went or changed parent."""
        shape = [(row.pid, row.ppid, row.depth) for row in rows]
        if shape != self._shape:
            self._shape = shape
            self.clear()                     # deletes every item, children included
            self._items = {}
            for row in rows:
                item = QtWidgets.QTreeWidgetItem()
                for col in _NUMERIC:
                    item.setTextAlignment(col, QtCore.Qt.AlignmentFlag.AlignRight)
                parent = self._items.get(row.ppid) if row.depth > 0 else None
                if parent is None:
                    self.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                    parent.setExpanded(True)
                self._items[row.pid] = item
        self._rows = list(rows)
        for row in rows:
            self._fill(self._items[row.pid], row)

    def _fill(self, item: QtWidgets.QTreeWidgetItem, row: ProcessRow) -> None:
        values = (str(row.pid), str(row.ppid), row.name, str(row.threads),
                  f"{row.cpu_percent:.0f}")
        for col, text in enumerate(values):
            if item.text(col) != text:
                item.setText(col, text)
        busy = row.cpu_percent >= 50  # a process burning at least half a core stands out
        item.setForeground(4, self._busy if busy else self._ink)
        font = item.font(4)
        font.setBold(busy)
        item.setFont(4, font)
