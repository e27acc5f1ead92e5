"""A recorded run opened in the window: File > Open trace…, dropped on the window, or
refused with a clear message; it reads like a finished run and says it is a replay."""
import json
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from gui.lessons import run_of, unit
from gui.trace.chrome_reader import Replay
from gui.trace.model import TraceModel
from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end, until
from tests.replay.test_replay_command_line import cli


def make_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def settled_picture(qtbot, view):
    """The view's picture once two grabs in a row agree: the window refits its tabs and
    panes after a lesson is shown, later on a busy machine."""
    last = [None]

    def same():
        view.mouse_hint.hide()      # the hover hint comes and goes with the pointer, not the run
        now = view.grab().toImage()
        settled, last[0] = now == last[0], now
        return settled

    qtbot.waitUntil(same, timeout=20000)
    return last[0]


def answer_open_dialog(monkeypatch, path):
    """The file dialog is the user's part: answer it with a path, as a user would."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def open_from_the_menu(window, run_async):
    """File > Open trace…: the file is read in the background, the window stays live."""
    window.open_trace_action.trigger()
    assert window.replayer.reading is not None or window.replayer.error_box is not None
    run_async(until(lambda: window.replayer.reading is None, message="the trace read"))


def test_open_trace_shows_the_run_like_a_finished_one(qtbot, monkeypatch, recorded,
                                                      run_async):
    run = recorded["distributed.worker_crash"]
    window = make_window(qtbot)
    window.lessons.select("threads.basics")
    assert window.open_trace_action.shortcut().toString() == "Ctrl+O"
    answer_open_dialog(monkeypatch, run.path)
    open_from_the_menu(window, run_async)

    session = window.replay
    assert session is not None and session.run.running is False
    assert window.lessons.current_lesson() == "distributed.worker_crash"
    assert "A worker dies holding a task" in window.text.toPlainText()
    assert window.params.values() == run.session.values
    result = unit("distributed.worker_crash").sentence(run_of(run.session))
    assert result and window.result.text() == result and window.result.isVisible()
    assert window.console.toPlainText() == run.output
    labels = [lane.label for lane, _ in run.session.model.rows()]
    assert window.timeline.model is session.model
    assert [lane.label for lane, _ in window.timeline.model.rows()] == labels
    assert sum("worker on " in label for label in labels) == 2
    name = Path(run.path).name
    assert window.status.text() == (f"Replaying {name} (recorded with Python "
                                    f"{run.session.python_version})")
    banner = window.replayer.banner
    assert banner.isVisible() and banner.text().startswith(f"REPLAY of {name}")
    assert name in window.windowTitle()
    assert window.picture_title().endswith(f"replay of {name}")
    assert window.picture_title().startswith("distributed.worker_crash · tasks=4")
    # the lesson's own tab works on the replay: one row per worker, the killed one says so
    table = window.panel.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert len(rows) == 2 and [r[3] for r in rows].count("killed by SIGKILL") == 1, rows
    assert sorted(r[1] for r in rows) == ["1", "3"]
    assert window.run_button.isEnabled() and not window.stop_button.isEnabled()


def test_the_race_panel_and_the_asyncio_tasks_come_back(qtbot, recorded):
    window = make_window(qtbot)
    assert window.replayer.open(recorded["threads.race"].path)
    panel = window.panel
    assert window.lessons.current_lesson() == "threads.race"
    balance = recorded["threads.race"].session.model.result["balance"]
    assert panel.run is not None and panel.run.result["balance"] == balance   # the figures
    assert f"Balance {balance}" in window.result.text()
    assert len(panel.curve.getData()[0]) > 0                 # the balance counter, plotted

    assert window.replayer.open(recorded["async.asyncio"].path)
    rows = [(lane.label, depth) for lane, depth in window.timeline.model.rows()]
    assert any(label.startswith("hello(") and depth >= 1 for label, depth in rows), rows
    assert window.lessons.current_lesson() == "async.asyncio"


def test_a_bad_file_says_why_and_the_window_stays_usable(qtbot, tmp_path, recorded):
    window = make_window(qtbot)
    bad = tmp_path / "notes.json"
    bad.write_text("these are my notes, not a trace")
    assert window.replayer.open(bad) is False
    assert window.replay is None
    assert "Could not open the trace" in window.status.text()
    assert "not valid JSON" in window.status.text()
    box = window.replayer.error_box
    assert box is not None and box.isVisible() and "not valid JSON" in box.text()
    assert "\n" not in box.text()
    box.close()
    assert window.replayer.open(tmp_path / "gone.json") is False
    assert "no such file" in window.replayer.error_box.text()
    window.replayer.error_box.close()
    assert window.replayer.open(recorded["process.queue"].path)    # still usable
    assert window.lessons.current_lesson() == "process.queue"


def mutated(recorded, lesson_id, folder, change, name):
    """A copy of a recorded trace with `change(doc)` applied, as text."""
    doc = json.loads(Path(recorded[lesson_id].path).read_text(encoding="utf-8"))
    text = change(doc) or json.dumps(doc)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def number_group(doc):
    for event in doc["traceEvents"]:
        lane = event.get("args", {}).get("lane", {})
        if "group" in lane:
            lane["group"] = 7
            return None


def infinite_span(doc):
    span = next(e for e in doc["traceEvents"] if e.get("ph") == "X")
    span["ts"] = "INF"
    return json.dumps(doc).replace('"INF"', "Infinity")


def test_a_bad_trace_leaves_the_picture_it_was_showing_and_says_why(qtbot, monkeypatch,
                                                                    recorded, tmp_path,
                                                                    run_async):
    """File > Open of a broken trace changes nothing: same model, same picture, same lesson;
    the reason is said in one line, and the next good trace opens (it once failed until the
    window was restarted)."""
    window = make_window(qtbot)
    assert window.replayer.open(recorded["process.queue"].path)
    picture = settled_picture(qtbot, window.timeline)     # once the layout has refitted
    shown, session = window.timeline.model, window.replay
    bad = [(mutated(recorded, "process.pool", tmp_path, number_group, "group.json"),
            '"group" is not text'),
           (mutated(recorded, "process.pool", tmp_path, infinite_span, "inf.json"),
            "Infinity")]
    for path, reason in bad:
        answer_open_dialog(monkeypatch, path)
        open_from_the_menu(window, run_async)
        assert window.timeline.model is shown and window.replay is session
        assert window.lessons.current_lesson() == "process.queue"
        assert "Could not open the trace" in window.status.text()
        box = window.replayer.error_box
        assert reason in box.text() and path.name in box.text() and "\n" not in box.text()
        box.close()
        assert settled_picture(qtbot, window.timeline) == picture
    answer_open_dialog(monkeypatch, recorded["async.asyncio"].path)
    open_from_the_menu(window, run_async)
    assert window.replay.lesson.id == "async.asyncio"
    assert window.timeline.model is window.replay.model is not shown


def test_a_model_the_timeline_refuses_changes_nothing_in_the_window(qtbot, recorded):
    """Whatever the reader let through, the timeline builds everything before it swaps: a
    model it cannot take leaves the window as it was, and says why."""
    window = make_window(qtbot)
    assert window.replayer.open(recorded["process.queue"].path)
    shown, session = window.timeline.model, window.replay
    model = TraceModel()
    lane = model.thread_started(1, 1, 1, "MainThread", 0.0)
    model.add_spans([0.0], [float("inf")], [lane.id], [1], [0])
    replay = Replay(model, lesson_id="threads.race", path="endless.json")
    assert window.replayer.open_replay(replay) is False
    assert window.timeline.model is shown and window.replay is session
    assert window.lessons.current_lesson() == "process.queue"
    assert "endless.json" in window.replayer.error_box.text()
    window.timeline.grab()


def test_long_names_leave_room_for_the_timeline(qtbot, recorded, tmp_path):
    def long_name(doc):
        event = next(e for e in doc["traceEvents"] if e.get("name") == "thread_name")
        event["args"]["name"] = event["args"]["lane"]["name"] = "Worker " * 3000
    window = make_window(qtbot)
    window.resize(1280, 800)
    assert window.replayer.open(mutated(recorded, "process.pool", tmp_path, long_name,
                                        "long.json"))
    timeline = window.timeline
    assert timeline.lane_axis.width() < timeline.width() / 2
    assert timeline.grab().width() == timeline.width()


def drop(widget, path):
    """Drag a file from a file manager onto `widget` and let go: True when it was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = widget.rect().center()
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, dropped)
    return dropped.isAccepted()


