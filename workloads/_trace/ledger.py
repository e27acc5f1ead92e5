"""The race lesson's ledger: how the window sees the steps of a race on a shared balance.

`Ledger.note` is the call the widened race makes between a read and its write (the switch
point the lesson is about). It notes every write in order, with the value its thread read;
a write whose read is out of date (the balance changed in between) wipes out the other
thread's update: a lost update. The ledger counts them, keeps the steps around the first
one, and sends the balance to the window's plot now and then. `Ledger.watching` samples the
balance for code that makes no notes (the textbook race).
"""
import struct
import sys
import threading
import time
from contextlib import contextmanager

from workloads import probe

HEAD = 2                        # steps kept from the start of each turn (and its last one)
LOOK_EVERY = 2000               # notes of one thread between two looks at the balance
SAMPLE_S = 0.002                # how often `watching` samples when nobody makes notes
_BITS = struct.Struct("<d"), struct.Struct("<q")


class Ledger:
    """``ledger = Ledger(globals(), "balance", {5: 1, 8: 2})``: watches the global `name` of
    the lesson's module, changed by thread 1 (t1) with the amount 5 and thread 2 (t2) with 8.
    """

    def __init__(self, shared, name, threads):
        self.shared, self.name = shared, name
        self.who = dict(threads)
        self.who.update({-n: t for n, t in threads.items()})   # amount -> 1 (t1) or 2 (t2)
        self.lost = {1: 0, 2: 0}                    # updates of t1 / t2 that were wiped out
        self.drift = 0                              # what the lost updates did to the balance
        self.notes = 0
        self.thread = 0
        self.turn = self.previous = self.older = None
        self.first = None                           # (older, previous, turn) at the first loss
        self.shown = {1: 0, 2: 0}                   # lost updates already marked
        self.left = {1: 0, 2: 0}                    # notes of each thread until its next look

    def note(self, n, x):
        """Thread who[n] read the balance, computed x (= what it read + n) and is about to
        store x."""
        thread = self.who[n]
        if self.left[thread] <= 0:
            # Calls: CPython may switch threads in here, which is fine before the ledger
            # reads the balance below (the write that follows is then just as stale).
            self._look(thread)
        # No calls from here on. From CPython 3.11 on a thread can be switched as a function
        # starts, never as it returns, so nothing runs between the end of this method and
        # the write after it: `seen` is exactly the value that write replaces.
        self.left[thread] -= 1
        self.notes += 1
        seen, read = self.shared[self.name], x - n
        turn = self.turn
        if thread != self.thread:                   # the other thread ran since the last note
            self.older, self.previous, self.thread = self.previous, turn, thread
            turn = self.turn = [thread, 0, [None] * HEAD, None]   # thread, steps, first, last
        k = turn[1]
        step = (thread, read, x, seen)
        if k < HEAD:
            turn[2][k] = step
        turn[3] = step
        turn[1] = k + 1
        if read != seen:
            self.lost[3 - thread] += 1
            self.drift += read - seen
            older = self.older
            # keep the first loss whose read directly followed this thread's last write
            if self.first is None and k == 0 and older is not None \
                    and older[3][2] == read:
                self.first = (older, self.previous, turn)

    def _look(self, thread):
        """Send the balance to the window's plot, and mark on this thread's lane that it
        wrote a stale result (wiping out an update of the other thread) since the last look."""
        self.left[thread] = LOOK_EVERY
        probe.counter(self.name, self.shared[self.name])
        other = 3 - thread
        if self.lost[other] > self.shown[other]:
            self.shown[other] = self.lost[other]
            probe.mark("stale write")

    @contextmanager
    def watching(self):
        """The balance at the start and at the end, and every `SAMPLE_S` in between as long
        as nobody makes notes (the textbook race makes none: a call inside it would change
        the race). The sampler is hidden: it adds no lane."""
        lane = threading.get_ident()
        self._sample(lane)
        stop = threading.Event()
        sampler = threading.Thread(target=self._sampler, args=(stop, lane), daemon=True)
        sampler._clab_hidden = True
        if probe.enabled():
            sampler.start()
        try:
            yield self
        finally:
            stop.set()
            if sampler.is_alive():
                sampler.join()
            self._sample(lane)

    def _sampler(self, stop, lane):
        while not stop.wait(SAMPLE_S) and self.notes == 0:
            self._sample(lane)

    def _sample(self, lane):
        """A `balance` counter sample on the lane `lane` (the sampler has none of its own)."""
        value = float(self.shared[self.name])
        probe.emit_record(probe.COUNTER, 0, self.name, time.perf_counter_ns(),
                          _BITS[1].unpack(_BITS[0].pack(value))[0], key=lane)

    def exact(self):
        """True when the ledger saw every write exactly: a GIL build of CPython 3.11+ (3.10
        can still switch right after a call returns) and the lost updates add up to the
        balance."""
        gil = getattr(sys, "_is_gil_enabled", lambda: True)()
        return sys.version_info >= (3, 11) and gil and self.drift == self.shared[self.name]
