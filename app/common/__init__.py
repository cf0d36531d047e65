"""The leaf of the application: helpers that import nothing from ``app`` (clock, text,
French identifiers).

Models, core and every domain may import from here; this package imports only the standard
library and python-stdnum (the import contract in pyproject.toml checks that nothing comes
from ``app``).
"""
