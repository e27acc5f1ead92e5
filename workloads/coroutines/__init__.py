"""Lessons of the chapter "Coroutines and async IO"."""
