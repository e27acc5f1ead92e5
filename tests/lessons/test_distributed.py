"""distributed.* claims, on real runs: every task's result comes back exactly once over TCP; the
key is random; the manager listens on loopback unless asked; a worker the window does not
trace still gets a lane; clear messages for a busy port or a wrong address; a wrong key is
refused; a worker killed while it holds a task loses exactly that task; Stop leaves nothing.
The figures each lesson reports agree with its trace, and its sentence, question and compare
rows are made from them."""
import asyncio
import dataclasses
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import psutil
import pytest

from gui.lessons import Run, run_of, unit
from gui.run.session import LessonSession
from gui.trace.model import STATES
from tests.lessons.stopping import Stopped, assert_nothing_left

ROOT = Path(__file__).resolve().parents[2]
# printed before any worker starts: the only line on the console at that moment
WORKER_COMMAND = re.compile(r"^Worker command: python (-m workloads\.distributed\.task_worker "
                            r"--host (\S+) --port (\d+) --key (\S+))$", re.M)
# The lesson's processes share one console, and a line may reach it in two writes, its text
# then its newline (when PYTHONUNBUFFERED is set, the line_buffering that _boot/sitecustomize
# switches on does not undo write_through), so another process's text can land between them.
# Match what each line says, not where lines begin and end.
RESULT = re.compile(r"Result #(\d+): (\d+) \* (\d+) = (\d+)")
PUT = re.compile(r"Put task #(\d+): (\d+)\.\.\.")


# -- helpers ---------------------------------------------------------------------------------
def flows(model):
    """{(name, id): {"out": [pid, ...], "in": [pid, ...]}}: both ends of every arrow, by the
    task number it carries, with the pid of the process each end is drawn on."""
    found = {}
    for lane, name, fid, direction in zip(model.flows["lane"], model.flows["name"],
                                          model.flows["fid"], model.flows["dir"]):
        ends = found.setdefault((model.names[name], int(fid)), {"out": [], "in": []})
        ends["out" if direction > 0 else "in"].append(model.lanes[lane].pid)
    return found


def flow_lanes(model, name, direction):
    """{task number: [lane, ...]} of one end ("out"/"in") of the arrows named `name`."""
    found = {}
    for lane, nid, fid, d in zip(model.flows["lane"], model.flows["name"],
                                 model.flows["fid"], model.flows["dir"]):
        if model.names[nid] == name and (d > 0) == (direction == "out"):
            found.setdefault(int(fid), []).append(model.lanes[lane])
    return found


def arrow_count(model, name):
    return sum(model.names[a[4]] == name for a in model.arrows())


def workers_of(model):
    return [lane for lane in model.processes.values() if lane.name.startswith("worker on ")]


def manager_of(model, session):
    lane = model.processes[session.run.pid]
    assert lane.name.startswith("manager on "), lane.name
    return lane


def marks_named(model, prefix):
    return [(model.lanes[lane], model.names[name])
            for lane, name in zip(model.marks["lane"], model.marks["name"])
            if model.names[name].startswith(prefix)]


def assert_each_result_once(out, tasks):
    """The console: task #i's result comes back exactly once, and it is the square of the
    number put as task #i."""
    put = {int(i): int(n) for i, n in PUT.findall(out)}
    assert sorted(put) == list(range(tasks)), out
    results = RESULT.findall(out)
    assert sorted(int(i) for i, *_ in results) == list(range(tasks)), out
    for i, a, b, square in results:
        assert int(a) == int(b) == put[int(i)] and int(square) == put[int(i)] ** 2
    assert f"{tasks} of {tasks} results came back, each exactly once." in out
    assert "never came back" not in out


def assert_arrows_pair_up(model, manager_pid, ids):
    """Each task id: one "task" arrow manager -> a worker, one "result" arrow from that same
    worker back to the manager. Returns {task id: worker pid}."""
    ends = flows(model)
    took = {}
    for i in ids:
        task, result = ends[("task", i)], ends[("result", i)]
        assert task["out"] == [manager_pid] and len(task["in"]) == 1, (i, task)
        assert result["out"] == task["in"] and result["in"] == [manager_pid], (i, result)
        took[i] = task["in"][0]
    return took


