"""Reading exported pictures the way a user's eye would: colour areas, sizes, differences."""
import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from gui.main_window import MainWindow
from tests.gui.waiting import run_to_the_end

POOL = ("process.pool", {"tasks": 3, "workers": 2})       # two kinds of bars: task, waiting
BASICS = ("threads.basics", {"ticks": 3, "tick_s": 0.05})  # the quickest run


def pixels(image):
    """The picture as a (height, width) array of 0xRRGGBB values."""
    image = QImage(image).convertToFormat(QImage.Format.Format_RGB32)
    flat = np.frombuffer(image.constBits(), np.uint32, image.sizeInBytes() // 4)
    rows = flat.reshape(image.height(), image.bytesPerLine() // 4)[:, :image.width()]
    return rows & 0xFFFFFF


def colour_areas(image, share=0.003):
    """Colours that each cover at least `share` of the picture (a legend swatch does not)."""
    values, counts = np.unique(pixels(image), return_counts=True)
    return {int(v) for v, c in zip(values, counts) if c >= share * counts.sum()}


def svg_to_image(path):
    renderer = QSvgRenderer(str(path))
    image = QImage(renderer.viewBox().size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return renderer, image


def window_after(qtbot, run_async, lesson):
    """A shown window that has run `lesson` (id, values) to its end."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    lesson_id, values = lesson
    window.lessons.select(lesson_id)
    window.params.set_values(values)
    run_async(run_to_the_end(window))
    assert "finished normally" in window.status.text(), window.console.toPlainText()
    return window
