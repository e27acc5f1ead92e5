"""Lesson panels: a tab with what one lesson needs beyond the timeline (a table of values, a
zoomed view, a wait-for graph). A lesson's unit (`gui/lessons/`) names its tab; the window
creates it when the lesson is chosen, feeds it the running session, refreshes it a few times
a second and hands it the finished run's figures.

A panel is written with fixed point sizes and colours picked for white paper. The window
gives it the theme and the zoom with `LessonPanel.apply_look`, which by default is
`restyle_tree`: every text size the panel set (fonts, ``font-size`` in style sheets, plot
axes, and the fixed heights of its cards and plots) is scaled and kept at least the window's
smallest size, and on a dark theme its light backgrounds become the theme's surfaces and its
inks are lightened until they read. Widgets the panel adds or restyles later follow too. A
panel that paints its own colours may override `apply_look`."""
import math
import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QTableWidget, QWidget

from gui.i18n import translate
from gui.views import palette

SIZE = re.compile(r"font-size:\s*([\d.]+)\s*pt")
BLOCK = re.compile(r"([^{}]*)\{([^{}]*)\}")
COLOUR = re.compile(r"(?<![\w-])(color|background(?:-color)?)(\s*:\s*)(#[0-9a-fA-F]{6}\b|"
                    r"#[0-9a-fA-F]{3}\b|white\b|black\b)")
ORIGINAL = Qt.ItemDataRole.UserRole + 0x7C00     # a table item's colours as the panel set them


class LessonPanel(QWidget):
    """Base of a lesson's panel. Views only: read `session.model` and the run's figures,
    never the console text, processes or bytes."""

    title = "Results"                  # the tab's title, in English (see tab_title)
    attention = Signal(str)            # "look here": the window shows the text large
    stop_requested = Signal()          # e.g. a deadlock was found: offer the Stop

    def tab_title(self):
        """The tab's title in the current language: titles are marked where they are set,
        ``title = QT_TRANSLATE_NOOP("LessonPanel", "Workers")``."""
        return translate("LessonPanel", self.title)

    def apply_look(self, theme, scale, smallest_pt=0.0):
        """The colours of `theme`, every text `scale` times the size the panel gave it and
        never below `smallest_pt` (the window's zoom and presentation mode)."""
        restyle_tree(self, theme, scale, smallest_pt)

    def start(self, session):
        """A run of this lesson began; `session.model` fills while it runs."""
        self.session = session

    def refresh(self):
        """Called ~5 times a second while the run goes on, and once after it ends."""

    def finish(self, run):
        """The run ended: `run` is a `gui.lessons.Run` (its figures in `run.result`)."""


def mark_text(model, prefix):
    """What follows `prefix` in the first mark that starts with it ("Serving on ..."), or ''.
    Panels read what a lesson announced from its marks, not from the console."""
    if model is None:
        return ""
    for name in model.marks["name"].tolist():
        text = model.names[name]
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return ""


