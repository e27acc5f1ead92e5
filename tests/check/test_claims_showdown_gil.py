"""When other programs take the cores a claim needs, the lesson says so instead of a verdict.

threads.gil's processes and showdown.cpu's processes need free cores to run at the same time.
With busy loops started by the test on every core, the run measures the CPU other programs
took (`Run.others_cores`), and the banner, the tab, the answer and the claim name the other
programs and draw no verdict; a trace of the run says the same when replayed. On a machine
that is idle enough, the claims hold; on a busy one the honest "busy" outcome is asserted.
"""
import asyncio
import contextlib
import json
import subprocess
import sys

import psutil
import pytest

from gui.check import run_once
from gui.lessons import Run, free_cores, run_of, unit
from gui.replay import ReplaySession
from gui.trace import chrome_json, chrome_reader
from workloads import catalog

GIL, CPU, IO = "threads.gil", "showdown.cpu", "showdown.io"
CORES = psutil.cpu_count() or 1
TWO_CORES = pytest.mark.skipif(CORES < 2, reason="one core: nothing can run together")
BUSY = "Other programs used "


@contextlib.contextmanager
def busy_loops(count=CORES):
    """`count` Python busy loops, one per core by default, ended on the way out."""
    loops = [subprocess.Popen([sys.executable, "-c", "while 1: pass"])
             for _ in range(count)]
    try:
        yield loops
    finally:
        for loop in loops:
            loop.kill()
        for loop in loops:
            loop.wait(timeout=30)


def quick(lesson_id, **values):
    return dict(catalog.lesson(lesson_id).defaults(), **unit(lesson_id).quick, **values)


def run_quick(lesson_id, **values):
    run, session = asyncio.run(run_once(lesson_id, quick(lesson_id, **values)))
    assert session.run.returncode == 0, session.run.exit_reason
    return run, session


def assert_no_verdict(lesson_id, run):
    """The sentence names the other programs and what to do; the answer and the claim give
    no verdict, and the claim's advice says how many free cores it needs."""
    sentence = unit(lesson_id).sentence(run)
    assert sentence.startswith(f"{BUSY}{run.others_cores:.1f} of this computer's {CORES} "
                               "cores during the run, so the processes could not all run at "
                               "once: close them and run again."), sentence
    assert "fastest" not in sentence and "at the same time" not in sentence
    question = unit(lesson_id).question(run.values)
    if question is not None:
        assert question.answer(run)[0] is None
    claim = unit(lesson_id).claim(run)
    assert claim is not None and not claim.held
    assert claim.advice.startswith("close other programs: the processes ")
    assert f"needs {CORES} free cores" in claim.advice
    return sentence


@pytest.mark.realrun
@TWO_CORES
def test_gil_processes_with_every_core_busy_name_other_programs(qtbot, tmp_path):
    from gui.lessons.threads.gil.tab import GilPanel
    with busy_loops():
        run, session = run_quick(GIL, variant="processes", workers=CORES)
    # the loops took about half of every core from the workers, or more
    assert run.others_cores >= 0.5 * CORES - 0.5, run.others_cores
    sentence = assert_no_verdict(GIL, run)
    # the tab: its headline says the same instead of "the workers run at the same time"
    panel = GilPanel(GIL)
    qtbot.addWidget(panel)
    banners = []
    panel.attention.connect(banners.append)
    panel.start(session)
    panel.finish(run)
    assert panel.headline.text() == sentence and banners == [sentence]
    panel.start(session)                    # a new run: the explanation again
    assert panel.headline.text().startswith("One GIL per process")
    # a replay of the run's trace says the same
    path = chrome_json.write(tmp_path / "busy.json", session.model, GIL,
                             session.values, session.python_version)
    replay = chrome_reader.read(path)
    assert replay.model.others_cores == pytest.approx(run.others_cores)
    assert unit(GIL).sentence(run_of(ReplaySession(replay))) == sentence


