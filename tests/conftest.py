"""Shared test set-up: no screen needed, no test may leave a process behind, and every test
that starts a process (a real lesson run, a command) carries the `realrun` marker."""
import gc
import os
import sys
import time
import types

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings the app remembers go to a file of this test run, never the user's own; each test
# starts from none (see the autouse fixture below).
_SETTINGS_DIR = __import__("tempfile").mkdtemp(prefix="clab-settings-")
os.environ["CLAB_SETTINGS"] = os.path.join(_SETTINGS_DIR, "concurrency-lab.ini")
# The window starts in English whatever the machine's locale; tests switch on purpose.
os.environ["LANGUAGE"] = "en"
# Every process this test session starts inherits this mark (see _lesson_processes).
_SESSION = os.environ["CLAB_TEST_SESSION"] = f"{os.getpid()}-{time.time_ns()}"

import psutil  # noqa: E402
import pytest  # noqa: E402

# Every way Python starts a process raises one of these audit events.
_PROCESS_EVENTS = frozenset({"subprocess.Popen", "os.fork", "os.forkpty", "os.posix_spawn",
                             "os.spawn", "os.system", "os.exec", "pty.spawn"})
_started = [0]             # processes started in this test session


def _watch_process_starts(event, args):
    if event in _PROCESS_EVENTS:
        _started[0] += 1


sys.addaudithook(_watch_process_starts)

# What a test (or a helper or fixture of tests/ it uses) names when it starts a process: a
# lesson session, a command, a fork, the window's Run button, or the session's quick runs.
_STARTS = frozenset({"LessonSession", "subprocess", "Popen", "create_subprocess_exec",
                     "create_subprocess_shell", "fork", "forkpty", "posix_spawn", "spawnv",
                     "multiprocessing", "run_lesson", "run_button", "runner", "Key_F5",
                     "QuickTraces"})


_TESTS = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _ours(func):
    """A function written in tests/."""
    code = getattr(func, "__code__", None)
    return code is not None and os.path.abspath(code.co_filename).startswith(_TESTS)


def _starts_a_process(func, seen):
    """Whether `func`, or a function of tests/ it names (transitively), names a way to start
    a process."""
    func = getattr(func, "__wrapped__", func)
    code = getattr(func, "__code__", None)
    if code is None or code in seen:
        return False
    seen.add(code)
    names = set()
    stack = [code]
    while stack:
        c = stack.pop()
        names.update(c.co_names)
        stack.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
    if names & _STARTS:
        return True
    scopes = [getattr(func, "__globals__", {})]
    scopes += [m.__dict__ for m in map(scopes[0].get, names) if isinstance(m, types.ModuleType)
               and os.path.abspath(getattr(m, "__file__", None) or "/").startswith(_TESTS)]
    return any(isinstance(target, types.FunctionType) and _ours(target)
               and _starts_a_process(target, seen)
               for scope in scopes for target in map(scope.get, names))


def pytest_sessionfinish():
    """The settings folder of this test run goes with it."""
    __import__("shutil").rmtree(_SETTINGS_DIR, ignore_errors=True)


def pytest_collection_modifyitems(items):
    """Mark `realrun` every test that starts a process, by what it and its fixtures call."""
    for item in items:
        if item.get_closest_marker("realrun"):
            continue
        seen = set()
        funcs = [getattr(item, "function", None)]
        infos = getattr(item, "_fixtureinfo", None)
        for defs in (infos.name2fixturedefs.values() if infos else ()):
            funcs.extend(d.func for d in defs if _ours(d.func))
        if any(_starts_a_process(f, seen) for f in funcs if f is not None):
            item.add_marker(pytest.mark.realrun)


def _lesson_processes(since):
    """Processes this test started: our descendants, and lesson processes orphaned since
    (re-parented to PID 1). Lessons that other programs run have a living parent, and those
    of another test session carry its mark: not ours."""
    me = psutil.Process()
    found = {p.pid: p for p in me.children(recursive=True)}
    for proc in psutil.process_iter(["cmdline", "create_time", "ppid"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            if proc.info["create_time"] >= since and proc.info["ppid"] == 1 and (
                    "workloads." in cmdline or "multiprocessing" in cmdline) and \
                    proc.environ().get("CLAB_TEST_SESSION", _SESSION) == _SESSION:
                found[proc.pid] = proc
        except psutil.Error:
            continue
    return [p for p in found.values() if _alive(p)]


def _alive(proc):
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


@pytest.fixture(autouse=True)
def fresh_settings():
    """No remembered language, theme or zoom leaks from one test into the next."""
    path = os.environ["CLAB_SETTINGS"]
    if os.path.exists(path):
        os.remove(path)
    yield


@pytest.fixture(autouse=True)
def closed_windows_deleted(request):
    """The widgets of a Qt test are deleted after it, not kept until the end of the session:
    otherwise every later change of the application's style or font would restyle them all,
    and each test would be slower than the one before."""
    yield
    if {"qtbot", "qapp"} & set(request.fixturenames):
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            gc.collect()            # the plots' menus belong to items kept alive by cycles
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_process_left_behind(request):
    """Fail any test after which a child or lesson process is still running, and any test
    that started a process without the `realrun` marker (the quick part must stay quick)."""
    since = time.time() - 1
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    starts = _started[0]
    yield
    deadline = time.monotonic() + 5
    left = []
    while time.monotonic() < deadline:
        left = [p for p in _lesson_processes(since) if p.pid not in before]
        if not left:
            break
        time.sleep(0.05)
    named = []
    for proc in left:
        try:
            named.append((proc.pid, proc.name()))
            proc.kill()
        except psutil.Error:
            pass
    if left:
        pytest.fail(f"processes left behind: {named or [p.pid for p in left]}")
    if _started[0] > starts and not request.node.get_closest_marker("realrun"):
        pytest.fail("this test starts a process but is not marked realrun: mark it "
                    "@pytest.mark.realrun, or name what starts it in tests/conftest.py _STARTS")


@pytest.fixture(scope="session")
def quick_traces(tmp_path_factory):
    """The trace of one quick run of every lesson that ends on its own, recorded through the
    command line once for the whole test session, when a test first asks for it (see
    tests/quick_traces.py): `.all()` {lesson id: path}, `.as_completed()` as they are written."""
    from tests import quick_traces as recorder
    traces = recorder.QuickTraces(tmp_path_factory.mktemp("quick-traces")).start()
    yield traces
    traces.close()
