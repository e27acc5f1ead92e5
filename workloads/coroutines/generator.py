"""Coroutines from generators: a producer and a consumer pass control back and forth.

`consumer()` is a generator. `c.send(n)` jumps into it: it runs from its `yield` with n as
the value of `yield`, until it reaches `yield r` again; then `send()` returns r to the
producer, which carries on. No threads, no locks, no queue: one thread runs both, and
exactly one of them runs at any moment. Each decides itself when to hand control over.
"""
import time

from workloads import lesson_args, probe
from workloads._trace import baton

WORK_S = 0.1                    # making or using one item takes this long (stands in for work)


def consumer():
    r = ''
    while True:
        n = yield r                             # hand r back; wait for the next send(n)
        if not n:
            return
        print('[CONSUMER] Consuming %s...' % n)
        time.sleep(WORK_S)
        r = '200 OK'


def produce(c, items):
    c.send(None)                                # start the generator: it runs to its yield
    n = 0
    while n < items:
        n = n + 1
        print('[PRODUCER] Producing %s...' % n)
        time.sleep(WORK_S)
        r = c.send(n)                           # jump into the consumer with n
        print('[PRODUCER] Consumer return: %s' % r)
    c.close()                                   # done: end the consumer's loop


if __name__ == "__main__":
    args = lesson_args.parse("async.generator")
    c = baton.watch(consumer())                 # tracing: a lane each, an arrow per hand-over
    produce(c, args.items)
    probe.result(items=args.items, hand_overs=c.hand_overs, os_threads=len(c.threads),
                 thread_names=c.threads)
