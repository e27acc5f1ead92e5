"""threads.local: every thread binds its own student to ``threading.local()`` and reads it
back, beside a global dict keyed by the thread.

Figures: ``reads`` (one row per thread: [thread, bound, read via local_school, read via
global_dict], None for a read that never happened), ``main_thread_has_student`` and
``global_dict_entries``. While the run lasts, what each thread bound is on its lane as a
mark ("student = Alice").
"""
from gui.i18n import translate
from gui.lessons import Claim, LessonUnit, lesson
from gui.lessons.question import NO_ANSWER, Question

BOUND = "student = "            # the mark a thread makes when it binds its student


def bound_values(model):
    """{thread name: the student it bound}, from the "student = X" marks on its lane."""
    found = {}
    for lane, name in zip(model.marks["lane"].tolist(), model.marks["name"].tolist()):
        text = model.names[name]
        if text.startswith(BOUND):
            found[model.lanes[lane].label] = text[len(BOUND):]
    return found


def reads(run):
    """{thread: (bound, via local_school, via global_dict)} from the run's figures."""
    return {row[0]: tuple(row[1:4]) for row in run.result.get("reads", ())}


def own(row):
    """True / False once both reads of a row (bound, via local, via dict) are known, else
    None."""
    bound, *read = row
    if bound is None or None in read:
        return None
    return all(value == bound for value in read)


@lesson("threads.local")
class Local(LessonUnit):

    def tab(self):
        from gui.lessons.threads.local.tab import LocalPanel
        return LocalPanel

    def sentence(self, run):
        rows = reads(run)
        if not rows:
            return ""
        wrong = [thread for thread, row in rows.items() if own(row) is False]
        if wrong:
            return translate("LocalPanel", "{threads} read another thread's student: the values "
                                           "are not per thread here.").format(
                threads=", ".join(wrong))
        return translate("LocalPanel", "Each thread read its own student back, through "
                                       "threading.local and through the global dict alike.")

    def claim(self, run):
        """Every thread reads back what it bound (its lane's "student = X" mark), both ways;
        the main thread, which bound nothing, has no student."""
        rows = reads(run)
        if not rows:
            return None
        text = translate("Claims", "each thread reads back its own student, through "
                                   "threading.local and through the global dict; MainThread "
                                   "has none")
        names = [n.strip() for n in str(run.values.get("names", "")).split(",") if n.strip()]
        marked = bound_values(run.model)
        if len(rows) != len(names) or any(own(row) is None for row in rows.values()):
            advice = translate("Claims", "a thread's reads are missing: report it")
        elif any(own(row) is False or marked.get(thread) != row[0]
                 for thread, row in rows.items()) or run.result.get("main_thread_has_student"):
            advice = translate("Claims", "a thread saw another thread's student: report it")
        else:
            advice = ""
        return Claim(text, not advice, advice)

    def question(self, values):
        names = [n.strip() for n in values["names"].split(",") if n.strip()]
        if len(names) < 2:
            return None

        def answer(run):
            row = reads(run).get("Thread-A")
            if row is None:
                return NO_ANSWER
            read = row[1]
            if read is None:                # the read raised instead of returning
                return 2, "AttributeError"
            index = 0 if read == names[0] else 1 if read == names[-1] else None
            return index, translate("Questions", "Thread-A read {name}").format(name=read)
        return Question(translate("Questions", "Every thread sets local_school.student to its "
                                  "own name; when all have, each reads it back. What does "
                                  "Thread-A (the first) read?"),
                        (translate("Questions", "{name}: its own name").format(name=names[0]),
                         translate("Questions", "{name}: the name set last").format(
                             name=names[-1]),
                         translate("Questions", "Nothing: AttributeError")), answer)

    def compare_rows(self, run):
        rows = reads(run)
        if not rows:
            return ()
        right = sum(own(row) is True for row in rows.values())
        return ((translate("LocalPanel", "threads that read their own student"),
                 translate("LocalPanel", "{right} of {threads}").format(
                     right=right, threads=len(rows))),
                (translate("LocalPanel", "global_dict entries after the threads ended"),
                 str(run.result.get("global_dict_entries", "—"))))
