"""How the chapter's units write their figures in the compare dialog."""
from gui.i18n import translate


def seconds(value):
    """A duration figure as the compare dialog shows it: "0.52 s"."""
    return f"{value:.2f} s"


def rows(run, wanted):
    """((label in the current language, value text), ...) for each (label, figure name,
    how to write it) in `wanted` whose figure the run reported."""
    return tuple((translate("CompareRows", label), write(run.result[name]))
                 for label, name, write in wanted if name in run.result)
