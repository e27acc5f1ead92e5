"""Help › Check this computer: the pre-class check in the window.

The same loop as `concurrency-lab check` (`gui/check.py`), on the window's qasync loop: all
lessons or the current one, each check run a few times, a progress bar with the run going on,
and the table (lesson, claim, held n/N, what to do) filling as each row is done. A row that
did not hold in every run says so in words and stands out in the theme's warning colours.
The dialog is modal and the window's Run is refused while a check runs: a lesson started
beside the check would take the cores the check measures. Stop and Close end the current
lesson's whole process tree.
"""
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QButtonGroup, QDialog, QHBoxLayout, QHeaderView, QLabel, \
    QProgressBar, QPushButton, QRadioButton, QSpinBox, QStyledItemDelegate, \
    QStyleOptionViewItem, QTableWidget, QTableWidgetItem, QVBoxLayout

from gui import check
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.tasks import spawn
from gui.views import palette

HEADS = (QT_TRANSLATE_NOOP("CheckDialog", "Lesson"), QT_TRANSLATE_NOOP("CheckDialog", "Claim"),
         QT_TRANSLATE_NOOP("CheckDialog", "Held"),
         QT_TRANSLATE_NOOP("CheckDialog", "What to do"))
TEXT_PT = 13                    # readable from the back of a classroom
PAD = 8                         # pixels around a cell's text


class PaddedCell(QStyledItemDelegate):
    """Room around each cell's wrapped text. (A style sheet's item padding would do it, but
    Qt then measures wrapped text as if it had the whole cell, and clips its last line.)"""

    def sizeHint(self, option, index):
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(PAD, 0, -PAD, 0)
        size = super().sizeHint(inner, index)
        return QSize(size.width() + 2 * PAD, size.height() + 2 * PAD)

    def paint(self, painter, option, index):
        back = index.data(Qt.ItemDataRole.BackgroundRole)
        if back is not None:
            painter.fillRect(option.rect, back)
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        super().paint(painter, inner, index)


def show_check(window):
    """Open the check dialog over `window` (one per window)."""
    dialog = getattr(window, "check_dialog", None)
    if dialog is None:
        dialog = window.check_dialog = CheckDialog(window)
        window.run_gates.append(dialog.refuse_run)
    dialog.choose_lesson(window.lessons.current_lesson())
    dialog.show()
    dialog.raise_()
    return dialog


