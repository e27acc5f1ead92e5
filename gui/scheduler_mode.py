"""You are the scheduler: the lesson's real threads stop before each step, and the student
picks which one moves next (Run > You are the scheduler, F7; then 1, 2, ... or a click).

One `SchedulerMode` owns the stepped run (`gui.stepping.SteppedRun`, whose calls block, so
they run in a worker thread of the qasync loop, one at a time and in the order asked) and
feeds the scheduler tab and the timeline (one lane per thread, one span per step, so the
x axis counts moves). Moves asked for while a step is under way wait their turn: the same
keys always give the same run. Stop, another start or a normal run ends the stepped
process at once.
"""
import asyncio

from PySide6.QtCore import QEvent, QObject, QTimer

from gui import scheduler_replay
from gui.scheduler_predict import SchedulerPrediction
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.lessons.threads.deadlock import describe
from gui.stepping import SteppedRun, SteppingError
from gui.tasks import spawn
from gui.trace.model import STATES, TraceModel
from gui.views import scheduler_words as words
from gui.views.scheduler_panel import GREEN, VERMILLION, SchedulerPanel
from workloads._trace import stepper_lessons

RUN, WAIT = STATES.index("run"), STATES.index("wait.lock")
MOVES_AXIS = QT_TRANSLATE_NOOP("TimelineView", "moves (one step of one thread each)")
STEPPING_TIMELINE_SHARE = 32    # per cent of the height the timeline keeps while stepping
TIMELINE_MIN_PX = (220, 300)    # but enough for its lanes: normal, presentation mode
STEPPING_CORES_SHARE = 20       # per cent of the width under it the core graphs keep
FIRST_MOVES_SHOWN = 10          # the x axis starts at 0 to 10 moves (not a fraction of one)


def install(window):
    mode = SchedulerMode(window)
    window.scheduler = mode
    window.scheduler_action = window.add_action(
        window.run_menu, QT_TRANSLATE_NOOP("Actions", "You are the scheduler"), "F7", mode.open)
    window.lessons.lesson_chosen.connect(mode.lesson_chosen)
    window.runner.started.connect(lambda _session: mode.stop(quiet=True))
    window.stop_action.triggered.connect(lambda: mode.stop() if mode.run else None)
    window.language_changed.connect(lambda _language: mode.retitle())
    window.tabs.currentChanged.connect(lambda _index: mode.make_room())
    window.presentation_changed.connect(
        lambda _on: QTimer.singleShot(150, mode, mode.make_room))
    mode.lesson_chosen(window.lessons.current_lesson())
    window.installEventFilter(mode)         # closing the window ends the stepped run


