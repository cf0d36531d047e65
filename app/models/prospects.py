"""The prospect file: prospects, contacts, interactions, appointments, personas, scripts,
campaigns and import jobs. Every table is a trainee record (``owner_id``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, validates

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    AppointmentStatus,
    Channel,
    DecisionPower,
    Direction,
    DuplicatePolicy,
    GeocodePrecision,
    GeocodeProvider,
    ImportStatus,
    Outcome,
    Priority,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    SizeBand,
)

Money = Numeric(12, 2)


def _loose_enum(enum_cls: type[Any], name: str) -> Enum:
    """A StrEnum stored as VARCHAR, checked by SQLAlchemy on write but not by a constraint."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=max(len(m.value) for m in enum_cls) + 8,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class OwnedMixin:
    """A record of one trainee (the scoping rule ``trainee_record`` reads ``owner_id``)."""

    @declared_attr
    def owner_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Prospect(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "prospects"
    # The list's indexes start with (owner_id, anonymised): every list reads one owner's
    # file without the anonymised records, so each filter, sort and count is a range of one
    # index (covering for counts). The text search has its own index, made by the migration
    # and not declared here (SQLite FTS5 trigram table, PostgreSQL pg_trgm GIN): see
    # SEARCH_INDEX_OBJECTS and app/prospects/README.md.
    __table_args__ = (
        Index("ix_prospects_owner_id_anonymised_name", "owner_id", "anonymised", "name", "id"),
        Index(
            "ix_prospects_owner_id_anonymised_status",
            "owner_id",
            "anonymised",
            "status",
            "sector_key",
        ),
        Index(
            "ix_prospects_owner_id_anonymised_next_contact_on",
            "owner_id",
            "anonymised",
            "next_contact_on",
        ),
        Index(
            "ix_prospects_owner_id_anonymised_potential",
            "owner_id",
            "anonymised",
            "potential",
        ),
        Index(
            "ix_prospects_owner_id_anonymised_latitude",
            "owner_id",
            "anonymised",
            "latitude",
            "longitude",
        ),
        # Everything a persona's match score reads: scoring a whole file scans this index only.
        Index(
            "ix_prospects_owner_id_anonymised_targeting",
            "owner_id",
            "anonymised",
            "sector_key",
            "kind",
            "size_band",
            "postcode",
            "potential",
            "latitude",
            "longitude",
        ),
        Index("ix_prospects_owner_id_siret", "owner_id", "siret"),
        # Prospects added in a period (app/prospects/metrics.py: the funnel's suspects).
        Index("ix_prospects_owner_id_created_at", "owner_id", "created_at"),
        Index("ix_prospects_owner_id_email", "owner_id", "email"),
        Index("ix_prospects_owner_id_phone", "owner_id", "phone"),
    )

    @declared_attr
    def owner_id(cls) -> Mapped[int]:
        # No index of its own: every index above starts with it (one fewer to write).
        return mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ProspectKind] = mapped_column(str_enum(ProspectKind, "kind"))
    name: Mapped[str] = mapped_column(String(200))
    siren: Mapped[str | None] = mapped_column(String(9))
    siret: Mapped[str | None] = mapped_column(String(14))
    naf_code: Mapped[str | None] = mapped_column(String(6))
    sector: Mapped[str | None] = mapped_column(String(100))
    # fold(sector): what sector filters and persona matching compare (case and accents apart).
    sector_key: Mapped[str | None] = mapped_column(String(100))
    size_band: Mapped[SizeBand | None] = mapped_column(str_enum(SizeBand, "size_band"))
    address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Where the position comes from and how close it is (app/geocoding/README.md); no CHECK
    # constraint: SQLite adds these columns without rebuilding the table and its triggers.
    geocode_precision: Mapped[GeocodePrecision | None] = mapped_column(
        _loose_enum(GeocodePrecision, "geocode_precision")
    )
    geocode_provider: Mapped[GeocodeProvider | None] = mapped_column(
        _loose_enum(GeocodeProvider, "geocode_provider")
    )
    # When the configured geocoder last looked the address up (NULL: not yet; the position,
    # if any, is the offline one, provisional until an online geocoder refines it).
    geocoded_at: Mapped[datetime | None]
    website: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[ProspectStatus] = mapped_column(
        str_enum(ProspectStatus, "status"), default=ProspectStatus.SUSPECT
    )
    lost_reason: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[ProspectSource | None] = mapped_column(str_enum(ProspectSource, "source"))
    potential: Mapped[Decimal | None] = mapped_column(Money)
    priority: Mapped[Priority] = mapped_column(str_enum(Priority, "priority"), default=Priority.C)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    next_contact_on: Mapped[date | None] = mapped_column(Date)
    # Lower-cased, accent-free "name city siret": what the text search looks in.
    search_text: Mapped[str] = mapped_column(String(400), default="")
    # RGPD facts the channel policy and the retention job read.
    bloctel_opposed: Mapped[bool | None]
    bloctel_checked_on: Mapped[date | None] = mapped_column(Date)
    ongoing_contract: Mapped[bool] = mapped_column(default=False)
    objected_at: Mapped[datetime | None]
    last_contact_at: Mapped[datetime | None]
    last_inbound_contact_at: Mapped[datetime | None]
    customer_since: Mapped[date | None] = mapped_column(Date)
    relationship_ended_at: Mapped[datetime | None]
    anonymised_at: Mapped[datetime | None]
    # Set with anonymised_at. The list indexes use this flag, not the date: `anonymised =
    # false` is an equality, which lets PostgreSQL read them in order and keeps SQLite's
    # statistics true (each anonymised record's date was a distinct value).
    anonymised: Mapped[bool] = mapped_column(default=False, server_default=false())

    @validates("anonymised_at")
    def _flag(self, _key: str, value: datetime | None) -> datetime | None:
        """The flag follows the date on every ORM write (Core writes set both)."""
        self.anonymised = value is not None
        return value


