"""async.gevent_io: monkey-patched downloads in greenlets wait for a slow local server at
the same time. Figures: see `gui.lessons.coroutines._waits`."""
from gui.lessons import lesson
from gui.lessons.coroutines._waits import WaitsTogether


@lesson("async.gevent_io")
class GeventIO(WaitsTogether):
    quick = {"delays": "0.1,0.2"}
    pass