class SchedulerMode(QObject):
    """The stepped run of the chosen lesson and the tab that shows it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.panel = None
        self.run = None
        self.lesson_id, self.values, self.goal = None, {}, None
        self.model, self.lanes = None, []
        self.generation = 0             # bumped by every start and stop: old work ends
        self._moves, self._draining = [], False
        self._revealed = False
        self._recorder = None           # a real run of the widened race, being recorded
        self._roomy = False             # the scheduler tab has the larger share now
        self._replaying = False         # the moves come from a recording, not the keys
        self.prediction = SchedulerPrediction(self)     # the class's answer before a race

    # -- opening and closing ------------------------------------------------------------
    def lesson_chosen(self, lesson_id):
        """Another lesson: the scheduler can be opened on it if it can be stepped; a stepped
        run of the previous one ends."""
        self.window.scheduler_action.setEnabled(lesson_id in stepper_lessons.LESSONS)
        if self.run is not None and lesson_id != self.lesson_id:
            self.stop()

    def open(self):
        """Start stepping the chosen lesson with the parameters in the form."""
        lesson_id = self.window.lessons.current_lesson()
        if lesson_id not in stepper_lessons.LESSONS:
            return
        try:
            values = self.window.params.values()
        except (ValueError, KeyError) as exc:
            self.window.say(str(exc))
            return
        problem = stepper_lessons.problem(lesson_id, values)
        if problem:
            self.window.say(problem)
            return
        self.lesson_id, self.values = lesson_id, values
        self.goal = words.goal_of(lesson_id, values)
        panel = self._panel()
        panel.set_lesson(words.goal_text(self.goal), self.goal == words.WRONG)
        self.window.tabs.setCurrentWidget(panel)
        self.start()

    def _panel(self):
        if self.panel is None:
            self.panel = SchedulerPanel()
            self.panel.step_requested.connect(self.request)
            self.panel.start_requested.connect(self.start)
            self.panel.stop_requested.connect(self.stop)
            self.panel.replay_requested.connect(self.replay)
            self.panel.give_up_requested.connect(self.prediction.reveal)
            self.panel.installEventFilter(self)
            self.window.tabs.addTab(self.panel, "")
            self.retitle()
        return self.panel

    def retitle(self):
        if self.panel is not None:
            self.window.tabs.setTabText(self.window.tabs.indexOf(self.panel),
                                        translate("Scheduler", "You are the scheduler"))

    def make_room(self):
        """While the scheduler tab is in front it takes most of the window under a lower
        timeline (two lanes need little height); elsewhere the window's own shares."""
        window = self.window
        if window.timeline is None:
            return
        if self.panel is not None and window.tabs.currentWidget() is self.panel:
            self._roomy = True
            height, width = sum(window._centre.sizes()), sum(window._bottom.sizes())
            note = window.predict.note       # the class's answer, above the timeline
            top = max(round(height * STEPPING_TIMELINE_SHARE / 100),
                      TIMELINE_MIN_PX[bool(window.presentation_on)]) + (
                note.sizeHint().height() if note.isVisible() else 0)
            cores = max(round(width * STEPPING_CORES_SHARE / 100),
                        window._bottom.widget(1).minimumWidth())
            window._centre.setSizes([top, height - top])
            window._bottom.setSizes([width - cores, cores])
            window._page_height()
        elif self._roomy:
            self._roomy = False
            window._share_centre()

    def eventFilter(self, watched, event):
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop(quiet=True)
        elif watched is self.panel and event.type() == QEvent.Type.LanguageChange:
            self.panel.retranslate()
            self.panel.set_lesson(words.goal_text(self.goal), self.goal == words.WRONG)
        return False

    def start(self, rules=None):
        """A fresh stepped run (the moves so far are forgotten); returns its task."""
        self.stop(quiet=True)
        self._revealed = False
        return spawn(self._start(self.generation, rules), "starting a stepped lesson")

    def stop(self, quiet=False):
        """End the stepped run (and a recording run) at once. The student's Stop gives up
        on the class's question (its answer shows); a quiet stop forgets it."""
        self.generation += 1
        if quiet:
            self.prediction.forget()
        else:
            self.prediction.reveal()
        self._moves.clear()
        run, self.run = self.run, None
        if run is not None:
            run.close()
        if self._recorder is not None and self._recorder.returncode is None:
            self._recorder.terminate()      # the run command ends its lesson, then itself
        if self.panel is not None:
            self.panel.set_running(False)
            if not quiet and run is not None:
                self.panel.say(lambda: translate("Scheduler", "Stopped: the lesson process "
                                                              "was ended."))

    def idle(self):
        """True when a stepped run stands ready and every move asked for was played."""
        return self.run is not None and not self._moves and not self._draining

    def stopped(self):
        """True when no stepped or recording process is left."""
        return self.run is None and (self._recorder is None or
                                     self._recorder.returncode is not None)

    async def _start(self, generation, rules, ask=True):
        panel = self.panel
        unit, chosen = panel.choice()
        run = SteppedRun(self.lesson_id, self.values, unit, rules or chosen,
                         self.window.interpreter.python(),
                         should_stop=lambda: generation != self.generation)
        panel.say(lambda: translate("Scheduler", "Starting the lesson's threads…"))
        try:
            await asyncio.to_thread(run.start)
            listing = await asyncio.to_thread(run.listing)
        except SteppingError as exc:
            run.close()
            reason = str(exc)
            if generation == self.generation:
                panel.refuse(lambda: reason)
            return
        if generation != self.generation:
            run.close()
            return
        self.run = run
        self._show_run(run, listing)
        if ask:
            self.prediction.ask(run, listing)

    def _show_run(self, run, listing):
        with open(run.hello["file"], encoding="utf-8") as source:
            lines = source.read().splitlines()
        self.panel.set_threads(run.threads(), listing, lines)
        self.model = TraceModel()
        self.model.x_label = MOVES_AXIS     # x counts moves: move k spans k - 1 to k
        self.model.touch(FIRST_MOVES_SHOWN)
        self.model.process(run.pid, 0, self.lesson_id, start=0.0)
        self.lanes = [self.model.thread_started(run.pid, no, no, name, 0.0)
                      for no, name in enumerate(run.threads(), 1)]
        self.window.timeline.set_model(self.model)
        self.window.timeline.set_live(False)
        self._show_state()
        self.panel.set_running(True)
        self.panel.say(lambda: translate(
            "Scheduler", "Switch points: {rules}. Click a thread or press its number to let it "
                         "take one step.").format(rules=words.rules_text(run.rules, run.hello)))
        self.window.card_host().ensureWidgetVisible(self.panel.goal)
        if self.panel.cards:
            self.panel.cards[0].button.setFocus()

    # -- moves ----------------------------------------------------------------------------
    def request(self, no):
        """Thread `no` takes the next step, after the moves already asked for."""
        if self.run is None or self._replaying or self.prediction.asking():
            return
        self._moves.append(no)
        if not self._draining:
            self._draining = True           # before the task runs: one drainer at a time
            spawn(self._drain(self.generation), "stepping a thread")

    async def _drain(self, generation):
        try:
            while self._moves and generation == self.generation:
                await self._step(self._moves.pop(0), generation)
        finally:
            self._draining = False

    async def _step(self, no, generation):
        """One move; returns the step taken (None if refused or stopped)."""
        run = self.run
        try:
            step, refused = await asyncio.to_thread(run.step, no)
        except SteppingError as exc:
            reason = str(exc)
            if generation == self.generation:
                self.stop(quiet=True)
                self.panel.refuse(lambda: reason)
            return None
        if generation != self.generation:
            return None
        if refused:
            self._moves.clear()             # what was asked after a refusal is not played
            self._refused(no, refused)
        else:
            self._draw(step)
        self._show_state()
        self._check_goal(refused)
        return step

    def _refused(self, no, reason):
        names = self.run.threads()
        name = names[no - 1] if 1 <= no <= len(names) else str(no)
        self.panel.refuse(lambda: translate("Scheduler", "{thread} cannot step now: {reason}"
                                            ).format(thread=name,
                                                     reason=words.refusal_text(reason.reason)))

    def _draw(self, step):
        move, lane = step["move"], self.lanes[step["thread"] - 1]
        thread = self.run.state()["threads"][step["thread"] - 1]
        state = WAIT if thread.get("waits_for") else RUN
        name = f"{step.get('line', '?')}: {step.get('source', '')}"
        self.model.add_spans([move - 1.0], [float(move)], [lane.id], [state],
                             [self.model.name_id(name)])
        self.window.timeline.fit()

    def _show_state(self):
        state = self.run.state()
        self.panel.show_state(state, words.shared_text(state), words.locks_text(state))
        moves = state["moves"]      # the run's clock counts moves here, as its timeline does
        self.window.clock.setText(translate("Scheduler", "%n move(s)", None, moves))

    # -- goals ----------------------------------------------------------------------------
    def _check_goal(self, refused):
        state = self.run.state()
        if words.reached(self.goal, state) or all(
                t["state"] in ("done", "failed") for t in state["threads"]):
            self.prediction.reveal()        # the run has answered the class's question
        if self.goal == words.BREAK:
            why = words.stopped_by_lock(state, refused)
            if why:
                self.panel.say(lambda: why, GREEN)
            return
        if self._revealed or not words.reached(self.goal, state):
            return
        self._revealed = True
        moves = state["moves"]
        if self.goal == words.FOREVER:
            graph, cycle = words.wait_graph(state)
            self.panel.reveal_graph(graph, cycle)
            self.window._page_height()
            text = describe(cycle) if cycle is not None else state["deadlock"]
            self.panel.say(lambda: translate(
                "Scheduler", "Done in %n move(s): {deadlock}. Neither thread can ever move "
                             "again.", None, moves).format(deadlock=text), VERMILLION)
            return
        steps = words.race_steps(self.run.events, state["shared"]["name"])
        lost = next((s for s in steps if s[0] == "lost"), None)
        writer = f"t{lost[1]}" if lost else "?"
        other = f"t{3 - lost[1]}" if lost else "?"
        caption = translate(
            "Scheduler", "You made the balance wrong in %n move(s): {writer} read the balance, "
                         "{other} changed it, then {writer} wrote its stale result over it: "
                         "{other}'s update is lost.", None, moves).format(writer=writer,
                                                                          other=other)
        self.panel.reveal_race(steps, caption)
        self.window._page_height()          # the table asks for its height
        QTimer.singleShot(0, self, lambda: self.window.card_host().ensureWidgetVisible(
            self.panel.message))

    # -- replaying a real run -----------------------------------------------------------
    def replay(self, speed):
        """Step through an interleaving a real, unstepped run of the widened race recorded."""
        if self.goal != words.WRONG:
            return None
        self.stop(quiet=True)
        return spawn(scheduler_replay.replay(self, self.generation, max(0.5, float(speed))),
                     "replaying a recorded interleaving")
