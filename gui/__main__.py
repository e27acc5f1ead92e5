"""``python -m gui``: the same as the ``concurrency-lab`` command."""
import sys

from gui.cli import main

sys.exit(main())
