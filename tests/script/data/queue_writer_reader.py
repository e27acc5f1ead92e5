from multiprocessing import Process, Queue
import os, time, random


# code run by the writer process
def write(q):
    print('Process to write: %s' % os.getpid())
    for value in ['A', 'B', 'C']:
        print('Put %s to queue...' % value)
        q.put(value)
        time.sleep(random.random())


# code run by the reader process
def read(q):
    print('Process to read: %s' % os.getpid())
    while True:
        value = q.get(True)
        print('Get %s from queue.' % value)


if __name__ == '__main__':
    # the parent process creates the Queue and passes it to each child
    q = Queue()
    pw = Process(target=write, args=(q,))
    pr = Process(target=read, args=(q,))
    # start the writer
    pw.start()
    # start the reader
    pr.start()
    # wait for the writer to end
    pw.join()
    # the reader loops for ever: it can only be terminated
    pr.terminate()
