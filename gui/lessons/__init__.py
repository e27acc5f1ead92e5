"""One home per lesson in the window: its tab, its result sentence, its questions and its
compare rows, registered against its catalog id in one place.

A lesson's window-side code lives in ``gui/lessons/<chapter>/<lesson>.py`` (a package of
that name when its tab is big: the unit in ``__init__.py``, the tab beside it). The unit
itself imports no Qt, so the command line and the tests read its sentences without a window;
its tab is imported when the window asks for it::

    from gui.lessons import LessonUnit, lesson

    @lesson("threads.race")
    class Race(LessonUnit):
        def sentence(self, run):            # run.result: the figures of probe.result(...)
            ...

Everything a unit says about a run comes from `Run`: the lesson's figures, its parameters,
its trace model and its Python version. Never from what the lesson printed: the console is
for people.
"""
import importlib
import pkgutil
from dataclasses import dataclass, field

CHAPTERS = ("process", "threads", "distributed", "coroutines", "showdown")
_UNITS = {}
_loaded = False


@dataclass(frozen=True)
class Run:
    """What a unit may read of a run, live or finished, from the window or a trace file."""
    lesson_id: str
    values: dict
    model: object                   # gui.trace.model.TraceModel
    result: dict = field(default_factory=dict)    # the lesson's figures (probe.result)
    python: str = ""                # the version of the Python that ran it, e.g. "3.11.7"
    # How many cores' worth of CPU other programs took, on average, while it ran (psutil);
    # None when not measured (a trace from an older version)
    others_cores: float = None


@dataclass(frozen=True)
class CheckRun:
    """One run of the pre-class check."""
    label: str                      # the variant, or what sets this run apart; "" for one
    values: dict                    # the lesson's parameters
    python: str = None              # the interpreter, None for the app's own


@dataclass(frozen=True)
class Claim:
    """What a class should see in a run of the lesson, and whether this run showed it."""
    text: str                       # the claim, one line in the current language
    held: bool
    advice: str = ""                # when it did not hold: what to do on this computer


def run_of(session):
    """The `Run` of a LessonSession or a replayed trace."""
    model = session.model
    return Run(session.lesson.id, dict(session.values), model, dict(model.result),
               str(session.python_version or ""), getattr(session, "others_cores", None))


class LessonUnit:
    """What the window knows of one lesson beyond its timeline. Override what applies."""

    ids = ()                        # the catalog ids it serves, set by @lesson
    # The window asks for a sentence only when a run ended by itself, with exit code 0; a
    # unit that has something true to say of a stopped run too (a deadlock never ends by
    # itself) sets this.
    speaks_after_stop = False

    def tab(self):
        """The lesson's own tab: a `gui.views.lesson_panel.LessonPanel` subclass, or None
        when the timeline says it all. Import it here, not at the top of the unit."""
        return None

    def sentence(self, run):
        """The finished run's result in one sentence, in the current language, or ""."""
        return ""

    def question(self, values):
        """The question for the class before a run with these parameters, or None: a
        `gui.lessons.question.Question`."""
        return None

    def compare_rows(self, run):
        """The lesson's own figures in the compare dialog: ((label, value text), ...)."""
        return ()

    # Parameters of a short run that still shows the lesson's idea: the pre-class check
    # (`concurrency-lab check`) and the tests run it.
    quick = {}

    def check_runs(self, lesson):
        """The runs of the pre-class check: [CheckRun], the quick settings once per variant.
        `lesson`: the catalog entry."""
        base = dict(lesson.defaults(), **self.quick)
        variants = next((p.choices for p in lesson.params if p.name == "variant"), None)
        if not variants:
            return [CheckRun("", base)]
        return [CheckRun(variant, dict(base, variant=variant)) for variant in variants]

    def claim(self, run):
        """What the class should see in this run and whether it did: a `Claim`, or None when
        the lesson claims nothing a run can check. Asked of a run that ended by itself with
        exit code 0 (or stopped, when `speaks_after_stop`)."""
        return None


def lesson(*ids):
    """Class decorator: the unit for the lessons `ids` (catalog ids)."""
    def register(cls):
        for lesson_id in ids:
            if lesson_id in _UNITS:
                raise ValueError(f"two units for {lesson_id}: {type(_UNITS[lesson_id]).__name__}"
                                 f" and {cls.__name__}")
        cls.ids = tuple(ids)
        made = cls()
        for lesson_id in ids:
            _UNITS[lesson_id] = made
        return cls
    return register


def load_all():
    """Import every unit under gui/lessons (once); {lesson id: unit}."""
    global _loaded
    if not _loaded:
        for chapter in CHAPTERS:
            package = importlib.import_module(f"{__name__}.{chapter}")
            for info in pkgutil.iter_modules(package.__path__):
                if not info.name.startswith("_"):
                    importlib.import_module(f"{package.__name__}.{info.name}")
        _loaded = True
    return dict(_UNITS)


_PLAIN = LessonUnit()


def unit(lesson_id):
    """The unit of lesson `lesson_id`; a plain unit (no tab, no sentence, no question) for an
    id none serves, such as the lesson of a trace from another version."""
    if not _loaded:
        load_all()
    return _UNITS.get(lesson_id, _PLAIN)
