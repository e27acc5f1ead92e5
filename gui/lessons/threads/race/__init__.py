"""threads.race: two threads deposit and withdraw on one balance, and updates get lost.

The lesson's figures (``probe.result`` in workloads/threads/race.py): ``balance`` (int, the
final balance), ``iterations`` (int, deposits per thread), ``variant`` (text), ``lost``
(int: lost updates, counted by the ledger or, when ``lost_exact`` is false, the fewest that
explain the balance), ``lost_exact`` (bool), ``reason`` (text: why there is or is no step
table, see `gui.lessons.threads.race.table`), and when the ledger counted every write
``lost_t1``, ``lost_t2`` (ints) and ``steps`` (the interleaving's rows), and ``rounds`` (the
balance each round ended at: the naive race runs again until the balance moves on a CPython
that can switch inside ``balance = balance + n``).
"""
from gui.i18n import translate
from gui.lessons import CheckRun, Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question


@lesson("threads.race")
class Race(LessonUnit):
    quick = {"iterations": 20_000}

    def tab(self):
        from gui.lessons.threads.race.tab import RacePanel
        return RacePanel

    def sentence(self, run):
        figures = run.result
        if "balance" not in figures or "lost" not in figures:
            return ""
        balance, count = figures["balance"], figures["lost"]
        n = 2 * figures.get("iterations", run.values.get("iterations", 0))
        words = dict(balance=balance, n=n, python=version_text(run))
        if not figures.get("lost_exact", True) and count == 0:
            text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                              "withdrawals: no update lost, or lost ones that "
                                              "cancelled out; {python} can lose updates: run it "
                                              "again.")
        elif not figures.get("lost_exact", True):
            text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                              "withdrawals: at least %n update(s) lost.",
                             None, count)
        elif count == 0 and variant(run) == "locked":
            text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                              "withdrawals: no update lost, the lock let one "
                                              "thread at a time change the balance.")
        elif count == 0:
            text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                              "withdrawals: no update lost on {python}. See why "
                                              "in the text.")
        elif balance == 0:
            text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                              "withdrawals: %n update(s) lost, and by chance "
                                              "they cancelled out.", None, count)
        else:
            text = translate("LessonSummary", "Balance {balance} after {n:,} deposits and {n:,} "
                                              "withdrawals: %n update(s) lost.", None, count)
        rounds = len(figures.get("rounds") or ())
        if rounds > 1:
            text += " " + translate("LessonSummary", "Round %n: the rounds before it ended at 0.",
                                    None, rounds)
        return text.format(**words)

    def check_runs(self, lesson):
        """Each variant on this Python, and the textbook race under an older CPython too when
        this computer has one (the one place it loses updates with the GIL)."""
        runs = [CheckRun(run.label, dict(run.values, iterations=lesson.defaults()["iterations"]))
                if run.label == "widened" else run        # a quick one may not switch once
                for run in super().check_runs(lesson)]
        from workloads import interpreters
        from workloads._trace.race_report import can_split as this_python_can_split
        if this_python_can_split():
            return runs                 # naive loses updates here already
        older = interpreters.older_with_lost_updates(interpreters.discover())
        if older is not None:
            # at the defaults: a quick round is over before CPython's first switch
            runs.append(CheckRun(f"naive, Python {older.release}",
                                 dict(lesson.defaults(), variant="naive"), older.executable))
        return runs

    def claim(self, run):
        figures = run.result
        if "balance" not in figures:
            return None
        balance, kind = figures["balance"], variant(run)
        python = version_text(run)
        if kind == "locked":
            return Claim(translate("Claims", "locked: the balance ends at 0"), balance == 0,
                         translate("Claims", "the Lock let an update through: report it"))
        if kind == "widened":
            return Claim(translate("Claims", "widened: updates are lost"),
                         bool(figures.get("lost")) or balance != 0,
                         translate("Claims", "run it with more iterations"))
        if can_split(run.python):
            return Claim(translate("Claims", "naive on {python}: the textbook race loses "
                                             "updates").format(python=python), balance != 0,
                         translate("Claims", "run it again, or with more iterations"))
        return Claim(translate("Claims", "naive on {python}: the balance ends at 0 (install "
                                         "CPython 3.9 to show the textbook race)")
                     .format(python=python), balance == 0,
                     translate("Claims", "this CPython switched inside balance = balance + n: "
                                         "say so in class, it is the free-threaded case"))

    def question(self, values):
        text = {"naive": translate("Questions", "Two threads run `balance = balance + n` and "
                                   "`balance = balance - n`, {count:,} times each. What is the "
                                   "balance at the end?"),
                "widened": translate("Questions", "The same deposits and withdrawals, {count:,} "
                                     "each, with a call between each read and its write. What "
                                     "is the balance at the end?"),
                "locked": translate("Questions", "The same code, {count:,} changes each, but "
                                    "every change holds a Lock. What is the balance at the "
                                    "end?")}[values["variant"]]
        return Question(text.format(count=values["iterations"]),
                        (translate("Questions", "0: every deposit is taken back out"),
                         translate("Questions", "Not 0: some updates get lost")), answer)

    def compare_rows(self, run):
        figures = run.result
        if "balance" not in figures:
            return ()
        return ((translate("RacePanel", "final balance"), str(figures["balance"])),
                (translate("RacePanel", "lost updates"), lost_text(figures)))


def answer(run):
    """Right: 0 when the balance came back to 0, else "some updates get lost"."""
    figures = run.result
    balance, lost = figures.get("balance"), figures.get("lost")
    if balance is None:
        return NO_ANSWER
    words = translate("Questions", "balance {balance:,}").format(balance=balance)
    if lost:
        words += translate("Questions", ": %n update(s) lost", None, lost)
    elif lost == 0:
        words += translate("Questions", ": no update lost")
    return (0 if balance == 0 else 1), words


def variant(run):
    return run.result.get("variant", run.values.get("variant"))


def lost_text(figures):
    """The lost updates as the big number shows them: "≥ 3" when counted from the balance."""
    lost = figures.get("lost")
    if lost is None:
        return "…"
    return str(lost) if figures.get("lost_exact", True) else f"≥ {lost}"


def can_split(python):
    """Can the CPython of version text `python` ("3.9.18", "3.13.0t") switch threads inside
    `balance = balance + n`? None when the text says nothing."""
    parts = python.split(".")
    if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return (int(parts[0]), int(parts[1])) < (3, 10) or python.endswith("t")


def version_text(run):
    """ "CPython 3.11" of the interpreter that ran it, or "this Python"."""
    parts = run.python.split(".")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        return f"CPython {parts[0]}.{parts[1]}"
    return translate("LessonSummary", "this Python")
