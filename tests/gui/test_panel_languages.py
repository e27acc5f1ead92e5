"""Every text a lesson panel shows follows the language, at once: before a run, while it runs
and after it ended. A translator that marks each text it translates («text») is installed
(Qt then sends LanguageChange, as a switch to Chinese does); every word the panel shows must
then be marked, so a string that bypasses translate() is caught. Removing it brings back
exactly the English texts."""
import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableWidget, QWidget

from gui.run.exit_reason import describe
from gui.lessons import load_all, unit
from gui.views.param_form import ParamForm
from tests.gui import panel_runs
from tests.gui.test_lessons_in_window import QUICK
from tests.gui.waiting import until
from workloads import catalog

LETTER = re.compile(r"[^\W\d_]")                 # a letter of any script
# Texts that read the same in every language, and why
KEPT = (
    re.compile(r"^[-−≥]?[\d.,]+ ?(ms|s|%)$"),        # a number and its SI unit: the same
    re.compile(r"^(x\d = balance [+-] \d+|balance = x\d)  → -?\d+$"),   # the race lesson's code
    re.compile(r"^(local_school\n\.student|global_dict\n\[thread\])$"),  # code as column title
)
SETTINGS = {**QUICK, "threads.race": {"variant": "widened"},          # lost updates: a step table
            "threads.deadlock": {"variant": "deadlock"}}                # found, then stopped


class Marking(QTranslator):
    """Translates every text of the app into «text», placeholders intact."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return "" if context.startswith("Q") else f"«{source}»"     # Qt's own: untranslated

    def isEmpty(self):
        return False


class LanguageChanges(QObject):
    """Counts the LanguageChange events a widget received (it retranslates right after)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.count += 1
        return False


def texts(panel):
    """(where, text) of everything a user reads in the panel: labels, buttons, tooltips,
    table headers and cells, plot axis titles."""
    found = []
    for widget in [panel, *panel.findChildren(QWidget)]:
        kind = type(widget).__name__
        found.append((f"{kind} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            found.append((kind, widget.text()))
        if isinstance(widget, QAbstractButton):
            found.append((kind, widget.text()))
        if isinstance(widget, QTableWidget):
            for c in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(c)
                found += [("header", item.text()), ("header tooltip", item.toolTip())]
                found += [("cell", widget.item(r, c).text()) for r in range(widget.rowCount())
                          if widget.item(r, c) is not None]
        if isinstance(widget, pg.PlotWidget):
            for side in ("left", "bottom"):
                found.append(("axis title", widget.getPlotItem().getAxis(side).labelText))
    return [(where, text) for where, text in found if text and text.strip()]


def unmarked(text):
    """`text` without its HTML tags and without what stands inside «…»."""
    outside, depth = [], 0
    for ch in re.sub(r"<[^>]*>", "", text):
        depth += (ch == "«") - (ch == "»" and depth > 0)
        if depth == 0 and ch not in "«»":
            outside.append(ch)
    return "".join(outside)


def program_words(panel, session):
    """What the traced program itself named or printed, shown as it wrote it: its threads and
    processes, the students threads.local binds, the server's address, the worker command."""
    if session is None:
        return set()
    words = {lane.label for lane in session.model.lanes}
    words |= set(str(session.values.get("names", "")).split(","))
    words |= {getattr(panel, "url", "")}
    if getattr(panel, "command", ""):
        words.add(panel.line.text())
    return words


def assert_all_marked(panel, session=None):
    kept = program_words(panel, session)
    left = [(where, text) for where, text in texts(panel)
            if text not in kept and not any(k.match(text) for k in KEPT)
            and LETTER.search(unmarked(text))]
    assert not left, f"{type(panel).__name__}: texts that bypass translate(): {left}"


async def follows_the_language(panel, session=None, english=None):
    """Install the marking translator: every text is marked; remove it: back to English
    (the same texts as before when `english` is given)."""
    changes, translator = LanguageChanges(panel), Marking()
    QCoreApplication.installTranslator(translator)
    try:
        await until(lambda: changes.count == 1, timeout=10, message="a LanguageChange")
        assert_all_marked(panel, session)
    finally:
        QCoreApplication.removeTranslator(translator)
    await until(lambda: changes.count == 2, timeout=10, message="the LanguageChange back")
    assert not [text for _, text in texts(panel) if "«" in text]
    if english is not None:
        assert texts(panel) == english
    changes.deleteLater()


def make_panel(qtbot, lesson_id):
    panel = unit(lesson_id).tab()(lesson_id)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    return panel


async def live_state(panel, session):
    """The moment worth checking while the lesson runs: the server's URL, the worker
    command, the deadlock found; else the first refresh."""
    def ready():
        panel.refresh()
        shown = {"async.aiohttp": lambda: panel.url, "distributed.manager": lambda: panel.command,
                 "threads.deadlock": lambda: panel.deadlock}.get(session.lesson.id, lambda: 1)
        return bool(shown()) or not session.run.running
    await until(ready, timeout=60, message="the panel's live state")


TABBED = sorted(lesson_id for lesson_id, lesson in load_all().items() if lesson.tab())


@pytest.mark.parametrize("lesson_id", TABBED)
def test_a_panel_follows_the_language_before_during_and_after_a_run(qtbot, run_async,
                                                                   lesson_id):
    panel = make_panel(qtbot, lesson_id)

    async def while_running(session):
        await live_state(panel, session)
        await follows_the_language(panel, session)
        if lesson_id == "threads.deadlock":
            assert panel.deadlock is not None and panel.stop_button.isVisible()
            await session.stop()            # a deadlock never ends by itself

    async def scenario():
        await follows_the_language(panel, english=texts(panel))          # before any run
        session, out = await panel_runs.run_with_panel(panel, lesson_id,
                                                       SETTINGS.get(lesson_id, {}),
                                                       while_running)
        await follows_the_language(panel, session, english=texts(panel))    # the ended run
        return session, out

    session, out = run_async(scenario())
    assert session.run.returncode == 0 or lesson_id == "threads.deadlock", out


def test_parameter_help_follows_the_language_and_names_stay(qtbot, run_async):
    form = ParamForm()
    qtbot.addWidget(form)
    form.set_lesson("threads.gil")
    lesson = catalog.lesson("threads.gil")
    tips = [form._editors[p.name].toolTip() for p in lesson.params]
    assert tips == [p.help for p in lesson.params]

    async def switch():
        translator = Marking()
        QCoreApplication.installTranslator(translator)
        try:
            await until(lambda: "«" in form._editors[lesson.params[0].name].toolTip())
            assert [form._editors[p.name].toolTip() for p in lesson.params] == \
                [f"«{p.help}»" for p in lesson.params]
            assert form.values() == catalog.resolve(lesson, {})     # names, choices: as they are
        finally:
            QCoreApplication.removeTranslator(translator)
        await until(lambda: "«" not in form._editors[lesson.params[0].name].toolTip())

    run_async(switch())
    assert [form._editors[p.name].toolTip() for p in lesson.params] == tips


def test_exit_reasons_are_english_without_a_translator_and_translated_with_one(qapp):
    assert describe(0) == "finished normally"
    assert describe(-9) == "killed by SIGKILL"
    assert describe(-15, "you") == "stopped by you (killed by SIGTERM)"
    assert describe(3) == "exited with status 3"
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        assert describe(-9) == "«killed by SIGKILL»"
        assert describe(-15, "the deadlock watch") == \
            "«stopped by the deadlock watch («killed by SIGTERM»)»"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert describe(-9) == "killed by SIGKILL"
