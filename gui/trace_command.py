"""`concurrency-lab trace SCRIPT.py [-- ARGS ...]`: any Python script, traced with no line of
tracing code in it.

The script runs through `workloads/_trace/script_run.py` under the same session, probe, deadlock
watch and model as a lesson (`concurrency-lab run`): its processes, threads, locks, queues,
asyncio tasks and greenlets are drawn by the automatic tracing, its output is streamed as it
comes, its stdin is empty (a read gets EOF, not a hang), and Stop or Ctrl+C ends its whole
process tree. Bad input gets one line and a non-zero exit before anything runs.
"""
import argparse
import asyncio
import json
import os
import sys

import numpy as np

from gui import cli
from gui.run.stop_signals import StopSignals, Stopped
from gui.trace.model import STATES
from gui.trace.waitfor import HOLD, WAIT, lock_name
from workloads import catalog
from workloads._trace import script_sampler, script_states

RUNNER = "workloads._trace.script_run"
SCRIPT = catalog.Lesson("script", "", "a Python script", RUNNER)


def add_parser(sub):
    """The `trace` entry of `concurrency-lab --help` (its own parser reads the arguments)."""
    sub.add_parser("trace", help="run any Python script traced: "
                                 "trace SCRIPT.py [-- ARGS ...] [--python EXE] [--trace F.json] "
                                 "[--png F.png] [--json]", add_help=False)


def _parser():
    parser = argparse.ArgumentParser(
        prog="concurrency-lab trace",
        description="Run a Python script and trace its processes, threads, locks, queues, "
                    "asyncio tasks and greenlets, with no tracing code in it.")
    parser.add_argument("script", metavar="SCRIPT.py",
                        help="the script; its arguments follow it, after --")
    parser.add_argument("--python", metavar="EXE", help="interpreter that runs the script")
    parser.add_argument("--trace", metavar="FILE.json", help="write Chrome trace JSON")
    parser.add_argument("--png", metavar="FILE.png", help="render the timeline to a picture")
    parser.add_argument("--json", action="store_true",
                        help="print the run's figures as one JSON object on stdout (what the "
                             "script prints goes to stderr)")
    return parser


def parse(argv):
    """The arguments: everything after the first ``--`` belongs to the script."""
    argv = list(argv)
    tail = []
    if "--" in argv:
        at = argv.index("--")
        argv, tail = argv[:at], argv[at + 1:]
    parser = _parser()
    args, more = parser.parse_known_args(argv)
    options = [word for word in more if word.startswith("-")]
    if options:
        parser.error(f"unknown option {options[0]} (the script's own options go after --)")
    args.args = [*more, *tail]
    return args


def main(argv):
    args = parse(argv)
    with StopSignals() as signals:
        return trace_command(args, signals)


def script_problem(path):
    """Why `path` cannot be run as a Python script, in one line, or None."""
    if not os.path.exists(path):
        return f"{path}: no such file"
    if os.path.isdir(path):
        return f"{path} is a folder, not a Python script"
    if not path.endswith((".py", ".pyw")):
        return f"{path} is not a Python script (.py)"
    if not os.access(path, os.R_OK):
        return f"{path} cannot be read"
    return None


_COMPILE = ("import sys\n"
            "try:\n"
            "    compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec', dont_inherit=True)\n"
            "except SyntaxError as exc:\n"
            "    print(f'line {exc.lineno}: {exc.msg}')\n"
            "    sys.exit(1)\n")


