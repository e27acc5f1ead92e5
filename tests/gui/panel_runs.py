"""Running a real lesson with its panel attached, refreshed on a timer as the window does."""
from PySide6.QtCore import QTimer

from gui.lessons import run_of
from gui.run.session import LessonSession


async def run_with_panel(panel, lesson_id, settings, while_running=None):
    """Run `lesson_id` to its end feeding `panel`; ``await while_running(session)`` runs once
    while the lesson is still going. Returns (session, everything it printed: for the test's
    own messages; the panel never sees it)."""
    out = []
    session = LessonSession(lesson_id, {k: str(v) for k, v in settings.items()},
                            on_output=lambda stream, text: out.append(text))
    timer = QTimer()
    timer.setInterval(200)
    timer.timeout.connect(panel.refresh)
    await session.start()
    try:
        panel.start(session)
        timer.start()
        if while_running is not None:
            await while_running(session)
        await session.wait()
    finally:
        timer.stop()
        if session.run.running:
            await session.stop()
    panel.refresh()
    panel.finish(run_of(session))
    return session, "".join(out)
