"""The watch digest of a period: new items per topic, competitor moves, the most relevant
items, late sources — JSON, or Markdown/HTML through the export templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from app.competences.export import ExportFormat
from app.core.principal import Principal
from app.core.templates import template_environment
from app.models import WatchSourceStatus, WatchTopic
from app.watch.repository import CompetitorRepository, ItemRepository, SourceRepository
from app.watch.schemas import CompetitorMove, Digest, ItemOut, LateSource
from app.watch.sources import freshness

PERIODS = {"week": timedelta(days=7), "month": timedelta(days=30)}
TOPIC_FR = {
    WatchTopic.COMPETITOR: "Concurrence",
    WatchTopic.MARKET: "Marché",
    WatchTopic.OFFER: "Offre",
    WatchTopic.CUSTOMER_BEHAVIOUR: "Comportement client",
    WatchTopic.REGULATION: "Réglementation",
    WatchTopic.SALES_TOOLS: "Outils de vente",
}
TOP = 5


@dataclass(frozen=True)
class Rendered:
    """The digest as a document (Markdown or HTML)."""

    text: str
    format: ExportFormat


def digest(
    session: Session,
    principal: Principal,
    period: Literal["week", "month"],
    format: Literal["json", "markdown", "html"],
    end: datetime,
) -> Digest | Rendered:
    """The caller's digest of the period ending at ``end``: the data for ``json``, else the
    document in that format."""
    built = build(session, principal, period, end)
    if format == "json":
        return built
    fmt = ExportFormat(format)
    return Rendered(render(built, fmt), fmt)


def build(
    session: Session, principal: Principal, period: Literal["week", "month"], end: datetime
) -> Digest:
    start = end - PERIODS[period]
    items = ItemRepository(session, principal).between(start, end)
    per_topic = {topic.value: 0 for topic in WatchTopic}
    for item in items:
        per_topic[item.topic.value] += 1
    names = CompetitorRepository(session, principal).names()
    moves = [
        CompetitorMove(
            competitor_id=i.competitor_id,
            competitor=names[i.competitor_id],
            item_id=i.id,
            title=i.title,
            link=i.link,
            when=i.published_at or i.created_at,
        )
        for i in items
        if i.competitor_id is not None and i.competitor_id in names
    ]
    relevant = sorted(items, key=lambda i: (-(i.relevance or 0), not i.starred, i.id))[:TOP]
    late = []
    for source in SourceRepository(session, principal).all_by_name():
        fresh = freshness(source, end)
        if source.status is WatchSourceStatus.ERROR or (
            fresh == "late" and source.status is not WatchSourceStatus.PAUSED
        ):
            late.append(LateSource(source_id=source.id, name=source.name, status=source.status,
                                   freshness=fresh, last_error=source.last_error))  # fmt: skip
    return Digest(
        period=period,
        start=start,
        end=end,
        new_items=len(items),
        unread=sum(1 for i in items if not i.is_read),
        per_topic=per_topic,
        competitor_moves=moves,
        most_relevant=[ItemOut.model_validate(i) for i in relevant],
        late_sources=late,
    )


def render(digest: Digest, fmt: ExportFormat) -> str:
    extension = "md" if fmt is ExportFormat.MARKDOWN else "html"
    template = template_environment().get_template(f"watch_digest.{extension}.j2")
    return template.render(d=digest, topics=TOPIC_FR)
