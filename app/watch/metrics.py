"""The watch's metric (app/metrics/README.md): items classified fact or opinion.

No date of classification is stored (``watch_items`` keeps the classification, not when it
was given): an item counts in the period it was recorded in the trainee's watch (fetched or
entered by hand, ``created_at``) when it carries a classification now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.metrics.registry import Key, MetricDef, MetricKind, Period, counted, register
from app.models import WatchItem


def watch_items_classified(
    session: Session, owners: Sequence[int], period: Period
) -> Mapping[Key, Any]:
    return counted(
        session,
        select(
            WatchItem.owner_id.label("owner_id"),
            period.slice_of_moment(WatchItem.created_at).label("slice"),
        ).where(
            WatchItem.owner_id.in_(owners),
            *period.moment_in(WatchItem.created_at),
            WatchItem.classification.is_not(None),
        ),
    )


register(MetricDef(
    "watch_items_classified", "Informations de veille classées", "nombre", MetricKind.COUNT,
    int, True, "CP1",
    "Informations de veille enregistrées dans la période (collectées ou saisies) et classées "
    "fait ou opinion.",
    watch_items_classified,
))  # fmt: skip
