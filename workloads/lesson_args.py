"""Command-line arguments of a lesson run as a plain script, from its catalog entry."""
import argparse

from workloads import catalog


def parse(lesson_id, argv=None):
    """``args = lesson_args.parse("process.pool")``: parsed and range-checked parameters."""
    item = catalog.lesson(lesson_id)
    parser = argparse.ArgumentParser(prog=f"python -m {item.module}", description=item.title)
    for p in item.params:
        parser.add_argument(f"--{p.name}", type=p.kind, default=p.default,
                            choices=p.choices or None, help=f"{p.help} (default {p.default})")
    args = parser.parse_args(argv)
    for p in item.params:
        try:
            p.check(getattr(args, p.name))
        except ValueError as exc:
            parser.error(str(exc))
    return args