def figures_of(session, **extra):
    """The lesson's figures, checked for the names and types every distributed lesson
    reports (and those in `extra`: name -> type)."""
    figures = session.model.result
    kinds = dict(tasks=int, results_back=int, came_back_twice=int, lost=int, lost_tasks=list,
                 never_taken=int, **extra)
    assert set(figures) == set(kinds), figures
    for name, kind in kinds.items():
        assert type(figures[name]) is kind, (name, figures)
    return figures


def with_figures(run, **changed):
    """The same run with some figures changed: what another run could have reported."""
    return dataclasses.replace(run, result=dict(run.result, **changed))


def answered(run):
    question = unit(run.lesson_id).question(run.values)
    assert question is not None and 2 <= len(question.choices) <= 5
    index, words = question.answer(run)
    return question, index, words


def cli():
    script = shutil.which("concurrency-lab", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "gui"]


def run_cli(*args, timeout=120):
    return subprocess.run([*cli(), "run", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


async def until(condition, timeout=60.0, what="the condition"):
    """Poll `condition` every 20 ms; fail after a generous `timeout` (this machine is slow)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def started_session(lesson_id, out, **settings):
    return LessonSession(lesson_id, {k: str(v) for k, v in settings.items()},
                         on_output=lambda stream, text: out.append(text))


def listening(pids):
    """[(pid, ip, port)] of the TCP sockets these processes listen on."""
    found = []
    for pid in pids:
        try:
            conns = psutil.Process(pid).net_connections(kind="tcp")
        except psutil.Error:
            continue
        found += [(pid, c.laddr.ip, c.laddr.port) for c in conns
                  if c.status == psutil.CONN_LISTEN]
    return found


def tree(pid):
    try:
        root = psutil.Process(pid)
        return [pid] + [p.pid for p in root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def non_loopback_ipv4():
    return [a.address for addrs in psutil.net_if_addrs().values() for a in addrs
            if a.family == socket.AF_INET and not a.address.startswith("127.")]


# -- 1. every result exactly once ------------------------------------------------------------
def test_every_task_comes_back_exactly_once(lesson_run):
    tasks, workers = 6, 2
    session, out = lesson_run("distributed.manager", tasks=tasks, workers=workers)
    assert session.run.returncode == 0, out
    assert_each_result_once(out, tasks)
    model = session.model
    manager = manager_of(model, session)
    worker_lanes = workers_of(model)
    assert len(worker_lanes) == workers
    worker_pids = {lane.pid for lane in worker_lanes}
    assert manager.pid not in worker_pids
    took = assert_arrows_pair_up(model, manager.pid, range(tasks))
    assert set(took.values()) <= worker_pids
    assert arrow_count(model, "task") == arrow_count(model, "result") == tasks
    assert {model.names[a[4]] for a in model.arrows()} == {"task", "result"}
    assert all(lane.exit_code == 0 for lane in worker_lanes), [l.exit_code for l in worker_lanes]
    # the workers here are traced by the window: drawn on their own lanes, not virtual ones
    assert not [lane for lane in model.lanes if lane.virtual]
    # the figures say what the trace shows: every task back once, nothing lost or left
    figures = figures_of(session)
    assert figures == dict(tasks=tasks, results_back=arrow_count(model, "result"),
                           came_back_twice=0, lost=0, lost_tasks=[], never_taken=0)
    run = run_of(session)
    assert unit("distributed.manager").sentence(run) == \
        f"{tasks} of {tasks} results came back, each exactly once."
    question, right, words = answered(run)
    assert question.choices[right] == f"All {tasks}, each once"
    assert words == f"{tasks} of {tasks} results came back"
    assert answered(with_figures(run, results_back=tasks - 1))[1] == 1
    assert answered(with_figures(run, came_back_twice=1))[1] == 2
    assert unit("distributed.manager").compare_rows(run) == (
        ("results back", f"{tasks} of {tasks}"), ("lost tasks", "none"))


def test_the_sentence_counts_results_and_lost_tasks_in_words():
    """Made from figures alone, with the plural the count needs."""
    manager = unit("distributed.manager")
    one = Run("distributed.manager", {}, None, dict(
        tasks=1, results_back=1, came_back_twice=0, lost=0, lost_tasks=[], never_taken=0))
    assert manager.sentence(one) == "1 of 1 result came back, each exactly once."
    two_lost = with_figures(one, tasks=5, results_back=3, lost=2, lost_tasks=[1, 4])
    assert manager.sentence(two_lost) == (
        "3 of 5 results came back, each exactly once; 2 tasks never came back (#1, #4): "
        "taken once, by a worker that died.")
    assert manager.sentence(with_figures(one, tasks=2, came_back_twice=1)) == \
        "1 of 2 results came back."
    assert manager.sentence(Run("distributed.manager", {}, None, {})) == ""


# -- 2. a new random key every run -----------------------------------------------------------
def test_the_key_is_random_and_new_every_run(lesson_run):
    keys = []
    for _ in range(2):
        session, out = lesson_run("distributed.manager", tasks=1, workers=1)
        assert session.run.returncode == 0, out
        (_, _, _, key), = WORKER_COMMAND.findall(out)
        keys.append(key)
    for key in keys:
        assert re.fullmatch(r"[0-9a-f]{32,}", key), key
        assert key != "abc"
    assert keys[0] != keys[1]


# -- 3. loopback only, unless asked ----------------------------------------------------------
def watch_listener(**settings):
    """Start the manager with no workers of its own, wait until it listens, and return
    (its listening sockets, the console so far, the model's process names); then Stop."""
    async def go():
        out = []
        session = started_session("distributed.manager", out, tasks=2, workers=0,
                                  wait_s=600, **settings)
        await session.start()
        try:
            await until(lambda: WORKER_COMMAND.search("".join(out)) or not session.run.running,
                        what="the worker command")
            assert session.run.running, "".join(out)
            await until(lambda: listening(tree(session.run.pid)), what="a listening socket")
            await until(lambda: any(lane.name.startswith("QueueManager")
                                    for lane in session.model.processes.values()),
                        what="the manager's server process")
            sockets = listening(tree(session.run.pid))
            names = {lane.pid: lane.name for lane in session.model.processes.values()}
        finally:
            leftovers = await session.stop()
        assert leftovers == []
        return sockets, "".join(out), names
    return asyncio.run(go())


def test_the_manager_listens_on_loopback_only_by_default():
    sockets, out, names = watch_listener()
    assert sockets, out
    assert {ip for _, ip, _ in sockets} == {"127.0.0.1"}, sockets
    # the one who listens is the manager's server process, on the port it printed
    (_, host, port, _), = WORKER_COMMAND.findall(out)
    assert host == "127.0.0.1"
    assert {(names.get(pid), p) for pid, _, p in sockets} in (
        {("QueueManager-1", int(port))}, {("QueueManager 1", int(port))})
    assert "reachable from this machine only" in out


def test_bind_0_0_0_0_listens_on_every_interface():
    sockets, out, _ = watch_listener(bind="0.0.0.0")
    assert sockets and {ip for _, ip, _ in sockets} == {"0.0.0.0"}, sockets
    (_, host, port, _), = WORKER_COMMAND.findall(out)
    assert {p for *_, p in sockets} == {int(port)}
    assert "other machines too" in out
    if not non_loopback_ipv4():
        pytest.skip("this machine has no IPv4 address but loopback: nothing else to print")
    assert not host.startswith("127."), out


@pytest.mark.parametrize("bind", ["", "   "])
def test_an_empty_bind_listens_on_loopback_only(bind):
    """A cleared field is not "every interface": only an address written out lets others in."""
    sockets, out, _ = watch_listener(bind=bind)
    assert sockets and {ip for _, ip, _ in sockets} == {"127.0.0.1"}, sockets
    (_, host, _, _), = WORKER_COMMAND.findall(out)
    assert host == "127.0.0.1" and "reachable from this machine only" in out


def test_the_key_is_never_written_into_a_trace(tmp_path):
    trace = tmp_path / "manager.json"
    done = run_cli("distributed.manager", "--set", "bind=", "--set", "tasks=2",
                   "--trace", str(trace))
    assert done.returncode == 0, done.stderr
    assert "Manager listening on 127.0.0.1:" in done.stdout
    (_, _, _, key), = WORKER_COMMAND.findall(done.stdout)       # the console shows it
    text = trace.read_text(encoding="utf-8")
    assert key not in text
    doc = json.loads(text)
    assert doc["otherData"]["params"]["bind"] == "127.0.0.1"
    assert "Manager listening on 127.0.0.1:" in doc["otherData"]["output"]
    assert "--key (a key, not saved in traces)" in doc["otherData"]["output"]
    marks = [e["name"] for e in doc["traceEvents"] if e["ph"] == "i"]
    assert any(m.startswith("Worker command:") and "--key (a key, not saved in traces)" in m
               for m in marks), marks


# -- 4. a worker started by hand, without the probe ------------------------------------------
def test_a_worker_started_by_hand_gets_a_lane_drawn_by_the_manager():
    tasks = 3

    async def go():
        out = []
        session = started_session("distributed.manager", out, tasks=tasks, workers=0,
                                  wait_s=30)
        await session.start()
        worker = None
        try:
            await until(lambda: WORKER_COMMAND.search("".join(out)) or not session.run.running,
                        what="the worker command")
            match = WORKER_COMMAND.search("".join(out))
            assert match, "".join(out)
            # as a user would, elsewhere: no CLAB_TRACE/CLAB_TOKEN, so no probe reports it
            env = {k: v for k, v in os.environ.items() if not k.startswith("CLAB_")}
            worker = await asyncio.create_subprocess_exec(
                sys.executable, *match.group(1).split(), cwd=str(ROOT), env=env,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
            code, (worker_out, _) = await asyncio.wait_for(
                asyncio.gather(session.wait(), worker.communicate()), 120)
        finally:
            if worker is not None and worker.returncode is None:
                worker.kill()
                await worker.wait()
            if session.run.running:
                await session.stop()
        return session, "".join(out), worker, worker_out.decode()

    session, out, worker, worker_out = asyncio.run(go())
    assert session.run.returncode == 0, out
    assert worker.returncode == 0, worker_out
    assert f"worker exit: {tasks} tasks done." in worker_out
    assert_each_result_once(out, tasks)
    model = session.model
    assert worker.pid not in model.processes          # the probe never saw it...
    title = f"PID {worker.pid} · worker on "
    rows = [lane for lane in model.lanes if lane.virtual and lane.group.startswith(title)]
    assert rows and rows[0].name == rows[0].group, [l.group for l in model.lanes]
    assert {lane.pid for lane in rows} == {session.run.pid}   # ...the manager draws it
    row_ids = {lane.id for lane in rows}
    task_state = STATES.index("task")
    task_spans = [name for lane, state, name in zip(model.spans["lane"], model.spans["state"],
                                                    model.spans["name"])
                  if lane in row_ids and state == task_state]
    assert len(task_spans) >= tasks
    ins, outs = flow_lanes(model, "task", "in"), flow_lanes(model, "result", "out")
    assert sorted(ins) == sorted(outs) == list(range(tasks))
    for i in range(tasks):
        assert [lane.id in row_ids for lane in ins[i]] == [True]
        assert [lane.id in row_ids for lane in outs[i]] == [True]
    assert arrow_count(model, "task") == arrow_count(model, "result") == tasks
    assert figures_of(session)["results_back"] == tasks


# -- 5. clear messages when it cannot listen -------------------------------------------------
def test_a_port_in_use_gets_a_clear_message():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_cli("distributed.manager", "--set", f"port={port}", "--set", "tasks=2")
    text = done.stdout + done.stderr
    assert done.returncode != 0, text
    assert "Traceback" not in text
    said = [line for line in text.splitlines() if "already in use" in line]
    assert len(said) == 1 and str(port) in said[0], text


def test_an_address_not_on_this_machine_gets_a_one_line_message():
    done = run_cli("distributed.manager", "--set", "bind=203.0.113.7", "--set", "tasks=2")
    text = done.stdout + done.stderr
    assert done.returncode != 0, text
    assert "Traceback" not in text
    said = [line for line in text.splitlines() if "203.0.113.7" in line]
    assert len(said) == 1, text
    assert "Manager listening" not in text and "Put task" not in text


# -- 6. a wrong key is refused, the others go on ---------------------------------------------
def test_a_worker_with_the_wrong_key_is_refused_and_the_others_finish(lesson_run):
    tasks, workers = 5, 2
    session, out = lesson_run("distributed.bad_key", tasks=tasks, workers=workers)
    assert session.run.returncode == 0, out
    assert "Refused by the manager: AuthenticationError" in out
    assert "The worker with the wrong key ended with exit code 2" in out
    assert_each_result_once(out, tasks)
    model = session.model
    manager = manager_of(model, session)
    (intruder, _), = marks_named(model, "refused: AuthenticationError")
    intruder = model.processes[intruder.pid]
    assert intruder.name.startswith("worker on ") and intruder.exit_code == 2
    good = [lane for lane in workers_of(model) if lane.pid != intruder.pid]
    assert len(good) == workers and all(lane.exit_code == 0 for lane in good)
    took = assert_arrows_pair_up(model, manager.pid, range(tasks))
    assert set(took.values()) <= {lane.pid for lane in good}
    # refused before its first request: no arrow touches the intruder
    ends = flows(model)
    assert not [k for k, e in ends.items() if intruder.pid in e["in"] + e["out"]]
    assert arrow_count(model, "task") == arrow_count(model, "result") == tasks
    figures = figures_of(session, wrong_key_exit_code=int, wrong_key_refused=bool)
    assert figures["wrong_key_exit_code"] == intruder.exit_code == 2
    assert figures["wrong_key_refused"] is True
    assert figures["results_back"] == figures["tasks"] == tasks and figures["lost"] == 0
    run = run_of(session)
    assert unit("distributed.bad_key").sentence(run) == (
        f"{tasks} of {tasks} results came back, each exactly once; the worker with the wrong "
        "key was refused and the others finished.")
    question, right, words = answered(run)
    assert question.choices[right] == "It is refused; the others finish every task"
    assert words == f"refused with AuthenticationError; {tasks} of {tasks} results came back"
    let_in = with_figures(run, wrong_key_refused=False, wrong_key_exit_code=0)
    assert question.choices[answered(let_in)[1]] == "It gets in and takes tasks like the others"
    assert "wrong key" not in unit("distributed.bad_key").sentence(let_in)
    assert unit("distributed.bad_key").compare_rows(run)[-1] == ("wrong key", "refused")


# -- 7. a worker killed holding a task loses exactly that task -------------------------------
def test_a_killed_worker_loses_exactly_the_task_it_held(lesson_run):
    tasks, workers = 6, 2
    session, out = lesson_run("distributed.worker_crash", tasks=tasks, workers=workers)
    assert session.run.returncode == 0, out
    (pid, held, number), = re.findall(
        r"Worker PID (\d+) took task #(\d+) \((\d+)\) and is killed halfway through it\.", out)
    lost = re.findall(r"Task #(\d+) \((\d+)\) was taken by a worker and never came back\.",
                      out)
    assert lost == [(held, number)], out
    assert re.search(rf"Worker PID {pid} was killed \(exit code {-signal.SIGKILL}\); "
                     r"1 task never came back", out), out
    pid, held = int(pid), int(held)
    results = [int(i) for i, *_ in RESULT.findall(out)]
    assert sorted(results) == [i for i in range(tasks) if i != held]
    model = session.model
    manager = manager_of(model, session)
    killed = model.processes[pid]
    assert killed.name.startswith("worker on ") and killed.exit_code == -signal.SIGKILL
    assert len(workers_of(model)) == workers
    ends = flows(model)
    assert ends[("task", held)] == {"out": [manager.pid], "in": [pid]}
    assert ("result", held) not in ends
    assert_arrows_pair_up(model, manager.pid, results)
    assert arrow_count(model, "task") == tasks and arrow_count(model, "result") == tasks - 1
    assert [lane.pid for lane, _ in marks_named(model, f"task #{held} lost")] == [manager.pid]
    assert [lane.pid for lane, _ in marks_named(model, f"killed holding task #{held}")] == [pid]
    figures = figures_of(session, killed_pid=int, killed_exit_code=int)
    assert figures["lost_tasks"] == [held] and figures["lost"] == 1
    assert figures["killed_pid"] == pid
    assert figures["killed_exit_code"] == killed.exit_code == -signal.SIGKILL
    assert figures["results_back"] == arrow_count(model, "result") == tasks - 1
    assert unit("distributed.worker_crash").sentence(run_of(session)) == (
        f"{tasks - 1} of {tasks} results came back, each exactly once; 1 task never came back "
        f"(#{held}): taken once, by a worker that died.")
    assert unit("distributed.worker_crash").compare_rows(run_of(session)) == (
        ("results back", f"{tasks - 1} of {tasks}"), ("lost tasks", f"#{held}"))


def test_the_task_of_the_killed_worker_never_comes_back(lesson_run):
    """The question's answer is read from the figures: the task the killed worker held is
    named, and had a queue with acknowledgements handed it out again, the answer would be
    the other choice."""
    session, out = lesson_run("distributed.worker_crash", tasks=4)
    assert session.run.returncode == 0, out
    run = run_of(session)
    lost, = run.result["lost_tasks"]
    question, right, words = answered(run)
    assert question.choices[right].startswith("No")
    assert words == f"task #{lost} never came back: 3 of 4 results"
    acked = with_figures(run, results_back=4, lost=0, lost_tasks=[])
    assert question.choices[answered(acked)[1]].startswith("Yes")
    never_killed = with_figures(run, killed_exit_code=0)
    assert answered(never_killed)[1] is None


# -- 8. Stop mid-run -------------------------------------------------------------------------
def test_stop_in_the_middle_leaves_no_process_and_no_port():
    async def go():
        out = []
        session = started_session("distributed.manager", out, tasks=50, workers=2)
        await session.start()
        # manager, its server process and two workers: all connected, all busy
        await until(lambda: (len(session.model.processes) >= 4
                             and WORKER_COMMAND.search("".join(out)))
                    or not session.run.running, what="the lesson's processes")
        running = session.run.running
        pids = list(session.model.processes)
        leftovers = await session.stop()
        return Stopped(session, running, pids, leftovers), "".join(out)

    stopped, out = asyncio.run(go())
    assert_nothing_left(stopped, 4)
    assert "Result #49" not in out                     # it really was stopped mid-run
    (_, host, port, _), = WORKER_COMMAND.findall(out)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=10).close()


# -- 9. from the command line ----------------------------------------------------------------
def test_the_trace_file_has_the_manager_the_workers_and_their_arrows(tmp_path):
    trace = tmp_path / "crash.json"
    done = run_cli("distributed.worker_crash", "--set", "tasks=6", "--set", "workers=2",
                   "--trace", str(trace))
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(trace.read_text())
    assert data["otherData"]["lesson"] == "distributed.worker_crash"
    events = data["traceEvents"]
    names = {e["pid"]: e["args"]["name"] for e in events
             if e["ph"] == "M" and e["name"] == "process_name"}
    managers = [pid for pid, name in names.items() if "manager on " in name]
    workers = [pid for pid, name in names.items() if "worker on " in name]
    assert len(managers) == 1 and len(workers) == 2, names
    # each end of an arrow is a zero-length "message" slice: args.dir 1 where it left
    messages = [e for e in events if e["ph"] == "X" and e.get("cat") == "message"]
    starts = Counter((e["name"], e["args"]["flow"]) for e in messages if e["args"]["dir"] == 1)
    ends = Counter((e["name"], e["args"]["flow"]) for e in messages if e["args"]["dir"] == -1)
    assert {name for name, _ in starts} == {name for name, _ in ends} == {"task", "result"}
    assert sorted(i for name, i in starts if name == "task") == list(range(6))
    assert max(starts.values()) == max(ends.values()) == 1
    for e in messages:
        if e["args"]["dir"] == 1:
            assert e["pid"] in (managers if e["name"] == "task" else workers)
        else:
            assert e["pid"] in (workers if e["name"] == "task" else managers)
    # the one task without a result is the one the killed worker held
    lost = [i for name, i in starts if name == "task" and ("result", i) not in starts]
    assert len(lost) == 1
    assert data["otherData"]["result"]["lost_tasks"] == lost       # the figures are kept
    exits = {e["pid"]: e["args"]["exit_code"] for e in events
             if e["ph"] == "i" and e["name"] == "exit"}
    assert sorted(exits[pid] for pid in workers) == [-signal.SIGKILL, 0]


def test_a_task_count_out_of_range_fails_with_one_line():
    done = run_cli("distributed.manager", "--set", "tasks=0", timeout=60)
    assert done.returncode != 0
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert len(lines) == 1, lines
    assert "tasks" in lines[0] and "1" in lines[0] and "200" in lines[0]
    assert "Traceback" not in lines[0]
