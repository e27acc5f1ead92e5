"""Who holds control between a generator and the code that drives it with ``send()``.

A generator runs in the thread that calls its ``send()``: no tracing sees it as a lane of its
own. `watch` hands back a stand-in for the generator that passes every ``send``/``close`` on
unchanged and draws two lanes under the calling thread: a "run" bar for each stretch one side
holds control, and an arrow at every hand-over ("send" into the generator, "yield" back out).
"""
import threading
import time

from workloads import probe

_now = time.perf_counter_ns


def watch(generator, driver="producer", name="consumer"):
    """``c = baton.watch(consumer())``: `generator`, drawn as the lane `name`, driven by the
    code on the lane `driver`."""
    return Baton(generator, driver, name)


class Baton:
    """Stands in for a generator; counts the hand-overs and the OS threads that ran them."""

    def __init__(self, generator, driver, name):
        self.generator = generator
        self.driver = probe.sublane_key(self)
        self.inside = probe.sublane_key(generator)
        probe.sublane_start(self.driver, driver)
        probe.sublane_start(self.inside, name)
        self.since = _now()                     # the driver holds control from here
        self.hand_overs = 0
        self.threads = []                       # names of the OS threads that sent

    def _hand(self, how, origin, target, since):
        """Control passes from `origin` to `target` now: end the origin's stretch."""
        now = _now()
        probe.emit_span("run", "run", since, now, sublane=origin)
        self.hand_overs += 1
        probe.arrow_out(self.hand_overs, how, sublane=origin, ts=now)
        probe.arrow_in(self.hand_overs, how, sublane=target, ts=now)
        return now

    def send(self, value):
        name = threading.current_thread().name
        if name not in self.threads:
            self.threads.append(name)
        began = self._hand("send", self.driver, self.inside, self.since)
        try:
            return self.generator.send(value)   # the generator runs to its next yield
        finally:
            self.since = self._hand("yield", self.inside, self.driver, began)

    def close(self):
        """Ends the generator, and the driver's last stretch with it."""
        self.generator.close()
        probe.emit_span("run", "run", self.since, _now(), sublane=self.driver)
        probe.sublane_end(self.inside)
        probe.sublane_end(self.driver)

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)
