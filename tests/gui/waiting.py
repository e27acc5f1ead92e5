"""Waiting on conditions inside a window test's coroutine."""
import asyncio
import time


async def until(condition, timeout=60, message="condition"):
    """Wait until `condition()` is true, letting Qt and asyncio run meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        await asyncio.sleep(0.02)


async def run_to_the_end(window, timeout=120):
    """Press Run in the window and wait until the lesson has ended on its own."""
    window.run_button.click()
    await until(lambda: window.runner.session is not None, message="a session")
    await until(lambda: window.run_button.isEnabled() and not window.runner.running,
                timeout=timeout, message="the lesson to end")


def active_window(qtbot):
    """A shown main window that has the keyboard: shortcuts belong to the active window."""
    from gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
