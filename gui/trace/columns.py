"""Growable column storage: numpy arrays that append in amortised O(1) and hand out views."""
import numpy as np

_GROWTH = 1.5           # keeps the spare capacity (and so bytes per span) bounded


class Columns:
    """Named numpy columns of equal length, e.g. ``Columns(t0="f8", t1="f8", lane="i4")``."""

    def __init__(self, capacity=1024, **dtypes):
        self._dtypes = dtypes
        self._size = 0
        self._data = {name: np.empty(capacity, dtype) for name, dtype in dtypes.items()}

    def __len__(self):
        return self._size

    def __getitem__(self, name):
        """A read-only view of the filled part of one column."""
        view = self._data[name][:self._size]
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

    def _reserve(self, needed):
        capacity = len(next(iter(self._data.values())))
        if needed <= capacity:
            return
        new = max(needed, int(capacity * _GROWTH) + 1)
        for name, array in self._data.items():
            grown = np.empty(new, array.dtype)
            grown[:self._size] = array[:self._size]
            self._data[name] = grown
