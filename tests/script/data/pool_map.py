import time
from multiprocessing import Pool


def work(x):
    time.sleep(0.2)
    return x * x


if __name__ == "__main__":
    with Pool(2) as p:
        print(p.map(work, range(6)))
