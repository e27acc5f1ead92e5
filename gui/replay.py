"""(being written)"""


def install(window):
    """Adds this feature to the main window."""
