"""Processes: fork, Process, Pool, Queue, Pipe and the start methods."""
