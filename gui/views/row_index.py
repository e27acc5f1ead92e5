"""The span index of a model with more lanes than rows: keyed by row, not by lane.

Beyond `TraceModel.rows`' limit, thousands of lanes share the summary row. Keyed by lane, the
index (and the coverage it computes per frame) would grow with the number of lanes; keyed by
row it stays bounded by what is shown.
"""
import numpy as np

from gui.views.coverage import SpanIndex


class RowSpans:
    """A model's spans with each lane id replaced by its row: what `SpanIndex` indexes when
    thousands of lanes share the summary row. Hidden lanes get the spare row `len(rows)`."""

    def __init__(self, model):
        self.model = model
        self.spans = self
        rows = model.lane_rows()
        self._rows = np.where(rows >= 0, rows, len(model.rows())).astype(np.int32)

    @property
    def end_time(self):
        return self.model.end_time

    def __len__(self):
        return len(self.model.spans)

    def __getitem__(self, name):
        column = self.model.spans[name]
        return self._rows[column] if name == "lane" else column


def span_index(model):
    """The span index a view of `model` draws from: keyed by lane, or by row when lanes
    beyond the row limit are folded into the summary row."""
    model.rows()                    # decides `folded`
    return SpanIndex(RowSpans(model) if model.folded else model)
