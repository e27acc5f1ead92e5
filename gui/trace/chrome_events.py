"""Chrome trace events -> `TraceModel` (the reading half of gui/trace/chrome_json.py).

Name events with `args["lane"]` (written by this app) rebuild each lane exactly: parent,
raw name, lifetime, exit code, thread key, virtual row or sublane. The zero-length
"message" slices this app writes are the ends of arrows (their flow id and direction in
`args`; the "s"/"f" flow event that follows each is the same end, read once) and its
"lifetime" slices only give an idle row a track in Perfetto: neither is a span. Arrows of
other tools come from "s"/"f" events and from slices bound with `bind_id`. Without lane
names (older traces, other tools) lanes come from the names and the events themselves. "X" spans, the bulk of a
trace, are read column by column, with the note of a span cut short (`args["cut"]`); a thread
id used by two lanes over a run goes to the lane alive at the span's start.
"""
import numpy as np

from gui.trace.model import STATES, Lane, TraceModel

_STATE = {name: code for code, name in enumerate(STATES) if name}
_RUN = STATES.index("run")
MAX_CUT = 64                    # characters of a span's "cut" note read back


def build(events, shift=False):
    """A model of `events` (dicts); with `shift` the first event is moved to 0 s."""
    return _Builder(events, shift).model


def _number(value, default=None):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def _int(value):
    """An integer pid, tid, flow id or exit code; other tools may write "0x1f" or names."""
    try:
        number = int(value, 0) if isinstance(value, str) else value
    except ValueError:
        return None
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number if isinstance(number, int) and not isinstance(number, bool) else None


