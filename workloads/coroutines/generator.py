"""Coroutines from generators: a producer and a consumer pass control back and forth.

`consumer()` is a generator. `c.send(n)` jumps into it: it runs from its `yield` with n as
the value of `yield`, until it reaches `yield r` again; then `send()` returns r to the
producer, which carries on. No threads, no locks, no queue: one thread runs both, and
exactly one of them runs at any moment. Each decides itself when to hand control over.
"""
import time

from workloads import lesson_args, probe

WORK_S = 0.1                    # making or using one item takes this long (stands in for work)


def consumer():
    r = ''
    while True:
        with baton.away("consumer", "yield"):   # tracing: the producer runs meanwhile
            n = yield r                         # hand r back; wait for the next send(n)
        if not n:
            return
        print('[CONSUMER] Consuming %s...' % n)
        time.sleep(WORK_S)
        r = '200 OK'


def produce(c, items):
    with baton.away("producer", "send"):
        c.send(None)                            # start the generator: it runs to its yield
    n = 0
    while n < items:
        n = n + 1
        print('[PRODUCER] Producing %s...' % n)
        time.sleep(WORK_S)
        with baton.away("producer", "send"):    # tracing: the consumer runs meanwhile
            r = c.send(n)                       # jump into the consumer with n
        print('[PRODUCER] Consumer return: %s' % r)
    c.close()                                   # done: end the consumer's loop


class Baton:
    """Tracing only. Draws who holds control: a "run" bar on the holder's lane for each
    stretch, and an arrow each time control passes (send: to the consumer; yield: back)."""

    def __init__(self, *names):
        self.lanes = {name: probe.sublane_key(name) for name in names}
        for name, key in self.lanes.items():
            probe.sublane_start(key, name)
        self.since = {}                         # name -> when its current stretch began
        self.handed_at = time.perf_counter_ns()
        self.passes, self.how = 0, None

    def _resumed(self, name):
        if self.passes:                         # the arrow of the hand-over ends here
            probe.arrow_in(self.passes, self.how, sublane=self.lanes[name])
        self.since[name] = time.perf_counter_ns()

    def away(self, name, how):
        if name not in self.since:              # its first stretch: control just came
            self._resumed(name)
            self.since[name] = self.handed_at
        return _Away(self, name, how)

    def finish(self):
        for name, t0 in self.since.items():
            if t0 is not None:
                probe.emit_span("run", "run", t0, time.perf_counter_ns(),
                                sublane=self.lanes[name])
        for key in self.lanes.values():
            probe.sublane_end(key)


class _Away:
    def __init__(self, baton, name, how):
        self.baton, self.name, self.how = baton, name, how

    def __enter__(self):
        b, key = self.baton, self.baton.lanes[self.name]
        b.handed_at = time.perf_counter_ns()
        probe.emit_span("run", "run", b.since[self.name], b.handed_at, sublane=key)
        b.since[self.name] = None
        b.passes, b.how = b.passes + 1, self.how
        probe.arrow_out(b.passes, self.how, sublane=key)

    def __exit__(self, kind, *rest):
        if kind is None:                        # resumed (not closed by c.close())
            self.baton._resumed(self.name)
        return False


if __name__ == "__main__":
    args = lesson_args.parse("async.generator")
    baton = Baton("producer", "consumer")       # tracing: one lane each, in this one thread
    c = consumer()
    produce(c, args.items)
    baton.finish()
