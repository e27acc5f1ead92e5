"""Any interpreter: the CPythons on this machine are found with their version and build,
too-old ones are listed but cannot be chosen, and a lesson runs under the chosen one: the race
loses updates under an older CPython and not under the app's own; a lesson whose packages are
missing there says which and how to install them; the trace records the interpreter."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gui.main_window import MainWindow
from tests import pythons_here
from tests.gui.waiting import run_to_the_end
from workloads import interpreters

ROOT = Path(__file__).resolve().parents[2]
FOUND = pythons_here.found()     # interpreters.discover(), asked once a session
OLDER = interpreters.older_with_lost_updates(FOUND)
WITHOUT_GEVENT = next((i for i in FOUND if i.usable and not i.packages.get("gevent")), None)


def cli(*args):
    script = shutil.which("concurrency-lab", path=os.path.dirname(sys.executable))
    command = [script] if script else [sys.executable, "-m", "gui"]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)


def test_discovery_finds_this_python_first_and_the_others_once():
    own = FOUND[0]
    assert own.source == "this app" and own.usable
    assert tuple(own.version) == tuple(sys.version_info[:3])
    assert own.free_threaded == bool(__import__("sysconfig").get_config_var("Py_GIL_DISABLED"))
    keys = [(i.prefix, i.release, i.free_threaded) for i in FOUND]
    assert len(keys) == len(set(keys))
    pyenv = [p for p in Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
             .glob("versions/*/bin/python3")]
    if not pyenv:
        pytest.skip("no pyenv versions on this machine")
    found = {os.path.realpath(i.executable) for i in FOUND}
    for exe in pyenv:
        version = exe.parent.parent.name
        assert any(i.release == version.rstrip("t") for i in FOUND), f"{exe} not found"
    assert found


def test_too_old_interpreters_are_listed_with_the_reason():
    old = [i for i in FOUND if tuple(i.version[:2]) < interpreters.MIN_VERSION]
    if not old:
        pytest.skip("no Python older than 3.9 on this machine")
    for interpreter in old:
        assert not interpreter.usable and "older than" in interpreter.reason


@pytest.mark.skipif(OLDER is None, reason="no CPython older than 3.10 on this machine")
def test_the_naive_race_loses_updates_under_an_older_python_only(tmp_path):
    def figures(done):
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.splitlines()[-1])

    # at the defaults, every run shows the loss: the race runs again until the balance moves
    for _ in range(3):
        old = figures(cli("run", "threads.race", "--set", "variant=naive", "--python",
                          OLDER.executable, "--json", "--trace", str(tmp_path / "old.json")))
        assert old["lost"] > 0 and old["balance"] != 0, old
        assert old["rounds"][-1] == old["balance"] and not any(old["rounds"][:-1])
    new = figures(cli("run", "threads.race", "--set", "variant=naive", "--json", "--trace",
                      str(tmp_path / "new.json")))
    if sys.version_info >= (3, 10):
        assert new["lost"] == 0 and new["rounds"] == [0]
    # the trace says which interpreter ran
    assert json.loads((tmp_path / "old.json").read_text())["otherData"]["python"] \
        == OLDER.release
    assert json.loads((tmp_path / "new.json").read_text())["otherData"]["python"] \
        == FOUND[0].release


@pytest.mark.skipif(WITHOUT_GEVENT is None, reason="every Python here has gevent")
def test_a_missing_package_is_named_with_the_command_that_installs_it():
    done = cli("run", "async.gevent", "--python", WITHOUT_GEVENT.executable)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    assert "needs gevent" in done.stderr
    assert f"{WITHOUT_GEVENT.executable} -m pip install gevent" in done.stderr


def test_a_too_old_or_wrong_interpreter_gets_one_line():
    done = cli("run", "threads.basics", "--python", sys.executable + "-no-such-python")
    assert done.returncode != 0 and "not found" in done.stderr
    old = next((i for i in FOUND if not i.usable), None)
    if old is None:
        pytest.skip("no too-old Python here")
    done = cli("run", "threads.basics", "--python", old.executable)
    assert done.returncode != 0 and "older than" in done.stderr
    assert "Traceback" not in done.stderr


def fake_python(folder, prints):
    """A real program that answers the interpreter question with `prints`."""
    path = folder / "python3-fake"
    path.write_text(f"#!/bin/sh\ncat <<'EOF'\n{prints}\nEOF\n")
    path.chmod(0o755)
    return path


ANSWER = {"version": [3, 12, 1], "release": "3.12.1", "implementation": "cpython",
          "free_threaded": False, "gil": True, "prefix": "/x", "executable": "/x/python3",
          "packages": {"gevent": False, "aiohttp": False}}


@pytest.mark.skipif(os.name != "posix", reason="the fake interpreter is a shell script")
@pytest.mark.parametrize("prints", [
    json.dumps({"a": 1}), json.dumps([1, 2]), "3.12.1", json.dumps(None),
    json.dumps(dict(ANSWER, version="3.12")), json.dumps(dict(ANSWER, version=[3, "12"])),
    json.dumps(dict(ANSWER, version=[])), json.dumps(dict(ANSWER, gil="yes")),
    json.dumps(dict(ANSWER, release=12)), json.dumps(dict(ANSWER, packages=[])),
    json.dumps(dict(ANSWER, packages={"gevent": "no"})),
    json.dumps({k: v for k, v in ANSWER.items() if k != "prefix"})])
def test_a_program_that_does_not_answer_like_python_is_said_so(tmp_path, prints):
    fake = fake_python(tmp_path, prints)
    assert interpreters.ask(str(fake)) is None
    done = cli("run", "threads.basics", "--python", str(fake))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"concurrency-lab: {fake} does not answer like a Python interpreter"]


@pytest.mark.realrun
@pytest.mark.skipif(os.name != "posix", reason="the fake interpreter is a shell script")
def test_a_program_that_answers_every_field_is_taken_at_its_word(tmp_path):
    found = interpreters.ask(str(fake_python(tmp_path, json.dumps(ANSWER))))
    assert found is not None and found.version == (3, 12, 1) and found.usable


def test_a_folder_or_a_file_that_cannot_run_is_said_so(tmp_path):
    plain = tmp_path / "python3"
    plain.write_text("#!/bin/sh\necho hello\n")
    plain.chmod(0o644)
    cases = [(tmp_path, f"{tmp_path} is a folder, not a Python interpreter"),
             (plain, f"{plain} is not executable"),
             (tmp_path / "nothing", f"interpreter '{tmp_path / 'nothing'}' not found")]
    for path, reason in cases:
        with pytest.raises(ValueError, match=re.escape(reason)):
            interpreters.locate(str(path))
        done = cli("run", "threads.basics", "--python", str(path))
        assert done.returncode == 2
        assert done.stderr.strip().splitlines() == [f"concurrency-lab: {reason}"]
        assert done.stdout == ""


@pytest.mark.skipif(OLDER is None, reason="no CPython older than 3.10 on this machine")
def test_the_window_runs_the_lesson_under_the_chosen_python(qtbot, run_async):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    choice = window.interpreter
    choice.discover_now()
    texts = [choice.itemText(i) for i in range(choice.count())]
    assert "this app" in texts[0] and any(OLDER.release in t for t in texts)
    for i, interpreter in enumerate(choice.found):    # too old: listed, not selectable
        assert choice.model().item(i).isEnabled() == interpreter.usable
    choice.select(OLDER.executable)
    window.lessons.select("threads.race")
    window.params.set_values({"variant": "naive", "iterations": 100_000})
    run_async(run_to_the_end(window))
    session = window.runner.session
    assert session.python_version == OLDER.release
    assert session.run.returncode == 0
    assert f"Python {OLDER.release}" in window.picture_title()
    assert re.search(r"^CPython 3\.\d\b", window.console.toPlainText(), re.M)
    # the window's next launch offers the same choice
    again = MainWindow()
    qtbot.addWidget(again)
    again.interpreter.discover_now()
    assert again.interpreter.python() == OLDER.executable


@pytest.mark.skipif(WITHOUT_GEVENT is None, reason="every Python here has gevent")
def test_the_window_says_which_package_is_missing(qtbot, run_async):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.interpreter.discover_now()
    window.interpreter.select(WITHOUT_GEVENT.executable)
    window.lessons.select("async.gevent")
    window.run_lesson()

    async def failed():
        from tests.gui.waiting import until
        await until(lambda: "needs gevent" in window.status.text(), message="the message")
    run_async(failed())
    assert "pip install gevent" in window.status.text()
    assert window.run_button.isEnabled() and not window.runner.running


def test_a_python_the_lessons_do_not_run_under_is_listed_but_refused():
    """process.fork needs os.waitstatus_to_exitcode (3.9): 3.8 is listed, with the reason,
    and the command line refuses it before anything starts."""
    old = next((i for i in FOUND if tuple(i.version[:2]) == (3, 8)), None)
    if old is None:
        pytest.skip("no CPython 3.8 on this machine")
    assert not old.usable and "older than" in old.reason and "3.9" in old.reason
    done = cli("run", "process.fork", "--python", old.executable)
    assert done.returncode != 0 and "older than" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_version_names_the_installed_python_of_that_version():
    pick = interpreters.by_version
    found = [interpreters.Interpreter("/py/3.8", (3, 8, 18), "3.8.18"),
             interpreters.Interpreter("/py/3.9", (3, 9, 18), "3.9.18"),
             interpreters.Interpreter("/py/3.13t", (3, 13, 0), "3.13.0t", free_threaded=True),
             interpreters.Interpreter("/py/3.13", (3, 13, 0), "3.13.0")]
    assert pick("python3.9", found).executable == "/py/3.9"
    assert pick("3.9", found).executable == "/py/3.9"
    assert pick("/usr/local/bin/python3.13t", found).executable == "/py/3.13t"
    assert pick("python3.13", found).executable == "/py/3.13"
    assert pick("python3.8", found).executable == "/py/3.8"        # to say why it cannot
    assert pick("python3.12", found) is None and pick("python", found) is None


@pytest.mark.skipif(OLDER is None, reason="no CPython older than 3.10 on this machine")
def test_the_lesson_text_s_python3_9_command_finds_an_installed_python(tmp_path):
    """The race text says `--python python3.9`. Where python3.9 is a pyenv shim of a version
    that is not the selected one, the command still finds the installed 3.9."""
    version = f"{OLDER.version[0]}.{OLDER.version[1]}"
    trace = tmp_path / "basics.json"
    done = cli("run", "threads.basics", "--python", f"python{version}", "--trace", str(trace))
    assert done.returncode == 0, done.stderr
    assert json.loads(trace.read_text())["otherData"]["python"].startswith(version + ".")
