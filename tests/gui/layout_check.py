"""Does every lesson's finished window fit a projector? The checks of tests/gui/test_layout_fits.py.

Given the traces of every lesson's quick run (tests/quick_traces.py), in a fresh Python
whose only screen is WIDTHxHEIGHT (Qt's offscreen platform, so presentation mode fills that
screen), ``python -m tests.gui.layout_check WIDTHxHEIGHT TRACE.json ...`` opens each trace
through the window's Open trace path, in normal and in presentation mode, and prints one JSON
object: the problems a student at the back would see, per lesson and mode.

A problem is a text wider (or taller) than its room, a lane of the lesson out of view with no
scroll bar to reach it, or a text smaller than the smallest size the mode allows.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

# The layout has settled when no widget moved, resized, showed or hid for QUIET_MS; after a
# change of mode for MODE_QUIET_MS (the window shares its room out again 100-150 ms after
# it, and presentation mode then fits its text to the screen in 30 ms steps).
STEP_MS = 40
QUIET_MS = 2 * STEP_MS
MODE_QUIET_MS = 250
MOST_MS = 10_000        # a layout that never settles is checked as it is then
MIN_ROWS_IN_VIEW = 3    # a timeline showing fewer rows than this is not a timeline


def check_on_screen(size, traces, timeout=300):
    """Run the checks in a fresh Python whose screen is `size` (w, h): {key: [problem]}."""
    out = subprocess.run([sys.executable, "-m", "tests.gui.layout_check", "%dx%d" % size,
                          *map(str, traces)], capture_output=True, text=True,
                         timeout=timeout, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise AssertionError(f"the layout check did not run: {out.stderr[-3000:]}")
    return json.loads(lines[-1])


# -- inside the checking Python ---------------------------------------------------------------
def _screen(width, height):
    """Qt's offscreen platform with one screen of this size."""
    config = Path(os.environ.get("TMPDIR", "/tmp")) / f"clab-screen-{os.getpid()}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "projector", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return config


def min_points(presenting):
    """The smallest text the window may show in each mode (gui/presentation.py decides)."""
    from gui import presentation
    if presenting:
        return getattr(presentation, "MIN_POINT_PRESENTATION", 12.0)
    return getattr(presentation, "MIN_POINT_NORMAL", 10.0)


def points(font, widget=None):
    """A font's size in points (a pixel size converted at the widget's screen's dpi)."""
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    dpi = widget.logicalDpiY() if widget is not None else 96
    return font.pixelSize() * 72.0 / dpi


def text_of(widget):
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def shown(widget, window):
    """Visible on the window, with room of its own (not a zero-size leftover)."""
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0 \
        and not widget.visibleRegion().isEmpty()


