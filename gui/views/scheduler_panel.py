"""The "You are the scheduler" tab: the goal, the move counter, the step unit and the switch
rules, one card per stepped thread, the shared state beside them, and the reveal (the race
tab's t1/t2 table, the wait-for graph, or why the lock held). Views only: the controller
(`gui.scheduler_mode`) feeds it the stepped run's state and says what to show.
"""
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons.threads.deadlock.tab import WaitForView
from gui.lessons.threads.race.table import table_rows
from gui.views.scheduler_threads import GREY, VERMILLION, ThreadCard

GREEN = "#009E73"
UNITS = (("instruction", QT_TRANSLATE_NOOP("Scheduler", "instruction")),
         ("line", QT_TRANSLATE_NOOP("Scheduler", "line")))
RULES = (("cpython", QT_TRANSLATE_NOOP("Scheduler", "This CPython")),
         ("any", QT_TRANSLATE_NOOP("Scheduler", "Any machine")))
LOST_ROW = "#FAD9C4"


def _font(points, bold=False):
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _label(points, bold=False):
    label = QLabel()
    label.setWordWrap(True)
    label.setFont(_font(points, bold))
    return label


class SchedulerPanel(QWidget):
    """What a student sees while being the scheduler; it asks, the controller does."""

    step_requested = Signal(int)
    start_requested = Signal()
    stop_requested = Signal()
    replay_requested = Signal(float)        # steps a second
    give_up_requested = Signal()            # show the answer to the class's question now

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("schedulerPanel")
        self.goal = _label(16, bold=True)
        self.moves = _label(16, bold=True)
        self.unit, self.rules = QComboBox(), QComboBox()
        self.unit_label, self.rules_label = QLabel(), QLabel()
        self.unit_label.setBuddy(self.unit)
        self.rules_label.setBuddy(self.rules)
        self.start_button, self.stop_button = QPushButton(), QPushButton()
        self.give_up = QPushButton()
        self.give_up.setObjectName("schedulerGiveUp")
        self.give_up.setVisible(False)
        self.give_up.clicked.connect(self.give_up_requested)
        self.replay_button, self.speed = QPushButton(), QDoubleSpinBox()
        self.speed.setRange(0.5, 20.0)
        self.speed.setValue(2.0)
        self.start_button.clicked.connect(self.start_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.replay_button.clicked.connect(lambda: self.replay_requested.emit(self.speed.value()))
        self.cards_row = QHBoxLayout()
        self.cards = []
        self.shared = _label(15, bold=True)
        self.locks = _label(14)
        self.graph = WaitForView()
        self.graph.setVisible(False)
        self.message = _label(14, bold=True)
        self.table = self._make_table()
        self._build()
        for no in range(1, 10):
            key = QShortcut(QKeySequence(str(no)), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda no=no: self.step_requested.emit(no))
        self._said = (lambda: "", GREY)
        self.retranslate()

    def _build(self):
        top = QHBoxLayout()
        top.addWidget(self.goal, 1)
        top.addWidget(self.moves)
        top.addWidget(self.start_button)
        top.addWidget(self.stop_button)
        controls = QHBoxLayout()
        for widget in (self.unit_label, self.unit, self.rules_label, self.rules):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.give_up)
        side = QVBoxLayout()
        side.addWidget(self.shared)
        side.addWidget(self.locks)
        side.addWidget(self.replay_button)
        side.addWidget(self.speed)
        side.addWidget(self.graph, 1)
        side.addStretch(0)
        body = QHBoxLayout()
        body.addLayout(self.cards_row, 6)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 2)         # the reveal, right under what it says
        layout.addLayout(body, 3)

    def _make_table(self):
        table = QTableWidget(0, 4)
        table.setObjectName("schedulerReveal")
        table.setFont(_font(13))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 3):                   # step and balance: as wide as their numbers
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setMinimumHeight(150)
        table.setVisible(False)
        return table

    def retranslate(self):
        for combo, choices in ((self.unit, UNITS), (self.rules, RULES)):
            chosen = combo.currentIndex()
            combo.clear()
            for key, text in choices:
                combo.addItem(translate("Scheduler", text), key)
            combo.setCurrentIndex(max(chosen, 0))
        self.unit_label.setText(translate("Scheduler", "One &step:"))
        self.rules_label.setText(translate("Scheduler", "S&witches:"))
        self.unit.setToolTip(translate("Scheduler", "A step is one bytecode instruction or one "
                                                    "source line (applies from the next start)"))
        self.rules.setToolTip(translate(
            "Scheduler", "This CPython: a switch only where this interpreter can hand the GIL "
                         "over (⇄ in the listing). Any machine: a switch may happen anywhere, "
                         "as on a free-threaded build or in other languages."))
        self.start_button.setText(translate("Scheduler", "↺  Start again"))
        self.stop_button.setText(translate("Scheduler", "■  Stop"))
        self.give_up.setText(translate("Scheduler", "&Give up: show the answer"))
        self.give_up.setToolTip(translate("Scheduler", "Reveal the answer to the class's "
                                                       "question now (Alt+G)"))
        self.replay_button.setText(translate("Scheduler", "Replay the real run"))
        self.replay_button.setToolTip(translate(
            "Scheduler", "Step through an interleaving recorded from a real run of the widened "
                         "race, at this many steps a second"))
        self.speed.setSuffix(translate("Scheduler", " steps/s"))
        self.table.setHorizontalHeaderLabels([
            translate("RacePanel", "step"), translate("RacePanel", "t1 (adds 5)"),
            translate("RacePanel", "t2 (adds 8)"), translate("RacePanel", "balance")])
        for card in self.cards:
            card.retranslate()
        self.say(*self._said)

    def choice(self):
        """(unit, rules) as chosen."""
        return self.unit.currentData(), self.rules.currentData()

    def set_lesson(self, goal_text, can_replay):
        self.goal.setText(goal_text)
        self.replay_button.setVisible(can_replay)
        self.speed.setVisible(can_replay)

    def set_threads(self, names, listing, lines):
        """New cards, one per stepped thread."""
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for no, name in enumerate(names, 1):
            card = ThreadCard(no, name)
            card.set_code(listing, lines)
            card.step_requested.connect(self.step_requested)
            self.cards_row.addWidget(card, 1)
            self.cards.append(card)
        self.table.setVisible(False)
        self.graph.setVisible(False)

    def show_state(self, state, shared, locks):
        moves = state.get("moves", 0)
        self.moves.setText(translate("Scheduler", "%n move(s)", None, moves))
        for card, thread in zip(self.cards, state.get("threads", [])):
            card.show(thread)
        self.shared.setText(shared)
        self.shared.setVisible(bool(shared))
        self.locks.setText(locks)
        self.locks.setVisible(bool(locks))

    def show_give_up(self, shown):
        """The button that reveals the class's answer, while one waits to be revealed."""
        self.give_up.setVisible(shown)

    def set_running(self, running):
        self.stop_button.setEnabled(running)
        for card in self.cards:
            card.button.setEnabled(running and card.button.isEnabled())

    def say(self, words, colour=GREY):
        """Show `words()` (a function, so a language switch says it again) in `colour`."""
        self._said = (words, colour)
        self.message.setText(words())
        self.message.setStyleSheet(f"color: {colour};")

    def refuse(self, words):
        self.say(words, VERMILLION)

    def reveal_race(self, steps, caption):
        """The interleaving that made the balance wrong, in the race tab's t1/t2 table."""
        self.say(lambda: caption, VERMILLION)
        rows = table_rows(steps)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.step, row.t1, row.t2, row.balance)):
                item = QTableWidgetItem(text)
                if row.lost:
                    item.setBackground(QBrush(QColor(LOST_ROW)))
                self.table.setItem(r, c, item)
        self.table.setVisible(True)
        self.table.scrollToBottom()

    def reveal_graph(self, graph, cycle):
        self.graph.show_graph(graph, cycle)
        self.graph.setVisible(True)

    def hide_reveal(self):
        self.table.setVisible(False)
        self.graph.setVisible(False)

