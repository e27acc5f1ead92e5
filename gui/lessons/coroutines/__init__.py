"""Coroutines and async IO: generators, gevent, asyncio, aiohttp (catalog ids async.*)."""
