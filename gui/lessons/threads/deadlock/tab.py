"""The deadlock lesson's tab: the live wait-for graph, the cycle in vermillion when it forms,
and a big Stop, because a deadlocked program never ends by itself.

Threads are boxes, locks are rounded pills; "waits for" arrows go from a thread to a lock,
"held by" arrows from a lock to its thread. Drawn with QPainter from `gui.trace.waitfor`.
"""
import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import unit
from gui.lessons.threads.deadlock import deadlock_of, describe, finished, graph_at_end
from gui.trace.model import STATES
from gui.trace.waitfor import find_cycle, wait_for_graph
from gui.views.lesson_panel import LessonPanel
from gui import presentation
from gui.views import palette
from gui.views.palette import STATE_COLORS

VERMILLION = STATE_COLORS[STATES.index("wait.lock")]
ORANGE = STATE_COLORS[STATES.index("wait.gil")]
HOLD = STATE_COLORS[STATES.index("lock.hold")]
BLUE = STATE_COLORS[STATES.index("task")]
TEXT = QColor("#1a1a1a")
MUTED = QColor("#666666")
NODE_W, NODE_H = 150, 52        # a node's box at 100 %


class WaitForView(QWidget):
    """Paints one `WaitForGraph`; nodes sit on an ellipse in cycle order, so a two-thread
    deadlock is a square: Thread-1 -> lock_b -> Thread-2 -> lock_a -> Thread-1."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.graph, self.cycle = None, None
        self.setMinimumSize(420, 260)
        presentation.changes().changed.connect(self._look_changed)

    def _look_changed(self, *_look):
        self.update()                       # theme, zoom: the graph is painted

    def show_graph(self, graph, cycle):
        self.graph, self.cycle = graph, cycle
        self.update()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.update()                   # the arrows' words are painted
        super().changeEvent(event)

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        theme = palette.current()
        p.fillRect(self.rect(), theme.base)
        if self.graph is None or self.graph.empty():
            p.setPen(palette.readable(MUTED, theme.base))
            p.setFont(_font(15))
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap,
                       translate("DeadlockPanel", "No thread is waiting for a lock right now."))
            return
        places = self._layout()
        in_cycle = self._cycle_edges()
        colour = VERMILLION if self.cycle is None or self.cycle.permanent else ORANGE
        for lane, wait in self.graph.waits.items():
            hot = (lane, wait.lock) in in_cycle
            text = translate("DeadlockPanel", "waits for") if wait.timeout is None else \
                translate("DeadlockPanel", "waits ≤ {seconds} s for").format(
                    seconds=f"{wait.timeout:g}")
            self._arrow(p, places[lane], places[wait.lock], text,
                        colour if hot else VERMILLION, 6 if hot else 3, dashed=not hot)
        for lock, lane in self.graph.holders.items():
            hot = (lock, lane) in in_cycle
            self._arrow(p, places[lock], places[lane], translate("DeadlockPanel", "held by"),
                        colour if hot else HOLD, 6 if hot else 3)
        for node, centre in places.items():
            hot = any(node in edge for edge in in_cycle)
            self._node(p, node, centre, colour if hot else None)

    # -- layout -------------------------------------------------------------------------
    def _order(self):
        """Cycle first (thread, lock, thread, lock...), then chains from the other threads."""
        g, order = self.graph, []
        if self.cycle is not None:
            for lane, lock in zip(self.cycle.lanes, self.cycle.locks):
                order += [lane, lock]
        for lane in sorted(g.threads):
            node = lane
            while node is not None and node not in order:
                order.append(node)
                if isinstance(node, int):
                    node = g.waits[node].lock if node in g.waits else None
                else:
                    node = g.holders.get(node)
        order += [lock for lock in g.locks if lock not in order]
        return order

    def _layout(self):
        order = self._order()
        w, h = self.width(), self.height()
        node_w, node_h = _node_box()
        rx, ry = max(10, w / 2 - node_w / 2 - 20), max(10, h / 2 - node_h / 2 - 16)
        places = {}
        for k, node in enumerate(order):
            angle = math.radians(225 + 360 * k / len(order))   # clockwise from top left
            places[node] = QPointF(w / 2 + rx * math.cos(angle), h / 2 + ry * math.sin(angle))
        return places

    def _cycle_edges(self):
        if self.cycle is None:
            return set()
        lanes, locks = self.cycle.lanes, self.cycle.locks
        edges = {(lane, lock) for lane, lock in zip(lanes, locks)}
        # each thread holds the lock that the thread before it waits for
        edges |= {(locks[i - 1], lane) for i, lane in enumerate(lanes)}
        return edges

    # -- drawing ------------------------------------------------------------------------
    def _node(self, p, node, centre, highlight):
        node_w, node_h = _node_box()
        rect = QRectF(centre.x() - node_w / 2, centre.y() - node_h / 2, node_w, node_h)
        is_thread = isinstance(node, int)
        label = self.graph.threads[node] if is_thread else self.graph.locks[node]
        base = BLUE if is_thread else HOLD
        p.setPen(QPen(highlight or base, 5 if highlight else 3))
        theme = palette.current()
        fill = palette.surface(QColor("#EAF2FA") if is_thread else QColor("#F8E8F1"), theme)
        p.setBrush(fill)
        radius = 8 if is_thread else node_h / 2
        p.drawRoundedRect(rect, radius, radius)
        p.setPen(palette.readable(TEXT, fill))
        p.setFont(_font(15, bold=True))
        p.drawText(rect, Qt.AlignCenter, p.fontMetrics().elidedText(label, Qt.ElideRight,
                                                                   node_w - 12))

    def _arrow(self, p, a, b, text, colour, width, dashed=False):
        start, end = _clip(a, b), _clip(b, a)
        pen = QPen(colour, width)
        pen.setStyle(Qt.DashLine if dashed else Qt.SolidLine)
        p.setPen(pen)
        p.drawLine(start, end)
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        size = 10 + 2 * width
        head = QPolygonF([end, QPointF(end.x() - size * ux + size * 0.5 * uy,
                                       end.y() - size * uy - size * 0.5 * ux),
                          QPointF(end.x() - size * ux - size * 0.5 * uy,
                                  end.y() - size * uy + size * 0.5 * ux)])
        p.setPen(Qt.NoPen)
        p.setBrush(colour)
        p.drawPolygon(head)
        p.setFont(_font(13, bold=True))
        mid = QPointF((start.x() + end.x()) / 2, (start.y() + end.y()) / 2)
        box = p.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3)
        box.moveCenter(mid.toPoint())
        path = QPainterPath()
        path.addRoundedRect(QRectF(box), 4, 4)
        back = QColor(palette.current().base)
        back.setAlpha(235)
        p.fillPath(path, back)
        p.setPen(palette.readable(colour.darker(130), palette.current().base))
        p.drawText(box, Qt.AlignCenter, text)


def _clip(a, b):
    """The point where the line from node centre `a` to `b` leaves `a`'s box."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    if dx == 0 and dy == 0:
        return QPointF(a)
    node_w, node_h = _node_box()
    scale = min(node_w / 2 / abs(dx) if dx else math.inf,
                node_h / 2 / abs(dy) if dy else math.inf)
    return QPointF(a.x() + dx * scale, a.y() + dy * scale)


