import os, subprocess, sys
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        print("child", os.getpid())
        os._exit(3)
    os.waitpid(pid, 0)
    with ProcessPoolExecutor(2) as ex:
        print(list(ex.map(square, range(4))))
    subprocess.run([sys.executable, "-c", "import sys; print('grandchild'); sys.exit(4)"])
