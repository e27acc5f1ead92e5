"""Presentation mode, zoom and themes, for a teacher at a projector.

* F11, Presentation mode: full screen, every text a size larger and a run clock big enough
  for the back row; sets ``window.presentation_on`` and emits ``presentation_changed``.
* Ctrl+plus / Ctrl+minus / Ctrl+0: zoom every font (the application's, the timeline's
  labels, legend and axis, the CPU graphs, the lesson text and the code) from 80 % to 250 %.
* View > Theme: light (the everyday look), dark and high contrast (assets/themes/).

All three are remembered between launches (gui/settings.py). The look of the application
(palette, fonts, style sheet) is set by `apply_look`, which ``gui/app.py`` also calls at
start; views that draw their own colours (the timeline, the CPU graphs, the code, the
console, the process table) get the theme and a text scale through their ``apply_look``.
A lesson's own panel, and any window that calls `follow`, is restyled from outside
(`gui.views.lesson_panel.restyle_tree`): its fixed sizes zoomed, its white paper made the
theme's. Every part of the window follows the theme: no white slab on a dark projector.

Sizes are chosen for a room (points, 96 dpi: 1 pt = 1.33 px): no text of the window is
smaller than `MIN_POINT_NORMAL` (12 pt, 16 px), or `MIN_POINT_PRESENTATION` (15 pt, 20 px)
in presentation mode; lane labels and the legend are `LANE_PT` (14 pt, 19 px) at 100 %.
`point(n)` is the size to use now for a text designed at n points; `changes().changed` says
when it changes (theme, zoom or mode), for windows that size their texts themselves.
"""
import re

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QSplitter

from gui import settings
from gui.assets import asset
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.views import palette

STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5)   # zoom levels
BASE_PT = 13               # the application's font at 100 % (readable from the back row)
PRESENTING = 1.25          # presentation mode makes every text this much larger again
MIN_POINT_NORMAL = 12      # the smallest text the window may show (at zoom 100 % and more)...
MIN_POINT_PRESENTATION = MIN_POINT_NORMAL * PRESENTING     # ...and in presentation mode
LANE_PT = 14               # the timeline's lane labels, legend and time axis at 100 %
CLOCK_PT = 22              # the run clock at 100 %...
PRESENTING_CLOCK_PT = 48   # ...and in presentation mode
MAX_CLOCK_PT = 110
SETTLE_MS = 30             # the layout settles before presentation mode checks the room
TEMPLATE = asset("theme.qss")
THEME_ACTIONS = {"light": QT_TRANSLATE_NOOP("Actions", "Light"),
                 "dark": QT_TRANSLATE_NOOP("Actions", "Dark"),
                 "contrast": QT_TRANSLATE_NOOP("Actions", "High contrast")}

_state = {"theme": palette.DEFAULT_THEME, "zoom": 1.0, "presenting": False,
          "extra": PRESENTING}     # presentation mode's extra size, less if the screen is small
_native = {}               # the platform's own style and palette, for the light theme


# -- the application's look ------------------------------------------------------------
def theme_name():
    return _state["theme"]


def zoom():
    return _state["zoom"]


def scale():
    """How much larger than normal every text is now: zoom times presentation mode."""
    return _state["zoom"] * (_state["extra"] if _state["presenting"] else 1.0)


def min_point():
    """The smallest text size the window shows now: larger in presentation mode. Zooming
    out (80 %, 90 %) is the one way below it, chosen by the user."""
    floor = MIN_POINT_PRESENTATION if _state["presenting"] else MIN_POINT_NORMAL
    return floor * min(1.0, _state["zoom"])


def point(base_pt):
    """The size now of a text designed at `base_pt` points at 100 %: zoomed, never below
    `min_point()`."""
    return max(base_pt * scale(), min_point())


class LookChanges(QObject):
    """Says when the theme, the zoom or presentation mode changed: (theme, scale, smallest
    point size) — for windows that size or colour their texts themselves."""
    changed = Signal(object, float, float)


def changes():
    """The one `LookChanges` of the application."""
    if "changes" not in _state:
        _state["changes"] = LookChanges()
    return _state["changes"]


def follow(widget):
    """Give `widget` (a dialog, a card built with fixed sizes and light colours) the
    current theme and zoom, now and after every change, as the lesson panels get them."""
    from gui.views.lesson_panel import restyle_tree

    follower = restyle_tree(widget, palette.current(), scale(), min_point())
    changes().changed.connect(follower.again)
    return follower


def nearest_step(value):
    return min(STEPS, key=lambda step: abs(step - value))


def apply_saved(app=None):
    """The remembered theme and zoom, on the application (at start: a new window is not in
    presentation mode until `install` finds it was)."""
    apply_look(app, settings.value("theme", palette.DEFAULT_THEME, str),
               settings.value("zoom", 1.0, float), False)


