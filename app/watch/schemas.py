"""Watch: request and response bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from app.core.schemas import (
    MULTILINE,
    DateTime,
    Id,
    InputSchema,
    Schema,
    VersionedUpdate,
)
from app.models import (
    ItemClassification,
    PriceLevel,
    Sentiment,
    WatchCadence,
    WatchSourceKind,
    WatchSourceStatus,
    WatchTopic,
)


def _http_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError("Adresse http:// ou https:// attendue.")
    return value


HttpUrl = Annotated[str | None, AfterValidator(_http_url)]
# Text of several lines (descriptions, notes) and a short label (a tag, a channel).
Paragraphs = Annotated[str, MULTILINE]
Label = Annotated[str, Field(min_length=1, max_length=60)]
MAX_TAGS = 20
# Sources the server fetches itself: they need an address.
FETCHED = {WatchSourceKind.RSS, WatchSourceKind.ATOM, WatchSourceKind.WEB_PAGE,
           WatchSourceKind.REVIEW_SITE}  # fmt: skip


class _SourceFields(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: WatchSourceKind
    url: HttpUrl = Field(default=None, max_length=1000)
    topic: WatchTopic
    competitor_id: Id | None = None
    cadence: WatchCadence = WatchCadence.WEEKLY
    reliability: int = Field(ge=1, le=5, description="Fiabilité de 1 (faible) à 5 (forte).")
    reliability_reason: Paragraphs = Field(
        min_length=3, max_length=1000, description="Pourquoi cette note de fiabilité."
    )


class SourceCreate(_SourceFields):
    paused: bool = False


class SourceUpdate(VersionedUpdate):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    url: HttpUrl = Field(default=None, max_length=1000)
    topic: WatchTopic | None = None
    competitor_id: Id | None = None
    cadence: WatchCadence | None = None
    reliability: int | None = Field(default=None, ge=1, le=5)
    reliability_reason: Paragraphs | None = Field(default=None, min_length=3, max_length=1000)
    paused: bool | None = None


class SourceOut(Schema):
    id: int
    owner_id: int
    name: str
    kind: WatchSourceKind
    url: str | None
    topic: WatchTopic
    competitor_id: int | None
    cadence: WatchCadence
    reliability: int
    reliability_reason: str
    status: WatchSourceStatus
    last_error: str | None
    last_fetched_at: datetime | None = Field(
        description="Dernière lecture du flux ; pour une source sans flux (lettre, salon...), "
        "dernier article ajouté à la main."
    )
    next_due_at: datetime | None
    freshness: str = Field(
        default="never", description="« on_time », « late » (échéance dépassée) ou « never »."
    )
    created_at: datetime
    version: int


class _CompetitorFields(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    website: HttpUrl = Field(default=None, max_length=500)
    price_level: PriceLevel | None = None
    quality: Paragraphs = Field(default="", max_length=2000)
    channels: list[Label] = Field(default_factory=list, max_length=20)
    target_customers: Paragraphs = Field(default="", max_length=2000)
    offers: Paragraphs = Field(default="", max_length=5000)
    strengths: Paragraphs = Field(default="", max_length=5000)
    weaknesses: Paragraphs = Field(default="", max_length=5000)
    differentiation: Paragraphs = Field(default="", max_length=5000, description="Nos points de "
                                        "différenciation face à ce concurrent.")  # fmt: skip


class CompetitorCreate(_CompetitorFields):
    pass


class CompetitorUpdate(VersionedUpdate):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    website: HttpUrl = Field(default=None, max_length=500)
    price_level: PriceLevel | None = None
    quality: Paragraphs | None = Field(default=None, max_length=2000)
    channels: list[Label] | None = Field(default=None, max_length=20)
    target_customers: Paragraphs | None = Field(default=None, max_length=2000)
    offers: Paragraphs | None = Field(default=None, max_length=5000)
    strengths: Paragraphs | None = Field(default=None, max_length=5000)
    weaknesses: Paragraphs | None = Field(default=None, max_length=5000)
    differentiation: Paragraphs | None = Field(default=None, max_length=5000)


class LinkedSource(Schema):
    id: int
    name: str
    kind: WatchSourceKind
    status: WatchSourceStatus


class CompetitorOut(Schema):
    id: int
    owner_id: int
    name: str
    website: str | None
    price_level: PriceLevel | None
    quality: str
    channels: list[str]
    target_customers: str
    offers: str
    strengths: str
    weaknesses: str
    differentiation: str
    sources: list[LinkedSource] = Field(default_factory=list,
                                        description="Sources de veille liées.")  # fmt: skip
    item_count: int = Field(default=0, description="Articles de veille liés "
                            "(GET /watch/items?competitor_id=…).")  # fmt: skip
    last_item_at: datetime | None = None
    created_at: datetime
    version: int


class MatrixRow(Schema):
    axis: str
    label: str
    values: dict[str, str] = Field(description="Par identifiant de concurrent.")


class CompetitorMatrix(Schema):
    competitors: list[CompetitorOut]
    rows: list[MatrixRow]


class RefreshOut(Schema):
    outcome: str = Field(
        description="« ok », « not_modified », « error », ou « busy » (déjà en cours ailleurs)."
    )
    new_items: int
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    source: SourceOut


class _ItemEditable(InputSchema):
    classification: ItemClassification | None = None
    relevance: int | None = Field(default=None, ge=1, le=5)
    rating: int | None = Field(default=None, ge=1, le=5, description="Avis : note de 1 à 5.")
    sentiment: Sentiment | None = None
    tags: list[Label] = Field(default_factory=list, max_length=MAX_TAGS)
    notes: Paragraphs = Field(default="", max_length=5000)
    competitor_id: Id | None = None
    prospect_id: Id | None = None
    shared: bool = False


class ItemCreate(_ItemEditable):
    """A manual item: what has no feed (newsletter, trade fair notes, a phone call)."""

    title: str = Field(min_length=1, max_length=500)
    link: HttpUrl = Field(default=None, max_length=1000)
    summary: Paragraphs = Field(default="", max_length=10000)
    topic: WatchTopic
    source_id: Id | None = None
    published_at: DateTime | None = Field(default=None, description="Sans fuseau : UTC.")


class ItemUpdate(VersionedUpdate):
    classification: ItemClassification | None = None
    relevance: int | None = Field(default=None, ge=1, le=5)
    rating: int | None = Field(default=None, ge=1, le=5)
    sentiment: Sentiment | None = None
    is_read: bool | None = None
    starred: bool | None = None
    tags: list[Label] | None = Field(default=None, max_length=MAX_TAGS)
    notes: Paragraphs | None = Field(default=None, max_length=5000)
    competitor_id: Id | None = None
    prospect_id: Id | None = None
    shared: bool | None = None
    topic: WatchTopic | None = None


class ItemOut(Schema):
    id: int
    owner_id: int
    source_id: int | None
    title: str
    link: str | None
    published_at: datetime | None
    summary: str
    topic: WatchTopic
    classification: ItemClassification | None
    suggested_classification: ItemClassification | None
    suggestion_reasons: list[str]
    rating: int | None
    sentiment: Sentiment | None
    relevance: int | None
    is_read: bool
    starred: bool
    tags: list[str]
    notes: str
    competitor_id: int | None
    prospect_id: int | None
    shared: bool
    created_at: datetime
    version: int


class SharedItemOut(Schema):
    """An item as the sharer's cohort sees it: the article and the sharer's reading of it
    (fact or opinion, relevance, sentiment), nothing of the sharer's own file. Left out on
    purpose: the private notes and tags, the personal state (read, starred, rating) and the
    ids of the sharer's records (source, competitor, prospect), which nobody else may open."""

    id: int
    owner_id: int = Field(description="Le stagiaire qui partage.")
    shared_by: str = Field(description="Son nom, tel que la promotion le connaît.")
    title: str
    link: str | None
    published_at: datetime | None
    summary: str
    topic: WatchTopic
    classification: ItemClassification | None
    sentiment: Sentiment | None
    relevance: int | None
    created_at: datetime