def text_problems(window):
    """Labels, buttons, group titles and tabs whose text does not fit their room."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not shown(widget, window):
            continue
        name = _name(widget)
        text = text_of(widget)
        if isinstance(widget, QLabel) and text and widget.pixmap().isNull():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 2:
                    problems.append(f"{name} {text[:60]!r}: needs {need} px of height, has "
                                    f"{widget.height()}")
            elif widget.minimumSizeHint().width() > widget.width() + 1:
                problems.append(f"{name} {text[:60]!r}: needs {widget.minimumSizeHint().width()}"
                                f" px of width, has {widget.width()}")
        elif isinstance(widget, QAbstractButton) and text:
            if widget.minimumSizeHint().width() > widget.width() + 1:
                problems.append(f"{name} {text[:60]!r}: needs {widget.minimumSizeHint().width()}"
                                f" px, has {widget.width()}")
        elif isinstance(widget, QGroupBox) and text:
            if QFontMetrics(widget.font()).horizontalAdvance(text) > widget.width():
                problems.append(f"{name} title {text!r} is wider than the box")
        elif isinstance(widget, QTabBar):
            problems += _tab_problems(widget, name)
    return problems


def _tab_problems(bar, name):
    problems = []
    for i in range(bar.count()):
        rect, text = bar.tabRect(i), bar.tabText(i)
        if not bar.rect().contains(rect):
            problems.append(f"{name} tab {text!r} is out of view (the tabs scroll)")
        elif rect.width() + 1 < bar.tabSizeHint(i).width():
            problems.append(f"{name} tab {text!r} is cut ({rect.width()} of "
                            f"{bar.tabSizeHint(i).width()} px)")
    return problems


def _name(widget):
    return widget.objectName() or type(widget).__name__


def size_problems(window, least):
    """Texts smaller than `least` points: widgets, the lane names and the time axis."""
    problems = []
    for widget in window.findChildren(QWidget):
        if shown(widget, window) and text_of(widget):
            size = points(widget.font(), widget)
            if size + 0.05 < least:
                problems.append(f"{_name(widget)} {text_of(widget)[:40]!r}: {size:.1f} pt")
    timeline = window.timeline
    axis_fonts = [("lane names", timeline.lane_axis.font)]
    tick_font = timeline.bottom_axis.style.get("tickFont")
    if tick_font is not None:
        axis_fonts.append(("time axis", tick_font))
    for what, font in axis_fonts:
        if points(font) + 0.05 < least:
            problems.append(f"timeline {what}: {points(font):.1f} pt")
    return problems


def lane_problems(window):
    """Lanes of the lesson the class cannot see: out of view with no scroll bar, or their
    names cut or thinned out."""
    timeline = window.timeline
    model = timeline.model
    if model is None:
        return ["the timeline shows no run"]
    rows = len(model.rows())
    first, last = timeline.rows_in_view()
    problems = []
    if last - first < rows and not timeline.row_bar.isVisible():
        problems.append(f"{rows - (last - first)} of {rows} lanes are out of view and no "
                        "scroll bar says so")
    if last - first < min(rows, MIN_ROWS_IN_VIEW):
        problems.append(f"only {last - first} lanes in view ({timeline.viewbox.height():.0f} px)")
    axis = timeline.lane_axis
    drawn = dict(axis.drawn)
    for row in range(first, last):
        label = axis.rows[row][0]
        if row not in drawn:
            problems.append(f"lane {label!r} has no name drawn (rows too short)")
        elif drawn[row] != label:
            problems.append(f"lane name {label!r} is cut to {drawn[row]!r}")
    return problems


def layout(window):
    """Where every widget of the window is, and the text size: what settling changes."""
    from gui import presentation
    return presentation.scale(), [(w.geometry().getRect(), w.isVisible())
                                  for w in window.findChildren(QWidget)]


def settle(app, window, quiet_ms=QUIET_MS):
    """Let Qt run until the window's layout has not changed for `quiet_ms`."""
    from PySide6.QtCore import QEventLoop, QTimer
    app.processEvents()
    last, quiet, waited = layout(window), 0, 0
    while quiet < quiet_ms and waited < MOST_MS:
        loop = QEventLoop()
        QTimer.singleShot(STEP_MS, loop.quit)
        loop.exec()
        app.processEvents()
        now = layout(window)
        quiet = quiet + STEP_MS if now == last else 0
        last, waited = now, waited + STEP_MS


def check_window(window, app, presenting):
    window.grab()                           # paint once: the lane axis draws its labels
    app.processEvents()
    return text_problems(window) + size_problems(window, min_points(presenting)) \
        + lane_problems(window)


def main(argv):
    width, height = map(int, argv[0].split("x"))
    _screen(width, height)
    from gui.app import create_app, dispose
    from gui import presentation
    from gui.main_window import MainWindow

    app = create_app()
    window = MainWindow()
    window.show()
    settle(app, window, MODE_QUIET_MS)
    found = {}
    for presenting in (False, True):
        presentation.set_presentation(window, presenting)
        settle(app, window, MODE_QUIET_MS)
        for path in argv[1:]:
            if not window.replayer.open(path):
                found[f"{Path(path).stem} {argv[0]}"] = [f"could not open {path}"]
                continue
            settle(app, window)
            problems = check_window(window, app, presenting)
            mode = "presentation" if presenting else "normal"
            if os.environ.get("CLAB_LAYOUT_SHOTS"):      # pictures to look at, on request
                window.grab().save(str(Path(os.environ["CLAB_LAYOUT_SHOTS"])
                                       / f"{Path(path).stem}-{argv[0]}-{mode}.png"))
            if problems:
                found[f"{Path(path).stem} {argv[0]} {mode}"] = problems
    presentation.set_presentation(window, False)
    dispose(window)
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LANGUAGE", "en")
    sys.exit(main(sys.argv[1:]))
