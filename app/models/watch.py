"""The professional watch (CP1): sources, items, competitors — all trainee records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.common.text import fold
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    ItemClassification,
    PriceLevel,
    Sentiment,
    WatchCadence,
    WatchSourceKind,
    WatchSourceStatus,
    WatchTopic,
)
from app.models.prospects import OwnedMixin


class Competitor(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "competitors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(500))
    price_level: Mapped[PriceLevel | None] = mapped_column(str_enum(PriceLevel, "price_level"))
    quality: Mapped[str] = mapped_column(Text, default="")
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    target_customers: Mapped[str] = mapped_column(Text, default="")
    offers: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")
    differentiation: Mapped[str] = mapped_column(Text, default="")


class WatchSource(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "watch_sources"
    __table_args__ = (Index("ix_watch_sources_due", "status", "next_due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[WatchSourceKind] = mapped_column(str_enum(WatchSourceKind, "kind"))
    url: Mapped[str | None] = mapped_column(String(1000))
    topic: Mapped[WatchTopic] = mapped_column(str_enum(WatchTopic, "topic"))
    competitor_id: Mapped[int | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="SET NULL"), index=True
    )
    cadence: Mapped[WatchCadence] = mapped_column(str_enum(WatchCadence, "cadence"))
    reliability: Mapped[int] = mapped_column(Integer)  # 1–5
    reliability_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[WatchSourceStatus] = mapped_column(
        str_enum(WatchSourceStatus, "status"), default=WatchSourceStatus.OK
    )
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_fetched_at: Mapped[datetime | None]
    next_due_at: Mapped[datetime | None]
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    page_hash: Mapped[str | None] = mapped_column(String(64))
    # Who refreshes it now, until when (several workers never fetch it twice at once).
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]


class WatchItem(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "watch_items"
    __table_args__ = (
        UniqueConstraint("source_id", "dedup_key"),
        Index("ix_watch_items_owner_id_published_at", "owner_id", "published_at"),
        # Items recorded in a period (app/watch/metrics.py).
        Index("ix_watch_items_owner_id_created_at", "owner_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("watch_sources.id", ondelete="SET NULL")
    )
    dedup_key: Mapped[str] = mapped_column(String(700))
    title: Mapped[str] = mapped_column(String(500))
    link: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[datetime | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[WatchTopic] = mapped_column(str_enum(WatchTopic, "topic"))
    classification: Mapped[ItemClassification | None] = mapped_column(
        str_enum(ItemClassification, "classification")
    )
    suggested_classification: Mapped[ItemClassification | None] = mapped_column(
        str_enum(ItemClassification, "suggested_classification")
    )
    suggestion_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    rating: Mapped[int | None] = mapped_column(Integer)  # reviews: 1–5
    sentiment: Mapped[Sentiment | None] = mapped_column(str_enum(Sentiment, "sentiment"))
    relevance: Mapped[int | None] = mapped_column(Integer)  # 1–5
    is_read: Mapped[bool] = mapped_column(Boolean, default=False)
    starred: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    competitor_id: Mapped[int | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="SET NULL"), index=True
    )
    prospect_id: Mapped[int | None] = mapped_column(
        ForeignKey("prospects.id", ondelete="SET NULL"), index=True
    )
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # fold(title, summary, tags, notes): what the text search compares, accents and case apart;
    # kept by the listener below on every ORM write.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class WatchSearch(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A saved search of watch items (an alert): its criteria, and when its results were last
    looked at, so that the list can say how many items are new."""

    __tablename__ = "watch_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    q: Mapped[str | None] = mapped_column(String(200))
    topic: Mapped[WatchTopic | None] = mapped_column(str_enum(WatchTopic, "topic"))
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("watch_sources.id", ondelete="SET NULL")
    )
    competitor_id: Mapped[int | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="SET NULL")
    )
    classification: Mapped[ItemClassification | None] = mapped_column(
        str_enum(ItemClassification, "classification")
    )
    starred: Mapped[bool | None] = mapped_column(Boolean)
    unread: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_at: Mapped[datetime | None]


def published_or_created() -> Any:
    """An item's date: when it was published, else when it was recorded (sorts, periods)."""
    return func.coalesce(WatchItem.published_at, WatchItem.created_at)


def item_search_text(title: str | None, summary: str | None, tags: list[str] | None,
                     notes: str | None) -> str:  # fmt: skip
    return fold(" ".join([title or "", summary or "", *(tags or []), notes or ""]))


@event.listens_for(WatchItem, "before_insert")
@event.listens_for(WatchItem, "before_update")
def _fold_item(_mapper: Any, _connection: Any, item: WatchItem) -> None:
    item.search_text = item_search_text(item.title, item.summary, item.tags, item.notes)
