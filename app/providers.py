"""Where the domains plug into the shared registries.

The metric registry (``app.metrics``) and the agenda (``app.agenda``) sit below the domains
and import none of them; each domain declares its metrics in its ``metrics.py`` and its
agenda items in its ``agenda.py``, registered when imported. This module imports them all,
once: the API (``app.api``) and the command line import it, so every registry is complete
wherever the application runs.
"""

from __future__ import annotations

from app.agenda import items as agenda_tasks
from app.follow_up import agenda as follow_up_agenda
from app.follow_up import metrics as follow_up_metrics
from app.loyalty import agenda as loyalty_agenda
from app.loyalty import metrics as loyalty_metrics
from app.plans import agenda as plans_agenda
from app.prospects import agenda as prospects_agenda
from app.prospects import metrics as prospects_metrics
from app.sales import metrics as sales_metrics
from app.social import metrics as social_metrics
from app.tours import agenda as tours_agenda
from app.tours import metrics as tours_metrics
from app.watch import agenda as watch_agenda
from app.watch import metrics as watch_metrics

# Imported for what they register (named here so that no linter drops them).
# The metric registry (app/metrics/README.md): contacts, appointments, statuses, campaigns;
# tour days, km and CO2; watch items classified; interviews and quotes; the follow-up's
# deliveries on time, complaints, unpaid invoices and procedure compliance; loyalty's
# repeat purchases, retention, reactivation, NPS, information regularity, offers accepted;
# social selling's posts published and their reach, actions, connections, leads, appointments.
METRIC_PROVIDERS = (
    prospects_metrics,
    tours_metrics,
    watch_metrics,
    sales_metrics,
    follow_up_metrics,
    loyalty_metrics,
    social_metrics,
)
# The agenda (app/agenda/README.md): tasks; appointments and next-contact dates; tour days;
# task links to watch items; the plans' actions; deliveries, invoices and complaints due;
# loyalty events and relaunch steps due.
AGENDA_PROVIDERS = (
    agenda_tasks,
    prospects_agenda,
    tours_agenda,
    watch_agenda,
    plans_agenda,
    follow_up_agenda,
    loyalty_agenda,
)