def test_dropping_a_trace_on_the_window_opens_it(qtbot, run_async, recorded, tmp_path):
    window = make_window(qtbot)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a trace")
    assert not drop(window, notes)                      # only .json files are taken
    assert drop(window, recorded["process.queue"].path)

    async def opened(lesson_id):
        await until(lambda: window.replay is not None
                    and window.replay.lesson.id == lesson_id, message=f"{lesson_id} replayed")
    run_async(opened("process.queue"))
    assert window.lessons.current_lesson() == "process.queue"
    # onto the timeline itself, where a teacher aims
    assert drop(window.timeline.plot.viewport(), recorded["async.asyncio"].path)
    run_async(opened("async.asyncio"))
    assert window.console.toPlainText() == recorded["async.asyncio"].output


def test_running_a_lesson_goes_back_to_live_mode(qtbot, run_async, recorded):
    window = make_window(qtbot)
    assert window.replayer.open(recorded["threads.race"].path)
    replay_model = window.timeline.model
    window.params.set_values({"iterations": 20_000})
    run_async(run_to_the_end(window))
    assert window.replay is None
    assert not window.replayer.banner.isVisible()
    assert window.timeline.model is window.runner.session.model is not replay_model
    assert "replay" not in window.picture_title() and "replay" not in window.windowTitle()
    assert "finished normally" in window.status.text()