class _SearchCriteria(InputSchema):
    q: str | None = Field(
        default=None, max_length=200, description="Mots cherchés (titre, résumé, notes...)."
    )
    topic: WatchTopic | None = None
    source_id: Id | None = None
    competitor_id: Id | None = None
    classification: ItemClassification | None = None
    starred: bool | None = None
    unread: bool | None = None


class SearchCreate(_SearchCriteria):
    """A saved search (alert): at least one criterion besides its name."""

    name: str = Field(min_length=1, max_length=200)


class SearchUpdate(VersionedUpdate, _SearchCriteria):
    name: str | None = Field(default=None, min_length=1, max_length=200)


class SearchOut(Schema):
    id: int
    owner_id: int
    name: str
    q: str | None
    topic: WatchTopic | None
    source_id: int | None
    competitor_id: int | None
    classification: ItemClassification | None
    starred: bool | None
    unread: bool
    last_seen_at: datetime | None
    matches: int = Field(default=0, description="Articles qui répondent à la recherche.")
    new_matches: int = Field(default=0, description="Dont arrivés depuis la dernière consultation.")
    created_at: datetime
    version: int


@dataclass
class ItemFilters:
    """The criteria of an item search: the list's query parameters or a saved search
    (``repository.ItemRepository.matching`` turns them into a query)."""

    q: str | None = None
    topic: WatchTopic | None = None
    source_id: Id | None = None
    competitor_id: Id | None = None
    since: datetime | None = None
    until: datetime | None = None
    unread: bool | None = None
    starred: bool | None = None
    classification: ItemClassification | None = None


# ------------------------------------------------------------------ digest


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
