"""Predict, then reveal, before a stepped race: "Can you lose an update in naive under this
Python?", asked on the class's question card (`gui.predict`, its one home) once the stepped
run stands ready and before the first move.

The answer is read from the stepped run itself, never from a table: the `dis` listing of the
functions the lesson's threads run, as the interpreter that runs them compiled them, with the
switch points its rules allow. An update can be lost when a switch can fall after a read of
the shared variable and before that thread's write of it. It is revealed when the balance
goes wrong, when every thread has finished, or when the student gives up (the panel's
"Give up" button, or Stop).
"""
from PySide6.QtCore import QTimer

from gui.i18n import translate
from gui.lessons.question import Question
from gui.views import scheduler_words as words
from gui.views.param_form import choice_label

YES, NO = 0, 1
READS, WRITES = ("LOAD_GLOBAL", "LOAD_NAME"), ("STORE_GLOBAL", "STORE_NAME")


def _names(op, shared):
    return op["argrepr"].split()[-1:] == [shared]


def updates(listing, runs, shared):
    """Each read-then-write of `shared` in the functions the threads run (`runs`): the
    instructions from the read to the write, as the listing shows them."""
    found = []
    for function in listing:
        if function["function"] not in runs:
            continue
        start = None
        for i, op in enumerate(function["ops"]):
            if op["opname"] in READS and _names(op, shared) and start is None:
                start = i
            elif op["opname"] in WRITES and _names(op, shared) and start is not None:
                found.append(function["ops"][start:i + 1])
                start = None
    return found


def switch_points(update, rules):
    """The instructions of `update` after which another thread may run before its write: under
    "cpython" those the interpreter can switch after; on any machine, every one."""
    inside = update[:-1]
    return list(inside) if rules == "any" else [op for op in inside if op["switch_after"] is None]


def _op(op):
    return f"{op['opname']} {op['argrepr']}".strip()


def answer(listing, hello, rules):
    """(YES or NO, why in words naming the instructions, as the card's "Measured: ...")
    for the stepped run."""
    shared = hello["shared"]
    found = [(u, switch_points(u, rules)) for u in updates(listing, hello["runs"], shared)]
    if not found:
        return None, ""
    update, points = next(((u, p) for u, p in found if p), found[0])   # a split, if any
    name = words.interpreter_text(hello["version"], hello["gil"])
    read, write = _op(update[0]), _op(update[-1])
    if not points:
        return NO, translate("Scheduler", "{interpreter} cannot switch after {ops}, so {read} … "
                                          "{write} runs in one piece").format(
            interpreter=name, read=read, write=write,
            ops=", ".join(dict.fromkeys(op["opname"] for op in update[:-1])))
    if rules == "any":
        return YES, translate("Scheduler", "a switch may come after {read}, before {write}: the "
                                           "write then wipes out the other thread's update"
                              ).format(read=read, write=write)
    return YES, translate("Scheduler", "{interpreter} can switch after {ops}, between {read} and "
                                       "{write}: the write then wipes out the other thread's "
                                       "update").format(
        interpreter=name, read=read, write=write,
        ops=", ".join(dict.fromkeys(op["opname"] for op in points)))


def question(variant, listing, hello, rules):
    """The question for this stepped run, its choices and its answer (from the listing)."""
    name = words.interpreter_text(hello["version"], hello["gil"])
    if rules == "any":
        text = translate("Scheduler", "Can you lose an update in {variant} under {interpreter} "
                                      "if a switch may happen anywhere, as on any machine?")
    else:
        text = translate("Scheduler", "Can you lose an update in {variant} under {interpreter}, "
                                      "switching only where it can hand over the GIL?")
    return Question(text.format(variant=choice_label(variant), interpreter=name), (
        translate("Scheduler", "Yes: a switch can fall between the read and the write"),
        translate("Scheduler", "No: the read and the write always run in one piece")),
        lambda _run: answer(listing, hello, rules))


class SchedulerPrediction:
    """The question before one stepped race, and its reveal; `mode` is the
    `gui.scheduler_mode.SchedulerMode` that owns the run."""

    def __init__(self, mode):
        self.mode = mode
        self.made = None                # makes this run's question (also after a switch)

    def ask(self, run, listing):
        """Ask the class before the first move of a stepped race whose goal is a lost update
        (no lock guards it: the listing alone answers); False when not asked."""
        mode, predict = self.mode, self.mode.window.predict
        variant = mode.values.get("variant")
        if mode.goal != words.WRONG or not updates(listing, run.hello["runs"],
                                                   run.hello["shared"]):
            return False
        self.made = lambda: question(variant, listing, run.hello, run.rules)
        if not predict.ask_first(mode.lesson_id, mode.values, self.made, self._answered):
            self.made = None
            return False
        return True

    def asking(self):
        """True while the class has not answered: the moves wait."""
        return self.made is not None and self.mode.window.predict.asking(self.made)

    def _answered(self, _choice):
        panel = self.mode.panel
        panel.show_give_up(True)
        if panel.cards:
            panel.cards[0].button.setFocus()
        QTimer.singleShot(0, self.mode, self.mode.make_room)   # room for the class's note

    def reveal(self):
        """The run is over, or the student gives up: show the answer (once)."""
        if self.made is None:
            return
        self.mode.panel.show_give_up(False)
        if self.mode.window.predict.tell(self.made):
            QTimer.singleShot(0, self.mode, self.mode.make_room)    # the note has gone

    def forget(self):
        """A new stepped run (or none): this question no longer applies."""
        predict = self.mode.window.predict
        if self.made is not None and predict.made is self.made:
            predict.dismiss()
            predict.note.hide()
        self.made = None
        if self.mode.panel is not None:
            self.mode.panel.show_give_up(False)