def test_a_trace_is_not_opened_over_a_running_lesson(qtbot, run_async, recorded):
    window = make_window(qtbot)
    window.lessons.select("threads.gil")
    window.params.set_values({"variant": "processes", "seconds": 30.0})

    async def go():
        window.run_button.click()
        await until(lambda: window.runner.running, message="the lesson to start")
        assert window.replayer.open(recorded["process.queue"].path) is False
        assert window.replay is None and "Stop the running lesson" in window.status.text()
        window.replayer.error_box.close()
        window.stop_lesson()
        await until(lambda: not window.runner.running and window.run_button.isEnabled(),
                    message="the lesson to stop")
    run_async(go())
    assert window.replayer.open(recorded["process.queue"].path)


def test_a_trace_from_another_tool_opens_without_a_lesson(qtbot, tmp_path, recorded):
    window = make_window(qtbot)
    assert window.replayer.open(recorded["threads.race"].path)
    assert window.panel.run.result["balance"] is not None
    other = tmp_path / "chrome.json"
    other.write_text('[{"ph": "M", "name": "thread_name", "pid": 3, "tid": 4, "args": '
                     '{"name": "Compositor"}}, {"ph": "X", "name": "Draw", "ts": 9000000, '
                     '"dur": 5000, "pid": 3, "tid": 4}]')
    assert window.replayer.open(other)
    assert window.replay.lesson.id == "" and window.status.text() == "Replaying chrome.json"
    assert "a recorded trace" in window.replayer.banner.text()
    assert "Compositor" in [lane.label for lane, _ in window.timeline.model.rows()]
    assert window.panel.run is None                 # a fresh tab, not the race's numbers
    assert not window.result.isVisible() and window.console.toPlainText() == ""


def test_the_replay_marks_survive_a_language_switch(qtbot, run_async, recorded):
    """Switching language makes the window set its texts again (Qt's LanguageChange): the
    title, status line and banner still say which file is replayed."""
    window = make_window(qtbot)
    assert window.replayer.open(recorded["process.queue"].path)
    name = Path(recorded["process.queue"].path).name
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert name not in window.windowTitle()              # the window's retranslate() ran

    async def settled():
        await until(lambda: name in window.windowTitle(), message="the replay title back")
    run_async(settled())
    assert name in window.status.text() and name in window.replayer.banner.text()
    assert window.replayer.banner.isVisible()


def test_a_replayed_run_can_be_pinned_and_compared_with_another(qtbot, recorded):
    """A student compares the teacher's recorded run with another one on one time axis."""
    window = make_window(qtbot)
    assert window.replayer.open(recorded["threads.race"].path)
    pinned = window.compare.pin()
    assert pinned is not None and pinned.title.startswith("threads.race")
    assert window.replayer.open(recorded["process.queue"].path)
    dialog = window.compare.show()
    assert [card.title.split(" · ")[0] for card in dialog.cards] == ["threads.race",
                                                                    "process.queue"]
    assert len(dialog.stacked.sections) == 2 and all(s.rows for s in dialog.stacked.sections)
    dialog.close()


def test_a_replayed_deadlock_names_its_cycle_on_the_banner(qtbot, tmp_path):
    """A deadlock only ends when it is stopped: its replay still says what the class saw."""
    path = tmp_path / "deadlock.json"
    out = cli("run", "threads.deadlock", "--trace", str(path))
    assert out.returncode == 0 and path.exists(), out.stderr
    window = make_window(qtbot)
    window.set_language("en", remember=False)
    assert window.replayer.open(str(path)), window.status.text()
    assert window.result.isVisible(), (window.result.text(), window.status.text(), out.stderr)
    assert window.result.text() == ("Deadlock: Thread-1 holds lock_a and waits for lock_b; "
                                    "Thread-2 holds lock_b and waits for lock_a"), out.stderr


def test_the_window_stays_live_while_a_big_trace_is_read(qtbot, monkeypatch, run_async,
                                                        tmp_path, recorded):
    """A trace of many events takes a while to read: the reading happens off the GUI
    thread, so the window keeps painting and answering meanwhile."""
    doc = json.loads(Path(recorded["process.pool"].path).read_text(encoding="utf-8"))
    span = next(e for e in doc["traceEvents"] if e.get("ph") == "X")
    doc["traceEvents"] += [dict(span, ts=span["ts"] + i, dur=0.5) for i in range(300_000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps(doc), encoding="utf-8")
    window = make_window(qtbot)
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(window.replayer.reading))
    timer.start(20)
    answer_open_dialog(monkeypatch, big)
    open_from_the_menu(window, run_async)
    timer.stop()
    assert window.replay is not None and window.replay.file_name == "big.json"
    assert sum(path == str(big) for path in ticks) >= 3, "the window froze while reading"
