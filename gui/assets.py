"""Where the app's files are: the `assets` package (themes, lesson texts, translations) found
through `importlib.resources`, and a lesson's source files through the import system, so both
are found wherever the app is installed."""
import importlib.util
from importlib import resources
from pathlib import Path


def asset(*parts):
    """The path of a file of the `assets` package, e.g. ``asset("lessons", "x.md")``. The
    package is installed as plain files, so this is a real path Qt can open too."""
    return Path(str(resources.files("assets").joinpath(*parts)))


def module_file(module):
    """The source file of a lesson module (``workloads.threads.race``), or None."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin else None
