"""async.gevent_io: monkey-patched downloads in greenlets wait for a slow local server at
the same time. Figures: see `gui.lessons.coroutines._waits`."""
from gui.lessons import lesson
from gui.lessons.coroutines._waits import WaitsTogether


@lesson("async.gevent_io")
class GeventIO(WaitsTogether):
    quick = {"delays": "0.2,0.2,0.2"}     # one wait (0.2 s) stands well apart from three