def syntax_problem(path, python=None):
    """A syntax error of the script, in one line, or None: compiled by the interpreter that
    will run it (another version reads other syntax)."""
    if python:
        import subprocess
        try:
            done = subprocess.run([python, "-c", _COMPILE, path], capture_output=True,
                                  text=True, timeout=60, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{python} could not compile {path}: {exc}"
        found = done.stdout.strip().splitlines()
        if done.returncode == 0:
            return None
        reason = found[-1] if found else (done.stderr.strip().splitlines() or ["error"])[-1]
    else:
        try:
            with open(path, "rb") as source:
                compile(source.read(), path, "exec", dont_inherit=True)
            return None
        except SyntaxError as exc:
            reason = f"line {exc.lineno}: {exc.msg}"
        except (ValueError, OSError) as exc:
            return f"{path} cannot be compiled: {exc}"
    return f"{path}, {reason} (a syntax error: nothing was run)"


def trace_command(args, signals):
    """Check the input, run the script traced, then write what was asked for."""
    problem = script_problem(args.script)
    if problem:
        return cli.fail(problem)
    python = args.python
    if python:
        python, problem = cli._interpreter(python)
        if problem:
            return cli.fail(problem)
    problem = syntax_problem(args.script, python)
    if problem:
        return cli.fail(problem)
    from gui import output_path
    for option, path in (("--trace", args.trace), ("--png", args.png)):
        problem = output_path.problem(path) if path is not None else None
        if problem:
            return cli.fail(f"{option}: {problem}")
    if signals.caught:
        return cli._stopped(signals, " before the script started")
    return _traced_run(args, python, signals)


def script_session(script, args=(), python=None, on_output=None, folder=None, window=False):
    """A `LessonSession` that runs `script` with `args` traced, in `folder` (the current
    one by default): the window's Open script runs it the same way (`window`). Its values
    name the script, as a trace file's parameters do."""
    from gui.run.session import LessonSession
    argv = ["-m", RUNNER, folder or os.getcwd(), os.path.abspath(script), *args]
    session = LessonSession(SCRIPT, {}, python, on_output=on_output, argv=argv, window=window)
    session.values = script_params(script, args)
    return session


def script_params(script, args=()):
    """A script's run as a trace file's `otherData.params` says it (its `lesson` is
    ``"script"``)."""
    return {"script": str(script), "args": " ".join(args)}


def _traced_run(args, python, signals):
    output = []

    def show(stream, text):
        output.append(text)
        cli._echo("stderr" if args.json else stream, text)

    session = script_session(args.script, args.args, python, show)
    sampler = script_sampler.Sampler()
    try:
        code = asyncio.run(sampler.watching(cli._run(session, signals)))
    except OSError as exc:
        return cli.fail(f"cannot start {args.script}: {exc}")
    run = session.run
    if signals.caught and run.stopped_by == "you":
        left = (f"still running: {run.leftovers}" if run.leftovers
                else "no process left behind")
        return cli._stopped(signals, f"; the script was stopped, {left}")
    unwritten = [path for path in (args.trace, args.png) if path]
    found = figures(session.model, code, getattr(session, "deadlock", None))
    found["gil"] = add_thread_states(session.model, sampler.lines, has_gil(session))
    try:
        return _results(args, session, code, output, signals, unwritten, found)
    except Stopped:
        return cli._stopped(signals, " after the script had ended" + (
            f"; {', '.join(unwritten)} not written" if unwritten else ""))


def _results(args, session, code, output, signals, unwritten, found):
    """The script has ended: a summary line, its files (each whole), its figures."""
    run, model = session.run, session.model
    name = os.path.basename(args.script)
    print(f"{name}: {run.exit_reason}; {found['processes']} process"
          f"{'es' if found['processes'] != 1 else ''}, {found['threads']} thread"
          f"{'s' if found['threads'] != 1 else ''}, {len(model.spans)} spans, "
          f"{model.end_time:0.2f} s", file=sys.stderr)
    signals.check()
    params = script_params(args.script, args.args)
    failed = _write(args, session, output, params, name, signals, unwritten)
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        sys.stdout.flush()
    if found["deadlock"]:
        return cli.fail(f"{name} deadlocked and was stopped")
    if code != 0:
        return cli.fail(f"{name} failed: {run.exit_reason}")
    return failed


def _write(args, session, output, params, name, signals, unwritten):
    """Write --trace and --png, each whole or not at all; 0, or 2 when one failed."""
    from gui import output_path
    model, failed = session.model, 0
    if args.trace:
        from gui.trace import chrome_json
        try:
            chrome_json.write(args.trace, model, SCRIPT.id, params, session.python_version,
                              "".join(output))
            print(f"trace written to {args.trace}", file=sys.stderr)
        except OSError as exc:
            failed = cli.fail(f"--trace: cannot write {args.trace}: {exc.strerror or exc}")
        unwritten.remove(args.trace)
        signals.check()
    if args.png:
        from gui.views.render import render_timeline_png
        title = f"{name} · Python {session.python_version}"
        try:
            output_path.write_whole(args.png, lambda temp: (render_timeline_png(
                model, temp, title=title), signals.check()))
            print(f"picture written to {args.png}", file=sys.stderr)
        except OSError as exc:
            failed = cli.fail(f"--png: cannot write {args.png}: {exc.strerror or exc}")
        unwritten.remove(args.png)
    signals.check()
    return failed


def figures(model, code, deadlock=None):
    """What the trace shows, as numbers and names (``--json``): never read from the output."""
    threads = [lane for lane in model.lanes
               if lane.kind == "thread" and not lane.sublane and not lane.virtual]
    states = model.spans["state"]
    names = model.spans["name"]
    sampled = np.isin(names, [model.name_id(name) for name in script_states.WAIT_NAMES])
    states = np.where(sampled & (states == WAIT), 0, states)    # sampled waits name no lock
    locks = {model.names[n] for n in np.unique(names[(states == WAIT) | (states == HOLD)])}
    return {
        "exit_code": code, "deadlock": deadlock or "",
        "seconds": round(model.end_time, 3),
        "processes": len(model.processes),
        "threads": len(threads),
        "thread_names": sorted({lane.name for lane in threads}),
        "locks": sorted(lock_name(name)[0] for name in locks),
        "waits": int((states == WAIT).sum()), "holds": int((states == HOLD).sum()),
        "sublanes": sorted(lane.name for lane in model.lanes if lane.sublane),
        "arrows": int((model.flows["dir"] > 0).sum()),
        "result": model.result,
    }


_KNOWN = [STATES.index(name) for name in ("run", "wait.lock", "wait.gil", "wait.io", "blocked")]


def has_gil(session):
    """Whether the script's Python has a GIL (a free-threaded build runs without one)."""
    if session.interpreter is not None:
        return not session.interpreter.free_threaded
    import sysconfig
    return not sysconfig.get_config_var("Py_GIL_DISABLED")


def add_thread_states(model, lines, gil=True):
    """Draw the sampled thread states on the threads' lanes, where the trace itself says
    nothing about that time (its own run and wait spans are exact: they win); returns the
    GIL figures of the run."""
    if not lines:
        return {"sampled": False}
    spans, handoffs = script_states.states(script_states.parse(lines), gil)
    draw_states(model, spans)
    return gil_figures(handoffs)


def draw_states(model, spans, live=False):
    """Draw sampled `spans` (`script_states`) on their threads' lanes where the trace says
    nothing; returns those whose thread has no lane yet. `live`: the run goes on, so the
    waits the trace has begun and not yet ended are its own too, and only the trace's spans
    that end after the first of `spans` begins are looked at (a chunk's work stays small)."""
    if not spans:
        return []
    lanes = {(lane.pid, lane.tid): lane for lane in model.lanes
             if lane.kind == "thread" and lane.tid and not lane.sublane}
    since = float(model.seconds(min(span[2] for span in spans))) if live else None
    traced = _traced_intervals(model, since, live)
    t0s, t1s, ids, codes, names, laneless = [], [], [], [], [], []
    for span in spans:
        pid, tid, t0, t1, state, name = span
        lane = lanes.get((pid, tid))
        if lane is None:
            laneless.append(span)
            continue
        a, b = model.seconds([t0, t1]).tolist()
        a, b = max(a, lane.start or a), min(b, b if lane.end is None else lane.end)
        for piece in _uncovered(a, b, traced.get(lane.id)):
            t0s.append(piece[0]), t1s.append(piece[1]), ids.append(lane.id)
            codes.append(STATES.index(state)), names.append(model.name_id(name))
    model.add_spans(np.array(t0s), np.array(t1s), ids, np.array(codes, dtype=np.uint8),
                    np.array(names, dtype=np.int32))
    return laneless


def gil_figures(per_process):
    """The GIL figures of a run from those of its processes: hand-offs counted (and of them
    seen by two looks) and contended seconds, summed; the switch interval of the process
    with the most hand-offs, read from the program where it could be (else the default)."""
    busiest = max(per_process.values(), key=lambda g: g["handoffs"], default=None)
    return {"sampled": True,
            "switch_interval_s": busiest["switch_interval_s"] if busiest
            else script_states.DEFAULT_SWITCH_S,
            "switch_interval_read": bool(busiest and busiest["interval_read"]),
            "handoffs": sum(g["handoffs"] for g in per_process.values()),
            "handoffs_seen": sum(g["seen"] for g in per_process.values()),
            "contended_s": round(sum(g["contended_s"] for g in per_process.values()), 4)}


def _traced_intervals(model, since=None, begun=False):
    """{lane id: (starts, running max of ends)} sorted by start: where the trace drew a
    run or a wait itself (of its spans, those that end after `since`; with `begun`, its
    open spans too, until no end)."""
    spans = model.spans
    known = np.isin(spans["state"], _KNOWN)
    if since is not None:
        known &= spans["t1"] > since
    lane, t0, t1 = spans["lane"][known], spans["t0"][known], spans["t1"][known]
    if begun:
        opened = [(key[0], start) for key, start in list(model.open_spans.items())
                  if key[1] in _KNOWN]
        lane = np.concatenate([lane, np.array([o[0] for o in opened], dtype=lane.dtype)])
        t0 = np.concatenate([t0, np.array([o[1] for o in opened], dtype=t0.dtype)])
        t1 = np.concatenate([t1, np.full(len(opened), np.inf)])
    order = np.lexsort((t0, lane))
    lane, t0, t1 = lane[order], t0[order], t1[order]
    ids, first = np.unique(lane, return_index=True)
    last = [*first[1:].tolist(), len(lane)]
    return {int(i): (t0[a:b], np.maximum.accumulate(t1[a:b]))
            for i, a, b in zip(ids.tolist(), first.tolist(), last)}


def _uncovered(a, b, intervals):
    """The parts of [a, b] outside the traced `intervals` of its lane."""
    if intervals is not None:
        starts, ends = intervals
        j = int(np.searchsorted(ends, a, side="right"))     # the first that ends after a
        while j < len(starts) and starts[j] < b:
            if starts[j] > a:
                yield a, float(starts[j])
            a = max(a, float(ends[j]))
            j += 1
    if a < b:
        yield a, b
