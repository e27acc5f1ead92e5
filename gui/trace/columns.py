"""Growable column storage: numpy arrays that append in amortised O(1) and hand out views.

Rows can also be dropped from the front (`drop_front`, the oldest detail of a long run once it
is summarised): the filled part is a window [start, size) of the arrays, moved back to the
front only when appending needs the room, so dropping costs nothing and moving is amortised
like growing."""
import numpy as np

_GROWTH = 1.5           # keeps the spare capacity (and so bytes per span) bounded


class Columns:
    """Named numpy columns of equal length, e.g. ``Columns(t0="f8", t1="f8", lane="i4")``."""

    def __init__(self, capacity=1024, **dtypes):
        self._dtypes = dtypes
        self._start = 0
        self._size = 0
        self.removed = 0            # rows dropped from the front so far, in all
        self._data = {name: np.empty(capacity, dtype) for name, dtype in dtypes.items()}

    def __len__(self):
        return self._size - self._start

    def __getitem__(self, name):
        """A read-only view of the filled part of one column."""
        view = self._data[name][self._start:self._size]
        view.flags.writeable = False
        return view

    @property
    def nbytes(self):
        return sum(a.nbytes for a in self._data.values())

    def append(self, **values):
        """Append rows: each keyword is a scalar or an array of the same length."""
        n = max((np.size(v) for v in values.values()), default=0)
        if n == 0:
            return
        self._reserve(self._size + n)
        lo, hi = self._size, self._size + n
        for name, array in self._data.items():
            array[lo:hi] = values[name]
        self._size = hi

    def drop_front(self, n):
        """Forget the first `n` rows (the indices of the others go down by `n`)."""
        n = min(n, len(self))
        self._start += n
        self.removed += n

    def _reserve(self, needed):
        capacity = len(next(iter(self._data.values())))
        if needed <= capacity:
            return
        live = self._size - self._start
        needed -= self._start
        new = capacity if needed <= capacity // 2 else max(needed, int(capacity * _GROWTH) + 1)
        for name, array in self._data.items():
            if new == capacity:                 # room at the front: move the rows back there
                array[:live] = array[self._start:self._size]
            else:
                grown = np.empty(new, array.dtype)
                grown[:live] = array[self._start:self._size]
                self._data[name] = grown
        self._start, self._size = 0, live
