"""Questions of the Threads chapter (see gui/questions.py)."""
import os
import re

from gui.i18n import translate
from gui.questions import NO_ANSWER, Question, found, nearer

# -- Threads -----------------------------------------------------------------------------
def _basics(v):
    def answer(values, model, output):
        ended = re.findall(r"^thread (\S+) ended\.", output, re.M)
        if not ended or ended[-1] not in ("MainThread", "LoopThread"):
            return NO_ANSWER
        return ("MainThread", "LoopThread").index(ended[-1]), translate(
            "Questions", "{last} ended last").format(last=ended[-1])
    return Question(translate("Questions", "MainThread starts LoopThread, then calls join(). "
                              "Which thread ends last?"), ("MainThread", "LoopThread"), answer)


def _race(v):
    text = {"naive": translate("Questions", "Two threads run `balance = balance + n` and "
                               "`balance = balance - n`, {count:,} times each. What is the "
                               "balance at the end?"),
            "widened": translate("Questions", "The same deposits and withdrawals, {count:,} "
                                 "each, with a call between each read and its write. What "
                                 "is the balance at the end?"),
            "locked": translate("Questions", "The same code, {count:,} changes each, but "
                                "every change holds a Lock. What is the balance at the "
                                "end?")}[v["variant"]]

    def answer(values, model, output):
        balance = found(r"^final balance: (-?\d+)", output, int)
        lost = found(r"^lost updates: (?:at least )?(\d+)", output, int)
        if balance is None:
            return NO_ANSWER
        words = translate("Questions", "balance {balance:,}").format(balance=balance)
        if lost:
            words += translate("Questions", ": {lost:,} updates were lost").format(lost=lost)
        elif lost == 0:
            words += translate("Questions", ": no update lost")
        return (0 if balance == 0 else 1), words
    return Question(text.format(count=v["iterations"]),
                    (translate("Questions", "0: every deposit is taken back out"),
                     translate("Questions", "Not 0: some updates get lost")), answer)


def _lock(v):
    total = v["workers"] * v["iterations"]
    if v["workers"] < 2:
        return None

    def answer(values, model, output):
        found = re.search(r"^without the lock: counter = ([\d,]+) \(expected ([\d,]+)\)",
                          output, re.M)
        if not found:
            return NO_ANSWER
        counter, expected = (int(x.replace(",", "")) for x in found.groups())
        index = 0 if counter == expected else 1 if counter < expected else 2
        return index, translate("Questions", "without the lock the counter ended at "
                                "{counter:,} of {expected:,}").format(counter=counter,
                                                                      expected=expected)
    return Question(translate("Questions", "{workers} threads each add 1 to a counter "
                              "{iterations:,} times, without a lock. Where does the counter "
                              "end?").format(workers=v["workers"], iterations=v["iterations"]),
                    (translate("Questions", "Exactly at {total:,}").format(total=total),
                     translate("Questions", "Below {total:,}: some updates get lost"
                               ).format(total=total),
                     translate("Questions", "Above {total:,}").format(total=total)), answer)


def _deadlock(v):
    from gui.trace.waitfor import find_deadlock
    text = {"deadlock": translate("Questions", "Thread-1 takes lock_a, then lock_b. Thread-2 "
                                  "takes lock_b, then lock_a. Will both threads finish?"),
            "ordered": translate("Questions", "Both threads take lock_a first, then lock_b. "
                                 "Will both threads finish?"),
            "timeout": translate("Questions", "Opposite order again, but acquire() gives up "
                                 "after 0.5 s and tries again later. Will both threads "
                                 "finish?")}[v["variant"]]

    def answer(values, model, output):
        if re.search(r"^both threads finished", output, re.M):
            return 0, translate("Questions", "both threads finished")
        deadlock = find_deadlock(model)
        if deadlock is not None:
            return 1, deadlock.describe()
        return NO_ANSWER
    return Question(text, (translate("Questions", "Yes: both get both locks and finish"),
                           translate("Questions", "No: they wait for each other for ever")),
                    answer, live=True)


def _gil(v):
    cores = min(v["workers"], os.cpu_count() or 1)
    if cores < 2:
        return None
    what = (translate("Questions", "{workers} threads") if v["variant"] == "threads" else
            translate("Questions", "{workers} processes")).format(workers=v["workers"])

    def answer(values, model, output):
        used = found(r"^CPU used: ([\d.]+) cores", output)
        if used is None:
            return NO_ANSWER
        return nearer(used, 1, cores), translate("Questions", "{used:.1f} cores used"
                                                  ).format(used=used)
    return Question(translate("Questions", "{what} each keep the CPU busy for {seconds:g} s, "
                              "on {cores} cores. How many cores do they use together?").format(
                        what=what, seconds=v["seconds"], cores=os.cpu_count()),
                    (translate("Questions", "About 1 core"),
                     translate("Questions", "About {cores} cores").format(cores=cores)), answer)


def _local(v):
    names = [n.strip() for n in v["names"].split(",") if n.strip()]
    if len(names) < 2:
        return None

    def answer(values, model, output):
        read = found(r"^Hello, (.+) \(in Thread-A, via local_school\)", output, str)
        if read is None:
            return (2, "AttributeError") if "AttributeError" in output else NO_ANSWER
        index = 0 if read == names[0] else 1 if read == names[-1] else None
        return index, translate("Questions", "Thread-A read {name}").format(name=read)
    return Question(translate("Questions", "Every thread sets local_school.student to its own "
                              "name; when all have, each reads it back. What does Thread-A "
                              "(the first) read?"),
                    (translate("Questions", "{name}: its own name").format(name=names[0]),
                     translate("Questions", "{name}: the name set last").format(name=names[-1]),
                     translate("Questions", "Nothing: AttributeError")), answer)


QUESTIONS = {"threads.basics": _basics, "threads.race": _race, "threads.lock": _lock,
             "threads.deadlock": _deadlock, "threads.gil": _gil, "threads.local": _local}
