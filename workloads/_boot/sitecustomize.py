"""Switches the Concurrency Lab probe on in every Python process of a traced lesson.

The runner puts this folder on PYTHONPATH, so the interpreter imports it at start-up: in the
lesson's main process and in every spawned or forkserver child, which do not inherit sockets.
Forked children are covered by the probe's fork hook.
"""
import os

if os.environ.get("CLAB_TRACE"):
    import sys
    # One write per line: processes printing at the same time never splice their lines,
    # and each line still reaches the window's console at once. write_through=False also
    # under PYTHONUNBUFFERED, which would write the text and its newline separately.
    for _stream in (sys.stdout, sys.stderr):
        if hasattr(_stream, "reconfigure"):
            _stream.reconfigure(line_buffering=True, write_through=False)
    try:
        from workloads import autotrace
    except ImportError as exc:  # pragma: no cover - a broken PYTHONPATH
        import sys
        print(f"concurrency-lab: probe not importable: {exc}", file=sys.stderr)
    else:
        autotrace.start()
