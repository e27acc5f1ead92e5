"""The lesson programs and the tracing probe. Plain Python: no Qt, no GUI imports."""