class _Builder:
    """One pass over the events: lanes first (name events), then everything on them."""

    def __init__(self, events, shift):
        self.model = model = TraceModel()
        self.events = [e for e in events if isinstance(e, dict)]
        self.origin = self._origin() if shift else 0.0
        self.exact = False                      # lanes came with args["lane"]
        self.by_place = {}                      # (pid, tid) -> [thread Lane, ...]
        self.ids = {}                           # other tools' non-integer pids/tids
        self._lanes()
        self._events()
        model.changed(layout=True)

    def _origin(self):
        times = [_number(e.get("ts"), np.inf) for e in self.events if e.get("ph") != "M"]
        return min(times) if times and min(times) < np.inf else 0.0

    def _id(self, value):
        """An integer for an id; other tools' names ("renderer") get negative numbers."""
        number = _int(value)
        return self.ids.setdefault(str(value), -(len(self.ids) + 1)) if number is None \
            else number

    def _time(self, ts):
        return (ts - self.origin) / 1e6

    # -- lanes ------------------------------------------------------------------------
    def _lanes(self):
        named = [e for e in self.events
                 if e.get("ph") == "M" and e.get("name") in ("process_name", "thread_name")]
        self.exact = bool(named) and all(
            isinstance((e.get("args") or {}).get("lane"), dict) for e in named)
        made = []
        for e in named:
            args = e.get("args") if isinstance(e.get("args"), dict) else {}
            info = args.get("lane") if self.exact else {}
            pid, label = self._id(e.get("pid", 0)), str(args.get("name", ""))
            if e["name"] == "process_name":
                made.append(self._process(pid, label, info, made))
            else:
                made.append(self._thread(pid, self._id(e.get("tid", 0)), label, info, made))

    def _process(self, pid, label, info, made):
        model = self.model
        if pid in model.processes:                  # named twice: the last name wins
            lane = model.processes[pid]
            lane.name = info.get("name", label) if self.exact else _raw_name(pid, label)
            return lane
        if self.exact:
            name, parent = info.get("name", label), _parent(info, made)
        else:
            name, parent = _raw_name(pid, label), _forked_from(pid, label, model)
        lane = self._add(Lane(len(model.lanes), "process", pid, pid, name, parent))
        model.processes[pid] = lane
        self._lifetime(lane, info)
        return lane

    def _thread(self, pid, tid, label, info, made):
        model = self.model
        parent = _parent(info, made) if self.exact else None
        if parent is None:
            parent = self._process_lane(pid)
        key = info.get("key", 0)
        lane = Lane(len(model.lanes), "thread", pid, 0 if key else tid,
                    info.get("name", label), parent, key=key or tid)
        lane.virtual, lane.group = bool(info.get("virtual")), info.get("group", "")
        lane.sublane = bool(info.get("sublane"))
        self._lifetime(lane, info)
        self.by_place.setdefault((pid, tid), []).append(self._add(lane))
        return lane

    def _lifetime(self, lane, info):
        for key in ("start", "end"):
            value = _number(info.get(key))
            if value is not None:
                setattr(lane, key, self._time(value))
        lane.exit_code = _int(info.get("exit_code"))

    def _add(self, lane):
        self.model.lanes.append(lane)
        if lane.parent is not None:
            lane.parent.children.append(lane)
        return lane

    def _process_lane(self, pid):
        lane = self.model.processes.get(pid)
        if lane is None:
            lane = self._process(pid, "", {}, [])
        return lane

    def lane_at(self, pid, tid, t):
        """The thread lane of `pid`/`tid` alive at `t` (ids can be reused over a run)."""
        lanes = self.by_place.get((pid, tid))
        if not lanes:
            lane = Lane(len(self.model.lanes), "thread", pid, tid, "", self._process_lane(pid),
                        key=tid)
            lanes = self.by_place[pid, tid] = [self._add(lane)]
        if len(lanes) == 1:
            return lanes[0].id
        alive = [lane for lane in lanes
                 if (lane.start is None or lane.start <= t + 1e-9)
                 and (lane.end is None or t <= lane.end + 1e-9)]
        return (alive or lanes)[-1].id

    # -- events -----------------------------------------------------------------------
    def _events(self):
        model = self.model
        spans = {"t0": [], "t1": [], "lane": [], "state": [], "name": []}
        marks = {"t": [], "lane": [], "name": []}
        flows = {"t": [], "lane": [], "name": [], "fid": [], "dir": []}
        opened = {}                                 # (pid, tid) -> [(t, cat, name)] for B/E
        ends, rest, xs = [], [], []
        for e in self.events:
            (xs if e.get("ph") == "X" else rest).append(e)
        xs = self._message_ends(xs, flows)
        self._complete_spans(xs)                    # the bulk of a trace: in columns
        for e in rest:
            ph, ts = e.get("ph"), _number(e.get("ts"))
            if ph == "M" or ts is None:
                continue
            t = self._time(ts)
            pid, tid = self._id(e.get("pid", 0)), self._id(e.get("tid", 0))
            name = e.get("name")
            name = name if isinstance(name, str) else ""
            if ph == "B":
                opened.setdefault((pid, tid), []).append((t, e, name))
            elif ph == "E":
                stack = opened.get((pid, tid))
                if stack:
                    t0, begin, text = stack.pop()
                    self._span(spans, pid, tid, t0, max(t, t0), begin, text)
            elif ph in ("i", "I") and e.get("s") == "p" and name == "exit":
                ends.append((pid, t, (e.get("args") or {}).get("exit_code")))
            elif ph in ("i", "I", "R", "n"):
                marks["t"].append(t)
                marks["lane"].append(self.lane_at(pid, tid, t))
                marks["name"].append(model.name_id(name))
            elif ph in ("s", "f"):
                d = 1 if ph == "s" else -1
                if (e.get("pid", 0), e.get("tid", 0), ts, d) not in self._slice_ends:
                    self._flow_end(flows, e, e.get("id", e.get("bind_id")), d)
            elif ph == "C":
                self._counter(pid, t, name, e.get("args"))
        last = max(spans["t1"] + marks["t"] + [model.end_time])
        for (pid, tid), stack in opened.items():     # begun, never ended: up to the last event
            for t0, begin, text in stack:
                self._span(spans, pid, tid, t0, max(t0, last), begin, text)
        if spans["t0"]:
            model.add_spans(np.array(spans["t0"]), np.array(spans["t1"]),
                            np.array(spans["lane"], np.int32), np.array(spans["state"], np.uint8),
                            np.array(spans["name"], np.int32))
        if marks["t"]:
            model.marks.append(**marks)
        if flows["t"]:
            model.flows.append(**flows)
        for pid, t, code in ends if not self.exact else ():   # exact: the lanes have them
            lane = self._process_lane(pid)
            lane.end, lane.exit_code = t, _int(code)
        times = [model.end_time] + marks["t"] + flows["t"] + [
            t for lane in model.lanes for t in (lane.start, lane.end) if t is not None]
        model.touch(max(times))

    def _message_ends(self, xs, flows):
        """Arrow ends carried by "X" events; returns the "X" events that are spans. The
        flow event that this app writes after each such end ("s"/"f" at the same row and
        moment) is the same end, so it is read once (`_slice_ends`)."""
        spans = []
        self._slice_ends = set()
        for e in xs:
            args = e.get("args") if isinstance(e.get("args"), dict) else {}
            if _is_lifetime(e):
                continue
            if _is_message_end(e, args):
                self._flow_end(flows, e, args["flow"], args["dir"])
                self._slice_ends.add((e.get("pid", 0), e.get("tid", 0), _number(e.get("ts")),
                                      args["dir"]))
                continue
            if e.get("bind_id") is not None:                # another tool's flow v2
                for key, d in (("flow_in", -1), ("flow_out", 1)):
                    if e.get(key) is True:
                        self._flow_end(flows, e, e["bind_id"], d)
            spans.append(e)
        return spans

    def _flow_end(self, flows, event, fid, d):
        ts = _number(event.get("ts"))
        if ts is None:
            return
        t = self._time(ts)
        name = event.get("name")
        flows["t"].append(t)
        flows["lane"].append(self.lane_at(self._id(event.get("pid", 0)),
                                          self._id(event.get("tid", 0)), t))
        flows["name"].append(self.model.name_id(name if isinstance(name, str) else ""))
        flows["fid"].append(self._id(fid))
        flows["dir"].append(d)

    def _complete_spans(self, xs):
        """"X" events, column by column (a million take seconds, not tens of seconds)."""
        ts = _floats([e.get("ts") for e in xs])
        if not np.isfinite(ts).all():
            xs = [e for e, good in zip(xs, np.isfinite(ts).tolist()) if good]
            ts = ts[np.isfinite(ts)]
        if not xs:
            return
        dur = np.nan_to_num(_floats([e.get("dur") for e in xs]), nan=0.0)
        t0 = (ts - self.origin) / 1e6
        t1 = (ts + np.maximum(dur, 0.0) - self.origin) / 1e6
        places = {}
        try:
            codes = [places.setdefault((e.get("pid", 0), e.get("tid", 0)), len(places))
                     for e in xs]
        except TypeError:                               # unhashable ids from another tool
            places.clear()
            codes = [places.setdefault(_place(e), len(places)) for e in xs]
        codes = np.array(codes, np.int64)
        lane_of, lane = np.zeros(len(places), np.int32), None
        for (pid, tid), code in places.items():
            pid, tid = self._id(pid), self._id(tid)
            lane_of[code] = self.lane_at(pid, tid, 0.0)
            if len(self.by_place[pid, tid]) > 1:        # an id reused: by time, span by span
                lane = lane_of[codes] if lane is None else lane
                for i in np.flatnonzero(codes == code).tolist():
                    lane[i] = self.lane_at(pid, tid, t0[i])
        lane = lane_of[codes] if lane is None else lane
        state = [_STATE.get(c, _RUN) if isinstance(c, str) else _RUN
                 for c in (e.get("cat") for e in xs)]
        name_id = self.model.name_id
        names = [0 if n == STATES[c] else name_id(n if isinstance(n, str) else "")
                 for n, c in zip((e.get("name") for e in xs), state)]
        first = len(self.model.spans)
        self.model.add_spans(t0, t1, lane, np.array(state, np.uint8), np.array(names, np.int32))
        for i, args in enumerate(e.get("args") for e in xs):
            why = args.get("cut") if args else None         # cut short: why (chrome_json.py)
            if isinstance(why, str) and 0 < len(why) <= MAX_CUT:
                self.model.cut[first + i] = why

    def _span(self, spans, pid, tid, t0, t1, event, name):
        cat = event.get("cat")
        state = _STATE.get(cat, _RUN) if isinstance(cat, str) else _RUN
        spans["t0"].append(t0)
        spans["t1"].append(t1)
        spans["lane"].append(self.lane_at(pid, tid, t0))
        spans["state"].append(state)
        spans["name"].append(0 if name == STATES[state] else self.model.name_id(name))

    def _counter(self, pid, t, name, args):
        if not isinstance(args, dict):
            return
        for key, value in args.items():
            value = _number(value)
            if value is not None:
                self._process_lane(pid)
                if not name or not key:             # ("", {"balance": 1}), ("balance", {"": 1})
                    series = name or key
                else:
                    series = name if key == name or len(args) == 1 else f"{name} {key}"
                self.model.add_counter(series, t, float(value))



