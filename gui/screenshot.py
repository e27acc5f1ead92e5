"""`concurrency-lab screenshot LESSON FILE.png`: the window's own picture of a lesson run,
taken mid-run (``--after SECONDS``) or when it ends. Works without a screen."""
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path


def take(lesson_id, path, settings=None, after=None, size=(1600, 1000), tab=None):
    offscreen_screen(size)
    import qasync

    from gui.app import create_app
    from gui.main_window import MainWindow

    app = create_app()
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow()
    window.resize(*size)
    window.show()
    window.lessons.select(lesson_id)
    window.params.set_values(settings or {})

    async def scenario():
        window.start_run(lesson_id, window.params.values())   # no question first
        while window.runner.session is None:
            await asyncio.sleep(0.05)
        started = time.monotonic()
        while window.runner.running or not window.run_button.isEnabled():
            if after is not None and time.monotonic() - started >= after:
                break
            await asyncio.sleep(0.05)
        if tab:
            show_tab(window.tabs, tab)
        await asyncio.sleep(0.3)                # let the last frame paint
        if window.exports.save_window_png(path) is None:     # the app's own export
            raise SystemExit(f"concurrency-lab: could not save {path}")
        await window.runner.stop()

    with loop:
        loop.run_until_complete(scenario())
    from gui.app import dispose
    dispose(window)
    return path


def offscreen_screen(size):
    """Without a screen, draw on a virtual one of `size`: the window fits itself to its
    screen, and Qt's offscreen screen is 800x800 unless told otherwise."""
    platform = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if platform != "offscreen":
        return
    width, height = size
    config = Path(tempfile.gettempdir()) / f"concurrency-lab-screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "virtual", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def show_tab(tabs, title):
    """Bring the tab called `title` to the front, or say which tabs there are."""
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    if title not in titles:
        raise SystemExit(f"concurrency-lab: no tab {title!r}; tabs: {', '.join(titles)}")
    tabs.setCurrentIndex(titles.index(title))
