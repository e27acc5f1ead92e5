"""The lessons grouped by chapter; only lessons that exist appear."""
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from gui.i18n import translate
from workloads import catalog


class LessonList(QTreeWidget):
    lesson_chosen = Signal(str)          # lesson id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setObjectName("lessonList")
        self._items = {}
        self._chapters = {}
        for chapter in catalog.CHAPTERS:
            lessons = [item for item in catalog.LESSONS if item.chapter == chapter]
            if not lessons:
                continue
            top = QTreeWidgetItem(self, [chapter])
            top.setFlags(Qt.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self._chapters[chapter] = top
            for item in lessons:
                child = QTreeWidgetItem(top, [item.title])
                child.setData(0, Qt.UserRole, item.id)
                if item.unavailable():          # e.g. fork() on Windows: say why, don't hide
                    child.setDisabled(True)
                self._items[item.id] = child
        self.retranslate()
        self.expandAll()
        self.currentItemChanged.connect(self._changed)

    def retranslate(self):
        for chapter, top in self._chapters.items():
            top.setText(0, translate("catalog", chapter))
        for lesson_id, child in self._items.items():
            item = catalog.lesson(lesson_id)
            title = translate("catalog", item.title)
            reason = item.unavailable()
            if reason:
                child.setText(0, translate("LessonList", "{title} (not on this system)")
                              .format(title=title))
                child.setToolTip(0, reason)
            else:
                child.setText(0, title)
                child.setToolTip(0, item.id)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def step(self, offset):
        """Select the next (offset 1) or previous (-1) lesson that can run here."""
        order = [i for i, child in self._items.items() if not child.isDisabled()]
        current = self.current_lesson()
        at = order.index(current) if current in order else -1
        target = order[max(0, min(len(order) - 1, at + offset))]
        self.select(target)
        return target

    def _changed(self, current, _previous):
        lesson_id = current.data(0, Qt.UserRole) if current else None
        if lesson_id:
            self.lesson_chosen.emit(lesson_id)

    def select(self, lesson_id):
        self.setCurrentItem(self._items[lesson_id])

    def current_lesson(self):
        item = self.currentItem()
        return item.data(0, Qt.UserRole) if item else None
