"""Settings remembered between launches (language, theme, zoom, presentation mode), in one
INI file: ``$CLAB_SETTINGS`` when set (the tests point it at a temporary file), else the
system's per-user configuration folder."""
import os


def settings():
    from PySide6.QtCore import QSettings, QStandardPaths

    path = os.environ.get("CLAB_SETTINGS")
    if not path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppConfigLocation)
        path = os.path.join(folder or os.path.expanduser("~"), "concurrency-lab.ini")
    return QSettings(path, QSettings.Format.IniFormat)


def value(key, default=None, kind=None):
    """A remembered value, or `default`; `kind` (int, float, bool, str) converts INI text."""
    raw = settings().value(key, default)
    if raw is None or kind is None:
        return raw
    if kind is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
    try:
        return kind(raw)
    except (TypeError, ValueError):
        return default


def set_value(key, value):
    store = settings()
    store.setValue(key, value)
    store.sync()
