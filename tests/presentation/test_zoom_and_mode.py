"""Zoom, presentation mode and remembered settings, driven by the keys a teacher presses."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui import presentation


def press(window, qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """A key press as the user makes it, on the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, key, modifiers)


def action_for(window, keys):
    found = [a for a in window.actions() if QKeySequence(keys) in a.shortcuts()]
    assert len(found) == 1, f"{keys}: {[a.text() for a in found]}"
    return found[0]


def sizes(window):
    """Point sizes of the texts zoom must change: the application's, the timeline's lane
    labels, legend and span names, the lesson text and the code pane."""
    window.code.editor.ensurePolished()
    return {"app": QApplication.font().pointSizeF(),
            "lanes": window.timeline.lane_axis.font.pointSizeF(),
            "legend": window.timeline.legend.labels[0].font().pointSizeF(),
            "spans": window.timeline.spans.font.pointSizeF(),
            "lesson text": window.text.font().pointSizeF(),
            "code": window.code.editor.font().pointSizeF()}


def test_the_shortcuts_belong_to_view_menu_actions(window):
    for keys in ("F11", "Ctrl++", "Ctrl+=", "Ctrl+-", "Ctrl+0"):
        action = action_for(window, keys)
        assert action in window.view_menu.actions()
        assert action.text()
    assert [a.text() for a in window.theme_menu.actions()] == ["Light", "Dark",
                                                               "High contrast"]


def test_ctrl_plus_and_minus_zoom_every_text_and_ctrl_0_resets(window, qtbot):
    normal = sizes(window)
    assert normal["app"] == presentation.BASE_PT
    press(window, qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    press(window, qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = sizes(window)
    assert presentation.zoom() == 1.25
    assert all(larger[k] > normal[k] for k in normal), (normal, larger)
    assert larger["app"] == 1.25 * normal["app"]
    press(window, qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = sizes(window)
    assert all(normal[k] < smaller[k] < larger[k] for k in normal), (smaller, larger)
    press(window, qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert sizes(window) == normal


def test_zoom_stays_between_80_and_250_percent(window):
    zoom_in, zoom_out = action_for(window, "Ctrl++"), action_for(window, "Ctrl+-")
    assert presentation.STEPS[0] == 0.8 and presentation.STEPS[-1] == 2.5
    presentation.set_zoom(window, 2.25)         # one step below the largest
    zoom_in.trigger()
    assert presentation.zoom() == 2.5
    zoom_in.trigger()                           # and no further
    assert presentation.zoom() == 2.5
    assert QApplication.font().pointSizeF() == 2.5 * presentation.BASE_PT
    rows_tall = window.timeline.row_px
    presentation.set_zoom(window, 0.9)          # one step above the smallest
    zoom_out.trigger()
    assert presentation.zoom() == 0.8
    zoom_out.trigger()                          # and no further
    assert presentation.zoom() == 0.8
    assert window.timeline.row_px[0] < rows_tall[0]      # lanes shrink with the text


def test_f11_is_presentation_mode_full_screen_with_a_big_clock(window, qtbot):
    clock = window.clock
    normal_clock = clock.font().pointSizeF()
    with qtbot.waitSignal(window.presentation_changed) as on:
        press(window, qtbot, Qt.Key.Key_F11)
    assert on.args == [True]
    assert window.presentation_on and window.isFullScreen()
    assert window.presentation_action.isChecked()
    clock.ensurePolished()
    assert clock.font().pointSizeF() >= 1.5 * normal_clock
    with qtbot.waitSignal(window.presentation_changed) as off:
        press(window, qtbot, Qt.Key.Key_F11)
    assert off.args == [False]
    assert not window.presentation_on and not window.isFullScreen()
    clock.ensurePolished()
    assert clock.font().pointSizeF() == normal_clock


def test_theme_zoom_and_presentation_mode_survive_a_restart(qtbot):
    from gui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.theme_actions["contrast"].trigger()
    action_for(first, "Ctrl++").trigger()
    action_for(first, "F11").trigger()
    first.close()
    presentation.apply_look(theme="light", zoom_level=1.0, presenting=False)

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert presentation.theme_name() == "contrast"
    assert second.theme_actions["contrast"].isChecked()
    assert presentation.zoom() == 1.1
    assert second.presentation_on and second.presentation_action.isChecked()
    qtbot.waitUntil(second.isFullScreen)
    assert second.palette().window().color().name() == "#000000"
