"""A test workload that fails with a traceback after printing a line."""
print("about to fail", flush=True)
raise RuntimeError("this lesson crashed on purpose")
