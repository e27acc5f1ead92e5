"""Command-line arguments of a lesson run as a plain script, from its catalog entry.

Every value is checked by the catalog, as the app checks it: a value the app would refuse is
refused here with the same one-line reason. Values that start with "-" are given as
``--items=-A,B``, the form the app uses.
"""
import argparse

from workloads import catalog


def parser(lesson_id):
    """The lesson's argument parser (parses text only: `parse` checks the values)."""
    item = catalog.lesson(lesson_id)
    found = argparse.ArgumentParser(prog=f"python -m {item.module}", description=item.title)
    for p in item.params:
        allowed = (", ".join(p.choices) if p.choices else
                   f"{p.low} to {p.high}" if p.kind is not str and p.low is not None else "")
        text = f"{p.help} (default {p.default}{'; ' + allowed if allowed else ''})"
        found.add_argument(f"--{p.name}", default=str(p.default), metavar=p.name.upper(),
                           help=text.replace("%", "%%"))
    return found


def parse(lesson_id, argv=None):
    """``args = lesson_args.parse("process.pool")``: parsed and range-checked parameters."""
    item = catalog.lesson(lesson_id)
    lesson_parser = parser(item.id)
    args = lesson_parser.parse_args(argv)
    try:
        values = catalog.resolve(item.id, vars(args))
    except ValueError as exc:
        lesson_parser.error(str(exc))
    return argparse.Namespace(**values)
