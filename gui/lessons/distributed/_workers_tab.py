"""The Workers tab of the distributed lessons: where the manager listens, the exact command
that starts a worker on another machine (with a Copy button), and a row per worker: the
tasks it took, the results it sent back and how it ended.

The command's key is the one secret of the lesson: whoever has it can run code on the
manager's machine. The tab shows a note in its place, as the console and every export do,
and only the Copy button hands out the real command: a projector, a screenshot or a shared
picture shows what the room sees, the clipboard does not.

Everything comes from the model: the manager's "Worker command: ..." mark, the worker lanes
("worker on HOST" processes, or "PID N · worker on HOST" rows the manager draws for workers
this window does not trace) and the "task" and "result" arrows between them.
"""
import shlex

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, \
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout

from gui.run.exit_reason import describe as describe_exit
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.trace.chrome_json import SHOWN_HIDDEN, hide_secrets
from gui.views.lesson_panel import LessonPanel, mark_text

FONT_PT = 15
COMMAND_LESSON = "distributed.manager"      # the one lesson whose workers may come from afar
PREFIX = "Worker command: "
UNTRACED = " · worker on "               # "PID 4242 · worker on host-2": drawn by the manager
GOOD, BAD = "#009E73", "#D55E00"          # Okabe-Ito bluish green, vermillion
COLUMNS = (QT_TRANSLATE_NOOP("WorkersPanel", "worker"),
           QT_TRANSLATE_NOOP("WorkersPanel", "tasks\ntaken"),
           QT_TRANSLATE_NOOP("WorkersPanel", "results\nsent"),
           QT_TRANSLATE_NOOP("WorkersPanel", "how it ended"))
LOOPBACK = QT_TRANSLATE_NOOP("WorkersPanel", "This manager listens on 127.0.0.1: only programs "
                                             "on this machine can reach it. Set bind to 0.0.0.0 "
                                             "(or this machine's address) to let other machines "
                                             "in.")
OPEN = QT_TRANSLATE_NOOP("WorkersPanel", "This manager accepts other machines: anyone with the "
                                         "key can send it pickles, and unpickling runs code. Use "
                                         "it on a network you trust, and only during the "
                                         "lesson.")
# How a worker ended, in English; shown translated (an exit code is put in words instead)
RUNNING = QT_TRANSLATE_NOOP("WorkersPanel", "running")
FINISHED = QT_TRANSLATE_NOOP("WorkersPanel", "finished")
REPORTED = QT_TRANSLATE_NOOP("WorkersPanel", "reported by the manager")
REFUSED = QT_TRANSLATE_NOOP("WorkersPanel", "refused: wrong key")


def worker_command(model):
    """The command the manager printed for starting a worker elsewhere, or ''."""
    return mark_text(model, PREFIX)


def shown_command(command):
    """The command as the tab shows it: the key replaced by a note, one option a line."""
    return hide_secrets(command, SHOWN_HIDDEN).replace(" --", " \\\n    --")


def command_host(command):
    words = shlex.split(command) if command else []
    return words[words.index("--host") + 1] if "--host" in words[:-1] else ""


def workers(model):
    """One dict per worker, in the order they appeared: label, tasks taken, results sent,
    how it ended (an English text to translate, or None: say the exit code in words)."""
    rows, by_key = [], {}

    def key_of(lane):
        return ("row", lane.name) if lane.virtual else ("pid", lane.pid)

    for lane in model.lanes:
        if lane.kind == "process" and lane.name.startswith("worker on "):
            ended = RUNNING if lane.end is None else (FINISHED if not lane.exit_code else None)
            row = {"label": lane.label, "taken": [], "sent": [], "ended": ended,
                   "exit_code": lane.exit_code, "ok": not lane.exit_code,
                   "over": lane.end is not None, "traced": True}
        elif lane.virtual and lane.name.startswith("PID ") and UNTRACED in lane.name:
            row = {"label": lane.name, "taken": [], "sent": [], "ended": REPORTED,
                   "ok": True, "over": True, "traced": False}
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
            row["ended"], row["ok"] = REFUSED, False
    return rows


