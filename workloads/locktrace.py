"""Lock tracing for lessons: waits (`wait.lock`) and holds (`lock.hold`) of the locks a
lesson creates with the textbook ``threading.Lock()``. Switched on by autotrace."""


def install():
    """Trace the locks that lesson code creates from now on."""
