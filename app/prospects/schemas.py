"""Payloads of the prospect file."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from app.core.schemas import (
    MULTILINE,
    AwareDateTime,
    Day,
    Id,
    InputSchema,
    Schema,
    VersionedUpdate,
)
from app.models import (
    AppointmentStatus,
    Channel,
    DecisionPower,
    Direction,
    Outcome,
    Priority,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    ScriptStepKind,
    SizeBand,
)
from app.models.enums import GeocodePrecision, GeocodeProvider
from app.prospects import validation as v

Text100 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# Personas, call scripts and campaigns: their name columns hold 150 characters.
Name150 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]
# Identifiers are checked by their validator; the length bound comes first (spaces allowed).
Siret = Annotated[str, StringConstraints(max_length=40), AfterValidator(v.siret)]
Siren = Annotated[str, StringConstraints(max_length=30), AfterValidator(v.siren)]
Naf = Annotated[str, StringConstraints(max_length=10), AfterValidator(v.naf_code)]
Phone = Annotated[str, StringConstraints(max_length=40), AfterValidator(v.phone)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(v.email)]
Postcode = Annotated[str, StringConstraints(max_length=10), AfterValidator(v.postcode)]
Website = Annotated[str, StringConstraints(max_length=300), AfterValidator(v.website)]
Latitude = Annotated[float, AfterValidator(v.latitude)]
Longitude = Annotated[float, AfterValidator(v.longitude)]
# Numeric(12, 2): ten digits before the point (max_digits alone would let 12 through).
Money = Annotated[
    Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)
]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
MAX_TAGS = 30
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000), MULTILINE]


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


class _ProspectFields(InputSchema):
    siren: Siren | None = None
    siret: Siret | None = None
    naf_code: Naf | None = None
    sector: Text100 | None = None
    size_band: SizeBand | None = None
    address: Text300 | None = None
    postcode: Postcode | None = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    website: Website | None = None
    phone: Phone | None = None
    email: Email | None = None
    source: ProspectSource | None = None
    potential: Money | None = Field(default=None, description="Potentiel annuel estimé (€ HT).")
    tags: list[Tag] | None = Field(default=None, max_length=MAX_TAGS)
    next_contact_on: Day | None = None
    ongoing_contract: bool | None = None

    @field_validator(
        "siren", "siret", "naf_code", "postcode", "website", "phone", "email", mode="before"
    )
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return _blank_to_none(value)


class ProspectCreate(_ProspectFields):
    kind: ProspectKind
    name: Name
    status: ProspectStatus = Field(
        default=ProspectStatus.SUSPECT, description="Statut initial (suspect par défaut)."
    )


class ProspectUpdate(_ProspectFields, VersionedUpdate):
    name: Name | None = None


class StatusChange(InputSchema):
    status: ProspectStatus
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class ProspectOut(Schema):
    id: int
    owner_id: int
    kind: ProspectKind
    name: str
    siren: str | None
    siret: str | None
    naf_code: str | None
    sector: str | None
    size_band: SizeBand | None
    address: str | None
    postcode: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    geocode_precision: GeocodePrecision | None = Field(
        default=None,
        description="Précision de la position géocodée : address (numéro), street (rue), "
        "commune (centre de la commune), postcode (centre des communes du code postal), "
        "department (centre du département) ; null pour une position saisie ou fictive.",
    )
    geocode_provider: GeocodeProvider | None = Field(
        default=None,
        description="Origine de la position : user (saisie ou importée, jamais remplacée), "
        "offline (liste des communes), addok (Base Adresse Nationale), openrouteservice, "
        "demo (position fictive des fiches de démonstration, remplacée si l'adresse change).",
    )
    geocoded_at: datetime | None = Field(
        default=None,
        description="Dernière recherche de l'adresse par le géocodeur configuré (null : "
        "position provisoire ou jamais cherchée).",
    )
    website: str | None
    phone: str | None
    email: str | None
    status: ProspectStatus
    lost_reason: str | None
    source: ProspectSource | None
    potential: Decimal | None
    priority: Priority
    tags: list[str]
    next_contact_on: date | None
    ongoing_contract: bool
    bloctel_opposed: bool | None
    bloctel_checked_on: date | None
    objected_at: datetime | None
    last_contact_at: datetime | None
    last_inbound_contact_at: datetime | None
    customer_since: date | None
    anonymised_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    persona_match: int | None = Field(
        default=None, description="Score d'adéquation (0–100) au persona demandé."
    )
    distance_km: float | None = Field(default=None, description="Distance au point demandé.")


class ContactFields(InputSchema):
    first_name: Text100 | None = None
    job_title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=150)] | None = (
        None
    )
    decision_power: DecisionPower | None = Field(
        default=None, description="null efface le rôle : « none » (aucun pouvoir de décision)."
    )
    phone: Phone | None = None
    email: Email | None = None
    preferred_channel: Channel | None = None

    @field_validator("phone", "email", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return _blank_to_none(value)

    @field_validator("decision_power")
    @classmethod
    def _cleared_is_none(cls, value: DecisionPower | None) -> DecisionPower:
        # The column always holds a role: clearing it (an explicit null) means none.
        return DecisionPower.NONE if value is None else value


class ContactCreate(ContactFields):
    last_name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ]


class ContactUpdate(ContactFields, VersionedUpdate):
    last_name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = None


class ContactOut(Schema):
    id: int
    prospect_id: int
    first_name: str
    last_name: str
    job_title: str | None
    decision_power: DecisionPower
    phone: str | None
    email: str | None
    preferred_channel: Channel | None
    objected_at: datetime | None
    created_at: datetime
    version: int


#: The longest appointment (the agenda looks this far before a period for those running
#: into it).
MAX_APPOINTMENT_MINUTES = 600


class AppointmentDraft(InputSchema):
    starts_at: AwareDateTime
    duration_minutes: int = Field(default=60, ge=5, le=MAX_APPOINTMENT_MINUTES)
    place: Text300 | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    past_record: bool = Field(
        default=False,
        description="Consigner un rendez-vous déjà passé (enregistré « réalisé ») : sans cette "
        "marque, un rendez-vous qui commence avant maintenant (avant l'échange, s'il est pris "
        "pendant un échange), à 15 minutes près, est refusé.",
    )


class AppointmentCreate(AppointmentDraft):
    prospect_id: Id
    contact_id: Id | None = None
    notes: LongText = ""


class AppointmentUpdate(VersionedUpdate):
    starts_at: AwareDateTime | None = None
    duration_minutes: int | None = Field(default=None, ge=5, le=MAX_APPOINTMENT_MINUTES)
    place: Text300 | None = None
    status: AppointmentStatus | None = None
    notes: LongText | None = None
    past_record: bool = Field(
        default=False,
        description="Déplacer dans le passé un rendez-vous prévu : refusé sans cette marque.",
    )


class AppointmentOut(Schema):
    id: int
    prospect_id: int
    contact_id: int | None
    interaction_id: int | None
    starts_at: datetime
    duration_minutes: int
    place: str | None
    latitude: float | None
    longitude: float | None
    status: AppointmentStatus
    notes: str
    version: int
    prospect_name: str | None = Field(default=None, description="Le nom du prospect.")


class InteractionCreate(InputSchema):
    channel: Channel
    direction: Direction = Direction.OUTBOUND
    outcome: Outcome
    occurred_at: AwareDateTime | None = Field(default=None, description="Par défaut : maintenant.")
    contact_id: Id | None = None
    campaign_id: Id | None = None
    call_script_id: Id | None = None
    duration_minutes: int | None = Field(default=None, ge=0, le=600)
    notes: LongText = ""
    needs: LongText | None = None
    budget: Text200 | None = None
    authority: Text200 | None = None
    timing: Text200 | None = None
    accessibility_needs: LongText | None = Field(
        default=None, description="Situation de handicap du prospect ou de son entourage."
    )
    accessibility_adaptation: LongText | None = Field(
        default=None, description="Adaptation choisie (canal, support, rythme...)."
    )
    next_step: Text300 | None = None
    next_contact_on: Day | None = None
    about_contract: bool = Field(
        default=False, description="L'appel porte sur un contrat en cours (exception B2C)."
    )
    analogous_offer: bool = Field(
        default=False, description="Offre analogue aux achats d'un client (exception e-mail)."
    )
    appointment: AppointmentDraft | None = Field(
        default=None, description="Obligatoire quand le résultat est « appointment »."
    )


class InteractionOut(Schema):
    id: int
    prospect_id: int
    contact_id: int | None
    campaign_id: int | None
    call_script_id: int | None
    channel: Channel
    direction: Direction
    outcome: Outcome
    occurred_at: datetime
    duration_minutes: int | None
    notes: str
    needs: str | None
    budget: str | None
    authority: str | None
    timing: str | None
    accessibility_needs: str | None
    accessibility_adaptation: str | None
    next_step: str | None
    next_contact_on: date | None
    policy_rule: str | None
    appointment_id: int | None = None
    created_at: datetime


class PersonaFields(InputSchema):
    description: LongText | None = None
    kind: ProspectKind | None = None
    sectors: list[Text100] | None = Field(default=None, max_length=50)
    size_bands: list[SizeBand] | None = Field(default=None, max_length=len(SizeBand))
    postcodes: (
        list[Annotated[str, StringConstraints(max_length=5, pattern=r"^(\d{1,5}|2[AB]\d{0,3})$")]]
        | None
    ) = Field(default=None, max_length=500)
    center_latitude: Latitude | None = None
    center_longitude: Longitude | None = None
    radius_km: float | None = Field(default=None, gt=0, le=1000)
    potential_min: Money | None = None
    potential_max: Money | None = None


class PersonaCreate(PersonaFields):
    name: Name150


class PersonaUpdate(PersonaFields, VersionedUpdate):
    name: Name150 | None = None


class PersonaOut(Schema):
    id: int
    name: str
    description: str
    kind: ProspectKind | None
    sectors: list[str]
    size_bands: list[str]
    postcodes: list[str]
    center_latitude: float | None
    center_longitude: float | None
    radius_km: float | None
    potential_min: Decimal | None
    potential_max: Decimal | None
    created_at: datetime
    version: int


class ScriptStep(InputSchema):
    kind: ScriptStepKind
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), MULTILINE
    ]


class CallScriptCreate(InputSchema):
    name: Name150
    persona_id: Id | None = None
    steps: list[ScriptStep] = Field(min_length=1, max_length=50)


class CallScriptUpdate(VersionedUpdate):
    name: Name150 | None = None
    persona_id: Id | None = None
    steps: list[ScriptStep] | None = Field(default=None, min_length=1, max_length=50)


class CallScriptOut(Schema):
    id: int
    name: str
    persona_id: int | None
    steps: list[dict[str, Any]]
    created_at: datetime
    version: int


class TimelineEvent(Schema):
    kind: str = Field(description="interaction, status_change, consent, appointment")
    at: datetime
    id: int
    summary: str
    data: dict[str, Any]


class SavedFilter(InputSchema):
    """A list filter kept with a campaign (same meaning as the list's query parameters)."""

    q: Text100 | None = None
    status: list[ProspectStatus] = Field(default_factory=list, max_length=len(ProspectStatus))
    kind: ProspectKind | None = None
    sector: Text100 | None = None
    priority: Priority | None = None
    potential_min: Money | None = None
    potential_max: Money | None = None
    tag: Text100 | None = None
    min_match: int | None = Field(default=None, ge=0, le=100)


class CampaignFields(InputSchema):
    channel: Channel | None = None
    persona_id: Id | None = None
    saved_filter: SavedFilter | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None
    call_script_id: Id | None = None
    message_template: Annotated[str, StringConstraints(max_length=4000), MULTILINE] | None = None
    analogous_offer: bool | None = None
    objective_contacts: int | None = Field(default=None, ge=0, le=100_000)
    objective_appointments: int | None = Field(default=None, ge=0, le=100_000)
    presentation_variant_id: Id | None = Field(
        default=None,
        description="La variante de présentation que les appels ou messages utilisent.",
    )


class CampaignCreate(CampaignFields):
    name: Name150
    channel: Channel


class CampaignUpdate(CampaignFields, VersionedUpdate):
    name: Name150 | None = None


class CampaignCounts(Schema):
    members: int
    contacted: int
    reached: int
    appointments: int
    refusals: int


class CampaignOut(Schema):
    id: int
    name: str
    channel: Channel
    persona_id: int | None
    saved_filter: dict[str, Any]
    starts_on: date | None
    ends_on: date | None
    call_script_id: int | None
    message_template: str
    analogous_offer: bool
    objective_contacts: int | None
    objective_appointments: int | None
    presentation_variant_id: int | None = None
    counts: CampaignCounts
    created_at: datetime
    version: int


class MemberRef(InputSchema):
    prospect_id: Id
    contact_id: Id | None = None


class MembersAdd(InputSchema):
    members: list[MemberRef] = Field(default_factory=list, max_length=5000)
    from_target: bool = Field(
        default=False,
        description="Ajouter les prospects visés par la campagne (persona et filtre enregistré).",
    )
    limit: int = Field(default=500, ge=1, le=5000, description="Plafond pour from_target.")


class MemberOut(Schema):
    id: int
    campaign_id: int
    prospect_id: int
    contact_id: int | None
    added_at: datetime
    prospect_name: str | None = Field(
        default=None, description="Nom de la fiche (la liste des membres le donne)."
    )


class MemberRefused(Schema):
    prospect_id: int
    contact_id: int | None
    rule: str
    detail: str


class MembersReport(Schema):
    added: list[MemberOut]
    already_members: list[MemberRef]
    refused: list[MemberRefused]


# ------------------------------------------------------------------ bulk actions and merge

#: A record id as the columns hold it (PostgreSQL's INTEGER): larger ids are refused (422).
RecordId = Annotated[int, Field(ge=1, le=2_147_483_647)]
BULK_MAX_IDS = 500


class ProspectBulk(InputSchema):
    """One action on many prospects of the caller's file, in one transaction."""

    ids: list[RecordId] = Field(
        min_length=1,
        max_length=BULK_MAX_IDS,
        description=f"Fiches visées ({BULK_MAX_IDS} au plus ; doublons ignorés).",
    )
    action: Literal["status", "add_tag", "remove_tag", "add_to_campaign"]
    status: ProspectStatus | None = Field(default=None, description="Pour l'action status.")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = Field(
        default=None, description="Raison (obligatoire pour le statut perdu)."
    )
    tag: Tag | None = Field(default=None, description="Pour add_tag et remove_tag.")
    campaign_id: RecordId | None = Field(default=None, description="Pour add_to_campaign.")


class BulkResult(Schema):
    id: int
    outcome: Literal["done", "unchanged", "refused", "not_found"]
    rule: str | None = Field(default=None, description="La règle qui a refusé (RGPD, statut…).")
    detail: str | None = None


class BulkReport(Schema):
    action: str
    results: list[BulkResult] = Field(description="Une ligne par fiche, dans l'ordre demandé.")
    done: int
    unchanged: int
    refused: int
    not_found: int


MergeField = Literal[
    "name",
    "siren",
    "siret",
    "naf_code",
    "sector",
    "size_band",
    "address",
    "phone",
    "email",
    "website",
    "source",
    "potential",
    "next_contact_on",
]


class ProspectMerge(InputSchema):
    """Merge a duplicate into this prospect (the survivor)."""

    duplicate_id: RecordId
    version: int = Field(ge=1, le=2**31 - 1, description="Version lue de la fiche conservée.")
    duplicate_version: int = Field(ge=1, le=2**31 - 1, description="Version lue du doublon.")
    choices: dict[MergeField, Literal["survivor", "duplicate"]] = Field(
        default_factory=dict,
        description="Valeur retenue par champ ; par défaut celle de la fiche conservée, ou "
        "celle du doublon quand la fiche conservée n'en a pas. « address » couvre l'adresse, "
        "le code postal, la ville et les coordonnées.",
    )
    dry_run: bool = Field(
        default=False, description="Montrer le résultat champ par champ sans rien écrire."
    )


class MergeFieldOut(Schema):
    field: str
    survivor: Any
    duplicate: Any
    kept: Literal["survivor", "duplicate"]


class MergeReport(Schema):
    dry_run: bool
    duplicate_id: int
    fields: list[MergeFieldOut] = Field(description="Champ par champ : la valeur retenue.")
    rules: list[str] = Field(description="Ce qui se fusionne sans choix (RGPD, étiquettes…).")
    moved: dict[str, int] = Field(description="Enregistrements rattachés à la fiche conservée.")
    prospect: ProspectOut
