"""The showdown lessons' tab: wall time and CPU time per model as bars, the speed-up against
doing the jobs one after another, how many cores the machine has, and every model's
timeline stacked on one time axis (threads taking turns, processes running together).

It reads the model only: one bar per model on the lesson's "models" row, and the marks
"threads: wall 0.67 s, CPU 0.65 s" the lesson sets after each model.
"""
import os
import re

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views import palette
from gui.views.lesson_panel import LessonPanel
from gui.views.stacked_runs import StackedRuns, section_of

MODELS_LANE = "models"
FIGURES = re.compile(r"^(.+?): wall ([\d.]+) s, CPU ([\d.]+) s$")
BAR_PX, NAME_PX = 30, 130


def model_runs(model):
    """[(name, t0, t1, wall s or None, CPU s or None)] in the order the models ran, from the
    bars on the "models" row ("threads: wall 0.67 s, CPU 0.65 s" once a model is done)."""
    if model is None:
        return []
    lanes = {lane.id for lane in model.lanes if lane.virtual and lane.group == MODELS_LANE}
    runs = []
    spans = model.spans
    for t0, t1, lane, name in zip(spans["t0"].tolist(), spans["t1"].tolist(),
                                  spans["lane"].tolist(), spans["name"].tolist()):
        if lane in lanes:
            found = FIGURES.match(model.names[name])
            if found:
                runs.append((found.group(1), t0, t1, float(found.group(2)),
                             float(found.group(3))))
            else:
                runs.append((model.names[name], t0, t1, None, None))
    return sorted(runs, key=lambda r: r[1])


class Bars(QWidget):
    """One bar per model: its wall time, its CPU time inside it, the speed-up beside it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_runs(self, runs):
        self.runs = [r for r in runs if r[3] is not None]
        self.setFixedHeight(max(40, len(self.runs) * (BAR_PX + 8) + 8))
        self.update()

    def sizeHint(self):
        return QSize(800, self.height())

    def paintEvent(self, event):
        p = QPainter(self)
        theme = palette.current()
        p.fillRect(self.rect(), theme.timeline)
        if not self.runs:
            return
        base = next((r[3] for r in self.runs if r[0] == "sequential"), None)
        longest = max(max(r[3], r[4]) for r in self.runs) or 1.0     # CPU can exceed wall
        metrics = QFontMetrics(self.font())
        texts = [self._words(base, wall, cpu) for _, _, _, wall, cpu in self.runs]
        text_px = max(metrics.horizontalAdvance(t) for t in texts) + 20
        scale = max(40, self.width() - NAME_PX - text_px) / longest
        run_color = theme.state_colors[1]
        wait_color = theme.state_colors[4]
        for i, (name, _t0, _t1, wall, cpu) in enumerate(self.runs):
            y = 6 + i * (BAR_PX + 8)
            bold = QFont(self.font())
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(theme.timeline_ink)
            p.drawText(QRectF(6, y, NAME_PX - 12, BAR_PX),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, name)
            p.setFont(self.font())
            p.fillRect(QRectF(NAME_PX, y, wall * scale, BAR_PX), wait_color)
            p.fillRect(QRectF(NAME_PX, y + BAR_PX * 0.3, cpu * scale,
                              BAR_PX * 0.4), run_color)
            p.setPen(theme.timeline_ink)
            baseline = y + BAR_PX / 2 + metrics.ascent() / 2 - 2
            p.drawText(QPointF(NAME_PX + max(wall, cpu) * scale + 8, baseline), texts[i])
        p.end()

    @staticmethod
    def _words(base, wall, cpu):
        speed = base / wall if base and wall else 0
        return translate("ShowdownPanel", "{wall:.2f} s wall · {cpu:.2f} s CPU · {speed:.1f}× "
                                          "sequential").format(wall=wall, cpu=cpu, speed=speed)


class ShowdownPanel(LessonPanel):
    """Bars of the models' times, and the models' timelines stacked."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Showdown")

    def __init__(self, lesson_id="showdown.cpu", parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.runs = []
        self.cores = QLabel()
        self.cores.setObjectName("showdownCores")
        self.cores.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.bars = Bars()
        self.stacked = StackedRuns()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.cores)
        layout.addWidget(self.key)
        layout.addWidget(self.bars)
        layout.addWidget(self.stacked, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def retranslate(self):
        self.cores.setText(translate("ShowdownPanel", "This machine has {cores} cores.")
                           .format(cores=os.cpu_count() or 1))
        self.key.setText(translate(
            "ShowdownPanel", "Bar: wall time, from the first job's start to the last job's end"
            " (shorter is better). Inner green bar: CPU time the jobs used. Below, each "
            "model's timeline from its own start, on one time axis."))
        self.refresh()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self, session):
        self.session, self.runs = session, []
        self.refresh()

    def refresh(self):
        model = self.session.model if self.session is not None else None
        runs = model_runs(model)
        self.runs = runs
        self.bars.set_runs(runs)
        sections = []
        for name, t0, t1, wall, cpu in runs:
            figures = "" if wall is None else translate(
                "ShowdownPanel", "{wall:.2f} s wall, {cpu:.2f} s CPU").format(wall=wall, cpu=cpu)
            sections.append(section_of(model, t0, t1, name, figures,
                                       skip_lanes=(MODELS_LANE,)))
        self.stacked.set_sections(sections)
        self.stacked.setMinimumHeight(self.stacked.needed_height())

    def finish(self, session, output):
        self.session = session
        self.refresh()