def _node_box():
    """A node's box now: it grows with its text (zoom, presentation mode), at most twice."""
    k = min(2.0, max(1.0, presentation.scale()))
    return NODE_W * k, NODE_H * k


def _font(points, bold=False):
    """A painted text of `points` at 100 %, as large as zoom and presentation mode make it."""
    font = QFont()
    font.setPointSizeF(presentation.point(points))
    font.setBold(bold)
    return font


class DeadlockPanel(LessonPanel):
    """Watches the run's locks; reports a deadlock once, large, and offers the Stop."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Wait-for graph")

    def __init__(self, lesson_id, parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.deadlock = None            # the cycle, once found
        self._seen = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setFont(_font(16, bold=True))
        self.view = WaitForView()
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("deadlockStop")
        self.stop_button.setStyleSheet(
            "QPushButton { font-size: 18pt; font-weight: bold; color: white; padding: 10px 22px;"
            f" background: {VERMILLION.name()}; border-radius: 6px; }}"
            " QPushButton:disabled { background: #efbfa0; }")
        self.stop_button.clicked.connect(self._stop)
        self.stop_button.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.stop_button, 0, Qt.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self._say(lambda: translate(
            "DeadlockPanel", "Press Run: this tab draws which thread waits for which lock."), TEXT)
        self.retranslate()

    def retranslate(self):
        """Every text in the current language; the status says again what it last said."""
        self.stop_button.setText(translate("DeadlockPanel", "■  Stop the lesson"))
        self._say(*self._said)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self, session):
        super().start(session)
        self.deadlock, self._seen = None, None
        self.stop_button.setVisible(False)
        self.stop_button.setEnabled(True)
        self.view.show_graph(None, None)
        self._say(lambda: translate("DeadlockPanel", "Watching the locks…"), TEXT)

    def refresh(self):
        # A deadlock never changes by itself: keep its picture, also after Stop ends the
        # program (the model then closes the open spans it was drawn from).
        if self.session is None or self.deadlock is not None:
            return
        graph = wait_for_graph(self.session.model)
        seen = (tuple(sorted(graph.waits.items())), tuple(sorted(graph.holders.items())))
        if seen == self._seen:
            return
        self._seen = seen
        cycle = find_cycle(graph)
        self.view.show_graph(graph, cycle)
        if cycle is not None and cycle.permanent and self.deadlock is None:
            self.deadlock = cycle
            self._say(lambda: translate(
                "DeadlockPanel", "Deadlock since {seconds} s: each thread waits for a lock that "
                                 "the next one holds. Nothing will ever change.").format(
                seconds=f"{cycle.since:0.1f}"), VERMILLION)
            self.stop_button.setVisible(True)
            self.attention.emit(describe(cycle))
        elif cycle is not None and not cycle.permanent:
            self._say(lambda: _circle(cycle), ORANGE.darker(140))
        else:
            self._say(lambda: translate("DeadlockPanel", "Watching the locks… no cycle so far."),
                      TEXT)

    def finish(self, run):
        self.stop_button.setVisible(False)
        if self.deadlock is None and not finished(run):      # a replayed or stopped run
            found = deadlock_of(run)
            if found is not None:
                self.deadlock = found
                self.view.show_graph(graph_at_end(run.model), found)
        deadlock = self.deadlock
        if deadlock is not None:
            self._say(lambda: translate(
                "DeadlockPanel", "{deadlock}. The threads would have waited for ever; stopping "
                                 "the program was the only way out.").format(
                deadlock=describe(deadlock)), VERMILLION)
        elif finished(run):                 # the lesson's sentence: no deadlock, n give-ups
            self._say(lambda: unit(run.lesson_id).sentence(run), TEXT)

    def _stop(self):
        self.stop_button.setEnabled(False)
        self.stop_requested.emit()

    def _say(self, words, colour):
        """Show `words()` (a function, so a language switch can say it again) in `colour`."""
        self._said = (words, colour)
        self.status.setText(words())
        self.status.setStyleSheet(f"color: {colour.name()};")


def _circle(cycle):
    """A cycle whose waits time out: who gives up when."""
    waits = translate("DeadlockPanel", ", ", "between the threads that give up").join(
        translate("DeadlockPanel", "{thread} gives up on {lock} after {seconds} s").format(
            thread=s.thread, lock=s.waits_for, seconds=f"{t:g}")
        for s, t in zip(cycle.cycle, cycle.timeouts) if t is not None)
    return translate("DeadlockPanel", "Waiting in a circle, but not for ever: {waits}.").format(
        waits=waits)