# -- the look of a widget tree built for white paper at 100 % ----------------------------
def restyle_tree(root, theme, scale, smallest_pt=0.0):
    """`theme` and `scale` on `root` and every widget in it, now and for widgets added or
    given a new style sheet or font later. Returns the `Follower` that keeps it so."""
    follower = root.findChild(Follower, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if follower is None:
        follower = Follower(root)
    follower.again(theme, scale, smallest_pt)
    return follower


class Follower(QObject):
    """Keeps a widget tree in one look: watches it for new widgets, new style sheets and new
    fonts, and restyles what changed. It lives and dies with the tree's root."""

    def __init__(self, root):
        super().__init__(root)
        self.root = root
        self.look = (palette.LIGHT, 1.0, 0.0)

    def again(self, theme, scale, smallest_pt=0.0):
        """The look of `theme` at `scale` on the whole tree."""
        self.look = (theme, scale, smallest_pt)
        self.root.setPalette(palette.qt_palette(theme))
        self.root.setAutoFillBackground(True)
        for widget in [self.root, *self.root.findChildren(QWidget)]:
            self._watch(widget)
            self._restyle(widget)

    def eventFilter(self, watched, event):
        kind = event.type()
        if kind == QEvent.Type.ChildAdded and event.child().isWidgetType():
            child = event.child()
            for widget in [child, *child.findChildren(QWidget)]:
                self._watch(widget)
                self._restyle(widget)
        elif kind in (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.Polish):
            if watched.isWidgetType():
                self._restyle(watched)
        return False

    def _watch(self, widget):
        if not widget.property("look_watched"):
            widget.setProperty("look_watched", True)
            widget.installEventFilter(self)

    def _restyle(self, widget):
        theme, scale, smallest = self.look
        _restyle_sheet(widget, theme, scale, smallest)
        _restyle_font(widget, scale, smallest)
        _restyle_height(widget, scale)
        if isinstance(widget, QTableWidget):
            _restyle_items(widget, theme)
        if hasattr(widget, "getPlotItem"):              # a pyqtgraph PlotWidget
            _restyle_plot(widget, theme, scale, smallest)


def sized(points, scale, smallest_pt):
    """A text size the panel chose, at the window's scale and never below its smallest."""
    return max(float(points) * scale, smallest_pt)


def _restyle_sheet(widget, theme, scale, smallest):
    sheet = widget.styleSheet()
    if not sheet:
        return
    base, produced = widget.property("look_sheet") or (None, None)
    if sheet != produced:                               # the panel set a new one
        base = sheet
    wanted = restyled_sheet(base, theme, scale, smallest)
    widget.setProperty("look_sheet", (base, wanted))
    if wanted != sheet:
        widget.setStyleSheet(wanted)


def restyled_sheet(sheet, theme, scale, smallest_pt=0.0):
    """A style sheet written for white paper at 100 %, at `scale` on `theme`."""
    sheet = SIZE.sub(lambda m: f"font-size: {sized(m.group(1), scale, smallest_pt):.1f}pt",
                     sheet)
    if not theme.is_dark():
        return sheet
    if "{" not in sheet:
        return _recoloured(sheet, theme)
    return BLOCK.sub(lambda m: m.group(1) + "{" + _recoloured(m.group(2), theme) + "}", sheet)


def _recoloured(declarations, theme):
    """One block of declarations on a dark theme: a light background becomes the theme's
    surface; ink meant for white (with no background, or a light one) is lightened."""
    backs = [m for m in COLOUR.finditer(declarations) if m.group(1) != "color"]
    back = QColor(backs[-1].group(3)) if backs else None
    if back is not None and back.lightness() < 160:
        return declarations                  # its own dark or strong background: as it is
    under = palette.surface(back, theme) if back is not None else theme.window

    def swap(m):
        colour = QColor(m.group(3))
        new = palette.readable(colour, under) if m.group(1) == "color" else under
        return f"{m.group(1)}{m.group(2)}{new.name()}"
    return COLOUR.sub(swap, declarations)


def _restyle_font(widget, scale, smallest):
    if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
        return                                  # inherited: the window's font is zoomed
    font = widget.font()
    if font.pointSizeF() <= 0:
        return
    base, produced = widget.property("look_font") or (None, None)
    if produced is None or abs(font.pointSizeF() - produced) > 0.01:
        base = font.pointSizeF()                # the panel set this font itself
    wanted = sized(base, scale, smallest)
    widget.setProperty("look_font", (base, wanted))
    if abs(wanted - font.pointSizeF()) > 0.01:
        font = QFont(font)
        font.setPointSizeF(wanted)
        widget.setFont(font)


def _restyle_height(widget, scale):
    """A card or a plot the panel made of a fixed height grows with its text (else the
    zoomed text is cut off at the bottom)."""
    height = widget.minimumHeight()
    if height != widget.maximumHeight() or height <= 0:
        return
    base, produced = widget.property("look_height") or (None, None)
    if produced is None or height != produced:
        base = height                           # the panel set this height itself
    if not (hasattr(widget, "getPlotItem") or widget.findChild(QLabel)):
        return                                  # it paints itself to this height
    wanted = round(base * max(1.0, scale))
    widget.setProperty("look_height", (base, wanted))
    if wanted != height:
        widget.setFixedHeight(wanted)


def _restyle_items(table, theme):
    """Rows the panel tinted (a lost update, a wrong value): the tint and ink of the theme;
    an item's own font takes the table's size."""
    size = table.font().pointSizeF()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None:
                continue
            original = item.data(ORIGINAL)
            if original is None:                # "#rrggbb" or "" for background and ink
                original = "|".join(_colour(item.data(role)) for role in (
                    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole))
                item.setData(ORIGINAL, original)
            back, ink = (QColor(name) if name else None for name in original.split("|"))
            if back is not None:
                back = palette.surface(back, theme)
                item.setBackground(back)
            if ink is not None or (back is not None and theme.is_dark()):
                under = back or theme.base
                item.setForeground(palette.readable(ink or theme.ink, under)
                                   if theme.is_dark() else ink or theme.ink)
            if item.data(Qt.ItemDataRole.FontRole) is not None and size > 0:
                font = item.font()
                font.setPointSizeF(size)
                item.setFont(font)


def _colour(value):
    """The colour of a brush or colour an item holds, as "#rrggbb", or "" for none."""
    if value is None:
        return ""
    return QColor(value.color() if hasattr(value, "color") else value).name()


def _restyle_plot(view, theme, scale, smallest):
    """A pyqtgraph plot drawn for white paper: the theme's plot background, axes in its ink
    at the zoomed size, curves and lines readable on it."""
    import pyqtgraph as pg

    if not hasattr(view, "look_background"):
        view.look_background = QColor(view.backgroundBrush().color())
    light = view.look_background.lightness() > 200
    back = theme.plot if light and theme.is_dark() else view.look_background
    view.setBackground(back)
    item = view.getPlotItem()
    for entry in item.axes.values():
        _restyle_axis(entry["item"], theme, back, scale, smallest)
    for curve in item.listDataItems():
        pen = pg.mkPen(curve.opts["pen"])
        original = getattr(curve, "look_ink", None) or QColor(pen.color())
        curve.look_ink = original
        pen.setColor(palette.readable(original, back, 3.0))
        curve.setPen(pen)
    for line in item.items:
        if isinstance(line, pg.InfiniteLine):
            original = getattr(line, "look_ink", None) or QColor(line.pen.color())
            line.look_ink = original
            pen = pg.mkPen(line.pen)
            pen.setColor(palette.readable(original, back, 2.0))
            line.setPen(pen)


def _restyle_axis(axis, theme, back, scale, smallest):
    lane_font = getattr(axis, "font", None)
    lane_axis = isinstance(lane_font, QFont) and hasattr(axis, "apply_look")   # a LaneAxis
    if not hasattr(axis, "look_base"):
        tick = lane_font if lane_axis else axis.style.get("tickFont")
        size = axis.labelStyle.get("font-size", "")
        axis.look_base = (tick.pointSizeF() if tick is not None else None,
                          QColor(axis.textPen().color()),
                          float(size[:-2]) if size.endswith("pt") else None)
    tick_pt, ink, label_pt = axis.look_base
    ink = palette.readable(ink, back)
    if lane_axis:
        axis.apply_look(ink, sized(tick_pt, scale, smallest))
    else:
        if tick_pt is not None:             # (no font of its own: the window's, zoomed)
            font = QFont(axis.style["tickFont"])
            font.setPointSizeF(sized(tick_pt, scale, smallest))
            axis.setStyle(tickFont=font)
        axis.setTickDensity(max(1.0, scale) ** -2)     # larger text, fewer labels: no overlap
        axis.setTextPen(ink)
    axis.setPen(ink)
    if axis.labelText and label_pt is not None:
        style = dict(axis.labelStyle, color=ink.name())
        style["font-size"] = f"{sized(label_pt, scale, smallest):.1f}pt"
        axis.setLabel(axis.labelText, axis.labelUnits, axis.labelUnitPrefix, **style)
        if axis.orientation == "bottom" and not lane_axis:   # pyqtgraph packs larger text
            tick = QFontMetricsF(axis.style.get("tickFont") or QFont()).height()   # too tight
            axis.setHeight(math.ceil(tick + axis.label.boundingRect().height() + 8))
