"""Light, dark and high contrast: every part of the window follows the theme, text stays
readable on its background, and the state colours stay apart for colour-blind eyes."""
import itertools

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from gui import presentation
from gui.trace.model import STATES
from gui.views import palette
from tests.gui.waiting import run_to_the_end
from tests.presentation.colours import contrast, distance, rgb

THEMES = list(palette.THEME_IDS)
READABLE = 4.5          # WCAG contrast for body text
APART = 15.0            # ΔE76 between any two legend colours, also to colour-blind eyes


def pixels(widget):
    """0xRRGGBB of every pixel of a widget as drawn."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint32, image.sizeInBytes() // 4)
    return data.reshape(image.height(), -1)[:, :image.width()] & 0xFFFFFF


def hex_of(value):
    return f"#{int(value):06x}"


def looks(window):
    """What a user sees of each part: (background, text) colours as QColors."""
    timeline, cores = window.timeline, window.cores
    window.result.setText("2 threads, one GIL")
    window.result.setVisible(True)
    window.result.ensurePolished()
    plot = pixels(timeline.plot)
    banner = pixels(window.result)
    return {
        "window": (window.palette().window().color(), window.palette().windowText().color()),
        "timeline": (QColor(hex_of(plot[8, -8])), timeline.lane_axis.textPen().color()),
        "time axis": (QColor(hex_of(plot[8, -8])), timeline.bottom_axis.textPen().color()),
        "legend": (QColor(hex_of(pixels(timeline.legend)[2, -3])),
                   timeline.legend.labels[0].palette().windowText().color()),
        "banner": (QColor(hex_of(banner[banner.shape[0] // 2, -4])),
                   window.result.palette().windowText().color()),
        "CPU plots": (cores.total_plot.backgroundBrush().color(),
                      cores.total_plot.getPlotItem().getAxis("left").textPen().color()),
    }


def test_each_theme_changes_backgrounds_and_text_and_keeps_text_readable(window):
    seen = {}
    for name in THEMES:
        window.theme_actions[name].trigger()
        assert presentation.theme_name() == name
        seen[name] = looks(window)
        for part, (back, ink) in seen[name].items():
            assert contrast(rgb(ink), rgb(back)) >= READABLE, (name, part, back.name(),
                                                                ink.name())
    for part in seen["light"]:
        backs = {seen[name][part][0].name() for name in THEMES}
        inks = {seen[name][part][1].name() for name in THEMES}
        assert len(backs) == len(THEMES), (part, backs)
        if part != "banner":                    # dark ink on the light banner, twice
            assert len(inks) == len(THEMES), (part, inks)


@pytest.mark.parametrize("name", THEMES)
def test_the_legend_states_stay_apart_also_for_colour_blind_eyes(window, name):
    window.theme_actions[name].trigger()
    legend = window.timeline.legend
    entries = legend.colours()
    for swatch, (_label, colour) in zip(legend.swatches[:-1], entries):
        image = swatch.pixmap().toImage()          # the legend shows what the spans use
        centre = image.pixelColor(image.width() // 2, image.height() // 2)
        assert centre.name() == colour.name()
    background = rgb(palette.current().timeline)
    for vision in ("normal", "protanopia", "deuteranopia"):
        for (a, ca), (b, cb) in itertools.combinations(entries, 2):
            apart = distance(rgb(ca), rgb(cb), vision)
            assert apart >= APART, (name, vision, a, b, round(apart, 1))
        for label, colour in entries:
            assert distance(rgb(colour), background, vision) >= APART, (name, vision, label)


def most_common(widget):
    """The colour most of a widget's pixels have, as drawn: its background."""
    shown = pixels(widget)
    return QColor(hex_of(np.bincount(shown.ravel()).argmax()))


@pytest.mark.parametrize("name", ["dark", "contrast"])
def test_dark_themes_leave_no_white_slab_and_keep_text_readable(window, name):
    """The lesson's own tab, the process table and its header, the lesson text, the code
    and the console all take the dark background; their text stays readable on it."""
    window.lessons.select("threads.gil")
    window.theme_actions[name].trigger()
    window.tabs.setCurrentWidget(window.panel)
    tree = window.cores.tree_widget
    parts = {"lesson tab": (window.panel, window.panel),
             "process table": (None, tree.viewport()),
             "process table header": (None, tree.header()),
             "tab bar": (None, window.tabs.tabBar()),
             "lesson text": (window.text, window.text.viewport()),
             "code": (window.code, window.code.editor.viewport()),
             "console": (window.console, window.console.viewport())}
    for part, (page, widget) in parts.items():
        if page is not None:
            window.tabs.setCurrentWidget(page)
        back = most_common(widget)
        assert back.lightness() < 90, (name, part, back.name())
    window.tabs.setCurrentWidget(window.panel)
    for view in (window.code.editor, window.console, window.panel, tree):
        colours = view.palette()
        assert contrast(rgb(colours.text().color()), rgb(colours.base().color())) \
            >= READABLE, (name, type(view).__name__)
    for label in window.panel.findChildren(QLabel):
        if label.isVisible() and label.text():
            ink = label.palette().windowText().color()
            assert contrast(rgb(ink), rgb(most_common(label))) >= READABLE, label.text()


def test_a_run_is_drawn_in_the_colours_of_each_theme(window, run_async):
    window.lessons.select("threads.gil")
    window.params.set_values({"seconds": 0.5})
    run_async(run_to_the_end(window))
    window.timeline.fit()
    running = STATES.index("run")
    for name in THEMES:
        window.theme_actions[name].trigger()
        theme = palette.current()
        drawn = pixels(window.timeline.plot)
        run_rgb = int(theme.state_argb[running]) & 0xFFFFFF
        assert np.count_nonzero(drawn == run_rgb) > 50, name
        others = [int(t.state_argb[running]) & 0xFFFFFF for t in palette.THEMES.values()
                  if t is not theme]
        assert not np.isin(drawn, others).any(), name      # no span left in another theme
        background = int(theme.timeline.rgb()) & 0xFFFFFF
        assert np.count_nonzero(drawn == background) > drawn.size / 3, name
