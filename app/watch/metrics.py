"""The watch's metric (app/metrics/README.md): items classified fact or opinion.

No date of classification is stored (``watch_items`` keeps the classification, not when it
was given): an item counts in the period it was recorded in the trainee's watch (fetched or
entered by hand, ``created_at``) when it carries a classification now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.metrics.registry import MetricDef, MetricKind, Period, grouped, register
from app.models import WatchItem


def watch_items_classified(
    session: Session, owners: Sequence[int], period: Period
) -> Mapping[int, Any]:
    return grouped(
        session,
        select(WatchItem.owner_id, func.count())
        .where(
            WatchItem.owner_id.in_(owners),
            WatchItem.created_at >= period.since,
            WatchItem.created_at < period.until,
            WatchItem.classification.is_not(None),
        )
        .group_by(WatchItem.owner_id),
    )


register(MetricDef(
    "watch_items_classified", "Informations de veille classées", "nombre", MetricKind.COUNT,
    int, True, "CP1",
    "Informations de veille enregistrées dans la période (collectées ou saisies) et classées "
    "fait ou opinion.",
    watch_items_classified,
))  # fmt: skip
