"""A test workload: figures reported by the main process (in two calls, the second
replacing one figure) and by a child."""
import multiprocessing

from workloads import probe


def child():
    probe.result(child_says="hello from the child")


if __name__ == "__main__":
    probe.result(balance=13, lost=2, rows=[[1, "t1 reads", 0], [2, "t2 reads", 0]], shared=2)
    worker = multiprocessing.get_context("spawn").Process(target=child)
    worker.start()
    worker.join()
    probe.result(shared=1, fraction=0.25, ok=True)
    print("reported")