class CheckDialog(QDialog):
    """Choose, Start, watch the progress, read the table; Stop or Close at any time."""

    def __init__(self, window):
        super().__init__(window)
        self.job = None                 # the running `check.Check`
        self.task = None
        self._closing = False
        self._lesson = None             # the window's current lesson when opened
        self._planned = []              # the lessons the check will fill rows for
        self.setModal(True)
        self.resize(1200, 680)
        self._build()
        self.retranslate()

    def _build(self):
        self.intro = QLabel(wordWrap=True)
        self.all_lessons, self.this_lesson = QRadioButton(), QRadioButton()
        self.all_lessons.setChecked(True)
        self._scope = QButtonGroup(self)
        for button in (self.all_lessons, self.this_lesson):
            self._scope.addButton(button)
        self.times = QSpinBox(minimum=1, maximum=check.MOST_TIMES, value=check.TIMES)
        self.times_label = QLabel()
        self.progress = QProgressBar(textVisible=True)
        self.current = QLabel(wordWrap=True)
        self.table = QTableWidget(0, len(HEADS))
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegate(PaddedCell(self.table))
        header = self.table.horizontalHeader()
        for column, mode in enumerate(("Interactive", "Stretch", "Interactive", "Stretch")):
            header.setSectionResizeMode(column, getattr(QHeaderView.ResizeMode, mode))
        self.summary = QLabel(wordWrap=True)
        self.start_button, self.stop_button, self.close_button = (QPushButton() for _ in "123")
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.close)
        self.stop_button.setEnabled(False)
        for widget in (self.intro, self.current, self.summary, self.table, self.all_lessons,
                       self.this_lesson, self.times_label, self.times, self.progress):
            font = widget.font()
            font.setPointSize(TEXT_PT)
            widget.setFont(font)
        header.setFont(self.table.font())
        # wrapped texts need their rows' heights again whenever a column's width changes
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self._lay_out()

    def _lay_out(self):
        choose = QHBoxLayout()
        for widget in (self.all_lessons, self.this_lesson):
            choose.addWidget(widget)
        choose.addSpacing(24)
        choose.addWidget(self.times_label)
        choose.addWidget(self.times)
        choose.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(choose)
        layout.addWidget(self.progress)
        layout.addWidget(self.current)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

    def retranslate(self):
        self.setWindowTitle(translate("CheckDialog", "Check this computer"))
        self.intro.setText(translate(
            "CheckDialog", "Before class: each lesson runs with short settings, a few times, "
                           "and its claim (what the class should see) is checked on this "
                           "computer. A row that did not hold says what to do."))
        self.all_lessons.setText(translate("CheckDialog", "All lessons"))
        self.this_lesson.setText(translate("CheckDialog", "This lesson: {lesson}").format(
            lesson=self._lesson or "—"))
        self.times_label.setText(translate("CheckDialog", "Runs of each:"))
        self.start_button.setText(translate("CheckDialog", "Start"))
        self.stop_button.setText(translate("CheckDialog", "Stop"))
        self.close_button.setText(translate("CheckDialog", "Close"))
        self.table.setHorizontalHeaderLabels([translate("CheckDialog", h) for h in HEADS])
        self.progress.setFormat(translate("CheckDialog", "%v of %m runs"))
        for index in range(self.table.rowCount()):
            self._held_cell(index)
        self._fit_columns()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def choose_lesson(self, lesson_id):
        """The window's current lesson, offered as "This lesson" (not while a check runs)."""
        if self.job is None:
            self._lesson = lesson_id
            self.this_lesson.setEnabled(bool(lesson_id))
            self.retranslate()

    # -- the check ------------------------------------------------------------------------
    @property
    def running(self):
        return self.job is not None

    def start(self):
        """Start the check of the chosen lessons; refused while the window runs a lesson."""
        if self.running:
            return None
        window = self.parentWidget()
        if window.runner.busy:
            self.current.setText(translate("CheckDialog", "A lesson is running in the window: "
                                                          "stop it first, the check needs the "
                                                          "cores to itself."))
            return None
        ids = [self._lesson] if self.this_lesson.isChecked() and self._lesson else []
        try:
            lessons = check.lessons_to_check(ids)
        except (KeyError, ValueError) as exc:
            self.current.setText(str(exc.args[0] if exc.args else exc))
            return None
        self.table.setRowCount(0)
        self.summary.clear()
        self.job = check.Check(lessons, self.times.value(), self._progressed, self._add_row)
        self._planned = lessons
        self._fit_columns()
        self.progress.setRange(0, 0)    # busy until the plan says how many runs
        self.progress.setValue(0)
        self._set_running(True)
        self.task = spawn(self._run(self.job), "checking this computer")
        return self.task

    async def _run(self, job):
        try:
            rows = await job.run()
        finally:
            self.job = None
            self._set_running(False)
        if job.stopped:
            left = job.leftovers
            self.current.setText(translate("CheckDialog", "Stopped; still running: {pids}")
                                 .format(pids=left) if left else
                                 translate("CheckDialog", "Stopped; no process left behind."))
        else:
            self.current.setText(translate("CheckDialog", "Done."))
        self.summary.setText(check.summary(rows))
        if self._closing:               # Close came while it ran: it has stopped now
            self._closing = False
            self.close()

    def stop(self):
        """Stop the check; the current lesson's tree ends on the loop, not here."""
        if self.running and not self.job.stopped:
            self.current.setText(translate("CheckDialog", "Stopping…"))
            self.stop_button.setEnabled(False)
            spawn(self.job.stop(), "stopping the check")

    def _set_running(self, on):
        self.start_button.setEnabled(not on)
        self.stop_button.setEnabled(on)
        for widget in (self.all_lessons, self.this_lesson, self.times):
            widget.setEnabled(not on and (widget is not self.this_lesson or bool(self._lesson)))

    def _progressed(self, done, total, what):
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if what:
            self.current.setText(what)

    def _add_row(self, row):
        index = self.table.rowCount()
        self.table.insertRow(index)
        texts = (row.name, row.claim or translate("CheckDialog", "(no claim to check)"), "",
                 "\n".join(row.advice) or "—")
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.table.setItem(index, column, item)
        self._held_cell(index)
        self.table.resizeRowsToContents()
        self.table.scrollToBottom()

    def _fit_columns(self):
        """The lesson and held columns as wide as their widest text will be (a variant wraps
        under its lesson id), set before the rows come: a column that grew later would leave
        the rows above it too short for their wrapped claims."""
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        most = check.MOST_TIMES
        held = max(QFontMetrics(bold).horizontalAdvance(
            translate("CheckDialog", words).format(held=most, total=most))
            for words in ("✗ {held}/{total} failed", "✓ {held}/{total} held"))
        lesson = max([metrics.horizontalAdvance(item.id) for item in self._planned]
                     + [metrics.horizontalAdvance(translate("CheckDialog", HEADS[0]))])
        self.table.setColumnWidth(0, lesson + 24)
        self.table.setColumnWidth(2, held + 24)

    def _held_cell(self, index):
        """The held column of row `index` in words, and a failed row in warning colours."""
        row = self.table.item(index, 0).data(Qt.ItemDataRole.UserRole)
        words = translate("CheckDialog", "✗ {held}/{total} failed") if row.failed else \
            translate("CheckDialog", "✓ {held}/{total} held")
        held = self.table.item(index, 2)
        held.setText(words.format(held=row.held, total=row.total))
        font = QFont(held.font())
        font.setBold(row.failed)
        held.setFont(font)
        if row.failed:
            theme = palette.current()
            for column in range(self.table.columnCount()):
                item = self.table.item(index, column)
                back, ink = ("stop", "stop_ink") if column == 2 else ("banner", "banner_ink")
                item.setBackground(QBrush(QColor(theme.hex(back))))
                item.setForeground(QBrush(QColor(theme.hex(ink))))

    def refuse_run(self, lesson_id, values):
        """A run gate of the window: no lesson starts while the check runs."""
        if not self.running:
            return False
        window = self.parentWidget()
        window.say(translate("CheckDialog", "The computer is being checked: stop the "
                                                 "check (Help › Check this computer) first."))
        return True

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event):
        if not self.running:
            event.accept()
            return
        event.ignore()                  # stop the lesson's tree first, then close
        self._closing = True
        self.stop()

    def reject(self):
        """Escape: as Close, so a running check is stopped first."""
        self.close()
