"""A test workload: more distinct names than the probe's 16-bit name ids can hold."""
import sys

from workloads import probe

if __name__ == "__main__":
    count = int(sys.argv[1])
    probe.mark("first")
    for i in range(count):
        probe.mark(f"name {i}")
    probe.mark("first")                     # an early name, used again after all the others
    probe.mark("last")                      # a new name once the ids are used up
    print("done")
