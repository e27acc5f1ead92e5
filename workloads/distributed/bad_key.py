"""A worker with the wrong key knocks on the manager's door while two good workers work.

BaseManager checks every new connection with a challenge: the manager sends random bytes and
the client must answer with their HMAC under the shared key. A wrong key gives a wrong answer,
the manager closes the connection and the worker gets an AuthenticationError, before it can
send a single request. The manager goes on serving the good workers.
"""
import secrets
import socket
import sys
import time

from workloads import lesson_args, probe
from workloads._trace import remote_lanes
from workloads.distributed import launch
from workloads.distributed import task_manager as tm
from workloads.distributed.task_worker import REFUSED


def main():
    args = lesson_args.parse("distributed.bad_key")
    probe.process_name(f"manager on {socket.gethostname()}")
    manager, key = tm.new_manager()
    with launch.serving(manager):
        task, result = manager.get_task_queue(), manager.get_result_queue()
        task, result = remote_lanes.on_manager(task, result)
        numbers = tm.put_tasks(task, args.tasks)
        workers = [launch.start_worker(manager, key) for _ in range(args.workers)]
        time.sleep(0.5)                              # the good workers are busy by now
        wrong_key = secrets.token_hex(16)            # a guess: as good as any other
        print("A worker with the wrong key tries to connect...", flush=True)
        intruder = launch.start_worker(manager, wrong_key)
        results, repeats = tm.collect(result, len(numbers), workers + [intruder], 1.0)
        figures = tm.account(task, numbers, results, repeats)
        launch.finish(workers + [intruder])
    print(f"The worker with the wrong key ended with exit code {intruder.returncode}; "
          f"the good workers returned {len(results)} of {len(numbers)} results.")
    probe.result(**figures, wrong_key_exit_code=intruder.returncode,
                 wrong_key_refused=intruder.returncode == REFUSED)
    return 1 if figures["lost"] or repeats or len(results) < len(numbers) else 0


if __name__ == "__main__":
    sys.exit(main())
