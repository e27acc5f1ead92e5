"""A worker is killed while it holds a task: the task is lost.

The first worker dies halfway through its first task, as it would in a power cut or at the
hands of the kernel's out-of-memory killer. The task queue handed that task out once and
forgot it: get() removed it, and nothing ever puts it back. This is at-most-once delivery.
Real task queues (Celery, RabbitMQ, SQS) keep a task until the worker acknowledges it is done,
and give it to another worker when the one that took it dies.
"""
import socket
import sys
import time

from workloads import lesson_args, probe
from workloads._trace import remote_lanes
from workloads.distributed import launch
from workloads.distributed import task_manager as tm

DIES_AT_TASK = 1            # the first worker is killed during its first task


def main():
    args = lesson_args.parse("distributed.worker_crash")
    probe.process_name(f"manager on {socket.gethostname()}")
    manager, key = tm.new_manager()
    with launch.serving(manager):
        task, result = manager.get_task_queue(), manager.get_result_queue()
        task, result = remote_lanes.on_manager(task, result)
        numbers = tm.put_tasks(task, args.tasks)
        doomed = launch.start_worker(manager, key, "--crash-after", str(DIES_AT_TASK))
        # the others start once the doomed worker holds its task, so it surely gets one
        while task.qsize() == len(numbers) and doomed.poll() is None:
            time.sleep(0.01)
        workers = [doomed] + [launch.start_worker(manager, key)
                              for _ in range(args.workers - 1)]
        results, repeats = tm.collect(result, len(numbers), workers, 1.0)
        figures = tm.account(task, numbers, results, repeats)
        launch.finish(workers)
    lost = figures["lost"]
    print(f"Worker PID {doomed.pid} was killed (exit code {doomed.returncode}); "
          f"{lost} task{'s' if lost != 1 else ''} never came back: at-most-once "
          "delivery. A queue that waits for an acknowledgement would hand it out again.")
    probe.result(**figures, killed_pid=doomed.pid, killed_exit_code=doomed.returncode)
    return 0 if lost == 1 and not repeats else 1


if __name__ == "__main__":
    sys.exit(main())
