"""The lessons grouped by chapter; only lessons that exist appear."""
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from workloads import catalog


class LessonList(QTreeWidget):
    lesson_chosen = Signal(str)          # lesson id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setObjectName("lessonList")
        self._items = {}
        for chapter in catalog.CHAPTERS:
            lessons = [item for item in catalog.LESSONS if item.chapter == chapter]
            if not lessons:
                continue
            top = QTreeWidgetItem(self, [chapter])
            top.setFlags(Qt.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for item in lessons:
                child = QTreeWidgetItem(top, [item.title])
                child.setData(0, Qt.UserRole, item.id)
                child.setToolTip(0, item.id)
                reason = item.unavailable()
                if reason:                      # e.g. fork() on Windows: say why, don't hide
                    child.setText(0, f"{item.title} (not on this system)")
                    child.setToolTip(0, reason)
                    child.setDisabled(True)
                self._items[item.id] = child
        self.expandAll()
        self.currentItemChanged.connect(self._changed)

    def _changed(self, current, _previous):
        lesson_id = current.data(0, Qt.UserRole) if current else None
        if lesson_id:
            self.lesson_chosen.emit(lesson_id)

    def select(self, lesson_id):
        self.setCurrentItem(self._items[lesson_id])

    def current_lesson(self):
        item = self.currentItem()
        return item.data(0, Qt.UserRole) if item else None
