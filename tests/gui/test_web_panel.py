"""The web server tab on a real async.aiohttp run: the URL the server listens on, shown large,
and an "Open in your browser" button enabled only while the server runs; a replayed run
shows the URL from its figures."""
import re

from gui.lessons import Run, unit
from gui.trace.model import TraceModel
from tests.gui import panel_runs as panels
from tests.gui.waiting import until


def test_the_url_is_shown_and_the_button_works_only_while_serving(qtbot, run_async):
    panel = unit("async.aiohttp").tab()("async.aiohttp")
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    live = {}

    async def while_running(session):
        def serving():
            panel.refresh()
            return bool(panel.url) or not session.run.running

        await until(serving, message="the Serving on mark")
        # the server stays up a few seconds after its clients: the run is still live here
        live.update(running=session.run.running, url=panel.url, text=panel.link.text(),
                    enabled=panel.button.isEnabled(), target=panel.target().toString())

    session, out = run_async(panels.run_with_panel(panel, "async.aiohttp",
                                                   {"clients": 2}, while_running))
    assert session.run.returncode == 0, out
    printed = re.search(r"^Serving on (http://127\.0\.0\.1:\d+/)$", out, re.M).group(1)
    assert live["running"]
    assert live["url"] == live["text"] == live["target"] == printed
    assert live["enabled"]
    # after the run the URL stays readable, but the button is off: nothing listens there
    assert panel.link.text() == printed
    assert not panel.button.isEnabled()
    assert panel.note.text().startswith("The server has stopped")


def test_a_replayed_run_shows_where_its_server_listened(qtbot):
    """A finished run the tab never saw live (a replay): the URL from its figures, no
    button to a server that is gone."""
    panel = unit("async.aiohttp").tab()("async.aiohttp")
    qtbot.addWidget(panel)
    panel.finish(Run("async.aiohttp", {"variant": "async", "clients": 2}, TraceModel(),
                     {"url": "http://127.0.0.1:40123/"}))
    assert panel.link.text() == "http://127.0.0.1:40123/"
    assert not panel.button.isEnabled()
    assert panel.note.text().startswith("The server has stopped")
