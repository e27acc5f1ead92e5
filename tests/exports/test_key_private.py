"""The manager's key stays private: whoever has it can run code on the manager's machine. On a
real run in the window, the Workers tab's Copy button puts the whole command, key included,
on the clipboard; nothing else the window shows (console, Workers tab, any widget in a
window picture) and nothing it writes (timeline PNG and SVG, what is on screen, the trace)
holds the key: a note stands in its place. A trace read back shows the note and writes the
same bytes again; an older trace that still holds a key is shown and written with the note.
One run of the manager serves it all (a few seconds)."""
import json
import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QWidget

from gui.main_window import MainWindow
from gui.trace import chrome_json, chrome_reader
from tests.gui.waiting import until

MANAGER = ("distributed.manager", {"tasks": 2})
SHOWN = "--key (key hidden)"                            # on screen and in pictures
SAVED = "--key (a key, not saved in traces)"            # in a trace the app writes


def item_texts(view):
    """Every cell of a table, list or tree view: its text and tooltip."""
    model, found = view.model(), []
    if model is None:
        return found
    parents = [None]
    while parents:
        parent = parents.pop()
        args = () if parent is None else (parent,)
        for row in range(model.rowCount(*args)):
            for column in range(model.columnCount(*args)):
                index = model.index(row, column, *args)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        found.append(value)
                if column == 0 and model.rowCount(index):
                    parents.append(index)
    return found


def widget_texts(window):
    """What every widget of the window says: texts, tooltips, titles, cells and tab names."""
    found = []
    for widget in [window] + window.findChildren(QWidget):
        for getter in ("text", "toPlainText", "toolTip", "windowTitle", "placeholderText"):
            method = getattr(widget, getter, None)
            try:
                value = method() if callable(method) else None
            except TypeError:               # a text() that needs arguments
                continue
            if isinstance(value, str):
                found.append(value)
        if isinstance(widget, QAbstractItemView):
            found += item_texts(widget)
        if isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
    return found


async def run_and_copy(window):
    """Run the manager; while it runs, press Copy command as a teacher would."""
    window.run_button.click()
    await until(lambda: window.runner.session is not None, message="a session")
    panel = window.panel
    await until(lambda: panel.copy.isEnabled(), timeout=60, message="the worker command")
    panel.copy.click()
    copied = QGuiApplication.clipboard().text()
    await until(lambda: window.run_button.isEnabled() and not window.runner.running,
                timeout=120, message="the lesson to end")
    return copied


def assert_nowhere_in_the_window(window, key, tmp_path, name):
    """The key is in no widget text, on any tab, and in no picture of the window."""
    tabs = window.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        assert not [t for t in widget_texts(window) if key in t], tabs.tabText(i)
        picture = window.exports.save_window_png(tmp_path / f"{name}-{i}.png")
        assert picture is not None and key.encode() not in picture.read_bytes()


def test_the_key_is_copied_but_never_shown_pictured_or_saved(qtbot, run_async, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.lessons.select(MANAGER[0])
    window.params.set_values(MANAGER[1])
    copied = run_async(run_and_copy(window))
    assert "finished normally" in window.status.text(), window.console.toPlainText()

    # the clipboard: the real command, with a fresh 128-bit key
    assert copied.startswith("python -m workloads.distributed.task_worker --host 127.0.0.1 ")
    key = re.search(r"--key ([0-9a-f]{32,})$", copied).group(1)
    assert copied == window.panel.command

    # on screen: the note, in the Workers tab and the console, and the key nowhere
    assert "(key hidden)" in window.panel.line.text()
    console = window.console.toPlainText()
    assert f"Worker command: {copied.replace('--key ' + key, SHOWN)}" in console
    assert_nowhere_in_the_window(window, key, tmp_path, "window")

    # the exports: the timeline's pictures, what is on screen, the trace
    svg = window.exports.save_timeline_svg(tmp_path / "manager.svg")
    drawn = " ".join(" ".join(e.itertext()) for e in ET.parse(svg).getroot().iter())
    assert "Worker command" in drawn and "(key hidden)" in " ".join(drawn.split())
    pictures = [svg, window.exports.save_timeline_png(tmp_path / "manager.png"),
                window.exports.save_on_screen(tmp_path)]
    trace = window.exports.save_trace_json(tmp_path / "manager.json")
    for path in pictures + [trace]:
        assert path is not None and key.encode() not in path.read_bytes(), path

    # the trace keeps the note; read back, it shows the note and writes the same bytes
    doc = json.loads(trace.read_text(encoding="utf-8"))
    marks = [e["name"] for e in doc["traceEvents"] if e["ph"] == "i"]
    assert any(m.startswith("Worker command:") and m.endswith(SAVED) for m in marks), marks
    assert SHOWN in doc["otherData"]["output"]
    replay = chrome_reader.read(str(trace))
    again = chrome_json.write(tmp_path / "again.json", replay.model, replay.lesson_id,
                              replay.values, replay.python, replay.output)
    assert again.read_bytes() == trace.read_bytes()

    an_older_trace_that_holds_a_key_is_shown_and_saved_with_a_note(window, trace, tmp_path)


def an_older_trace_that_holds_a_key_is_shown_and_saved_with_a_note(window, trace, tmp_path):
    """A trace from before keys were hidden (or edited by hand) still never shows one."""
    key = "0f" * 16
    older = tmp_path / "older.json"
    text = trace.read_text(encoding="utf-8")
    older.write_text(text.replace(SAVED, f"--key {key}").replace(SHOWN, f"--key {key}"),
                     encoding="utf-8")
    assert text.count("--key (") == older.read_text(encoding="utf-8").count(key) >= 2

    assert window.replayer.open(older) and window.replay is not None
    assert "(key hidden)" in window.panel.line.text()
    assert "(key hidden)" in window.console.toPlainText()
    assert_nowhere_in_the_window(window, key, tmp_path, "replay")
    again = window.exports.save_trace_json(tmp_path / "again.json")
    assert key not in again.read_text(encoding="utf-8")


def test_the_console_hides_a_key_that_arrives_in_pieces(qtbot):
    """Output comes in reads of a pipe: a key cut in two, or with another stream's text in
    between, is still hidden, and the text around it is kept."""
    from gui.views.console_view import ConsoleView
    console = ConsoleView()
    qtbot.addWidget(console)
    key = "3fdde8a75fe0139c7466458c5b84b95c"
    for stream, text in (("stdout", "Worker command: python -m w --port 9 --ke"),
                         ("stdout", "y " + key[:7]), ("stderr", "a warning\n"),
                         ("stdout", key[7:20]), ("stdout", key[20:] + "\nPut task #0: 7...\n"),
                         ("stdout", f"TASK_MANAGER_KEY={key} python -m w\n")):
        console.write(stream, text)
    shown = console.toPlainText()       # stdout's line ends after the warning: a blank line
    assert not any(key[i:i + 6] in shown for i in range(len(key) - 5)), shown
    assert shown.splitlines() == ["Worker command: python -m w --port 9 --key (key hidden)"
                                  "a warning", "", "Put task #0: 7...",
                                  "TASK_MANAGER_KEY=(key hidden) python -m w"]
