import gevent


def task(n):
    for i in range(3):
        print('task', n, 'step', i)
        gevent.sleep(0.1)


gevent.joinall([gevent.spawn(task, n) for n in range(3)])
