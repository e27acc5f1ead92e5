"""Features (exports, replay, compare, predict, presentation, about) use the window through a
narrow, named surface: the finished run on screen (`outcome`), the runner's signals, the
status line (`say`), menus and the views they export or restyle. Not its labels, buttons or
the console's text, whose meaning is the window's own business."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What the window lends its features, besides the QWidget methods of a window.
SURFACE = {
    "add_action", "file_menu", "view_menu", "run_menu", "help_menu", "actions",
    "language_changed", "plots_ready", "presentation_changed", "presentation_on",
    "outcome", "runner", "run_gates", "start_run", "set_editing", "say", "show_recorded",
    "picture_title", "shown_session", "replay", "lessons",
    "timeline", "cores", "panel", "code", "console", "result", "card_host",
}
QWIDGET = {"grab", "installEventFilter", "setAcceptDrops", "setWindowTitle", "centralWidget",
           "isVisible", "layout", "minimumSizeHint", "resize", "screen", "setWindowState",
           "windowState"}
FEATURES = ["exports", "replay", "compare", "predict", "presentation", "about", "check_dialog"]


def reads(path):
    """Attributes of `window` (or `self.window`) a module reads; what it sets on the window
    (its own actions, itself) is its registration, not a read."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    set_names, read_names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (
                isinstance(node.value, ast.Name) and node.value.id == "window"
                or isinstance(node.value, ast.Attribute) and node.value.attr == "window"):
            (set_names if isinstance(node.ctx, ast.Store) else read_names).add(node.attr)
    return read_names - set_names


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_uses_only_the_window_surface(feature):
    used = reads(ROOT / "gui" / f"{feature}.py")
    assert used - SURFACE - QWIDGET == set()


def test_the_console_text_is_read_only_to_keep_it_in_an_exported_trace():
    for feature in FEATURES:
        source = (ROOT / "gui" / f"{feature}.py").read_text(encoding="utf-8")
        assert ("console.toPlainText" in source) == (feature == "exports"), feature
