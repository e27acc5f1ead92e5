"""What the timeline says under the mouse: the span there, or the lane's pid, tid, lifetime
and exit code. A mixin of `TimelineView` (it reads `model`, `spans` and `lane_axis`)."""
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.run.exit_reason import describe as describe_exit
from gui.views.palette import state_label
from gui.views.lane_axis import shown_label


_CUT = {"terminated": QT_TRANSLATE_NOOP("TimelineText", "cut short: its process was terminated"),
        "killed": QT_TRANSLATE_NOOP("TimelineText", "cut short: its process was killed"),
        "stopped": QT_TRANSLATE_NOOP("TimelineText", "cut short: the run was stopped"),
        "ended": QT_TRANSLATE_NOOP("TimelineText", "cut short: its process or thread ended")}


def cut_text(why):
    """Why a span ends where it does, for a span cut short (`TraceModel.cut_reason`)."""
    if why in _CUT:
        return translate("TimelineText", _CUT[why])
    return translate("TimelineText", "cut short: {reason}").format(reason=why)


def _ms(seconds):
    ms = seconds * 1e3
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.2f} ms" if ms >= 1 else f"{ms:.3f} ms"


class TimelineText:
    def describe(self, t, y, tolerance=0.0):
        """Tooltip text for time `t` at view height `y`: the span there, else the lane."""
        row = self.lane_axis.row_at(y)
        if row < 0:
            return ""
        found = self.spans.spans_at(t, row, tolerance)
        if len(found):
            s = self.model.spans
            i, names = int(found[0]), self.model.names
            name = names[s["name"][i]] if 0 <= s["name"][i] < len(names) else ""
            text = self._span_text(name, s["state"][i], s["t0"][i], s["t1"][i], row)
            cut = self.model.cut_reason(i)      # its process ended while it was still going
            return f"{text}\n{cut_text(cut)}" if cut else text
        # an open span lasts until now while the run is live (a deadlock sends nothing new)
        end, lane_rows = max(self.model.end_time, self.spans.live_edge), self.model.lane_rows()
        for (lane, state, name), start in self.model.open_spans.items():
            if 0 <= lane < len(lane_rows) and lane_rows[lane] == row \
                    and start - tolerance <= t <= end + tolerance:
                return self._span_text(name, state, start, None, row)
        return self.describe_lane(row)

    def _span_text(self, name, state, t0, t1, row):
        label = state_label(int(state))
        lane = self.model.rows()[row][0]
        where = lane.label if lane.kind == "process" else f"{lane.label} · PID {lane.pid}"
        return "\n".join([name or label, translate("TimelineText", "state: {state}").format(
            state=label), self._when(t0, t1), where])

    def _when(self, t0, t1):
        """When a span ran: its start and length in seconds, or, on a timeline whose x counts
        moves (a stepped run: move k spans k - 1 to k), the moves it covers."""
        if getattr(self.model, "x_label", None):
            first = int(round(t0)) + 1
            if t1 is None:
                return translate("TimelineText", "from move {first}, still going").format(
                    first=first)
            last = max(first, int(round(t1)))
            if last == first:
                return translate("TimelineText", "move {n}").format(n=first)
            return translate("TimelineText", "moves {first}–{last}").format(first=first,
                                                                            last=last)
        if t1 is None:
            return translate("TimelineText", "start {start} s · still running").format(
                start=f"{t0:.4f}")
        return translate("TimelineText", "start {start} s · {took}").format(
            start=f"{t0:.4f}", took=_ms(t1 - t0))

    def describe_lane(self, row):
        """Tooltip text for a lane label: pid, tid, lifetime and exit code when known."""
        if self.model is None or not 0 <= row < len(self.model.rows()):
            return ""
        lane = self.model.rows()[row][0]
        lines = [lane.label]
        if lane.kind == "summary":              # its label says how many it holds
            return shown_label(lane)
        if lane.kind == "counter":
            values = self.model.counters[lane.name]["value"]
            if len(values):
                lines.append(translate(
                    "TimelineText", "a counter: last {last}, lowest {low}, highest {high}").format(
                    last=f"{values[-1]:g}", low=f"{values.min():g}", high=f"{values.max():g}"))
            return "\n".join(lines)
        if lane.kind == "process":
            if lane.parent is not None:
                lines.append(translate("TimelineText", "process, PID {pid} · parent PID {parent}")
                             .format(pid=lane.pid, parent=lane.parent.pid))
            else:
                lines.append(translate("TimelineText", "process, PID {pid}").format(pid=lane.pid))
        else:
            lines.append(translate("TimelineText", "thread, TID {tid} in PID {pid}").format(
                tid=lane.tid, pid=lane.pid))
        if not getattr(self.model, "x_label", None):        # a stepped run counts moves
            start = f"{lane.start:.3f} s" if lane.start is not None else "?"
            end = (f"{lane.end:.3f} s" if lane.end is not None
                   else translate("TimelineText", "still running"))
            lines.append(translate("TimelineText", "alive {start} – {end}").format(
                start=start, end=end))
        if lane.exit_code is not None:
            lines.append(translate("TimelineText", "exit code {code}: {why}").format(
                code=lane.exit_code, why=describe_exit(lane.exit_code)))
        return "\n".join(lines)
