"""The distributed lessons' tab: where the manager listens, the exact command that starts a
worker on another machine (with a Copy button), and a row per worker: the tasks it took, the
results it sent back and how it ended.

Everything comes from the model: the manager's "Worker command: ..." mark, the worker lanes
("worker on HOST" processes, or "PID N · worker on HOST" rows the manager draws for workers
this window does not trace) and the "task" and "result" arrows between them.
"""
import re
import shlex

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, \
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout

from gui.run.exit_reason import describe as describe_exit
from gui.i18n import QT_TRANSLATE_NOOP
from gui.views.lesson_panel import LessonPanel

FONT_PT = 15
PREFIX = "Worker command: "
UNTRACED = re.compile(r"^PID (\d+) · worker on (.+)$")
GOOD, BAD = "#009E73", "#D55E00"          # Okabe-Ito bluish green, vermillion
COLUMNS = ("worker", "tasks\ntaken", "results\nsent", "how it ended")
LOOPBACK = ("This manager listens on 127.0.0.1: only programs on this machine can reach it. "
            "Set bind to 0.0.0.0 (or this machine's address) to let other machines in.")
OPEN = ("This manager accepts other machines: anyone with the key can send it pickles, "
        "and unpickling runs code. Use it on a network you trust, and only during the lesson.")


def worker_command(model):
    """The command the manager printed for starting a worker elsewhere, or ''."""
    if model is None:
        return ""
    for name in model.marks["name"].tolist():
        text = model.names[name]
        if text.startswith(PREFIX):
            return text[len(PREFIX):].strip()
    return ""


def command_host(command):
    words = shlex.split(command) if command else []
    return words[words.index("--host") + 1] if "--host" in words[:-1] else ""


def workers(model):
    """One dict per worker, in the order they appeared: label, tasks taken, results sent,
    how it ended."""
    rows, by_key = [], {}

    def key_of(lane):
        return ("row", lane.name) if lane.virtual else ("pid", lane.pid)

    for lane in model.lanes:
        if lane.kind == "process" and lane.name.startswith("worker on "):
            ended = "running" if lane.end is None else (
                "finished" if not lane.exit_code else describe_exit(lane.exit_code))
            row = {"label": lane.label, "taken": [], "sent": [], "ended": ended,
                   "ok": not lane.exit_code, "over": lane.end is not None}
        elif lane.virtual and UNTRACED.match(lane.name):
            row = {"label": f"{lane.name} (not traced here)", "taken": [], "sent": [],
                   "ended": "reported by the manager", "ok": True, "over": True}
        else:
            continue
        by_key[key_of(lane)] = row
        rows.append(row)
    for t_out, lane_out, t_in, lane_in, name in model.arrows():
        kind = model.names[name]
        if kind == "task":
            row = by_key.get(key_of(model.lanes[lane_in]))
            if row is not None:
                row["taken"].append(t_in)
        elif kind == "result":
            row = by_key.get(key_of(model.lanes[lane_out]))
            if row is not None:
                row["sent"].append(t_out)
    for lane, name in zip(model.marks["lane"].tolist(), model.marks["name"].tolist()):
        text = model.names[name]
        row = by_key.get(key_of(model.lanes[lane]))
        if row is not None and text.startswith("refused: "):
            row["ended"], row["ok"] = "refused: wrong key", False
    return rows


class WorkersPanel(LessonPanel):
    """The manager's address and worker command, and what each worker did."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Workers")

    def __init__(self, lesson_id="distributed.manager", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.command = ""
        self.heading = QLabel("Start a worker on another machine with:")
        self.heading.setStyleSheet(f"font-size: {FONT_PT}pt;")
        self.line = QLabel("The manager has not started yet.")
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.line.setStyleSheet(f"font-size: {FONT_PT}pt; font-family: monospace; "
                                "background: #f4f4f4; padding: 8px;")
        self.copy = QPushButton("Copy command")
        self.copy.setStyleSheet(f"font-size: {FONT_PT}pt; padding: 6px 18px;")
        self.copy.setEnabled(False)
        self.copy.clicked.connect(self.copy_command)
        self.reach = QLabel("")
        self.reach.setWordWrap(True)
        self.reach.setStyleSheet(f"font-size: {FONT_PT - 2}pt;")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setStyleSheet(f"font-size: {FONT_PT}pt;")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.line, 1)
        top.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.reach)
        layout.addWidget(self.table, 1)
        has_command = lesson_id == "distributed.manager"
        for widget in (self.heading, self.line, self.copy, self.reach):
            widget.setVisible(has_command)

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.command = session, ""
        self.table.setRowCount(0)
        self.refresh()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        if model is None:
            return
        self.command = self.command or worker_command(model)
        live = self.session.run is not None and self.session.run.running
        if self.command:
            self.line.setText(self.command.replace(" --", " \\\n    --"))
            loopback = command_host(self.command).startswith("127.")
            self.reach.setText(LOOPBACK if loopback else OPEN)
        self.copy.setEnabled(bool(self.command) and live)
        self._fill(workers(model))

    def finish(self, session, output):
        self.session = session
        self.refresh()
        if self.command:
            self.heading.setText("The manager has stopped; this command worked while it ran:")

    def copy_command(self):
        QGuiApplication.clipboard().setText(self.command)

    # -- view -------------------------------------------------------------------------
    def _fill(self, rows):
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row["label"], str(len(row["taken"])), str(len(row["sent"])), row["ended"])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 3:
                    item.setForeground(QColor(GOOD if row["ok"] else BAD))
                elif c == 2 and row["over"] and len(row["sent"]) < len(row["taken"]):
                    item.setForeground(QColor(BAD))       # took more than it gave back
                self.table.setItem(r, c, item)