class Contact(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    job_title: Mapped[str | None] = mapped_column(String(150))
    decision_power: Mapped[DecisionPower] = mapped_column(
        str_enum(DecisionPower, "decision_power"), default=DecisionPower.NONE
    )
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_channel: Mapped[Channel | None] = mapped_column(
        str_enum(Channel, "preferred_channel")
    )
    objected_at: Mapped[datetime | None]
    anonymised_at: Mapped[datetime | None]


class ProspectStatusChange(OwnedMixin, Base):
    __tablename__ = "prospect_status_changes"
    __table_args__ = (
        # The metrics (app/prospects/metrics.py): a prospect's status at a given moment, and
        # the first time each prospect of an owner reached a status.
        Index(
            "ix_prospect_status_changes_prospect_id_changed_at",
            "prospect_id",
            "changed_at",
            "to_status",
        ),
        Index(
            "ix_prospect_status_changes_owner_id_to_status", "owner_id", "to_status", "changed_at"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[ProspectStatus | None] = mapped_column(
        str_enum(ProspectStatus, "from_status")
    )
    to_status: Mapped[ProspectStatus] = mapped_column(str_enum(ProspectStatus, "to_status"))
    reason: Mapped[str | None] = mapped_column(String(500))
    changed_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Persona(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """An ideal customer profile ("avatar client idéal")."""

    __tablename__ = "personas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ProspectKind | None] = mapped_column(str_enum(ProspectKind, "kind"))
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    size_bands: Mapped[list[str]] = mapped_column(JSON, default=list)
    postcodes: Mapped[list[str]] = mapped_column(JSON, default=list)  # prefixes: "69", "69003"
    center_latitude: Mapped[float | None] = mapped_column(Float)
    center_longitude: Mapped[float | None] = mapped_column(Float)
    radius_km: Mapped[float | None] = mapped_column(Float)
    potential_min: Mapped[Decimal | None] = mapped_column(Money)
    potential_max: Mapped[Decimal | None] = mapped_column(Money)


class PersonaMatch(Base):
    """A persona's match score for one prospect of its owner's file, stored so that a file
    sorted by match reads an index instead of scoring every record (app/prospects/matching.py
    keeps it in step)."""

    __tablename__ = "persona_matches"
    __table_args__ = (
        Index("ix_persona_matches_persona_id_score", "persona_id", "score", "prospect_id"),
    )

    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), primary_key=True
    )
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[int] = mapped_column(Integer)


class ProspectFile(Base):
    """The revision of one trainee's prospect file: database triggers add one on every
    statement that inserts, updates or deletes their prospects (bulk loads add one at the
    end: app.prospects.imports.loading.bulk_loading). Whatever is derived from a whole file (stored
    persona scores, an import's dry-run decisions) is current while the revision is."""

    __tablename__ = "prospect_files"

    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(BigInteger, default=0)


class PersonaScoring(Base):
    """When a persona's scores were last computed: the persona's version and the revision of
    its owner's file (``ProspectFile``) they were computed from."""

    __tablename__ = "persona_scorings"

    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), primary_key=True
    )
    stamp: Mapped[str] = mapped_column(String(100), default="")
    computed_at: Mapped[datetime | None]


