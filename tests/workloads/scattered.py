"""A test workload that leaves processes the ways a lesson can, none of them traced: a
grandchild whose parent has already ended (double-forked by a shell, still in the lesson's
session, holding the lesson's output open), and a child that left the session with setsid.
It prints "ready PID" (the child that left), then waits --seconds=S."""
import subprocess
import sys
import time

if __name__ == "__main__":
    subprocess.run(["sh", "-c", "sleep 600 & exit 0"], check=True)
    away = subprocess.Popen(["sleep", "600"], start_new_session=True)
    print(f"ready {away.pid}", flush=True)
    time.sleep(float(sys.argv[1].partition("=")[2]))
