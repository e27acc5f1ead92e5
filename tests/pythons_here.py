"""The CPythons on this machine, found once per test session. `interpreters.discover()` asks
every candidate it finds (a dozen processes, about two seconds), and what is installed does
not change while the tests run: the tests that need to know which Pythons are here (to pick
one, to expect one, or to skip) share one real answer."""
import functools

from workloads import interpreters


@functools.cache
def _found():
    return tuple(interpreters.discover())


def found():
    """What `interpreters.discover()` returned when first asked in this session: the app's
    own Python first, then newest to oldest."""
    return list(_found())
