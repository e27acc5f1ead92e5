"""Questions of the chapters Coroutines and async IO, and Showdown (see gui/questions.py)."""
import os
import re

from gui.i18n import translate
from gui.questions import NO_ANSWER, Question, found, nearer

def _generator(v):
    def answer(values, model, output):
        threads = [lane.name for lane in model.lanes
                   if lane.kind == "thread" and not lane.sublane and not lane.virtual]
        if not threads:
            return NO_ANSWER
        return {1: 0, 2: 1}.get(len(threads), 2), translate(
            "Questions", "OS threads: {count} ({names})").format(count=len(threads),
                                                                names=", ".join(threads))
    return Question(translate("Questions", "The producer and the consumer hand control back "
                              "and forth. How many OS threads does that take?"),
                    (translate("Questions", "One"), translate("Questions", "Two: one each"),
                     translate("Questions", "Three or more")), answer)


def _gevent(v):
    count = v["greenlets"]
    if count < 2:
        return None
    how = (translate("Questions", "never giving way") if v["variant"] == "no_sleep" else
           translate("Questions", "calling gevent.sleep(0) after each line"))

    def answer(values, model, output):
        order = [int(n) for n in re.findall(r"^Greenlet-(\d+) \d+$", output, re.M)]
        if not order:
            return NO_ANSWER
        index = 0 if order == sorted(order) else \
            1 if order == [k % count for k in range(len(order))] else 2
        return index, translate("Questions", "the lines came from greenlets {order}…").format(
            order=" ".join(map(str, order[:2 * count + 1])))
    return Question(translate("Questions", "{count} greenlets each print 5 lines, {how}. In "
                              "what order do the lines come?").format(count=count, how=how),
                    (translate("Questions", "One greenlet after another: 0 0 0 0 0 1 1…"),
                     translate("Questions", "Taking turns: 0 1 2 0 1 2…"),
                     translate("Questions", "Mixed at random")), answer)


def _waits(v):
    delays = [float(d) for d in v["delays"].split(",") if d.strip()]
    longest, added = max(delays), sum(delays)
    if len(delays) < 2:
        return None

    def answer(values, model, output):
        total = found(r"^total: ([\d.]+) s", output) or found(r"took ([\d.]+) s:", output)
        if total is None:
            return NO_ANSWER
        return nearer(total, longest, added), translate("Questions", "done in {total:.2f} s"
                                                         ).format(total=total)
    return Question(translate("Questions", "{count} downloads from servers that wait {delays} "
                              "s. How long until all are done?").format(
                        count=len(delays), delays=", ".join(f"{d:g}" for d in delays)),
                    (translate("Questions", "About {s:g} s: the longest wait").format(s=longest),
                     translate("Questions", "About {s:g} s: all the waits added up"
                               ).format(s=added)), answer)


def _asyncio(v):
    s = v["sleep_s"]

    def answer(values, model, output):
        total = found(r"^total: ([\d.]+) s", output)
        if total is None:
            return NO_ANSWER
        return nearer(total, s, 2 * s), translate("Questions", "total {total:.2f} s").format(
            total=total)
    return Question(translate("Questions", "Two tasks each await asyncio.sleep({s:g}) in one "
                              "event loop. How long does the whole run take?").format(s=s),
                    (translate("Questions", "About {s:g} s").format(s=s),
                     translate("Questions", "About {s:g} s").format(s=2 * s)), answer)


def _await_syntax(v):
    def answer(values, model, output):
        new, old = found(r"^hello_new: ([\d.]+) s", output), \
            found(r"^hello_old: ([\d.]+) s", output)
        if new is None or old is None:
            return NO_ANSWER
        index = 2 if abs(new - old) <= 0.1 * max(new, old) else 0 if new < old else 1
        return index, translate("Questions", "async/await {new:.2f} s, old syntax {old:.2f} s"
                                ).format(new=new, old=old)
    return Question(translate("Questions", "The same two coroutines, written with async/await "
                              "and with the old generator syntax (yield from). Which is "
                              "faster?"),
                    ("async/await", translate("Questions", "The old syntax"),
                     translate("Questions", "Neither: both take about 0.5 s")), answer)


def _aiohttp(v):
    n = v["clients"]
    if n < 2:
        return None
    handler = "await asyncio.sleep(0.5)" if v["variant"] == "async" else "time.sleep(0.5)"

    def answer(values, model, output):
        total = found(r"^\d+ requests answered in ([\d.]+) s", output)
        if total is None:
            return NO_ANSWER
        return nearer(total, 0.5, 0.5 * n), translate(
            "Questions", "{count} requests answered in {total:.2f} s").format(count=n,
                                                                            total=total)
    return Question(translate("Questions", "{count} requests arrive at once; each handler "
                              "calls {handler}. How long until all are answered?").format(
                        count=n, handler=handler),
                    (translate("Questions", "About 0.5 s"),
                     translate("Questions", "About {s:g} s").format(s=0.5 * n)), answer)


def _fastest(output):
    match = re.search(r"^Fastest: (\w+)\.", output, re.M)
    return match.group(1) if match else None


def _walls(output):
    """{model: wall seconds} from the showdown's result lines."""
    return {name: float(wall) for name, wall in
            re.findall(r"^\s*(\w+): +([\d.]+) s wall", output, re.M)}


def _showdown_cpu(v):
    cores = os.cpu_count() or 1
    models = ("sequential", "threads", "processes", "asyncio")
    if cores < 2 or v["jobs"] < 2:
        return None

    def answer(values, model, output):
        fastest, walls = _fastest(output), _walls(output)
        if fastest not in models:
            return NO_ANSWER
        return models.index(fastest), ", ".join(f"{m} {w:.2f} s" for m, w in walls.items())
    return Question(translate("Questions", "{jobs} jobs that only compute, on {cores} cores. "
                              "Which model finishes them first?").format(jobs=v["jobs"],
                                                                         cores=cores),
                    (translate("Questions", "One after another"),
                     translate("Questions", "Threads"), translate("Questions", "Processes"),
                     "asyncio"), answer)


def _showdown_io(v):
    jobs, delay = v["jobs"], v["delay_ms"] / 1000
    if jobs < 2:
        return None

    def answer(values, model, output):
        walls = _walls(output)
        if "sequential" not in walls or len(walls) < 3:
            return NO_ANSWER
        quick = {m for m, w in walls.items() if nearer(w, delay, delay * jobs) == 0}
        index = 1 if quick == set(walls) - {"sequential"} else \
            0 if quick == {"asyncio", "gevent"} & set(walls) else 2 if not quick else None
        return index, ", ".join(f"{m} {w:.2f} s" for m, w in walls.items())
    return Question(translate("Questions", "{jobs} requests to a server that answers after "
                              "{delay:g} s. Which models get them all done in about {delay:g} "
                              "s instead of {total:g} s?").format(jobs=jobs, delay=delay,
                                                                  total=delay * jobs),
                    (translate("Questions", "Only asyncio and gevent"),
                     translate("Questions", "Every concurrent one: threads, processes, "
                               "asyncio, gevent"),
                     translate("Questions", "None: the requests still go one at a time")),
                    answer)


QUESTIONS = {"async.generator": _generator, "async.gevent": _gevent, "async.gevent_io": _waits,
             "async.asyncio": _asyncio, "async.wget": _waits, "async.await_syntax": _await_syntax,
             "async.aiohttp": _aiohttp, "showdown.cpu": _showdown_cpu,
             "showdown.io": _showdown_io}
