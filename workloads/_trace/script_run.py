"""Runs a user's script as ``python SCRIPT.py ARGS...`` would, inside a traced process.

``python -m workloads._trace.script_run DIR SCRIPT.py ARGS...`` changes to DIR (where the user
asked for the run), then runs the script as the module ``__main__``: ``sys.argv`` is the
script and its arguments, ``sys.path[0]`` the script's folder, so its own imports, its
``if __name__ == "__main__":`` block and multiprocessing's spawn (which re-imports the main
module from its file) behave as in a plain run. The bootstrap has switched tracing on before
this module runs; here the script's own files are named as the code whose locks, queues and
events are traced (``CLAB_SCRIPT``, inherited by every child process).

A traceback shows the script's frames only, as Python's own would; the exit status is what
``python SCRIPT.py`` returns (1 after an uncaught exception or a syntax error).
"""
import os
import sys
import traceback
import types

SCRIPT_ENV = "CLAB_SCRIPT"


def main(argv):
    """Run the script of `argv` (DIR SCRIPT ARGS...); returns its exit status."""
    if len(argv) < 2:
        print("usage: python -m workloads._trace.script_run DIR SCRIPT.py [ARGS...]",
              file=sys.stderr)
        return 2
    folder, script = argv[0], os.path.abspath(argv[1])
    os.chdir(folder)
    os.environ[SCRIPT_ENV] = os.path.dirname(script)
    from workloads import locktrace
    locktrace.watch_scripts()
    try:
        code = _compile(script)
    except (OSError, SyntaxError, ValueError) as exc:
        _report(exc, None)
        return 1
    sys.argv = [argv[1], *argv[2:]]
    sys.path[0] = os.path.dirname(script)
    return _execute(code, script)


def _compile(script):
    with open(script, "rb") as source:
        return compile(source.read(), script, "exec", dont_inherit=True)


def _execute(code, script):
    """Run `code` as a fresh ``__main__`` module; the runner's own module stays loaded."""
    main_module = types.ModuleType("__main__")
    main_module.__file__ = script
    main_module.__builtins__ = __builtins__
    main_module.__spec__ = None
    main_module.__loader__ = None
    runner = sys.modules["__main__"]
    sys.modules["__main__"] = main_module
    sys.modules["workloads._trace.script_run"] = runner     # the runner stays loaded
    try:
        exec(code, main_module.__dict__)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:        # noqa: BLE001 (the script's error, shown as Python would)
        _report(exc, exc.__traceback__)
        return 1
    return 0


def _report(exc, tb):
    """The traceback as ``python SCRIPT.py`` prints it: the runner's frames left out."""
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    sys.stderr.flush()
    traceback.print_exception(type(exc), exc, tb)
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
