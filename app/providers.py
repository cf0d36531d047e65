"""Where the domains plug into the shared registries.

The metric registry (``app.metrics``) and the agenda (``app.agenda``) sit below the domains
and import none of them; each domain declares its metrics in its ``metrics.py`` and its
agenda items in its ``agenda.py``, registered when imported. This module imports them all,
once: the API (``app.api``) and the command line import it, so every registry is complete
wherever the application runs.
"""

from __future__ import annotations

from app.agenda import items as agenda_tasks
from app.prospects import agenda as prospects_agenda
from app.tours import agenda as tours_agenda
from app.watch import agenda as watch_agenda

# Imported for what they register (named here so that no linter drops them): tasks;
# appointments and next-contact dates; tour days; task links to watch items. The plans add
# theirs the same way (app.plans.agenda: planned actions).
AGENDA_PROVIDERS = (agenda_tasks, prospects_agenda, tours_agenda, watch_agenda)
