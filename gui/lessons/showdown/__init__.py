"""Showdown: the same work sequentially, with threads, processes, asyncio and gevent."""
