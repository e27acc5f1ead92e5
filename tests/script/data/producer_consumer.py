import queue
import threading
import time

q = queue.Queue()
ready = threading.Event()
slots = threading.Semaphore(1)
cond = threading.Condition()
items = []


def producer():
    ready.wait()
    for i in range(3):
        with slots:
            time.sleep(0.1)
            q.put(i)
    with cond:
        items.append("done")
        cond.notify()


def consumer():
    for _ in range(3):
        print("got", q.get())
    with slots:
        pass
    with cond:
        while not items:
            cond.wait()
    print("producer said", items[0])


threads = [threading.Thread(target=producer, name="Producer"),
           threading.Thread(target=consumer, name="Consumer")]
for t in threads:
    t.start()
time.sleep(0.2)
ready.set()
for t in threads:
    t.join()
