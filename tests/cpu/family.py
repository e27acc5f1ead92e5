"""A test workload for the cores view: the lesson's process starts one busy child and waits
for it; --seconds=S (default 600) later the child is ended and the lesson ends too."""
import subprocess
import sys

if __name__ == "__main__":
    seconds = float(sys.argv[1].partition("=")[2]) if len(sys.argv) > 1 else 600.0
    child = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
