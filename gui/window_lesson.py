"""The lesson on screen (a part of `MainWindow`): its text, its source, its own tab from its
unit, and a recorded run shown as a finished one.

What is on screen is one lesson and, at most, a run of that lesson: choosing another lesson
takes the last run's timeline, banner, clock and console away with it. A run still going is
stopped first, and the chosen lesson is shown once that run has ended (the status line says
how it ended, naming its lesson), so a run is never drawn under another lesson's name."""
from gui.assets import asset, module_file
from gui import i18n, user_versions
from gui.i18n import translate
from gui.lessons import unit
from workloads import catalog

LESSON_TEXTS = asset("lessons")


class WindowLesson:
    """Mixed into MainWindow; expects the panes of `WindowLayout`, `runner`, `outcome`,
    `stop_lesson` and `_panel_timer`."""

    _keep_run = False               # showing a recorded run: its lesson comes with it
    _chosen_later = None            # the lesson to show once the running one has ended

    def show_lesson(self, lesson_id):
        """Show `lesson_id` (the lesson list chose it), with nothing of another run."""
        lesson = catalog.lesson(lesson_id)          # an unknown id raises here, changing nothing
        if self.runner.busy:                        # one run at a time, of the lesson on screen
            self._show_after_the_run(lesson_id)
            return
        if not self._keep_run:
            self._clear_run()
        self._show_panel(lesson_id)
        self.params.set_lesson(lesson_id)
        self._show_text(lesson_id)
        self.code.show_files([path for path in map(module_file, (lesson.module, *lesson.sources))
                              if path is not None], lesson_id)
        if getattr(self, "your_version", None) is not None:
            self.your_version.mark_tab()

    def lesson_to_run(self, lesson_id):
        """What Run starts for `lesson_id`: the student's version (kept as typed so far) when
        there is one, else the lesson."""
        self.code.keep_edit()
        return user_versions.lesson_to_run(lesson_id)

    def _show_after_the_run(self, lesson_id):
        """Stop the run on screen; show `lesson_id` once it has ended (the last choice wins)."""
        if self._chosen_later is None:
            for signal in (self.runner.finished, self.runner.cancelled, self.runner.failed):
                signal.connect(self._show_chosen_lesson)
        self._chosen_later = lesson_id
        self.stop_lesson()
        session = self.runner.session
        if session is not None and self.runner.stopping:
            self.say(translate("WindowLesson", "Stopping {lesson}…").format(
                lesson=session.lesson.id))

    def _show_chosen_lesson(self, *_):
        """The run has ended and said how (after the window's own slot): now the lesson."""
        lesson_id, self._chosen_later = self._chosen_later, None
        for signal in (self.runner.finished, self.runner.cancelled, self.runner.failed):
            signal.disconnect(self._show_chosen_lesson)
        if lesson_id is not None and lesson_id == self.lessons.current_lesson():
            ended = None if self.status.property("idle") else self.status.text()
            self.show_lesson(lesson_id)
            if ended:
                self.say(ended)                     # how the stopped run ended, by its id

    def _clear_run(self):
        """Back to "press Run": no timeline, banner, clock or console of another run, and
        a replayed trace is left."""
        self.outcome.clear()
        if getattr(self, "replay", None) is not None:
            self.replayer.leave()
        if self.timeline is not None:
            self.timeline.set_model(None)
        self.clock.setText("0.0 s")
        self.console.clear()
        self.status.setText(translate("MainWindow", "Choose a lesson and press Run."))
        self.status.setProperty("idle", True)

    def _show_text(self, lesson_id):
        """The lesson's text in the current language (English when it has no translation)."""
        translated = LESSON_TEXTS / i18n.current() / f"{lesson_id}.md"
        text = translated if translated.exists() else LESSON_TEXTS / f"{lesson_id}.md"
        title = translate("catalog", catalog.lesson(lesson_id).title)
        self.text.setMarkdown(text.read_text(encoding="utf-8") if text.exists() else title)

    def _show_panel(self, lesson_id):
        """The lesson's own tab, in front; else its text."""
        self._set_panel(lesson_id)
        self.tabs.setCurrentWidget(self.panel if self.panel is not None else self.text)

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
        self._keep_run = True                       # its lesson is shown with it
        try:
            if session.known:
                try:
                    self.lessons.select(session.lesson.id)
                    self.params.set_values(session.values)
                except (KeyError, ValueError, TypeError):
                    pass            # not listed here, or parameters of another version
            elif self.lessons.current_lesson():    # a fresh tab, not another run's numbers
                self.show_lesson(self.lessons.current_lesson())
        finally:
            self._keep_run = False
        self.timeline.set_live(False)               # and fit the whole run
        self.clock.setText(f"{session.model.end_time:0.1f} s")
        self.console.clear()
        self.console.write("stdout", session.output)
        self.outcome.clear()
