"""What the window says of a user's script: the text tab (what the lab can show of any script
and what it cannot) and the sentence on the banner once its run has ended, built from the
trace's figures (`trace_command.figures`), never from its output."""
from gui.i18n import QT_TRANSLATE_NOOP, translate

SHOWN = (
    QT_TRANSLATE_NOOP("OpenScript", "processes, with their parents and exit codes: fork, "
                      "Process, Pool, concurrent.futures, a subprocess that runs Python;"),
    QT_TRANSLATE_NOOP("OpenScript", "threads, by the names the script gives them;"),
    QT_TRANSLATE_NOOP("OpenScript", "every wait on a Lock, RLock, Condition, Semaphore, Event, "
                      "queue.Queue or multiprocessing.Queue, and who held what; a deadlock is "
                      "found and shown as in the deadlock lesson;"),
    QT_TRANSLATE_NOOP("OpenScript", "asyncio tasks (also those a library makes), grouped, and "
                      "greenlets;"),
    QT_TRANSLATE_NOOP("OpenScript", "the messages of Queues and Pipes, as arrows;"),
    QT_TRANSLATE_NOOP("OpenScript", "when each thread ran and when it waited: for the GIL, a "
                      "lock, a sleep or I/O. These states are sampled from outside the program "
                      "about every millisecond (on Linux) and drawn when the run has ended."),
)
UNKNOWN = (
    QT_TRANSLATE_NOOP("OpenScript", "A stretch where the looks from outside cannot tell what a "
                      "thread did is left blank: unknown, not guessed. Two threads under one "
                      "GIL are never drawn running at once."),
    QT_TRANSLATE_NOOP("OpenScript", "Which lock a thread waited on is known only for the locks "
                      "the script's own code takes; a wait deeper in a library is a wait, "
                      "without a name."),
    QT_TRANSLATE_NOOP("OpenScript", "The switch interval is read from outside, from the "
                      "deadlines of the script's waits for the GIL; where none can be read, "
                      "the default 5 ms is assumed."),
    QT_TRANSLATE_NOOP("OpenScript", "Programs other than Python that the script starts are not "
                      "traced."),
    QT_TRANSLATE_NOOP("OpenScript", "The script reads an empty stdin (input() gets EOF) and "
                      "gets no arguments; to give it some, run concurrency-lab trace SCRIPT.py "
                      "-- ARGS."),
)


def about_markdown(name, folder):
    """The text tab for the script `name` in `folder`, in the current language."""
    title = translate("OpenScript", "Your script: {file}").format(file=name)
    shows = translate("OpenScript", "What the lab shows of any script")
    unknown = translate("OpenScript", "What it cannot know")
    lines = [f"# {title}", translate("OpenScript", "Folder: {folder}").format(folder=folder), "",
             translate("OpenScript", "It runs as python {file} would, in its folder, with no "
                       "tracing code in it. Stop ends it and every process it started.")
             .format(file=name), "", f"**{shows}**", ""]
    lines += [f"- {translate('OpenScript', text)}" for text in SHOWN]
    lines += ["", f"**{unknown}**", ""]
    lines += [f"- {translate('OpenScript', text)}" for text in UNKNOWN]
    return "\n".join(lines) + "\n"


def summary(name, found, gil):
    """The banner's sentence for a finished run of the script `name`: what the trace found
    (`found` from `trace_command.figures`, `gil` from `add_thread_states`)."""
    processes, threads = found["processes"], found["threads"]
    locks, messages = len(found["locks"]), found["arrows"]
    handoffs = (gil or {}).get("handoffs", 0)
    parts = [translate("OpenScript", "%n process(es)", None, processes),
             translate("OpenScript", "%n thread(s)", None, threads)]
    if locks:
        parts.append(translate("OpenScript", "%n lock(s) waited on or held", None, locks))
    if messages:
        parts.append(translate("OpenScript", "%n message(s)", None, messages))
    if handoffs:
        parts.append(translate("OpenScript", "%n GIL hand-off(s)", None, handoffs))
    text = translate("OpenScript", "{file}: {what}.").format(
        file=name, what=translate("OpenScript", ", ").join(parts))
    if gil is not None and not gil.get("sampled"):
        text += " " + translate("OpenScript", "Thread states could not be sampled here, so "
                                "they are not drawn.")
    return text
