"""distributed.manager: a task queue served over TCP to workers here or on other machines.

Its claim reads the figures (tasks, results_back, came_back_twice, lost) and the manager's
"Worker command: ..." mark, the command as the lesson printed it: where the manager listens
(``--host``) and the key it made (``--key``; a live run holds it, a trace keeps a note)."""
import re

from gui.i18n import translate
from gui.lessons import Claim, lesson
from gui.lessons.distributed._task_queue import TaskQueueUnit, every_result_once, \
    marks_starting
from gui.lessons.question import NO_ANSWER, Question

COMMAND = "Worker command: "
RANDOM_KEY = re.compile(r"[0-9a-f]{32,}")        # secrets.token_hex(16): 128 random bits


@lesson("distributed.manager")
class Manager(TaskQueueUnit):
    quick = {"tasks": 4}
    def question(self, values):
        if values["workers"] < 1:
            return None
        tasks = values["tasks"]
        return Question(
            translate("Questions", "The manager puts {tasks} tasks in its queue; {workers} "
                      "workers take them over the network. How many results come back?"
                      ).format(tasks=tasks, workers=values["workers"]),
            (translate("Questions", "All {tasks}, each once").format(tasks=tasks),
             translate("Questions", "Fewer than {tasks}").format(tasks=tasks),
             translate("Questions", "Some come back twice")), answer)

    def claim(self, run):
        figures = run.result
        if "results_back" not in figures:
            return None
        commands = marks_starting(run.model, COMMAND)
        words = commands[0][len(COMMAND):].split() if commands else []
        host, key = option(words, "--host"), option(words, "--key")
        if not every_result_once(figures):
            advice = translate("Claims", "a result was lost or came back twice: report it")
        elif not commands:
            advice = translate("Claims", "the manager announced no worker command: report it")
        elif not RANDOM_KEY.fullmatch(key):
            advice = translate("Claims", "the key is not 128 random bits: report it")
        elif asked_loopback(run.values) and not host.startswith("127."):
            advice = translate("Claims", "the manager listened beyond this machine: report it")
        else:
            advice = ""
        if asked_loopback(run.values):
            text = translate("Claims", "every result comes back exactly once; the manager "
                                       "listens on 127.0.0.1 with a new random key and shows "
                                       "the worker command")
        else:
            text = translate("Claims", "every result comes back exactly once; the manager "
                                       "uses a new random key and shows the worker command")
        return Claim(text, not advice, advice)


def option(words, name):
    """The word after `name` in a command's words, or ''."""
    return words[words.index(name) + 1] if name in words[:-1] else ""


def asked_loopback(values):
    """Whether the run kept the manager on this machine (the default bind, or 127.x)."""
    bind = str(values.get("bind", "")).strip()
    return not bind or bind.startswith("127.")


def answer(run):
    figures = run.result
    if "results_back" not in figures:
        return NO_ANSWER
    got, total = figures["results_back"], figures["tasks"]
    index = 2 if figures["came_back_twice"] else 0 if got == total else 1
    return index, translate("Questions", "{got} of {total} results came back").format(
        got=got, total=total)
