"""Two processes talk both ways over one Pipe.

`Pipe()` returns two connected ends. It is duplex by default: each end can send and receive.
The parent keeps one end and gives the other to its child; the parent sends "ping 1", the
child answers "pong 1", and so on: messages go both ways over the same pipe.
"""
import os
import time
from multiprocessing import Pipe, Process, current_process

from workloads import lesson_args, probe

PAUSE = 0.2     # seconds each side "thinks" before answering, so the arrows stand apart


def send(conn, word, n):
    print(f"{current_process().name} sends {word} {n}")
    probe.arrow_out(n, word)                    # one arrow per message, from send to recv
    conn.send((word, n))                        # any object pickle can handle can be sent


def receive(conn):
    with probe.span("recv()", cat="wait.io"):
        word, n = conn.recv()                   # waits until the other side's message is in
    probe.arrow_in(n, word)
    print(f"{current_process().name} got {word} {n}")
    time.sleep(PAUSE)
    return n


def answer(conn, count):
    """The child: answer every ping with a pong of the same number."""
    got = []
    for _ in range(count):
        n = receive(conn)
        got.append(n)
        send(conn, "pong", n)
    conn.close()
    probe.result(pings_got=got)


if __name__ == "__main__":
    args = lesson_args.parse("process.pipe")
    print(f"Parent process {os.getpid()}.")
    parent_end, child_end = Pipe()              # duplex=True: both ends send and receive
    child = Process(target=answer, args=(child_end, args.messages), name="Child")
    child.start()
    child_end.close()                           # the child has its own copy of this end
    got = []
    for n in range(1, args.messages + 1):
        send(parent_end, "ping", n)
        got.append(receive(parent_end))
    child.join()
    print("Both sides are done.")
    probe.result(pings_sent=args.messages, pongs_got=got)
