"""async.wget: asyncio.open_connection() to slow local servers, all waiting in one event
loop. Figures: see `gui.lessons.coroutines._waits`."""
from gui.lessons import lesson
from gui.lessons.coroutines._waits import WaitsTogether


@lesson("async.wget")
class Wget(WaitsTogether):
    quick = {"delays": "0.2,0.2,0.2"}     # one wait (0.2 s) stands well apart from three
