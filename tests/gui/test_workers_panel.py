"""The Workers tab on real runs of the distributed lessons: the exact worker command while the
manager runs (and on the clipboard), and per worker the tasks taken, the results sent back and
how it ended. Also the code pane: the manager and the worker script, one tab each."""
import re

from PySide6.QtGui import QGuiApplication

from gui.main_window import MainWindow
from gui.lessons import unit
from gui.lessons.distributed._workers_tab import WorkersTab
from tests.gui import panel_runs as panels
from tests.gui.waiting import until


def table(panel):
    return [[panel.table.item(r, c).text() for c in range(panel.table.columnCount())]
            for r in range(panel.table.rowCount())]


def test_every_distributed_lesson_has_the_workers_tab():
    assert {unit(lesson_id).tab() for lesson_id in
            ("distributed.manager", "distributed.bad_key", "distributed.worker_crash")} == \
        {WorkersTab}


def test_the_command_is_shown_and_copied_while_the_manager_runs(qtbot, run_async):
    panel = WorkersTab("distributed.manager")
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    live = {}

    async def while_running(session):
        def shown():
            panel.refresh()
            return bool(panel.command) or not session.run.running

        await until(shown, message="the worker command")
        panel.copy.click()
        live.update(running=session.run.running, enabled=panel.copy.isEnabled(),
                    clipboard=QGuiApplication.clipboard().text(), line=panel.line.text(),
                    reach=panel.reach.text())

    session, out = run_async(panels.run_with_panel(panel, "distributed.manager",
                                                   {"tasks": 4, "workers": 2}, while_running))
    assert session.run.returncode == 0, out
    printed = re.search(r"^Worker command: (.+)$", out, re.M).group(1)
    assert "--host 127.0.0.1" in printed and "--port " in printed and "--key " in printed
    assert live["running"] and live["enabled"]
    assert live["clipboard"] == printed
    # shown across lines at its options, every word of it there but the key: a note instead
    key = printed.split("--key ")[1]
    assert live["line"].replace("\\\n", " ").split() == \
        printed.replace(key, "(key hidden)").split()
    assert "only programs on this machine" in live["reach"]
    rows = table(panel)
    assert len(rows) == 2
    assert sum(int(r[1]) for r in rows) == sum(int(r[2]) for r in rows) == 4
    assert all(r[0].endswith(" · worker on " + r[0].split(" on ", 1)[1]) for r in rows)
    assert [r[3] for r in rows] == ["finished", "finished"]
    assert not panel.copy.isEnabled()            # the manager is gone: nothing to copy for


def test_the_killed_worker_took_one_task_more_than_it_returned(qtbot, run_async):
    panel = WorkersTab("distributed.worker_crash")
    qtbot.addWidget(panel)
    session, out = run_async(panels.run_with_panel(panel, "distributed.worker_crash",
                                                   {"tasks": 6, "workers": 2}))
    assert session.run.returncode == 0, out
    killed = session.model.result["killed_pid"]
    rows = {r[0]: r for r in table(panel)}
    dead = rows[f"PID {killed} · worker on " + next(iter(rows)).split(" on ", 1)[1]]
    assert dead[3] == "killed by SIGKILL"
    assert int(dead[1]) == int(dead[2]) + 1
    others = [r for name, r in rows.items() if r is not dead]
    assert others and all(r[3] == "finished" and r[1] == r[2] for r in others)
    assert sum(int(r[2]) for r in rows.values()) == 5
    assert not panel.line.isVisibleTo(panel)      # only the manager lesson offers a command


def test_the_wrong_key_is_shown_as_refused(qtbot, run_async):
    panel = WorkersTab("distributed.bad_key")
    qtbot.addWidget(panel)
    session, out = run_async(panels.run_with_panel(panel, "distributed.bad_key",
                                                   {"tasks": 4, "workers": 2}))
    assert session.run.returncode == 0, out
    ended = sorted(r[3] for r in table(panel))
    assert ended == ["finished", "finished", "refused: wrong key"]
    refused, = [r for r in table(panel) if r[3].startswith("refused")]
    assert refused[1:3] == ["0", "0"]


def test_the_code_pane_shows_the_manager_and_the_worker_script(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.lessons.select("distributed.manager")
    bar = window.code.bar
    assert [bar.tabText(i) for i in range(bar.count())] == ["task_manager.py", "task_worker.py"]
    assert "QueueManager.register(\"get_task_queue\", callable=" in window.code.toPlainText()
    bar.setCurrentIndex(1)
    assert "m.connect()" in window.code.toPlainText()
    window.lessons.select("threads.race")             # a one-file lesson: no tabs
    assert window.code.bar.count() == 1 and not window.code.bar.isVisibleTo(window)
    assert "balance" in window.code.toPlainText()
