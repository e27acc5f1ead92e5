"""The lock lesson's tab: how long each thread held the lock and how long it waited for it
(live, from the trace), and what the lock cost: throughput with and without it, and the
counter each run ended with (from the lesson's figures), in numbers big enough for the back
row.
"""
import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QFrame, QGridLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from gui.trace.model import STATES
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons.threads.lock import cost_percent, counter_text, rate_text, runs
from gui.views.lesson_panel import LessonPanel
from gui.views.palette import STATE_HEX

HOLD, WAIT = STATES.index("lock.hold"), STATES.index("wait.lock")
COLUMNS = (QT_TRANSLATE_NOOP("LockPanel", "Thread"), QT_TRANSLATE_NOOP("LockPanel", "Times held"),
           QT_TRANSLATE_NOOP("LockPanel", "Holding"), QT_TRANSLATE_NOOP("LockPanel", "Waiting"),
           QT_TRANSLATE_NOOP("LockPanel", "Share waiting"))
CARDS = (("with", QT_TRANSLATE_NOOP("LockPanel", "With the lock"), STATE_HEX[HOLD]),
         ("without", QT_TRANSLATE_NOOP("LockPanel", "Without the lock"),
          STATE_HEX[STATES.index("task")]),
         ("cost", QT_TRANSLATE_NOOP("LockPanel", "What the lock cost"), STATE_HEX[WAIT]))


class LockTimes:
    """Per thread lane: holds, seconds holding, seconds waiting; added up incrementally
    (spans only ever get appended), so a refresh costs only the new spans."""

    def __init__(self):
        self.done = 0
        self.rows = {}                  # lane id -> [holds, holding s, waiting s]

    def update(self, model):
        spans = model.spans
        n = len(spans)
        if n == self.done:
            return False
        state = spans["state"][self.done:n]
        lane = spans["lane"][self.done:n]
        length = spans["t1"][self.done:n] - spans["t0"][self.done:n]
        self.done = n
        for code, column in ((HOLD, 1), (WAIT, 2)):
            keep = state == code
            if not keep.any():
                continue
            lanes, where = np.unique(lane[keep], return_inverse=True)
            sums = np.bincount(where, weights=length[keep])
            counts = np.bincount(where)
            for lane_id, total, count in zip(lanes.tolist(), sums.tolist(), counts.tolist()):
                row = self.rows.setdefault(lane_id, [0, 0.0, 0.0])
                row[column] += total
                if code == HOLD:
                    row[0] += count
        return True


class LockPanel(LessonPanel):
    title = QT_TRANSLATE_NOOP("LessonPanel", "Lock: holding and waiting")

    def __init__(self, lesson_id, parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.times = LockTimes()
        self.runs = {}                  # the figures of each run (gui.lessons.threads.lock.runs)
        self.cards, self.heads = {}, {}
        cards = QGridLayout()
        for col, (key, _, colour) in enumerate(CARDS):
            cards.addWidget(self._card(key, colour), 0, col)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.setFont(_font(14))
        self.table.horizontalHeader().setFont(_font(13, bold=True))
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self):
        """Every text in the current language, a finished run's figures included."""
        self.table.setHorizontalHeaderLabels([translate("LockPanel", c) for c in COLUMNS])
        for key, title, _ in CARDS:
            self.heads[key].setText(translate("LockPanel", title))
        self._show_runs()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _card(self, key, colour):
        frame = QFrame()
        frame.setStyleSheet(f"QFrame {{ border-left: 8px solid {colour}; background: #F7F7F7; }}"
                            " QLabel { border: none; background: transparent; }")
        head, big, small = QLabel(), QLabel(), QLabel()
        head.setFont(_font(14, bold=True))
        big.setFont(_font(26, bold=True))
        small.setFont(_font(13))
        small.setWordWrap(True)
        box = QVBoxLayout(frame)
        for label in (head, big, small):
            box.addWidget(label)
        self.cards[key], self.heads[key] = (big, small), head
        return frame

    def start(self, session):
        super().start(session)
        self.times = LockTimes()
        self.runs = {}
        self.table.setRowCount(0)
        self._show_runs()

    def refresh(self):
        if self.session is None or not self.times.update(self.session.model):
            return
        model = self.session.model
        rows = sorted(self.times.rows.items())
        self.table.setRowCount(len(rows))
        for r, (lane_id, (holds, holding, waiting)) in enumerate(rows):
            busy = holding + waiting
            share = f"{100 * waiting / busy:0.0f}%" if busy > 0 else "–"
            cells = (model.lanes[lane_id].label, f"{holds:,}", _seconds(holding),
                     _seconds(waiting), share)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment((Qt.AlignLeft if c == 0 else Qt.AlignRight)
                                      | Qt.AlignVCenter)
                self.table.setItem(r, c, item)

    def finish(self, run):
        """The run ended: the cards show its figures."""
        if self.session is None:            # a finished run shown without a live part
            self.start(run)
        self.refresh()
        self.runs = runs(run.result)
        self._show_runs()

    def _show_runs(self):
        """The cards: "…" until the run ends, then what the lesson printed."""
        runs = self.runs
        for big, small in self.cards.values():
            big.setText("…")
            small.setText(translate("LockPanel", "after the run"))
        for key in ("with", "without"):
            if key in runs:
                big, small = self.cards[key]
                big.setText(rate_text(runs[key]))
                small.setText(counter_text(runs[key]))
        cost = cost_percent(runs)
        if cost is not None:
            big, small = self.cards["cost"]
            big.setText(translate("LockPanel", "−{percent}% throughput").format(
                percent=f"{cost:0.0f}"))
            small.setText(
                translate("LockPanel", "than without it; in exchange, no update was lost")
                if runs["with"].counter == runs["with"].expected else
                translate("LockPanel", "than without it"))


def _seconds(s):
    return f"{s * 1000:0.0f} ms" if s < 1 else f"{s:0.2f} s"


def _font(points, bold=False):
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font
