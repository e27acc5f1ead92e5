"""The lesson on screen (a part of `MainWindow`): its text, its source, its own tab from its
unit, and a recorded run shown as a finished one."""
from gui.assets import asset, module_file
from gui import i18n
from gui.i18n import translate
from gui.lessons import unit
from workloads import catalog

LESSON_TEXTS = asset("lessons")


class WindowLesson:
    """Mixed into MainWindow; expects the panes of `WindowLayout`, `runner`, `outcome`,
    `stop_lesson` and `_panel_timer`."""

    def show_lesson(self, lesson_id):
        lesson = catalog.lesson(lesson_id)
        if self.runner.busy:                # one run at a time, of the lesson on screen
            self.stop_lesson()
        self._set_panel(lesson_id)
        self.tabs.setCurrentWidget(self.panel if self.panel is not None else self.text)
        self.params.set_lesson(lesson_id)
        self._show_text(lesson_id)
        self.code.show_files(path for path in map(module_file, (lesson.module, *lesson.sources))
                             if path is not None)

    def _show_text(self, lesson_id):
        """The lesson's text in the current language (English when it has no translation)."""
        translated = LESSON_TEXTS / i18n.current() / f"{lesson_id}.md"
        text = translated if translated.exists() else LESSON_TEXTS / f"{lesson_id}.md"
        title = translate("catalog", catalog.lesson(lesson_id).title)
        self.text.setMarkdown(text.read_text(encoding="utf-8") if text.exists() else title)

    def _set_panel(self, lesson_id):
        """The lesson's own tab (a table, a zoomed view), when it has one."""
        if self.panel is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.panel))
            self.panel.deleteLater()
            self.panel = None
        cls = unit(lesson_id).tab()
        if cls is not None:
            self.panel = cls(lesson_id)
            self.panel.attention.connect(self._attention)
            self.panel.stop_requested.connect(self.stop_lesson)
            self.tabs.insertTab(1, self.panel, self.panel.tab_title())

    def _attention(self, text):
        self.outcome.say(text)
        if self.panel is not None:
            self.tabs.setCurrentWidget(self.panel)

    def _refresh_panel(self):
        if self.panel is not None and self.runner.session is not None:
            self.panel.refresh()

    def show_recorded(self, session):
        """A recorded run (a replayed trace) as the window shows a finished one: timeline,
        lesson and parameters, clock and console. The timeline takes the model first: when
        it raises, nothing has changed. `gui/replay.py` then shows its outcome."""
        self.timeline.set_model(session.model)
        if session.known:
            try:
                self.lessons.select(session.lesson.id)
                self.params.set_values(session.values)
            except (KeyError, ValueError, TypeError):
                pass                # not listed here, or parameters of another version
        elif self.lessons.current_lesson():        # a fresh tab, not another run's numbers
            self.show_lesson(self.lessons.current_lesson())
        self.timeline.set_live(False)               # and fit the whole run
        self.clock.setText(f"{session.model.end_time:0.1f} s")
        self.console.clear()
        self.console.write("stdout", session.output)
        self.outcome.clear()
