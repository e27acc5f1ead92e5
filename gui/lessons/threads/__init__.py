"""Threads: starting them, the race on a shared balance, the Lock, the deadlock, the GIL and
thread-local data."""
