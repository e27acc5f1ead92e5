"""Compare two runs: pin a finished run, run another (another variant, other parameters,
another interpreter), and see both on one time axis with their key figures side by side.
The comparison exports as one picture, named for the lessons it compares."""
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, \
    QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from gui import presentation
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons import run_of, unit
from gui.views.stacked_runs import StackedRuns, section_of


@dataclass
class RunCard:
    """What a comparison shows of one finished run."""
    title: str
    model: object
    python: str
    wall: float
    processes: int
    threads: int
    run: object                 # a gui.lessons.Run: the lesson's figures
    ended_well: bool = True

    def result(self):
        """The run's result sentence in the current language, or ""."""
        return unit(self.run.lesson_id).sentence(self.run) if self.ended_well else ""

    def rows(self):
        """The lesson's own figures: ((label, value text), ...) in the current language."""
        return tuple(unit(self.run.lesson_id).compare_rows(self.run)) if self.ended_well \
            else ()


def card_of(session):
    """A finished run (a LessonSession or a replay) as a comparison card."""
    model = session.model
    params = ", ".join(f"{k}={v}" for k, v in session.values.items())
    title = " · ".join(p for p in (session.lesson.id, params) if p)
    threads = sum(1 for lane in model.lanes if lane.kind == "thread" and not lane.virtual
                  and not lane.sublane)
    return RunCard(title, model, str(session.python_version), float(model.end_time),
                   len(model.processes), threads, run_of(session),
                   session.run is not None and session.run.returncode == 0)


def install(window):
    compare = Compare(window)
    window.compare = compare
    window.pin_action = window.add_action(
        window.run_menu, QT_TRANSLATE_NOOP("Actions", "Pin this run for comparison"), "Ctrl+K",
        compare.pin)
    window.compare_action = window.add_action(
        window.run_menu, QT_TRANSLATE_NOOP("Actions", "Compare with the pinned run"),
        "Ctrl+Shift+K", compare.show)
    window.outcome.shown.connect(lambda shown: compare.refresh())
    return compare


class Compare:
    def __init__(self, window):
        self.window = window
        self.pinned = None
        self.dialog = None

    def current(self):
        shown = self.window.outcome.current()
        return card_of(shown.session) if shown is not None else None

    def pin(self):
        card = self.current()
        if card is None:
            self.window.say(translate("Compare", "Run a lesson to the end first, "
                                                            "then pin it."))
            return None
        self.pinned = card
        self.window.say(translate(
            "Compare", "Pinned: {run}. Run another, then Run › Compare with the pinned run "
                       "(Ctrl+Shift+K).").format(run=card.title))
        return card

    def cards(self):
        current = self.current()
        if current is not None and self.pinned is not None \
                and current.model is self.pinned.model:
            current = None                          # nothing ran since the pin
        return [c for c in (self.pinned, current) if c is not None]

    def show(self):
        if self.pinned is None:
            self.window.say(translate("Compare", "Pin a finished run first "
                                                            "(Run › Pin this run, Ctrl+K)."))
            return None
        if self.dialog is None:
            self.dialog = CompareDialog(self.window)
        self.dialog.set_cards(self.cards())
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def refresh(self):
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_cards(self.cards())


class CompareDialog(QDialog):
    """Key figures side by side, then both runs on one time axis."""

    ROWS = (QT_TRANSLATE_NOOP("Compare", "wall time"), QT_TRANSLATE_NOOP("Compare", "Python"),
            QT_TRANSLATE_NOOP("Compare", "processes"),
            QT_TRANSLATE_NOOP("Compare", "threads"))     # then each lesson's own rows

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cards = []
        room = parent.screen().availableGeometry() if parent is not None else None
        # as large as it is useful, never larger than the screen it opens on
        self.resize(min(1400, room.width() * 9 // 10) if room else 1400,
                    min(850, room.height() * 9 // 10) if room else 850)
        self.heading = QLabel()
        self.heading.setWordWrap(True)          # two long titles: not a sideways scroll
        self.table = QTableWidget(len(self.ROWS), 2)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.results = QLabel()             # each run's result sentence, under the figures
        self.results.setWordWrap(True)
        self.results.setTextFormat(Qt.TextFormat.PlainText)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stacked = StackedRuns()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_dialog)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.addWidget(self.heading)
        inner.addWidget(self.table)
        inner.addWidget(self.results)
        inner.addWidget(self.stacked, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate()
        presentation.follow(self)

    def retranslate(self):
        self.setWindowTitle(translate("Compare", "Compare two runs"))
        self.export_button.setText(translate("Compare", "Export comparison as PNG…"))
        self.set_cards(self.cards)

    def changeEvent(self, event):
        from PySide6.QtCore import QEvent
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _restyle(self):
        """Texts at their size at 100 %: `presentation.follow` makes them as large as the
        window's (zoom, presentation mode) and gives the dialog the theme."""
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.results.setStyleSheet("font-size: 13pt;")

    def set_cards(self, cards):
        self.cards = list(cards)
        self._restyle()
        names = [translate("Compare", "pinned"), translate("Compare", "latest")]
        labels = [translate("Compare", r) for r in self.ROWS]
        own = [dict(card.rows()) for card in self.cards]
        for rows in own:                        # the lessons' own rows, first seen first
            labels += [label for label in rows if label not in labels]
        self.table.setRowCount(len(labels))
        self.table.setVerticalHeaderLabels(labels)
        self.table.setColumnCount(len(self.cards))
        self.table.setHorizontalHeaderLabels(names[:len(self.cards)])
        for c, card in enumerate(self.cards):
            values = [f"{card.wall:.2f} s", card.python, str(card.processes), str(card.threads)]
            values += [own[c].get(label, "—") for label in labels[len(values):]]
            for r, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self._fit_table()
        self.results.setText("\n".join(f"{names[i]}: {card.result() or '—'}"
                                        for i, card in enumerate(self.cards)))
        if len(self.cards) < 2:
            self.heading.setText(translate("Compare", "Pinned: {run}. Run another lesson or "
                                                      "variant to compare.").format(
                run=self.cards[0].title if self.cards else "—"))
        else:
            self.heading.setText(" ⟷ ".join(card.title for card in self.cards))
        sections = [section_of(card.model, 0.0, card.wall,
                                f"{names[i]}: {card.title}",
                                translate("Compare", "{wall:.2f} s · Python {python}").format(
                                    wall=card.wall, python=card.python), idle_lanes=True)
                    for i, card in enumerate(self.cards)]
        self.stacked.set_sections(sections)
        self.stacked.setMinimumHeight(self.stacked.needed_height())

    def _fit_table(self):
        """The table as tall as its rows: the timelines below take the rest."""
        self.table.setFixedHeight(self.table.verticalHeader().length()
                                  + self.table.horizontalHeader().height() + 6)

    def export_png(self, path):
        """The comparison as one picture: figures and both timelines."""
        image = self.body.grab()
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def file_name(self):
        """What the picture is called: the lessons compared, e.g. compare-threads.gil.png or
        compare-threads.gil-vs-showdown.cpu.png."""
        lessons = list(dict.fromkeys(card.run.lesson_id for card in self.cards))
        return "compare-" + ("-vs-".join(lessons) or "runs") + ".png"

    def export_dialog(self):
        path, _ = QFileDialog.getSaveFileName(self, translate("Compare", "Export comparison"),
                                              self.file_name(),
                                              translate("Compare", "PNG images (*.png)"))
        if path:
            self.export_png(path)