class WorkersTab(LessonPanel):
    """The manager's address and worker command, and what each worker did."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Workers")

    def __init__(self, lesson_id, parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.run = None                   # the finished run (gui.lessons.Run)
        self.command = ""
        self.finished = False
        self.heading = QLabel()
        self.heading.setStyleSheet(f"font-size: {FONT_PT}pt;")
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.line.setStyleSheet(f"font-size: {FONT_PT}pt; font-family: monospace; "
                                "background: #f4f4f4; padding: 8px;")
        self.copy = QPushButton()
        self.copy.setStyleSheet(f"font-size: {FONT_PT}pt; padding: 6px 18px;")
        self.copy.setEnabled(False)
        self.copy.clicked.connect(self.copy_command)
        self.reach = QLabel("")
        self.reach.setWordWrap(True)
        self.reach.setStyleSheet(f"font-size: {FONT_PT - 2}pt;")
        self.table = QTableWidget(0, len(COLUMNS))
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
        has_command = lesson_id == COMMAND_LESSON
        for widget in (self.heading, self.line, self.copy, self.reach):
            widget.setVisible(has_command)
        self.retranslate()

    def retranslate(self):
        """Every text in the current language, the rows of a finished run included."""
        self.copy.setText(translate("WorkersPanel", "Copy command"))
        self.copy.setToolTip(translate("WorkersPanel", "Copies the command with its key. The "
                                                       "key is not shown: whoever sees it can "
                                                       "run code on this machine."))
        self.table.setHorizontalHeaderLabels([translate("WorkersPanel", c) for c in COLUMNS])
        self._show_heading()
        self.refresh()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_heading(self):
        self.heading.setText(
            translate("WorkersPanel", "The manager has stopped; this command worked while it ran:")
            if self.finished and self.command else
            translate("WorkersPanel", "Start a worker on another machine with:"))
        if not self.command:
            self.line.setText(translate("WorkersPanel", "The manager has not started yet."))

    # -- LessonPanel ------------------------------------------------------------------
    def start(self, session):
        self.session, self.run, self.command, self.finished = session, None, "", False
        self.table.setRowCount(0)
        self._show_heading()
        self.refresh()

    def refresh(self):
        model = self.run.model if self.run is not None else \
            self.session.model if self.session is not None else None
        if model is None:
            return
        self.command = self.command or worker_command(model)
        live = (self.run is None and self.session.run is not None
                and self.session.run.running)
        if self.command:
            self.line.setText(shown_command(self.command))
            loopback = command_host(self.command).startswith("127.")
            self.reach.setText(translate("WorkersPanel", LOOPBACK if loopback else OPEN))
        self.copy.setEnabled(bool(self.command) and live)
        self._fill(workers(model))

    def finish(self, run):
        self.run, self.finished = run, True
        self.refresh()
        self._show_heading()

    def copy_command(self):
        """The real command, key included, for a terminal on the worker's machine."""
        QGuiApplication.clipboard().setText(self.command)

    # -- view -------------------------------------------------------------------------
    def _fill(self, rows):
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            label = row["label"] if row["traced"] else translate(
                "WorkersPanel", "{name} (not traced here)").format(name=row["label"])
            ended = translate("WorkersPanel", row["ended"]) if row["ended"] else \
                describe_exit(row["exit_code"])
            cells = (label, str(len(row["taken"])), str(len(row["sent"])), ended)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 3:
                    item.setForeground(QColor(GOOD if row["ok"] else BAD))
                elif c == 2 and row["over"] and len(row["sent"]) < len(row["taken"]):
                    item.setForeground(QColor(BAD))       # took more than it gave back
                self.table.setItem(r, c, item)
