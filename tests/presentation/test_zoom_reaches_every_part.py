"""Ctrl+plus reaches every part a class reads (the lesson tabs and their contents, the CPU
graphs, the legend), the CPU axes never write labels over each other, and no text of these
views is below the smallest size chosen for a room. Measured on the real widgets."""
import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from gui import presentation

GIL = "threads.gil"            # a lesson with its own tab: cards, a plot, a lane axis


def settle(qtbot, window):
    """Layout and style sheets applied, and the plots fitted to their new size."""
    for _ in range(3):
        QApplication.processEvents()
        window.layout().activate()
    qtbot.wait(1)


def fonts(window):
    """Point sizes of what zoom must grow, as the widgets hold them."""
    tabs = window.tabs.tabBar()
    cores = window.cores.total_plot.getPlotItem()
    panel = window.panel
    panel.ensurePolished()
    labels = [label for label in panel.findChildren(QLabel) if label.text()]
    return {"tab height": tabs.tabRect(0).height(),
            # the title's text as the tab bar sets it (a small window shortens the titles)
            "tab width": QFontMetrics(tabs.font()).horizontalAdvance("About this lesson"),
            "panel text": min(label.font().pointSizeF() for label in labels),
            "panel plot axis": panel.lane_axis.font.pointSizeF(),     # the close-up's lanes
            "CPU ticks": cores.getAxis("left").style["tickFont"].pointSizeF(),
            "CPU core titles": float(window.cores.core_plots[0].titleLabel.opts["size"][:-2]),
            "process table": window.cores.tree_widget.header().font().pointSizeF(),
            "legend": window.timeline.legend.labels[0].font().pointSizeF()}


def tick_rects(plot):
    """Scene rectangles of the tick labels a PlotItem's axes draw now, and of its title."""
    rects = []
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        if not axis.isVisible() or not axis.style["showValues"]:
            continue
        pixmap = QPixmap(10, 10)
        painter = QPainter(pixmap)
        painter.setFont(axis.style["tickFont"])
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
        painter.end()
        rects += [(text, axis.mapRectToScene(QRectF(rect))) for rect, _flags, text in texts]
    if plot.titleLabel.isVisible() and plot.titleLabel.text:
        rects.append(("title", plot.titleLabel.item.mapRectToScene(
            plot.titleLabel.item.boundingRect())))
    return rects


def overlaps(plot):
    drawn = tick_rects(plot)
    return [(a, b) for (a, ra), (b, rb) in itertools.combinations(drawn, 2)
            if ra.adjusted(1, 1, -1, -1).intersects(rb.adjusted(1, 1, -1, -1))]


@pytest.fixture
def gil_window(window, qtbot):
    window.resize(1920, 1080)
    window.lessons.select(GIL)
    settle(qtbot, window)
    return window


def test_zoom_200_grows_the_tabs_their_contents_the_cpu_graphs_and_the_legend(gil_window,
                                                                            qtbot):
    window = gil_window
    normal = fonts(window)
    presentation.set_zoom(window, 2.0)
    settle(qtbot, window)
    zoomed = fonts(window)
    for part, size in normal.items():
        assert zoomed[part] >= 1.6 * size, (part, size, zoomed[part])
    presentation.set_zoom(window, 1.0)
    settle(qtbot, window)
    assert fonts(window) == pytest.approx(normal, abs=0.6)


@pytest.mark.parametrize("zoom", [1.0, 2.0, 2.5])
def test_the_cpu_axes_never_write_labels_over_each_other(gil_window, qtbot, zoom):
    window = gil_window
    presentation.set_zoom(window, zoom)
    for size in ((1920, 1080), (1280, 720)):
        window.resize(*size)
        settle(qtbot, window)
        cores = window.cores
        for plot in cores.core_plots + [cores.total_plot.getPlotItem()]:
            assert not overlaps(plot), (zoom, size, overlaps(plot))
            shown = [text for text, _rect in tick_rects(plot) if text != "title"]
            box = plot.getViewBox().sceneBoundingRect()
            if box.height() > 6 * plot.getAxis("left").style["tickFont"].pointSizeF():
                assert shown, (zoom, size, "a roomy plot keeps its scale")


def test_no_text_of_these_views_is_below_the_minimum_of_its_mode(gil_window, qtbot):
    window = gil_window
    assert presentation.MIN_POINT_NORMAL >= 12
    assert presentation.MIN_POINT_PRESENTATION > presentation.MIN_POINT_NORMAL
    assert presentation.LANE_PT >= 14
    sizes = fonts(window)
    for part in ("panel text", "panel plot axis", "CPU ticks", "CPU core titles",
                 "process table", "legend"):
        assert sizes[part] >= presentation.MIN_POINT_NORMAL, (part, sizes[part])
    assert window.timeline.lane_axis.font.pointSizeF() >= presentation.LANE_PT
    assert sizes["legend"] >= presentation.LANE_PT
    window.presentation_action.trigger()
    settle(qtbot, window)
    sizes = fonts(window)
    for part in ("panel text", "panel plot axis", "CPU ticks", "process table", "legend"):
        assert sizes[part] >= presentation.MIN_POINT_PRESENTATION, (part, sizes[part])


def test_a_window_that_follows_the_look_zooms_its_fixed_sizes_and_darkens_its_paper(qtbot):
    """`presentation.follow`: what a dialog built with fixed sizes and white paper (the
    comparison) calls to get the zoom and the theme, also for labels it adds later."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    from gui.views import palette
    from tests.presentation.test_themes import most_common

    dialog = QDialog()
    qtbot.addWidget(dialog)
    heading = QLabel("wall time", dialog)
    heading.setStyleSheet("font-size: 16pt; font-weight: bold; background: #F4F4F4;")
    QVBoxLayout(dialog).addWidget(heading)
    presentation.follow(dialog)
    dialog.show()
    heading.ensurePolished()
    normal = heading.font().pointSizeF()
    presentation.apply_look(theme="dark", zoom_level=2.0)
    later = QLabel("added after", dialog)
    later.setStyleSheet("font-size: 10pt;")
    dialog.layout().addWidget(later)
    for label in (heading, later):
        label.ensurePolished()
    assert heading.font().pointSizeF() == pytest.approx(2 * normal)
    assert later.font().pointSizeF() == pytest.approx(20)
    assert most_common(heading).lightness() < 90
    ink = heading.palette().windowText().color()
    assert palette.contrast(ink, most_common(heading)) >= 4.5
    presentation.apply_look(theme="light", zoom_level=1.0)
    heading.ensurePolished()
    assert heading.font().pointSizeF() == pytest.approx(normal)
    assert most_common(heading).name() == "#f4f4f4"