@pytest.mark.realrun
@TWO_CORES
def test_showdown_cpu_with_every_core_busy_names_no_winner(qtbot):
    from gui.lessons.showdown._showdown_tab import ShowdownTab
    with busy_loops():
        run, session = run_quick(CPU, size=500_000)
    sentence = assert_no_verdict(CPU, run)
    tab = ShowdownTab(CPU)
    qtbot.addWidget(tab)
    tab.start(session)
    tab.finish(run)
    assert tab.busy.text() == sentence and not tab.busy.isHidden()
    tab.start(session)
    tab.refresh()
    assert tab.busy.isHidden()


@pytest.mark.realrun
@TWO_CORES
def test_the_check_command_fails_with_the_advice_when_other_programs_take_the_cores():
    with busy_loops():
        done = subprocess.run([sys.executable, "-m", "gui", "check", GIL, "--times", "1"],
                              capture_output=True, text=True, timeout=300)
    if "invalid choice: 'check'" in done.stderr:
        pytest.skip("no check command in this version (the claims are tested above)")
    assert done.returncode != 0, done.stdout
    assert f"close other programs: the processes variant needs {CORES} free cores" in \
        last_column(done.stdout), done.stdout


def last_column(table):
    """The words of a printed table's last column, its wrapped lines joined."""
    lines = table.splitlines()
    start = lines[0].rindex("what to do")
    return " ".join(" ".join(line[start:].split()) for line in lines[2:]
                    if len(line) > start and line[start - 1] == " ")


@pytest.mark.realrun
@TWO_CORES
@pytest.mark.parametrize("lesson_id, values, needed", [
    (GIL, {"variant": "processes"}, CORES), (GIL, {"variant": "threads"}, 1), (CPU, {}, CORES),
    (IO, {}, 0)], ids=["threads.gil processes", "threads.gil threads", CPU, IO])
def test_on_free_cores_the_claim_holds_and_on_busy_ones_the_run_says_so(lesson_id, values,
                                                                        needed):
    run, _ = run_quick(lesson_id, **values)
    assert run.others_cores is not None and run.others_cores >= 0
    claim = unit(lesson_id).claim(run)
    assert claim is not None
    needed = min(needed, run.values.get("workers", needed))
    if needed and free_cores.starved(run, needed):      # other programs, not this test
        assert unit(lesson_id).sentence(run).startswith(BUSY)
        assert not claim.held and claim.advice.startswith("close other programs")
    else:
        assert claim.held, (claim, run.result, run.others_cores)
        assert not unit(lesson_id).sentence(run).startswith(BUSY)


def test_the_busy_sentence_is_made_from_the_measure():
    result = dict(cores=2, workers=2, cpu_cores_used=1.0)
    values = dict(quick(GIL), variant="processes", workers=2)
    starved = Run(GIL, values, None, result, "3.11.9", others_cores=0.94)
    assert free_cores.starved(starved, 2) == free_cores.Starved(0.94, 2, 2)
    assert free_cores.sentence(free_cores.starved(starved, 2)) == (
        "Other programs used 0.9 of this computer's 2 cores during the run, so the processes "
        "could not all run at once: close them and run again.")
    # an idle browser's 0.2 of a core leaves the claim its cores; an old trace measured nothing
    for others in (0.2, None):
        fair = Run(GIL, values, None, result, "3.11.9", others_cores=others)
        assert free_cores.starved(fair, 2) is None
    # threads under one GIL need one free core, not two
    threads = Run(GIL, dict(values, variant="threads"), None, result, "3.11.9", 1.2)
    assert free_cores.starved(threads, 1) is None
    assert free_cores.starved(Run(GIL, values, None, dict(result, cores=8), "3.11.9",
                                  others_cores=5.9), 2) is None


@pytest.mark.parametrize("bad", [-1, "0.9", True, 1e9])
def test_a_trace_with_a_bad_measure_of_other_programs_is_refused_in_one_line(tmp_path, bad):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({
        "traceEvents": [{"ph": "X", "name": "job", "cat": "run", "ts": 0, "dur": 10,
                         "pid": 1, "tid": 1}],
        "otherData": {"lesson": GIL, "params": {}, "python": "3.11.9", "others_cores": bad}}))
    with pytest.raises(chrome_reader.TraceError) as refused:
        chrome_reader.read(path)
    assert '"otherData.others_cores" is not a number of cores' in str(refused.value)
    assert "\n" not in str(refused.value)
