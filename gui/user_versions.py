"""A student's own version of a lesson: its edited main file, kept between launches, and
how it runs in the lesson's place.

Each edited lesson is one file, ``<lesson id>.py``, in a folder beside the settings file
(``concurrency-lab.ini`` → ``concurrency-lab-versions/``). The dotted name cannot be
imported, so a version of ``process.queue`` never hides the standard library's ``queue``.
"Back to the textbook" moves the edit aside to ``<lesson id>.previous.py`` rather than
deleting it: one step back is always possible, also after a restart.

A version runs as the lesson would (`YourVersion`): the lesson's id, parameters and unit, the
same bootstrap and tracing, but its own file run as ``__main__`` by
`workloads/_trace/script_run.py`. It is compiled first by the interpreter that will run it, so
a syntax error is found before anything starts.
"""
import asyncio
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from workloads import catalog

COMPILE_TIMEOUT_S = 60
_COMPILE = ("import json, sys, traceback\n"
            "try:\n"
            "    compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec', dont_inherit=True)\n"
            "except (SyntaxError, ValueError) as exc:\n"
            "    print(json.dumps([getattr(exc, 'lineno', None) or 0,\n"
            "                      str(getattr(exc, 'msg', exc)),\n"
            "                      ''.join(traceback.format_exception_only(type(exc), exc))]))\n")


def folder():
    """Where the versions are kept: beside the settings file (``$CLAB_SETTINGS`` in tests)."""
    from gui import settings
    ini = Path(settings.settings().fileName())
    return ini.with_name(ini.stem + "-versions")


def path(lesson_id):
    """The file of the student's version of `lesson_id` (it may not exist)."""
    return folder() / f"{lesson_id}.py"


def previous_path(lesson_id):
    """Where "Back to the textbook" keeps the edit it set aside."""
    return folder() / f"{lesson_id}.previous.py"


def saved(lesson_id):
    """The text of the student's version, or None when the textbook's runs."""
    return _read(path(lesson_id))


def previous(lesson_id):
    """The text of the edit last set aside, or None."""
    return _read(previous_path(lesson_id))


def _read(file):
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def save(lesson_id, text, textbook):
    """Keep `text` as the student's version; the textbook's own text is no version (its
    file is removed). Raises OSError when the folder cannot be written."""
    if text == textbook:
        path(lesson_id).unlink(missing_ok=True)
        return
    folder().mkdir(parents=True, exist_ok=True)
    path(lesson_id).write_text(text, encoding="utf-8")


def set_aside(lesson_id):
    """Back to the textbook: the version becomes the one edit that can be restored."""
    if path(lesson_id).exists():
        path(lesson_id).replace(previous_path(lesson_id))


def restore(lesson_id):
    """The edit set aside is the student's version again."""
    if previous_path(lesson_id).exists():
        previous_path(lesson_id).replace(path(lesson_id))


@dataclass(frozen=True)
class YourVersion(catalog.Lesson):
    """A lesson whose main module is the student's file: everything else is the lesson's."""
    script: str = ""

    async def check_syntax(self, python=None):
        """Compile the file with `python` (another version reads other syntax): the
        `SyntaxProblem` when it does not compile, else None."""
        process = await asyncio.create_subprocess_exec(
            python or sys.executable, "-c", _COMPILE, self.script,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        try:
            out, _ = await asyncio.wait_for(process.communicate(), COMPILE_TIMEOUT_S)
        except asyncio.TimeoutError:
            process.kill()
            await process.wait()
            return SyntaxProblem(0, "the interpreter did not answer", "")
        found = out.decode("utf-8", "replace").strip().splitlines()
        if found:
            line, message, shown = json.loads(found[-1])
            return SyntaxProblem(line, message, shown)
        return None


class SyntaxProblem(OSError):
    """The student's version does not compile: nothing was run. `line` (0 when unknown),
    `message` ("invalid syntax") and `shown`, the error as Python prints it."""

    def __init__(self, line, message, shown):
        super().__init__(f"your version does not compile, line {line}: {message}; nothing "
                         "was run")
        self.line, self.message, self.shown = line, message, shown


def lesson_to_run(lesson_id):
    """The lesson that Run starts: the student's version when there is one, else the id."""
    file = path(lesson_id)
    if not file.is_file():
        return lesson_id
    lesson = catalog.lesson(lesson_id)
    fields = {name: getattr(lesson, name) for name in lesson.__dataclass_fields__}
    return YourVersion(**fields, script=str(file))


def is_yours(lesson):
    """Whether `lesson` (a session's) is a student's version."""
    return isinstance(lesson, YourVersion)


def failed_line(stderr, script):
    """(line, "NameError: ...") of the innermost frame of `script` in the last traceback
    of `stderr`, or None. The one place the window reads printed text: an exception's line
    has no record of its own."""
    frame = re.compile(r'^\s*File "%s", line (\d+)' % re.escape(str(script)))
    lines = stderr.splitlines()
    found = None
    for number, text in enumerate(lines):
        match = frame.match(text)
        if match:
            found = (int(match.group(1)), number)
    if found is None:
        return None
    line, at = found
    error = next((text for text in lines[at + 1:]
                  if text.strip() and not text.startswith((" ", "\t"))), "")
    return line, error.strip()

