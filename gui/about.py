"""Help > About: the versions of Python, Qt and PySide6, whether the interpreter has a GIL,
and the keyboard shortcuts, for a teacher checking a classroom machine."""
import platform
import sys
import sysconfig

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox

from gui.i18n import QT_TRANSLATE_NOOP, translate


def install(window):
    window.shortcuts_action = window.add_action(
        window.help_menu, QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"), "F1",
        lambda: show_shortcuts(window))
    window.about_action = window.add_action(
        window.help_menu, QT_TRANSLATE_NOOP("Actions", "About Concurrency Lab"), None,
        lambda: show_about(window))


def gil_status():
    """The GUI interpreter's GIL, in words."""
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    if not free_threaded:
        return translate("About", "GIL always on (a standard build, not free-threaded)")
    if getattr(sys, "_is_gil_enabled", lambda: True)():
        return translate("About", "free-threaded build, GIL switched on at run time")
    return translate("About", "free-threaded build, GIL off")


def versions():
    """(label, value) rows of the About box."""
    return [(translate("About", "Python"), f"{platform.python_version()} "
             f"({platform.python_implementation()}, {sys.executable})"),
            (translate("About", "GIL"), gil_status()),
            (translate("About", "Qt"), qVersion()),
            (translate("About", "PySide6"), pyside_version),
            (translate("About", "System"), f"{platform.system()} {platform.release()}")]


def about_html():
    rows = "".join(f"<tr><td><b>{label}</b>&nbsp;&nbsp;</td><td>{value}</td></tr>"
                   for label, value in versions())
    intro = translate("About", "Watch Python concurrency happen: processes, threads, locks, "
                               "the GIL, coroutines and task queues, from real runs.")
    return f"<h2>Concurrency Lab</h2><p>{intro}</p><table>{rows}</table>"


def shortcuts(window):
    """(shortcut, what it does) for every action that has one, as the menus show them."""
    found = []
    for action in window.actions():
        key = action.shortcut().toString()
        if key:
            found.append((key, action.text().replace("&", "").rstrip("…")))
    return found


def show_about(window):
    box = QMessageBox(window)
    box.setWindowTitle(translate("About", "About Concurrency Lab"))
    box.setText(about_html())
    box.exec()


def show_shortcuts(window):
    rows = "".join(f"<tr><td><b>{key}</b>&nbsp;&nbsp;&nbsp;</td><td>{text}</td></tr>"
                   for key, text in shortcuts(window))
    box = QMessageBox(window)
    box.setWindowTitle(translate("About", "Keyboard shortcuts"))
    box.setText(f"<table>{rows}</table>")
    box.exec()
