"""What the window needs from a lesson that is not the lesson's idea: ledgers that record an
interleaving, gap detectors, remote lanes, the figures check. Lessons import these so that
their own files read like the textbook; the probe (`workloads/probe.py`) carries the records.
Standard library only, like every lesson, on CPython 3.9 and later."""