class CallScript(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "call_scripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL"), index=True
    )
    # [{"kind": "introduction" | "gatekeeper" | ..., "text": "..."}] in the order of the call.
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Campaign(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL"), index=True
    )
    saved_filter: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    call_script_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_scripts.id", ondelete="SET NULL")
    )
    message_template: Mapped[str] = mapped_column(Text, default="")
    # Offers analogous to what existing customers bought (the B2C e-mail exception).
    analogous_offer: Mapped[bool] = mapped_column(default=False)
    objective_contacts: Mapped[int | None] = mapped_column(Integer)
    objective_appointments: Mapped[int | None] = mapped_column(Integer)
    # The PAC action this campaign carries out (app.plans).
    plan_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_actions.id", ondelete="SET NULL"), index=True
    )


class CampaignMember(OwnedMixin, Base):
    __tablename__ = "campaign_members"
    __table_args__ = (UniqueConstraint("campaign_id", "prospect_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class Interaction(OwnedMixin, Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_prospect_id_occurred_at", "prospect_id", "occurred_at"),
        # The metrics (app/prospects/metrics.py): an owner's contacts of a period and their
        # minutes by channel (index only), and each campaign member's first contact.
        Index(
            "ix_interactions_owner_id_occurred_at",
            "owner_id",
            "occurred_at",
            "direction",
            "outcome",
            "channel",
            "duration_minutes",
        ),
        Index(
            "ix_interactions_owner_id_campaign_id",
            "owner_id",
            "campaign_id",
            "prospect_id",
            "occurred_at",
            "direction",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    call_script_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_scripts.id", ondelete="SET NULL")
    )
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    direction: Mapped[Direction] = mapped_column(str_enum(Direction, "direction"))
    outcome: Mapped[Outcome] = mapped_column(str_enum(Outcome, "outcome"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Qualification (BANT): what the trainee learnt.
    needs: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[str | None] = mapped_column(String(200))
    authority: Mapped[str | None] = mapped_column(String(200))
    timing: Mapped[str | None] = mapped_column(String(200))
    accessibility_needs: Mapped[str | None] = mapped_column(Text)
    accessibility_adaptation: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(String(300))
    next_contact_on: Mapped[date | None] = mapped_column(Date)
    # The policy decision recorded when the contact was made (outbound only).
    policy_rule: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Appointment(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_owner_id_starts_at", "owner_id", "starts_at"),
        # Appointments taken in a period (app/prospects/metrics.py).
        Index("ix_appointments_owner_id_created_at", "owner_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL")
    )
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    status: Mapped[AppointmentStatus] = mapped_column(
        str_enum(AppointmentStatus, "status"), default=AppointmentStatus.PLANNED
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class ImportJob(OwnedMixin, TimestampMixin, Base):
    """One upload: its settings, progress and report (the file itself is an ImportFile)."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    file_format: Mapped[str] = mapped_column(String(10))  # csv | xlsx
    mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    duplicate_policy: Mapped[DuplicatePolicy] = mapped_column(
        str_enum(DuplicatePolicy, "duplicate_policy"), default=DuplicatePolicy.SKIP
    )
    status: Mapped[ImportStatus] = mapped_column(
        str_enum(ImportStatus, "status"), default=ImportStatus.PENDING
    )
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)
    valid_rows: Mapped[int] = mapped_column(Integer, default=0)
    error_rows: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_rows: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[datetime | None]


class ImportFile(Base):
    """The uploaded bytes of a job, kept apart so that progress updates and job listings never
    read or rewrite them; deleted once the job is committed, cancelled or failed."""

    __tablename__ = "import_files"

    job_id: Mapped[int] = mapped_column(
        ForeignKey("import_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)
    # The dry-run's validated rows (app.prospects.imports.staging), read by the commit.
    validated_rows: Mapped[bytes | None] = mapped_column(LargeBinary)


# Text-search objects the migrations create beside the models (not in the metadata, so that
# one schema description serves both backends): the FTS5 table, its shadow tables and
# triggers on SQLite, the pg_trgm index on PostgreSQL. Schema comparisons leave them out.
SEARCH_INDEX_OBJECTS = ("prospects_search", "ix_prospects_search_text_trgm")


def modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name``: False for the text-search objects above."""
    return not (name or "").startswith(SEARCH_INDEX_OBJECTS)
