"""The command line: the app, `list`, `run`, `check`, `open`, `bench` (contract: LESSONS.md,
"Command line").

`run` uses the same session, probe and model as the window, so what a script gets is what a
class sees. Qt is imported only when a picture or the window is asked for.
"""
import argparse
import asyncio
import json
import sys

from gui.run.stop_signals import StopSignals, Stopped
from gui.tasks import spawn
from workloads import catalog


def _parser():
    parser = argparse.ArgumentParser(prog="concurrency-lab",
                                     description="Watch Python concurrency happen.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("list", help="lesson ids, one a line")
    run = sub.add_parser("run", help="run a lesson without a window")
    run.add_argument("lesson")
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="a lesson parameter (repeatable)")
    run.add_argument("--trace", metavar="FILE.json", help="write Chrome trace JSON")
    run.add_argument("--png", metavar="FILE.png", help="render the timeline to a picture")
    run.add_argument("--python", metavar="EXE", help="interpreter that runs the lesson")
    run.add_argument("--json", action="store_true",
                     help="print the lesson's figures as one JSON object on stdout (what it "
                          "prints goes to stderr)")
    check = sub.add_parser("check", help="does each lesson's claim hold on this computer? "
                                         "(before class; exits 1 if one did not)")
    check.add_argument("lessons", nargs="*", metavar="LESSON",
                       help="lessons to check (default: every lesson that can run here)")
    check.add_argument("--times", type=int, default=3, metavar="N",
                       help="runs of each lesson and variant, 1 to 20 (default 3)")
    bench = sub.add_parser("bench", help="measure the performance targets, print JSON")
    bench.add_argument("--quick", action="store_true", help="fewer repeats")
    shot = sub.add_parser("screenshot", help="picture of the window running a lesson")
    shot.add_argument("lesson")
    shot.add_argument("file", metavar="FILE.png")
    shot.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    shot.add_argument("--after", type=float, metavar="SECONDS",
                      help="take it this long after the start instead of at the end")
    shot.add_argument("--tab", metavar="TITLE",
                      help="show this tab first, e.g. \"Source code\" or the lesson's own")
    replay = sub.add_parser("open", help="replay a trace file in the window")
    replay.add_argument("file", metavar="FILE.json", help="a trace written by --trace or Export")
    sub.add_parser("app", help="open the window (the default)")
    from gui.trace_command import add_parser
    add_parser(sub)
    from gui.step_command import add_parser as add_step_parser
    add_step_parser(sub)
    return parser


def fail(message):
    print(f"concurrency-lab: {message}", file=sys.stderr)
    return 2


def parse_settings(pairs):
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--set expects KEY=VALUE, got {pair!r}")
        settings[key.strip()] = value.strip()
    return settings


def run_command(args, signals=None):
    """`signals`: a `StopSignals` the command honours (SIGINT, SIGTERM, SIGHUP)."""
    signals = signals or StopSignals()
    try:
        settings = parse_settings(args.set)
        values = catalog.resolve(args.lesson, settings)
    except (KeyError, ValueError) as exc:
        return fail(exc.args[0] if exc.args else str(exc))
    reason = catalog.lesson(args.lesson).unavailable()
    if reason:
        return fail(f"{args.lesson} cannot run here: {reason}")
    python = args.python
    if python:
        python, problem = _interpreter(python)
        if problem:
            return fail(problem)
    from gui import output_path
    for option, path in (("--trace", args.trace), ("--png", args.png)):
        problem = output_path.problem(path) if path is not None else None
        if problem:
            return fail(f"{option}: {problem}")
    waits = catalog.waits(args.lesson, values)
    if waits:
        print(f"This run waits up to {waits:g} s for workers you start yourself (wait_s); "
              "Ctrl+C ends it sooner.", file=sys.stderr)
    from gui.run.session import LessonSession
    output = []

    def show(stream, text):
        output.append(text)
        _echo("stderr" if args.json else stream, text)

    if signals.caught:
        return _stopped(signals, " before the lesson started")
    session = LessonSession(args.lesson, values, python, on_output=show)
    try:
        code = asyncio.run(_run(session, signals))
    except OSError as exc:
        return fail(f"cannot start {args.lesson}: {exc}")
    run = session.run
    if signals.caught and run.stopped_by == "you":
        left = (f"still running: {run.leftovers}" if run.leftovers
                else "no process left behind")
        return _stopped(signals, f"; the lesson was stopped, {left}")
    unwritten = [path for path in (args.trace, args.png) if path]
    try:
        return _results(args, values, session, code, output, signals, unwritten)
    except Stopped:
        return _stopped(signals, " after the lesson had ended" + (
            f"; {', '.join(unwritten)} not written" if unwritten else ""))


def _interpreter(name):
    """(executable, None) for `--python NAME`, or (None, the reason in one line). A name
    like python3.9 that is missing or does not run (a pyenv shim of a version that is not
    the selected one) means the installed Python of that version, when there is one."""
    from workloads import interpreters
    try:
        python = interpreters.locate(name)
        problem = None if interpreters.ask(python) is not None else \
            f"{name} does not answer like a Python interpreter"
    except ValueError as exc:
        python, problem = None, str(exc)
    if problem:
        found = interpreters.by_version(name, interpreters.discover())
        if found is not None:
            return found.executable, None
    return python, problem


