"""The checks every records frame passes before any of it reaches the model.

A frame that breaks one raises `ProtocolError` with a one-line reason; the frame is then
dropped whole, so the model holds exactly what the connection sent before it. The checks are
numpy expressions over the frame (a few per frame, not per record) to keep ingest fast.
Sequential facts (a virtual lane declared before its use) are checked by the feed itself.
"""
import numpy as np

from gui.trace.decoder import ProtocolError
from workloads import probe

KINDS = range(probe.PROCESS_NAME, probe.RESULT + 1)
N_CATEGORIES = len(probe.CATEGORIES)
MAX_CODE = 2 ** 31                      # exit codes are C ints
# A span's end may precede its start by this much (clock reads on two CPUs); more is garbage.
SPAN_SLACK_NS = 1_000_000
# Thread-field rules per kind: LANE declares a virtual key (< 0); these name real threads.
_REAL_THREAD_KINDS = (probe.THREAD_START, probe.THREAD_END, probe.SUBLANE_START,
                      probe.SUBLANE_END)


def check(records, known_names, lo, hi):
    """Raise ProtocolError unless every record of `records` is well formed: a known kind and
    category, a name id that was interned (`known_names`, a bool array of 65536), times in
    [lo, hi] ns, spans that end after they start, finite counters, sane exit codes and
    thread keys that fit the record's kind."""
    if not len(records):
        return
    kind = records["kind"]
    low, high = kind.min(), kind.max()
    if low < KINDS.start or high >= KINDS.stop:
        bad = kind[(kind < KINDS.start) | (kind >= KINDS.stop)][0]
        raise ProtocolError(f"a record of unknown kind {bad}")
    if records["cat"].max() >= N_CATEGORIES:
        raise ProtocolError(f"a record of unknown category {records['cat'].max()}")
    if not known_names[records["name"]].all():
        bad = records["name"][~known_names[records["name"]]][0]
        raise ProtocolError(f"a record uses name id {bad}, which was never sent")
    ts = records["ts"]
    if ts.min() < lo or ts.max() > hi:
        raise ProtocolError("a record's time lies outside the run")
    if low == high == probe.SPAN:               # the common frame: spans only
        _check_spans(ts, records["a"], hi)
        return
    spans = kind == probe.SPAN
    if spans.any():
        _check_spans(ts[spans], records["a"][spans], hi)
    _check_special(records[~spans])


def _check_spans(t0, t1, hi):
    if t1.max() > hi or (t1 < t0 - SPAN_SLACK_NS).any():
        raise ProtocolError("a span ends before it starts or after the run")


def _check_special(records):
    kind, a, thread = records["kind"], records["a"], records["thread"]
    counters = kind == probe.COUNTER
    if counters.any() and not np.isfinite(a[counters].view(np.float64)).all():
        raise ProtocolError("a counter value is not a finite number")
    codes = (kind == probe.PROCESS_EXIT) | (kind == probe.CHILD_EXIT)
    if codes.any() and ((a[codes] < -MAX_CODE) | (a[codes] >= MAX_CODE)).any():
        raise ProtocolError("an exit code out of range")
    lanes = kind == probe.LANE
    if lanes.any() and (thread[lanes] >= 0).any():
        raise ProtocolError("a virtual lane with a thread's key")
    real = np.isin(kind, _REAL_THREAD_KINDS)
    if real.any() and (thread[real] < 0).any():
        raise ProtocolError("a thread record with a virtual lane's key")
    subs = kind == probe.SUBLANE_START
    if subs.any() and ((a[subs] < 0) | (a[subs] == thread[subs])).any():
        raise ProtocolError("a sublane with an impossible parent thread")