def _is_message_end(event, args):
    """One end of an arrow as chrome_json.py writes it: a zero-length "message" slice."""
    return (event.get("cat") == "message" and event.get("dur") == 0
            and _int(args.get("flow")) is not None and args.get("dir") in (1, -1))


def _is_lifetime(event):
    """An idle row's lifetime, written only to give the row a track in Perfetto."""
    return event.get("cat") == "lifetime" and event.get("name") == "alive"


def _floats(values):
    """A float column; NaN where a value is missing or not a number."""
    try:
        return np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        return np.array([v if _number(v) is not None else np.nan for v in values], np.float64)


def _place(event):
    """(pid, tid) of an event as text, for ids another tool wrote as lists or objects."""
    return str(event.get("pid", 0)), str(event.get("tid", 0))


def _parent(info, made):
    index = info.get("parent")
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(made):
        return made[index]
    return None


def _raw_name(pid, label):
    """The process name behind a label this app wrote without lane details (older traces):
    "PID 7 · Pool worker 2" -> "PoolWorker-2"; other tools' names stay as they are."""
    prefix = f"PID {pid} · "
    if not label.startswith(prefix):
        return label
    role = label[len(prefix):]
    if role == "main process" or role.startswith("child of PID "):
        return "MainProcess" if role == "main process" else ""
    if role.startswith("Pool worker "):
        return "PoolWorker-" + role[len("Pool worker "):]
    head, _, tail = role.rpartition(" ")
    return f"{head}-{tail}" if head and tail.replace(":", "").isdigit() else role


def _forked_from(pid, label, model):
    """The parent a label names ("PID 8 · child of PID 7"), when it was read already."""
    marker = f"PID {pid} · child of PID "
    if label.startswith(marker) and label[len(marker):].isdigit():
        return model.processes.get(int(label[len(marker):]))
    return None
