"""Company image and social selling (CP5, CP3.8–CP3.9, issue 20): the library of
presentations and their variants with their last check; the professional profile per
network, the content calendar's posts, their KPI measurements, the network statistics, the
privacy checklists and the social actions on prospects
(docs/design/020-company-image-social-selling.md). Checks are stored as the findings of the
last check (a record passes when none is an error); the business case is read, never copied:
a record keeps the id of the case version it was last checked against."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.common.findings import Finding, passed
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    Interlocutor,
    PostObjective,
    PostStatus,
    PresentationChannel,
    PresentationKind,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
)
from app.models.prospects import OwnedMixin


class CheckedMixin:
    """The last check of a record: its findings (``app.common.findings.Finding`` as dicts),
    whether it passed, when, and against which version of the business case."""

    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    passed: Mapped[bool] = mapped_column(default=False)
    checked_at: Mapped[datetime | None]
    business_case_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="SET NULL")
    )

    def store_check(self, findings: list[Finding], case_version_id: int) -> bool:
        """Keep a check's findings, its time and its case version; whether it passed."""
        self.findings = [f.as_dict() for f in findings]
        self.passed = passed(findings)
        self.checked_at = utcnow()
        self.business_case_version_id = case_version_id
        return self.passed


class Presentation(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A presentation of the company and its offers (CP5.1): its kind and the products it
    presents; its variants fit it to an interlocutor and a channel."""

    __tablename__ = "presentations"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PresentationKind] = mapped_column(str_enum(PresentationKind, "presentation_kind"))
    references: Mapped[list[str]] = mapped_column(JSON, default=list)


class PresentationVariant(OwnedMixin, TimestampMixin, VersionMixin, CheckedMixin, Base):
    """One presentation for one interlocutor on one channel (CP5.2, CP5.3), with its text,
    the CAP arguments it uses (``[[reference, index], …]``) and its last check."""

    __tablename__ = "presentation_variants"

    id: Mapped[int] = mapped_column(primary_key=True)
    presentation_id: Mapped[int] = mapped_column(
        ForeignKey("presentations.id", ondelete="CASCADE"), index=True
    )
    interlocutor: Mapped[Interlocutor] = mapped_column(str_enum(Interlocutor, "interlocutor"))
    channel: Mapped[PresentationChannel] = mapped_column(
        str_enum(PresentationChannel, "presentation_channel")
    )
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    arguments: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)
    # When the variant first passed its check: the evidence is recorded then, once.
    first_passed_at: Mapped[datetime | None]


class SocialProfile(OwnedMixin, TimestampMixin, VersionMixin, CheckedMixin, Base):
    """The trainee's professional profile draft on one network (CP5.4)."""

    __tablename__ = "social_profiles"
    __table_args__ = (UniqueConstraint("owner_id", "network"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[SocialNetwork] = mapped_column(str_enum(SocialNetwork, "social_network"))
    headline: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    featured: Mapped[list[str]] = mapped_column(JSON, default=list)
    photo: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    contact: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_passed_at: Mapped[datetime | None]


class SocialPost(OwnedMixin, TimestampMixin, VersionMixin, CheckedMixin, Base):
    """A post of the content calendar (CP5.5, CP3.8): planned, checked (consistency with the
    strategy, confidentiality: CP5.6), approved, then published by hand."""

    __tablename__ = "social_posts"
    __table_args__ = (Index("ix_social_posts_owner_id_planned_on", "owner_id", "planned_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[SocialNetwork] = mapped_column(str_enum(SocialNetwork, "social_network"))
    planned_on: Mapped[date] = mapped_column(Date)
    objective: Mapped[PostObjective] = mapped_column(str_enum(PostObjective, "post_objective"))
    interlocutor: Mapped[Interlocutor | None] = mapped_column(
        str_enum(Interlocutor, "interlocutor")
    )
    theme: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text, default="")
    media_description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PostStatus] = mapped_column(
        str_enum(PostStatus, "post_status"), default=PostStatus.DRAFT
    )
    approved_at: Mapped[datetime | None]
    published_on: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str] = mapped_column(String(500), default="")
    presentation_variant_id: Mapped[int | None] = mapped_column(
        ForeignKey("presentation_variants.id", ondelete="SET NULL")
    )


class SocialPostKpi(OwnedMixin, Base):
    """A measurement of a published post's figures on a date (the post's latest counts)."""

    __tablename__ = "social_post_kpis"
    __table_args__ = (UniqueConstraint("post_id", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("social_posts.id", ondelete="CASCADE"))
    measured_on: Mapped[date] = mapped_column(Date)
    impressions: Mapped[int] = mapped_column(Integer, default=0)
    reactions: Mapped[int] = mapped_column(Integer, default=0)
    comments: Mapped[int] = mapped_column(Integer, default=0)
    shares: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    followers_gained: Mapped[int] = mapped_column(Integer, default=0)
    qualified_contacts: Mapped[int] = mapped_column(Integer, default=0)
    appointments: Mapped[int] = mapped_column(Integer, default=0)


class SocialNetworkStat(OwnedMixin, Base):
    """The trainee's audience on a network on a date (followers, connections)."""

    __tablename__ = "social_network_stats"
    __table_args__ = (UniqueConstraint("owner_id", "network", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[SocialNetwork] = mapped_column(str_enum(SocialNetwork, "social_network"))
    measured_on: Mapped[date] = mapped_column(Date)
    followers: Mapped[int] = mapped_column(Integer, default=0)
    connections: Mapped[int] = mapped_column(Integer, default=0)


class SocialPrivacyCheck(OwnedMixin, TimestampMixin, Base):
    """The privacy settings checklist of one network, as the trainee ticked it (CP5.6)."""

    __tablename__ = "social_privacy_checks"
    __table_args__ = (UniqueConstraint("owner_id", "network"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[SocialNetwork] = mapped_column(str_enum(SocialNetwork, "social_network"))
    done: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    completed_at: Mapped[datetime | None]


class SocialAction(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A social-selling action on a prospect (CP3.9), recorded in the file as an interaction
    on the channel ``social`` (its timeline, next contact and appointment are the file's).
    Its outcome follows what came of it (a request accepted days later): ``version`` guards
    those updates."""

    __tablename__ = "social_actions"
    __table_args__ = (Index("ix_social_actions_owner_id_occurred_at", "owner_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("social_posts.id", ondelete="SET NULL"), index=True
    )
    network: Mapped[SocialNetwork] = mapped_column(str_enum(SocialNetwork, "social_network"))
    kind: Mapped[SocialActionKind] = mapped_column(str_enum(SocialActionKind, "social_action_kind"))
    outcome: Mapped[SocialActionOutcome] = mapped_column(
        str_enum(SocialActionOutcome, "social_action_outcome")
    )
    occurred_at: Mapped[datetime]
    notes: Mapped[str] = mapped_column(Text, default="")
    in_target: Mapped[bool] = mapped_column(default=False)


class CampaignPresentation(OwnedMixin, Base):
    """The presentation variant a campaign's calls or messages use (one per campaign)."""

    __tablename__ = "campaign_presentations"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    variant_id: Mapped[int] = mapped_column(
        ForeignKey("presentation_variants.id", ondelete="CASCADE"), index=True
    )
