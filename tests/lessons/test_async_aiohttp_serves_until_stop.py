"""async.aiohttp in the window: the server stays up after its clients until Stop, so "Open in
your browser" works when the teacher clicks; the tab says so and shows the sentence; Stop
ends the whole tree and closes the port. (From the command line it stops at once: the
other tests of the lesson run it that way and see it end by itself.)"""
import asyncio
import urllib.request

from gui.lessons import unit
from gui.run.session import LessonSession
from tests.lessons.stopping import alive
from tests.lessons.test_async_aiohttp import refused


async def until(condition, timeout=60):
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("timed out")


def test_in_the_window_the_server_stays_up_until_stop(qtbot):
    panel = unit("async.aiohttp").tab()("async.aiohttp")
    qtbot.addWidget(panel)
    said = []
    panel.attention.connect(said.append)

    async def go():
        session = LessonSession("async.aiohttp", {"clients": "2"}, window=True)
        await session.start()
        try:
            panel.start(session)

            def clients_done():
                panel.refresh()
                return panel.clients_done or not session.run.running
            await until(clients_done)
            assert session.run.running, "the server stopped by itself"
            url = panel.url
            page = await asyncio.to_thread(
                lambda: urllib.request.urlopen(url + "hello/teacher", timeout=10).read())
            running = session.run.running
            note, button = panel.note.text(), panel.button.isEnabled()
        finally:
            leftovers = await session.stop()
        return session, url, page, running, note, button, leftovers

    session, url, page, running, note, button, leftovers = asyncio.run(go())
    assert page == b"<h1>hello, teacher!</h1>"        # a visit after the clients were done
    assert running and button and "stays up until you press Stop" in note
    assert said and said[0].startswith("2 requests answered in ")
    assert leftovers == [] and session.run.stopped_by == "you"
    assert not alive(session.run.pid) and refused(url)
