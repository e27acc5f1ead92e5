"""The Showdown tab: wall time and CPU time per model as bars, the speed-up against doing the
jobs one after another, how many cores the machine has, and every model's timeline stacked
on one time axis (threads taking turns, processes running together).

It reads the model (one bar per model on the lesson's "models" row) while the run goes on,
and the lesson's figures once it has ended (see `_models`).
"""
import os

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import unit
from gui.lessons.showdown._models import MODELS_LANE, model_runs
from gui.views import palette
from gui.views.lesson_panel import LessonPanel
from gui.views.stacked_runs import StackedRuns, section_of

BAR_PX, NAME_PX = 30, 130
BUSY_COLOUR = "#B35900"     # the line that says other programs took the cores (Okabe-Ito)


class Bars(QWidget):
    """One bar per model: its wall time, its CPU time inside it, the speed-up beside it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_runs(self, runs):
        self.runs = [r for r in runs if r.wall is not None]
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
        longest = max(max(r.wall, r.cpu or 0.0) for r in self.runs) or 1.0  # CPU > wall too
        metrics = QFontMetrics(self.font())
        texts = [words(r) for r in self.runs]
        text_px = max(metrics.horizontalAdvance(t) for t in texts) + 20
        scale = max(40, self.width() - NAME_PX - text_px) / longest
        run_color = theme.state_colors[1]
        wait_color = theme.state_colors[4]
        for i, r in enumerate(self.runs):
            y = 6 + i * (BAR_PX + 8)
            bold = QFont(self.font())
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(theme.timeline_ink)
            p.drawText(QRectF(6, y, NAME_PX - 12, BAR_PX),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, r.name)
            p.setFont(self.font())
            p.fillRect(QRectF(NAME_PX, y, r.wall * scale, BAR_PX), wait_color)
            if r.cpu is not None:
                p.fillRect(QRectF(NAME_PX, y + BAR_PX * 0.3, r.cpu * scale, BAR_PX * 0.4),
                           run_color)
            p.setPen(theme.timeline_ink)
            baseline = y + BAR_PX / 2 + metrics.ascent() / 2 - 2
            p.drawText(QPointF(NAME_PX + max(r.wall, r.cpu or 0.0) * scale + 8, baseline),
                       texts[i])
        p.end()


def words(run):
    """A model's figures beside its bar (its CPU time once the lesson reported it)."""
    speed = run.speed or 0.0
    if run.cpu is None:
        return translate("ShowdownPanel", "{wall:.2f} s wall · {speed:.1f}× sequential").format(
            wall=run.wall, speed=speed)
    return translate("ShowdownPanel", "{wall:.2f} s wall · {cpu:.2f} s CPU · {speed:.1f}× "
                                      "sequential").format(wall=run.wall, cpu=run.cpu,
                                                           speed=speed)


class ShowdownTab(LessonPanel):
    """Bars of the models' times, and the models' timelines stacked."""

    title = QT_TRANSLATE_NOOP("LessonPanel", "Showdown")

    def __init__(self, lesson_id, parent=None):
        super().__init__(parent)
        self.lesson_id = lesson_id
        self.session = None
        self.run = None                   # the finished run (gui.lessons.Run)
        self.runs = []
        self.cores = QLabel()
        self.cores.setObjectName("showdownCores")
        self.cores.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.busy = QLabel()              # a finished run whose cores other programs took
        self.busy.setObjectName("showdownBusy")
        self.busy.setWordWrap(True)
        self.busy.setStyleSheet(f"font-size: 15pt; font-weight: bold; color: {BUSY_COLOUR};")
        self.busy.hide()
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.bars = Bars()
        self.stacked = StackedRuns()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.cores)
        layout.addWidget(self.busy)
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
        self.session, self.run, self.runs = session, None, []
        self.refresh()

    def refresh(self):
        result = self.run.result if self.run is not None else {}
        model = self.run.model if self.run is not None else \
            self.session.model if self.session is not None else None
        cores = result.get("cores") or os.cpu_count() or 1     # the run's machine, once known
        self.cores.setText(translate("ShowdownPanel", "This machine has %n core(s).", None,
                                     cores))
        # the bars of a starved run are figures, not a verdict: the tab says why
        busy = unit(self.lesson_id).busy_sentence(self.run) if self.run is not None else ""
        self.busy.setText(busy)
        self.busy.setVisible(bool(busy))
        self.runs = model_runs(model, result)
        self.bars.set_runs(self.runs)
        sections = []
        for r in self.runs:
            if r.t0 is None or model is None:
                continue
            figures = "" if r.cpu is None else translate(
                "ShowdownPanel", "{wall:.2f} s wall, {cpu:.2f} s CPU").format(wall=r.wall,
                                                                              cpu=r.cpu)
            sections.append(section_of(model, r.t0, r.t1, r.name, figures,
                                       skip_lanes=(MODELS_LANE,)))
        self.stacked.set_sections(sections)
        self.stacked.setMinimumHeight(self.stacked.needed_height())

    def finish(self, run):
        self.run = run
        self.refresh()
