"""threading.local(): one global name, a separate value in every thread.

Each thread works for one student. Passing the student down to every function it calls is
tedious, and an ordinary global variable cannot hold a different student per thread. A
`threading.local()` object can: it is one global object, but every attribute a thread sets on
it is seen by that thread only. The older alternative is a global dict with the thread itself
as the key: it works too, but every function has to look its own thread up.
"""
import string
import sys
import threading
import time

from workloads import lesson_args, probe
from workloads._trace import local_reads as seen     # the window's record of the reads

# One global object; every thread that sets `student` on it gets its own `student`.
local_school = threading.local()

# The alternative: an ordinary global dict, keyed by the thread.
global_dict = {}


def process_student():
    # No argument needed: the thread's own student is found through local_school.
    std = local_school.student
    seen.read("local_school", std)
    print(f"Hello, {std} (in {threading.current_thread().name}, via local_school)")


def process_student_dict():
    # The same with the dict: it works, but each function looks its own thread up.
    std = global_dict[threading.current_thread()]
    seen.read("global_dict", std)
    print(f"Hello, {std} (in {threading.current_thread().name}, via global_dict)")


def process_thread(name, work_s, everyone_bound):
    local_school.student = name                         # bind this thread's student
    global_dict[threading.current_thread()] = name      # the dict way
    seen.bound(name)
    # Wait until every thread has bound its student. An ordinary global variable would
    # now hold the name bound last, in every thread.
    everyone_bound.wait()
    with probe.span("work", cat="task"):
        time.sleep(work_s)                              # stands in for the thread's work
    process_student()
    process_student_dict()


if __name__ == "__main__":
    args = lesson_args.parse("threads.local")
    names = [name.strip() for name in args.names.split(",") if name.strip()]
    if not 1 <= len(names) <= 26:
        sys.exit("names: give 1 to 26 comma-separated names, one thread each")
    everyone_bound = threading.Barrier(len(names))
    # Each thread works a little longer than the one before, so they print one after another:
    # print() calls from several threads at the same moment can mix their lines.
    threads = [threading.Thread(target=process_thread, name=f"Thread-{string.ascii_uppercase[i]}",
                                args=(name, 0.2 + 0.1 * i, everyone_bound))
               for i, name in enumerate(names)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # The main thread never bound a student: for it, local_school has no `student` at all.
    main_has_student = hasattr(local_school, "student")
    print(f"In MainThread: hasattr(local_school, 'student') is {main_has_student}")
    # The dict keeps its entries (and the Thread objects) after the threads have ended.
    print(f"global_dict still holds {len(global_dict)} entries after the threads ended")
    probe.result(reads=seen.rows(), main_thread_has_student=main_has_student,
                 global_dict_entries=len(global_dict))
