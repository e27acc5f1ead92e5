"""`concurrency-lab step LESSON --moves 1,1,2,...`: be the scheduler without a window.

Plays a sequence of moves (move k lets thread k take one step) on the lesson's real threads,
prints each step (thread, line, instruction, what it read or wrote) and the final state: the
shared balance and the one no lost update would give, who holds which lock, whether the
threads wait forever. A teacher prepares an interleaving with it; the tests use it.
Exit 0 when every move was played, 1 at the first move the rules refuse (with the reason),
2 on bad input; Ctrl+C ends the lesson process at once.
"""
import sys

from gui import cli
from gui.run.stop_signals import StopSignals
from gui.stepping import RULES, UNITS, SteppedRun, SteppingError
from workloads import catalog
from workloads._trace import stepper_lessons, stepper_reasons


def add_parser(sub):
    step = sub.add_parser("step", help="be the scheduler: step a lesson's threads one "
                                       "instruction or line at a time")
    step.add_argument("lesson")
    step.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                      help="a lesson parameter (repeatable)")
    step.add_argument("--moves", required=True, metavar="1,1,2,...",
                      help="which thread takes each step, in order")
    step.add_argument("--unit", choices=UNITS, default="instruction",
                      help="a step is one bytecode instruction (default) or one source line")
    step.add_argument("--rules", choices=RULES, default="cpython",
                      help="cpython: switch threads only where this interpreter can (default); "
                           "any: anywhere, as on a free-threaded build or in other languages")
    step.add_argument("--python", metavar="EXE", help="interpreter that runs the lesson")


def parse_moves(text):
    """[1, 1, 2, ...] from "1,1,2,..."; ValueError with the reason."""
    words = [w.strip() for w in text.split(",")]
    if not text.strip() or not all(w.isdigit() and int(w) >= 1 for w in words):
        raise ValueError(f"--moves expects thread numbers 1, 2, ... separated by commas, "
                         f"got {text[:40]!r}")
    return [int(w) for w in words]


def _inputs(args):
    """(values, moves, python) or raises ValueError/KeyError with a one-line reason."""
    values = catalog.resolve(args.lesson, cli.parse_settings(args.set))
    problem = stepper_lessons.problem(args.lesson, values)
    if problem:
        raise ValueError(problem)
    moves = parse_moves(args.moves)
    python = None
    if args.python:
        python, problem = cli._interpreter(args.python)
        if problem:
            raise ValueError(problem)
    return values, moves, python


def step_command(args, signals=None):
    signals = signals or StopSignals()
    try:
        values, moves, python = _inputs(args)
    except (KeyError, ValueError) as exc:
        return cli.fail(exc.args[0] if exc.args else str(exc))
    run = SteppedRun(args.lesson, values, args.unit, args.rules, python,
                     should_stop=lambda: signals.caught is not None)
    try:
        run.start()
        return _play(run, moves, signals)
    except SteppingError as exc:
        if signals.caught:
            print(f"concurrency-lab: stopped by {signals.name}; the lesson process was ended",
                  file=sys.stderr, flush=True)
            return signals.exit_code
        return cli.fail(f"cannot step {args.lesson}: {exc}")
    finally:
        run.close()


def _play(run, moves, signals):
    hello = run.hello
    names = run.threads()
    print(f"{hello['interpreter']} ({hello['python']}), rules {run.rules}, one "
          f"{run.unit} a step; threads: " +
          ", ".join(f"{no} = {name}" for no, name in enumerate(names, 1)))
    if run.rules == "cpython":
        print(f"switch points: {stepper_reasons.points_words(hello['switch_points'])}")
    wrong = [m for m in moves if m > len(names)]
    if wrong:
        return cli.fail(f"--moves: there is no thread {wrong[0]} (threads 1 to {len(names)})")
    for number, no in enumerate(moves, 1):
        step, refused = run.step(no)
        if refused:
            _final(run.state())
            cli.fail(f"move {number} (thread {no}) refused: {refused}")
            return 1
        print(_step_line(number, step))
    _final(run.state())
    return 0


def _step_line(number, step):
    ops = step.get("ops") or []
    what = ", ".join(f"{op['opname']} {op['argrepr']}".strip() for op in ops[:4])
    what += f" (+{len(ops) - 4} more)" if len(ops) > 4 else ""
    if len(ops) == 1:
        what = f"{ops[0]['offset']:>3} {what}"
    said = "; ".join(step.get("effects", []) + [_wrote(w) for w in step.get("writes", [])] +
                     step.get("notes", []))
    printed = step.get("output", "").strip().replace("\n", " | ")
    parts = [f"{number:>4}. {step['name']:<8} line {step.get('line', '?'):>3}  "
             f"{step.get('source', '')[:40]:<40}  {what}"]
    if said:
        parts.append(f"  [{said}]")
    if printed:
        parts.append(f"  prints: {printed}")
    return "".join(parts)


def _wrote(write):
    lost = (f" over {write['found']}: the update that made it {write['found']} is lost"
            if write["found"] != write["read"] else "")
    return f"wrote {write['wrote']} (computed from {write['read']}){lost}"


def _final(state):
    shared = state.get("shared")
    if shared:
        lost = shared["lost"]
        print(f"{shared['name']}: {shared['value']} (expected {shared['expected']} if no "
              f"update were lost; {lost} lost update{'s' if lost != 1 else ''} "
              f"in {shared['writes']} write{'s' if shared['writes'] != 1 else ''})")
    locks = [lock for lock in state.get("locks", []) if lock["used"] or not shared]
    for lock in locks:
        print(f"{lock['name']}: held by {lock['holder']}" if lock["holder"]
              else f"{lock['name']}: free")
    for thread in state.get("threads", []):
        where = (f"waits for {thread['waits_for']}" if thread["waits_for"] else
                 thread["state"] if thread["state"] in ("done", "failed") else
                 f"line {thread['line']}, before {thread['op']['opname']}")
        print(f"{thread['name']}: {where}")
    if state.get("deadlock"):
        print(f"deadlock: {state['deadlock']}")
    elif locks:
        print("deadlock: no, a thread can still move")
