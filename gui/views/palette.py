"""State colours, legend labels and the colour themes shared by every view.

One fixed colour per span state across all lessons, from the Okabe-Ito palette so that
colour-blind students can tell "running" from "waiting for the GIL" on a projector. A theme
(``assets/themes/NAME.json``: light, dark, high contrast) holds the colours of the window,
the timeline and the CPU plots, and its own shade of every state colour, each checked to stay
apart under deuteranopia and protanopia (tests/presentation). The module-level ``STATE_*``
arrays are the light theme's: views that draw on white use them as they are; the timeline
takes the colours of ``current()``. `readable` turns a colour picked for white paper into one
that reads on the theme's background, for views drawn with fixed colours.
"""
import json

import numpy as np
from PySide6.QtGui import QColor, QPalette

from gui.assets import asset
from gui.i18n import QT_TRANSLATE_NOOP
from gui.trace.model import STATES

THEME_FOLDER = asset("themes")
THEME_IDS = ("light", "dark", "contrast")
DEFAULT_THEME = "light"

_LABELS = {
    "": QT_TRANSLATE_NOOP("States", "unknown"),
    "run": QT_TRANSLATE_NOOP("States", "running"),
    "wait.lock": QT_TRANSLATE_NOOP("States", "waiting for a lock"),
    "wait.gil": QT_TRANSLATE_NOOP("States", "waiting for the GIL"),
    "wait.io": QT_TRANSLATE_NOOP("States", "waiting (sleep, I/O, join, get)"),
    "lock.hold": QT_TRANSLATE_NOOP("States", "holding a lock"),
    "task": QT_TRANSLATE_NOOP("States", "task (lesson work)"),
    "blocked": QT_TRANSLATE_NOOP("States", "preempted / blocked"),
}
ALIVE_LABEL = QT_TRANSLATE_NOOP("States", "alive")

# When several states share one pixel (raster mode) or overlap in a row, the higher rank wins:
# run > waiting for a lock > lock.hold > task > other waits > blocked > unknown (a wait
# inside a hold must stay visible).
_PRIORITY = ("", "blocked", "wait.io", "wait.gil", "task", "lock.hold", "wait.lock", "run")

STATE_LABELS = [_LABELS[s] for s in STATES]
#: rank of each state code (1 = lowest); 0 is reserved for "nothing here"
STATE_RANK = np.array([_PRIORITY.index(s) + 1 for s in STATES], dtype=np.uint8)

#: states shown in the legend, in reading order
LEGEND_STATES = [STATES.index(s) for s in
                 ("run", "wait.gil", "wait.lock", "wait.io", "lock.hold", "task", "blocked")]


class Theme:
    """The colours of one theme: every JSON key as a QColor attribute (``theme.ink``), plus
    the state colours in the forms the views draw with."""

    def __init__(self, name, data):
        self.name = name
        self.data = data
        for key, value in data.items():
            if isinstance(value, str) and value.startswith("#"):
                setattr(self, key, QColor(value))
        self.outline = QColor(data["outline"]) if data.get("outline") else None
        self.outline_px = float(data.get("outline_px", 1))
        self.code = {key: QColor(value) for key, value in data.get("code", {}).items()}
        self.state_hex = [data["states"][s] for s in STATES]
        self.state_colors = [QColor(h) for h in self.state_hex]
        self.state_argb = np.array([0xFF000000 | int(h[1:], 16) for h in self.state_hex],
                                   dtype=np.uint32)
        #: ARGB colour of each rank; rank 0 is fully transparent
        self.rank_argb = np.zeros(len(STATES) + 1, dtype=np.uint32)
        self.rank_argb[STATE_RANK] = self.state_argb
        #: ARGB colour of a set of ranks (bit r - 1 set = rank r present): the highest wins
        self.bits_argb = np.zeros(256, dtype=np.uint32)
        for bits in range(1, 256):
            self.bits_argb[bits] = self.rank_argb[bits.bit_length()]

    def hex(self, key):
        return self.data[key]

    def is_dark(self):
        return self.timeline.lightness() < 128

    def outline_for(self, color):
        """The border of a span of `color`: the theme's own (high contrast) or a darker
        shade of the fill."""
        return QColor(self.outline) if self.outline is not None else color.darker(160)

    def __repr__(self):
        return f"Theme({self.name!r})"


