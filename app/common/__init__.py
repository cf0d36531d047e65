"""The leaf of the application: helpers that import nothing from ``app`` (clock, text).

Models, core and every domain may import from here; this package imports only the standard
library (the import contract in pyproject.toml checks it).
"""
