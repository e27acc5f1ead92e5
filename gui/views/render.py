"""Pictures of a run without a window: `concurrency-lab run --png` uses this."""
import os


def render_timeline_png(model, path, title=None, width=1600, height=None, result=None):
    """Draw the model's timeline (fitted to the whole run) into a PNG, under a band with
    the `title` and the run's `result` sentence; no display needed. Without a `height`
    the picture is as tall as its lanes need."""
    if height is None:
        height = min(1200, max(360, 170 + 60 * len(model.rows())))
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.app import create_app
    from gui.views.timeline_view import TimelineView

    create_app()
    view = TimelineView()
    view.resize(width, height)
    view.set_model(model)
    view.set_live(False)
    view.fit()
    try:
        return view.export_png(path, width, height, title=title, result=result)
    finally:
        view.timer.stop()
        view.deleteLater()
