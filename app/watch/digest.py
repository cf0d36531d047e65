"""The watch digest of a period: new items per topic, competitor moves, the most relevant
items, late sources — JSON, or Markdown/HTML through the export templates."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pydantic import Field
from sqlalchemy.orm import Session

from app.competences.export import ExportFormat, _environment
from app.core.principal import Principal
from app.core.schemas import Schema
from app.models import WatchItem, WatchSource, WatchSourceStatus, WatchTopic
from app.models.watch import published_or_created
from app.watch.items_router import ItemRepository
from app.watch.router import CompetitorRepository, SourceRepository, freshness
from app.watch.schemas import ItemOut

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


class CompetitorMove(Schema):
    competitor_id: int
    competitor: str
    item_id: int
    title: str
    link: str | None
    when: datetime


class LateSource(Schema):
    source_id: int
    name: str
    status: WatchSourceStatus
    freshness: str
    last_error: str | None


class Digest(Schema):
    period: Literal["week", "month"]
    start: datetime
    end: datetime
    new_items: int
    unread: int
    per_topic: dict[str, int] = Field(description="Nouveaux articles par thème.")
    competitor_moves: list[CompetitorMove]
    most_relevant: list[ItemOut]
    late_sources: list[LateSource]


def build(
    session: Session, principal: Principal, period: Literal["week", "month"], end: datetime
) -> Digest:
    start = end - PERIODS[period]
    when = published_or_created()
    items_stmt = ItemRepository(session, principal).readable_statement().where(
        when >= start, when <= end
    )  # fmt: skip
    items = list(session.scalars(items_stmt.order_by(when.desc(), WatchItem.id.desc())))
    per_topic = {topic.value: 0 for topic in WatchTopic}
    for item in items:
        per_topic[item.topic.value] += 1
    names = {
        c.id: c.name
        for c in session.scalars(CompetitorRepository(session, principal).readable_statement())
    }
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
    for source in session.scalars(
        SourceRepository(session, principal).readable_statement().order_by(WatchSource.name)
    ):
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
    template = _environment(fmt).get_template(f"watch_digest.{extension}.j2")
    return template.render(d=digest, topics=TOPIC_FR)
