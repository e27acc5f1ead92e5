"""A test workload that ignores SIGTERM, and so does its child: Stop must kill them."""
import signal
import subprocess
import sys
import time

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    child = subprocess.Popen([sys.executable, "-c", "import signal, time; "
                              "signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                              "print('child ready', flush=True); time.sleep(600)"])
    print("ready", flush=True)
    time.sleep(600)