def apply_look(app=None, theme=None, zoom_level=None, presenting=None):
    """Palette, style, font and style sheet of the application for a theme (id), a zoom and
    presentation mode; arguments left out keep their current value."""
    app = app or QApplication.instance()
    if theme is not None:
        _state["theme"] = palette.set_current(theme).name
    if zoom_level is not None:
        _state["zoom"] = nearest_step(zoom_level)
    if presenting is not None:
        _state["presenting"] = bool(presenting)
    if app is None:
        return
    if not _native:         # (a style sheet hides the style's name: take it before ours)
        _native.update(style=app.style().objectName(), palette=QPalette(app.palette()))
    current = palette.current()
    wanted = _native["style"] if current is palette.LIGHT else "fusion"
    if wanted and wanted != _native.get("set", _native["style"]):
        app.setStyle(wanted)       # Fusion draws every palette faithfully, dark ones too
        _native["set"] = wanted
    app.setPalette(qt_palette(current))
    font = QFont(app.font())
    font.setPointSizeF(BASE_PT * scale())
    app.setFont(font)
    app.setStyleSheet(style_sheet(current, scale(), _state["presenting"]))
    changes().changed.emit(current, scale(), min_point())


def qt_palette(theme):
    """The Qt palette of a theme; the light one is the platform's own with our ink."""
    return palette.qt_palette(theme, _native.get("palette") if theme is palette.LIGHT else None)


def style_sheet(theme, text_scale, presenting):
    """assets/theme.qss with the theme's colours and sizes filled in, then the theme's own
    rules (assets/themes/NAME.qss)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    extra = palette.THEME_FOLDER / f"{theme.name}.qss"
    if extra.exists():
        text += "\n" + extra.read_text(encoding="utf-8")
    clock = PRESENTING_CLOCK_PT * text_scale / PRESENTING if presenting else CLOCK_PT * text_scale
    text = text.replace("@clock_pt", f"{min(clock, MAX_CLOCK_PT):.1f}pt")
    text = re.sub(r"@pt\(([\d.]+)\)", lambda m: f"{float(m.group(1)) * text_scale:.1f}pt", text)
    return re.sub(r"@([a-z_]+)", lambda m: _colour(theme, m.group(1), m.group(0)), text)


def _colour(theme, key, otherwise):
    """A theme colour by name."""
    return theme.data.get(key, otherwise)


# -- the window ------------------------------------------------------------------------
def install(window):
    """View menu entries, shortcuts, and the remembered look of the window."""
    add = window.add_action
    menu = window.view_menu
    menu.addSeparator()
    window.presentation_action = add(menu, QT_TRANSLATE_NOOP("Actions", "Presentation mode"),
                                     "F11", lambda: set_presentation(window,
                                                                     not window.presentation_on))
    window.presentation_action.setCheckable(True)
    window.zoom_in_action = add(menu, QT_TRANSLATE_NOOP("Actions", "Larger text"),
                                "Ctrl++", lambda: step_zoom(window, +1))
    keys = [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")]     # "=" is "+" without Shift
    keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn)
             if k not in keys]
    window.zoom_in_action.setShortcuts(keys)
    window.zoom_out_action = add(menu, QT_TRANSLATE_NOOP("Actions", "Smaller text"),
                                 "Ctrl+-", lambda: step_zoom(window, -1))
    window.zoom_reset_action = add(menu, QT_TRANSLATE_NOOP("Actions", "Normal text size"),
                                   "Ctrl+0", lambda: set_zoom(window, 1.0))
    window.theme_menu = menu.addMenu(translate("Menus", "Theme"))
    window.language_changed.connect(
        lambda _language: window.theme_menu.setTitle(translate("Menus", "Theme")))
    group = QActionGroup(window)
    window.theme_actions = {}
    for name, text in THEME_ACTIONS.items():
        action = add(window.theme_menu, text, None, lambda _=False, n=name: set_theme(window, n))
        action.setCheckable(True)
        group.addAction(action)
        window.theme_actions[name] = action
    apply_saved()
    window.theme_actions[theme_name()].setChecked(True)
    window.plots_ready.connect(lambda: refresh(window))
    window.lessons.lesson_chosen.connect(lambda _lesson: restyle_panel(window))
    window.outcome.shown.connect(lambda _shown: restyle_panel(window))   # the filled tab
    restyle(window)
    if settings.value("presentation", False, bool):
        set_presentation(window, True)


def set_theme(window, name):
    _state["theme"] = palette.set_current(name).name
    settings.set_value("theme", theme_name())
    window.theme_actions[theme_name()].setChecked(True)
    refresh(window)


def set_zoom(window, level):
    _state["zoom"] = nearest_step(level)
    settings.set_value("zoom", zoom())
    refresh(window)


def step_zoom(window, steps):
    """One zoom step larger (+1) or smaller (-1), within 80 % and 250 %."""
    index = STEPS.index(nearest_step(zoom())) + steps
    set_zoom(window, STEPS[max(0, min(len(STEPS) - 1, index))])


def set_presentation(window, on):
    """Full screen with larger text and a big run clock, or back to the normal window."""
    on = bool(on)
    window.presentation_action.setChecked(on)
    if on == window.presentation_on:
        return
    window.presentation_on = _state["presenting"] = on
    state = window.windowState()
    if on:
        if window.isVisible() and window.screen() is not None:
            window.resize(window.screen().geometry().size())    # full screen's size, now
        window.setWindowState(state | Qt.WindowState.WindowFullScreen)
    else:
        window.setWindowState(state & ~Qt.WindowState.WindowFullScreen)
    settings.set_value("presentation", on)
    refresh(window)
    window.presentation_changed.emit(on)


def refresh(window):
    """The current theme, zoom and mode on the application and the window's views."""
    _state["extra"] = PRESENTING
    apply_look()
    restyle(window)
    fit_to_screen(window)