def _load(name):
    return Theme(name, json.loads((THEME_FOLDER / f"{name}.json").read_text(encoding="utf-8")))


THEMES = {name: _load(name) for name in THEME_IDS}
LIGHT = THEMES[DEFAULT_THEME]
_current = LIGHT

STATE_HEX = LIGHT.state_hex
STATE_COLORS = LIGHT.state_colors
STATE_ARGB = LIGHT.state_argb
RANK_ARGB = LIGHT.rank_argb
BITS_ARGB = LIGHT.bits_argb


def current():
    """The theme the window shows now."""
    return _current


def set_current(name):
    """Make `name` the current theme (an unknown name falls back to light); returns it."""
    global _current
    _current = THEMES.get(name, LIGHT)
    return _current


def qt_palette(theme, base=None):
    """The Qt palette of a theme: its colours on `base` (the platform's own palette, for the
    light theme), else on one Qt derives from the theme's button and window colours."""
    colours = QPalette(base) if base is not None else QPalette(theme.button, theme.window)
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for name, key in (("Window", "window"), ("WindowText", "ink"), ("Base", "base"),
                      ("AlternateBase", "alt_base"), ("Text", "ink"), ("Button", "button"),
                      ("ButtonText", "ink"), ("Highlight", "highlight"),
                      ("HighlightedText", "highlight_ink"), ("Link", "link"),
                      ("LinkVisited", "link"), ("ToolTipBase", "tooltip"),
                      ("ToolTipText", "tooltip_ink"), ("PlaceholderText", "muted")):
        for which in (group.Active, group.Inactive):
            colours.setColor(which, getattr(role, name), getattr(theme, key))
    ink, back = theme.ink.getRgbF()[:3], theme.window.getRgbF()[:3]
    faint = QColor.fromRgbF(*(0.55 * a + 0.45 * b for a, b in zip(ink, back)))
    for name in ("WindowText", "Text", "ButtonText"):
        colours.setColor(group.Disabled, getattr(role, name), faint)
    return colours


def state_label(code):
    """Human label of a state code, tolerant of codes from a newer probe."""
    return STATE_LABELS[code] if 0 <= code < len(STATE_LABELS) else f"state {code}"


# -- colours that must read on a background ------------------------------------------------
def luminance(colour):
    """WCAG relative luminance (0 black .. 1 white) of a QColor."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in colour.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    """WCAG contrast ratio of two QColors: 1 (the same) .. 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(colour, background, ratio=4.5):
    """`colour`, or the nearest shade of its hue lighter (on a dark background) or darker (on
    a light one) that has `ratio` contrast with `background`: vermilion stays vermilion."""
    colour, background = QColor(colour), QColor(background)
    if contrast(colour, background) >= ratio:
        return colour
    hue, saturation, lightness, alpha = colour.getHslF()
    towards = 1.0 if luminance(background) < 0.18 else 0.0
    if saturation < 0.15:               # grey ink: its mirror shade (#1a1a1a -> #e5e5e5)
        lightness = 1.0 - lightness if (towards > 0.5) == (lightness < 0.5) else lightness
        colour = QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)
        if contrast(colour, background) >= ratio:
            return colour
    shade = QColor(colour)
    for step in range(1, 21):
        mixed = lightness + (towards - lightness) * step / 20
        shade = QColor.fromHslF(max(hue, 0.0), saturation, mixed, alpha)
        if contrast(shade, background) >= ratio:
            break
    return shade


def surface(colour, theme):
    """A background picked for white paper (a light card, a pale row) on `theme`: a light one
    becomes the theme's own raised surface on a dark theme, a tint keeps a trace of its hue."""
    colour = QColor(colour)
    if not theme.is_dark() or colour.lightness() < 160:
        return colour
    base = theme.alt_base
    if colour.hslSaturationF() < 0.15:
        return QColor(base)
    tint = QColor(colour)
    tint.setAlphaF(0.28)                    # a pale row stays told apart, now as a dark tint
    r, g, b = (base.redF(), base.greenF(), base.blueF())
    a = tint.alphaF()
    return QColor.fromRgbF(r + (colour.redF() - r) * a, g + (colour.greenF() - g) * a,
                           b + (colour.blueF() - b) * a)