def _stopped(signals, what):
    """One line for a run ended by a signal; exits with 128 + its number, as a shell says."""
    print(f"concurrency-lab: stopped by {signals.name}{what}", file=sys.stderr)
    return signals.exit_code


def _results(args, values, session, code, output, signals, unwritten):
    """The lesson has ended: its figures, then its files, each written whole; `unwritten`
    keeps what is not written yet. A signal stops it between two steps."""
    from gui import output_path
    run = session.run
    model = session.model
    n = len(model.processes)
    print(f"{args.lesson}: {run.exit_reason}; {n} process{'es' if n != 1 else ''}, "
          f"{len(model.spans)} spans, {model.end_time:0.2f} s", file=sys.stderr)
    result = ""
    if code == 0:
        from gui.lessons import run_of, unit
        result = unit(args.lesson).sentence(run_of(session))
        if result:
            print(result, file=sys.stderr)
    signals.check()
    unwritten_code = 0
    if args.trace:
        from gui.trace import chrome_json
        try:
            chrome_json.write(args.trace, model, args.lesson, values, session.python_version,
                              "".join(output))
            print(f"trace written to {args.trace}", file=sys.stderr)
        except OSError as exc:
            unwritten_code = fail(f"--trace: cannot write {args.trace}: {exc.strerror or exc}")
        unwritten.remove(args.trace)
        signals.check()
    if args.png:
        from gui.views.render import render_timeline_png
        parts = [args.lesson, _params(values), f"Python {session.python_version}"]
        try:
            output_path.write_whole(args.png, lambda temp: (render_timeline_png(
                model, temp, title=" · ".join(p for p in parts if p), result=result),
                signals.check()))
            print(f"picture written to {args.png}", file=sys.stderr)
        except OSError as exc:
            unwritten_code = fail(f"--png: cannot write {args.png}: {exc.strerror or exc}")
        unwritten.remove(args.png)
    signals.check()
    if args.json:
        print(json.dumps(model.result, ensure_ascii=False))
        sys.stdout.flush()
    if getattr(session, "deadlock", None):
        return unwritten_code           # the lesson did what it shows: the deadlock
    if code != 0:
        return fail(f"the lesson failed: {run.exit_reason}")
    return unwritten_code


def _params(values):
    return ", ".join(f"{k}={v}" for k, v in values.items())


def _echo(stream, text):
    out = sys.stdout if stream == "stdout" else sys.stderr
    out.write(text)
    out.flush()


def _say_deadlock(cycle):
    print(f"{cycle}. Stopping the lesson.", file=sys.stderr)


async def _run(session, signals):
    from gui.check import stop_on_deadlock
    signal_came = asyncio.Event()
    signals.wake(asyncio.get_running_loop(), signal_came)
    try:
        await session.start()
        watch = spawn(stop_on_deadlock(session, _say_deadlock), "watching for a deadlock")
        ended = spawn(session.wait(), "waiting for the lesson to end")
        stopping = spawn(signal_came.wait(), "waiting for a stop signal")
        try:
            await asyncio.wait({ended, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not ended.done():        # Ctrl+C, SIGTERM, SIGHUP: stop the whole tree
                ended.cancel()
                await asyncio.gather(ended, return_exceptions=True)
                await session.stop()
                return session.run.returncode
            return ended.result()
        finally:
            watch.cancel()
            stopping.cancel()
            if session.run.running:
                await session.stop()
    finally:
        signals.wake(None, None)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["trace"]:            # its own parser: the script's arguments follow --
        from gui.trace_command import main as trace_main
        return trace_main(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "list":
        for item in catalog.LESSONS:
            print(item.id)
        return 0
    if args.command == "run":
        with StopSignals() as signals:
            return run_command(args, signals)
    if args.command == "check":
        from gui.check_command import check_command
        with StopSignals() as signals:
            return check_command(args, signals)
    if args.command == "step":
        from gui.step_command import step_command
        with StopSignals() as signals:
            return step_command(args, signals)
    if args.command == "screenshot":
        try:
            settings = parse_settings(args.set)
            catalog.resolve(args.lesson, settings)
        except (KeyError, ValueError) as exc:
            return fail(exc.args[0] if exc.args else str(exc))
        from gui.screenshot import take
        print(take(args.lesson, args.file, settings, args.after, tab=args.tab))
        return 0
    if args.command == "bench":
        from gui.bench import main as bench_main
        return bench_main(quick=args.quick)
    from gui.app import main as app_main
    if args.command == "open":
        from gui.trace.chrome_reader import TraceError, read
        try:
            replay = read(args.file)    # a bad file is said here, before any window opens
        except TraceError as exc:
            return fail(f"cannot open {exc}")
        return app_main(replay=replay)          # read once: the window shows this one
    return app_main()


if __name__ == "__main__":
    sys.exit(main())
