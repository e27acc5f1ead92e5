"""Distributed processes: a manager's task queue served to workers over the network."""