def fit_to_screen(window):
    """In presentation mode the window is the screen: when the timeline, the result or a
    heading does not get the room its text needs there (large zoom, small projector), take
    the text down a step at a time, once the layout has settled, but not below presentation
    mode's smallest size (`MIN_POINT_PRESENTATION`)."""
    _state["fits"] = _state.get("fits", 0) + 1         # a newer change cancels this one
    if window.presentation_on and window.screen() is not None:
        # the window is the timer's context: a window deleted meanwhile cancels the step
        QTimer.singleShot(SETTLE_MS, window, lambda run=_state["fits"]: _fit_step(window, run))


def _fit_step(window, run):
    if run != _state["fits"] or not window.presentation_on or not window.isVisible():
        return
    window.resize(window.screen().geometry().size())
    # never below presentation mode's smallest text, nor below the teacher's own zoom: the
    # fit takes back only presentation mode's extra size, never a Ctrl+plus
    floor = max(PRESENTING * min(1.0, _state["zoom"]), _state["zoom"])
    smaller = [s for s in STEPS if floor <= s < scale() - 1e-6]
    if not smaller or not crowded(window):
        return
    _state["extra"] = smaller[-1] / _state["zoom"]
    apply_look()
    restyle(window)
    QTimer.singleShot(SETTLE_MS, window, lambda: _fit_step(window, run))


def crowded(window):
    """Whether the window at its size now squeezes what it must show in full: bigger than
    the screen, a timeline shorter than its two rows, or a wrapped text cut off."""
    screen = window.screen().geometry().size()
    window.layout().activate()
    need = window.minimumSizeHint()
    if need.width() > screen.width() or need.height() > screen.height():
        return True
    timeline = window.timeline
    if timeline is None:
        return False
    legend = timeline.legend
    rows = len(timeline.model.rows()) if timeline.model is not None else 0
    if timeline.plot.height() < timeline.plot.minimumHeight() \
            or timeline.viewbox.height() + 1 < min(rows, 4) * timeline.row_px[0] \
            or legend.height() < legend.layout().heightForWidth(legend.width()):
        return True
    labels = [window.result, *legend.labels]
    if window.cores is not None:
        labels += window.cores.findChildren(QLabel)
    return any(label.isVisible() and label.wordWrap() and label.width() > 0
               and label.height() + 2 < label.heightForWidth(label.width()) for label in labels)


def restyle(window):
    """Give the window's own drawing views the current theme and text size."""
    theme, text_scale = palette.current(), scale()
    if window.timeline is not None:
        from gui.views.timeline_view import FONT_PT as TIMELINE_PT

        window.timeline.apply_look(theme, text_scale * LANE_PT / TIMELINE_PT)
    if window.cores is not None:
        window.cores.apply_look(theme, text_scale)
    window.code.apply_look(theme)
    window.console.apply_look(theme)
    restyle_panel(window)
    widen_lesson_list(window)


def widen_lesson_list(window):
    """Larger text makes lesson titles longer: widen the side (to a quarter of the window
    at most) rather than cut titles short."""
    split, lessons = window.centralWidget(), window.lessons
    if not isinstance(split, QSplitter) or split.count() < 2 or not split.isVisible():
        return
    lessons.ensurePolished()
    sizes = split.sizes()
    want = sizes[0] - lessons.viewport().width() + lessons.sizeHintForColumn(0) + 8
    wider = min(want, sum(sizes) // 4)
    if wider > sizes[0]:
        split.setSizes([wider, sum(sizes) - wider] + sizes[2:])


def restyle_panel(window):
    """The lesson's own tab in the current theme and size (`LessonPanel.apply_look`)."""
    if window.panel is not None:
        window.panel.apply_look(palette.current(), scale(), min_point())
