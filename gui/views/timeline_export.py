"""Pictures of the timeline (part of `TimelineView`): PNG and SVG of a detached copy at the
current time range, with the lesson in a title band, and a PNG of the view exactly as it is
on screen."""
from pathlib import Path

from PySide6.QtCore import QBuffer, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from gui.views.lane_axis import INK

FONT_PT = 13
TITLE_PX = 48          # height of the title band of an exported picture
RESULT_PX = 36         # and of the line below it with the run's result sentence


def band_height(title, result=None):
    return (TITLE_PX if title else 0) + (RESULT_PX if title and result else 0)


class TimelineExport:
    """Mixed into TimelineView; uses its model, plot, viewbox, spans and timer."""

    def export_png(self, path, width=1600, height=900, title=None, result=None):
        """Render the timeline and its legend into a PNG file (works with no screen); a
        `title` (lesson, parameters, interpreter) goes in a band above it, with the run's
        `result` sentence under it."""
        path = Path(path)
        band = band_height(title, result)
        image = QImage(width, height + band, QImage.Format.Format_ARGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        self._paint_export(painter, width, height, title, result)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def export_svg(self, path, width=1600, height=900, title=None, result=None):
        """The same picture as `export_png`, as an SVG vector drawing (a very busy stretch,
        drawn per pixel on screen, is embedded as an image)."""
        path = Path(path)
        band = band_height(title, result)
        buffer = QBuffer()                      # written below, so errors say why
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(width, height + band))
        generator.setViewBox(QRect(0, 0, width, height + band))
        generator.setResolution(96)             # the CSS pixel: opens at `width` px
        generator.setTitle(title or "Concurrency Lab timeline")
        generator.setDescription("A lesson run of Concurrency Lab: one lane per process and "
                                 "thread, time in seconds along x.")
        painter = QPainter(generator)
        painter.fillRect(QRect(0, 0, width, height + band), QColor("#FFFFFF"))
        self._paint_export(painter, width, height, title, result)
        painter.end()
        path.write_bytes(bytes(buffer.data()))
        return path

    def export_shown_png(self, path, title=None, result=None):
        """The view exactly as it is on screen (size, time range, rows scrolled into view,
        colours) into a PNG, below a title band when there is a `title`."""
        path = Path(path)
        band = band_height(title, result)
        ratio = self.devicePixelRatioF()
        image = QImage(round(self.width() * ratio), round((self.height() + band) * ratio),
                       QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(ratio)
        background = self.plot.backgroundBrush().color()
        image.fill(background)
        painter = QPainter(image)
        self.render(painter, QPoint(0, band))
        light = background.lightness() > 128
        self._paint_title(painter, self.width(), title, INK if light else QColor("#FFFFFF"),
                          result)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def _paint_export(self, painter, width, height, title, result=None):
        """Paint a detached copy of this view at the same time range, below a title band
        when there is a `title`."""
        clone = type(self)()
        clone.timer.stop()
        clone.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        clone.resize(width, height)
        clone.set_model(self.model)
        clone.spans.index = self.spans.index        # share the span index: no re-indexing
        (x0, x1), _ = self.viewbox.viewRange()
        if self.model is not None:
            clone.viewbox.setXRange(x0, x1, padding=0)
        clone.layout().activate()
        clone.render(painter, QPoint(0, band_height(title, result)))
        clone.deleteLater()
        self._paint_title(painter, width, title, INK, result)

    def _paint_title(self, painter, width, title, ink, result=None):
        """The title band: the lesson, its parameters and Python in bold, and under it the
        result sentence (cut with "…" where it is wider than the picture)."""
        if not title:
            return
        font = QFont(self.font())
        font.setPointSize(FONT_PT + 3)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(ink))
        painter.drawText(QRect(16, 0, width - 32, TITLE_PX), Qt.AlignmentFlag.AlignVCenter,
                         title)
        if result:
            font.setBold(False)
            font.setPointSize(FONT_PT + 1)
            painter.setFont(font)
            line = QFontMetrics(font).elidedText(result, Qt.TextElideMode.ElideRight,
                                                 width - 32)
            painter.drawText(QRect(16, TITLE_PX - 6, width - 32, RESULT_PX),
                             Qt.AlignmentFlag.AlignVCenter, line)
