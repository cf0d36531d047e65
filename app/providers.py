"""Where the domains plug into the shared registries.

The metric registry (``app.metrics``) and the agenda (``app.agenda``) sit below the domains
and import none of them; each domain declares its metrics in its ``metrics.py`` and its
agenda items in its ``agenda.py``, registered when imported. This module imports them all,
once: the API (``app.api``) and the command line import it, so every registry is complete
wherever the application runs.
"""

from __future__ import annotations


# The plans will add theirs the same way: app.plans.agenda (planned actions).
