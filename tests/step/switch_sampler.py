"""Where does this interpreter really switch threads inside the race lesson's code?

Run as ``python switch_sampler.py ROOT VARIANT SECONDS``: one thread runs the lesson's loop
while this one, woken at every GIL hand-over (a tiny switch interval), notes where the loop's
frame stood. Prints JSON: each place seen (function, instruction, the next one) and what the
stepper's rules say of a switch there.
"""
import dis
import json
import sys
import threading
import time

sys.path.insert(0, sys.argv[1])
from workloads._trace import stepper_switch  # noqa: E402
from workloads.threads import race            # noqa: E402

variant, seconds = sys.argv[2], float(sys.argv[3])
race.iterations = 10 ** 9
run = {"naive": race.run_thread, "widened": race.run_thread_widened}[variant]
sys.setswitchinterval(1e-6)
worker = threading.Thread(target=run, args=(5,), daemon=True)
seen = {}
worker.start()
end = time.perf_counter() + seconds
while time.perf_counter() < end:
    frame = sys._current_frames().get(worker.ident)
    while frame is not None and frame.f_code.co_filename != race.__file__:
        frame = frame.f_back
    if frame is not None:
        key = (frame.f_code, frame.f_lasti)
        seen[key] = seen.get(key, 0) + 1
places = []
for (code, lasti), count in sorted(seen.items(), key=lambda item: item[0][1]):
    ops = list(dis.get_instructions(code))
    # the instruction that holds `lasti` (3.11+ may stand inside a call's inline cache)
    at = [i for i, op in enumerate(ops) if op.offset <= lasti][-1:]
    if not at:                          # a frame that has not started its first instruction
        places.append({"function": code.co_name, "offset": lasti, "op": None,
                       "count": count, "why_not": None})
        continue
    op, following = ops[at[0]], (ops[at[0] + 1] if at[0] + 1 < len(ops) else None)
    places.append({"function": code.co_name, "offset": lasti, "op": op.opname,
                   "next": following and following.opname, "count": count,
                   "why_not": stepper_switch.why_not(op, following)})
print(json.dumps({"python": sys.version.split()[0], "places": places}))
