"""Social selling: request and response bodies (names prefixed ``Social`` where another
domain has the same noun: the OpenAPI document keeps one component per name)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from app.core.schemas import (
    MAX_INT,
    AwareDateTime,
    CheckFinding,
    Day,
    Id,
    InputSchema,
    MultilineText,
    Schema,
    VersionedUpdate,
)
from app.models import (
    Interlocutor,
    PostObjective,
    PostStatus,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
)
from app.prospects.schemas import AppointmentDraft
from app.social.checks import CONTACT_SETTINGS, PHOTO_GUIDELINES, POST_LIMITS

#: The longest post text accepted (the most generous network's limit: Facebook's); each
#: network's own limit is a finding of the consistency check, not a refusal.
MAX_POST_TEXT = max(POST_LIMITS.values())
#: A count of a KPI measurement or a network statistic.
MAX_COUNT = 10**9

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Notes = Annotated[MultilineText, Field(max_length=2000)]
Theme = Annotated[str, Field(min_length=1, max_length=100)]
PostText = Annotated[MultilineText, Field(max_length=MAX_POST_TEXT)]
MediaDescription = Annotated[MultilineText, Field(max_length=2000)]


def _http_url(value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise ValueError("Adresse http:// ou https:// attendue.")
    return value


PostUrl = Annotated[str | None, AfterValidator(_http_url)]


def _known(codes: dict[str, Any], known: dict[str, Any], what: str) -> None:
    unknown = sorted(code for code in codes if code not in known)
    if unknown:
        raise PydanticCustomError(
            "unknown_code",
            "{what} inconnu(s) : {codes} (codes permis : {allowed}).",
            {"what": what, "codes": ", ".join(unknown), "allowed": ", ".join(known)},
        )


# ----------------------------------------------------------------- findings


# ----------------------------------------------------------------- profiles


class SocialExperienceIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    company: str = Field(default="", max_length=200)
    current: bool = Field(default=False, description="Le poste occupé aujourd'hui.")
    description: Annotated[MultilineText, Field(max_length=2000)] = ""


class SocialProfileIn(InputSchema):
    """The whole profile (PUT creates or replaces it; ``version`` to replace)."""

    version: int | None = Field(
        default=None, ge=1, le=MAX_INT, description="Version lue, pour remplacer le profil."
    )
    headline: str = Field(default="", max_length=300, description="Titre du profil.")
    summary: Annotated[MultilineText, Field(max_length=5000)] = ""
    experience: list[SocialExperienceIn] = Field(default_factory=list, max_length=30)
    featured: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, max_length=20, description="Contenus sélectionnés."
    )
    photo: dict[str, bool] = Field(
        default_factory=dict,
        max_length=len(PHOTO_GUIDELINES),
        description="Consignes photo confirmées : "
        + ", ".join(f"`{code}` ({label})" for code, label in PHOTO_GUIDELINES.items())
        + ".",
    )
    contact: dict[str, Annotated[str, Field(max_length=30)] | bool] = Field(
        default_factory=dict,
        max_length=len(CONTACT_SETTINGS),
        description="Réglages de contact : "
        + ", ".join(
            f"`{code}` ({' / '.join(str(v).lower() for v in s.values)})"
            for code, s in CONTACT_SETTINGS.items()
        )
        + ".",
    )

    @field_validator("photo")
    @classmethod
    def _photo_codes(cls, value: dict[str, bool]) -> dict[str, bool]:
        _known(value, PHOTO_GUIDELINES, "Consigne(s) photo")
        return value

    @field_validator("contact")
    @classmethod
    def _contact_codes(cls, value: dict[str, str | bool]) -> dict[str, str | bool]:
        _known(value, CONTACT_SETTINGS, "Réglage(s) de contact")
        return value


class SocialExperienceOut(Schema):
    title: str
    company: str
    current: bool
    description: str


class SocialProfileOut(Schema):
    id: int
    owner_id: int
    network: SocialNetwork
    headline: str
    summary: str
    experience: list[SocialExperienceOut]
    featured: list[str]
    photo: dict[str, bool]
    contact: dict[str, str | bool]
    findings: list[CheckFinding] = Field(description="Le dernier contrôle, à la charte.")
    passed: bool = Field(description="Aucune erreur au dernier contrôle.")
    checked_at: datetime | None
    business_case_version_id: int | None = Field(
        description="La version du cas d'entreprise du dernier contrôle."
    )
    first_passed_at: datetime | None = Field(
        description="Le premier contrôle réussi (la preuve est enregistrée alors, une fois)."
    )
    created_at: datetime
    updated_at: datetime
    version: int


# ----------------------------------------------------------------- posts


class SocialPostIn(InputSchema):
    network: SocialNetwork
    planned_on: Day = Field(description="Jour de publication prévu (calendrier éditorial).")
    objective: PostObjective
    interlocutor: Interlocutor | None = Field(default=None, description="La cible visée.")
    theme: Theme = Field(description="Un des thèmes de la charte (sinon, le contrôle le dit).")
    text: PostText = ""
    media_description: MediaDescription = Field(
        default="", description="Ce que montre le visuel ou la vidéo (relu aussi)."
    )


class SocialPostCheckIn(SocialPostIn):
    """A post checked without being saved (the editor's live check)."""

    post_id: Id | None = Field(
        default=None,
        description="La publication en cours de modification (elle ne compte qu'une fois dans "
        "la semaine).",
    )


class SocialPostUpdate(VersionedUpdate):
    network: SocialNetwork | None = None
    planned_on: Day | None = None
    objective: PostObjective | None = None
    interlocutor: Interlocutor | None = None
    theme: Theme | None = None
    text: PostText | None = None
    media_description: MediaDescription | None = None


class SocialPublishIn(InputSchema):
    published_on: Day | None = Field(
        default=None, description="Jour de publication (défaut : aujourd'hui ; pas dans le futur)."
    )
    url: PostUrl = Field(default=None, max_length=500, description="Adresse de la publication.")


class SocialKpiIn(InputSchema):
    """The post's figures on a day (one measurement per day: a second one replaces it)."""

    measured_on: Day = Field(description="Jour du relevé (depuis la publication, pas futur).")
    impressions: Count = 0
    reactions: Count = 0
    comments: Count = 0
    shares: Count = 0
    clicks: Count = 0
    followers_gained: Count = 0
    qualified_contacts: Count = 0
    appointments: Count = 0


class SocialKpiOut(Schema):
    id: int
    post_id: int
    measured_on: date
    impressions: int
    reactions: int
    comments: int
    shares: int
    clicks: int
    followers_gained: int
    qualified_contacts: int
    appointments: int
    engagements: int = Field(default=0, description="Réactions + commentaires + partages.")


class SocialPostOut(Schema):
    id: int
    owner_id: int
    network: SocialNetwork
    planned_on: date
    objective: PostObjective
    interlocutor: Interlocutor | None
    theme: str
    text: str
    media_description: str
    status: PostStatus
    approved_at: datetime | None
    published_on: date | None
    url: str
    findings: list[CheckFinding] = Field(
        description="Le dernier contrôle : cohérence avec la charte et confidentialité."
    )
    passed: bool
    checked_at: datetime | None
    business_case_version_id: int | None
    figures: SocialKpiOut | None = Field(
        default=None, description="Les chiffres du dernier relevé (publications publiées)."
    )
    created_at: datetime
    updated_at: datetime
    version: int


class SocialCheckOut(Schema):
    passed: bool = Field(description="Aucune erreur.")
    blocked: bool = Field(description="La confidentialité refuserait l'approbation.")
    findings: list[CheckFinding]
    posts_in_week: int = Field(
        description="Publications prévues dans la semaine, celle-ci comprise."
    )
    business_case_version_id: int


# ----------------------------------------------------------------- network statistics


class SocialStatIn(InputSchema):
    network: SocialNetwork
    measured_on: Day = Field(description="Jour du relevé (pas dans le futur).")
    followers: Count = 0
    connections: Count = 0


class SocialStatOut(Schema):
    id: int
    owner_id: int
    network: SocialNetwork
    measured_on: date
    followers: int
    connections: int


# ----------------------------------------------------------------- privacy checklists


class SocialPrivacyIn(InputSchema):
    done: dict[str, bool] = Field(
        max_length=50, description="L'état de chaque réglage de la liste du réseau, par code."
    )


class SocialPrivacyItemOut(Schema):
    code: str
    label: str
    why: str
    done: bool


class SocialPrivacyOut(Schema):
    network: SocialNetwork
    label: str
    in_charter: bool = Field(description="Un réseau de la charte de l'entreprise.")
    items: list[SocialPrivacyItemOut]
    done_count: int
    total: int
    complete: bool
    completed_at: datetime | None
    updated_at: datetime | None


# ----------------------------------------------------------------- social actions


class SocialActionCreate(InputSchema):
    network: SocialNetwork
    kind: SocialActionKind
    outcome: SocialActionOutcome
    occurred_at: AwareDateTime | None = Field(default=None, description="Par défaut : maintenant.")
    contact_id: Id | None = Field(default=None, description="Le contact du prospect visé.")
    post_id: Id | None = Field(default=None, description="La publication commentée ou partagée.")
    notes: Notes = ""
    next_contact_on: Day | None = Field(
        default=None,
        description="Prochain contact (obligatoire, comme pour tout échange du fichier, sauf "
        "refus ou rendez-vous pris).",
    )
    appointment: AppointmentDraft | None = Field(
        default=None, description="Obligatoire quand le résultat est « appointment »."
    )


class SocialActionUpdate(VersionedUpdate):
    outcome: SocialActionOutcome | None = Field(
        default=None, description="Ce qu'a donné l'action (un rendez-vous s'enregistre à part)."
    )
    notes: Notes | None = None


class SocialActionOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str | None = None
    contact_id: int | None
    interaction_id: int | None = Field(description="L'échange enregistré dans le fichier.")
    appointment_id: int | None = Field(default=None, description="Le rendez-vous pris.")
    post_id: int | None
    network: SocialNetwork
    kind: SocialActionKind
    outcome: SocialActionOutcome
    occurred_at: datetime
    notes: str
    in_target: bool = Field(description="Le prospect est dans un segment du cas d'entreprise.")
    created_at: datetime
    version: int


# ----------------------------------------------------------------- dashboard


class SocialPostFigures(Schema):
    planned: int = Field(description="Publications prévues dans la période (non annulées).")
    published: int
    impressions: int
    engagements: int = Field(description="Réactions + commentaires + partages.")
    engagement_rate: Decimal | None = Field(
        description="Engagements ÷ impressions × 100 (vide sans impression)."
    )


class SocialAudience(Schema):
    network: SocialNetwork
    followers_start: int
    followers_end: int
    followers_growth: int
    connections_start: int
    connections_end: int
    connections_growth: int
    measured_from: date = Field(description="Le relevé de départ (le dernier avant la période).")
    measured_to: date = Field(description="Le dernier relevé de la période.")


class SocialActionFigures(Schema):
    total: int
    by_kind: dict[SocialActionKind, int]
    by_outcome: dict[SocialActionOutcome, int]
    connections_in_target: int = Field(
        description="Invitations acceptées par des prospects d'un segment du cas."
    )
    leads: int = Field(description="Prospects ajoutés au fichier avec la source « social ».")
    appointments: int = Field(description="Rendez-vous pris par une action sur les réseaux.")
    conversion_rate: Decimal | None = Field(
        description="Rendez-vous ÷ actions × 100 (vide sans action)."
    )


class SocialDashboardOut(Schema):
    trainee_id: int
    start: date
    end: date
    time_zone: str
    posts: SocialPostFigures
    audience: list[SocialAudience]
    actions: SocialActionFigures
    metrics: dict[str, int | Decimal | None] = Field(
        description="Les indicateurs du registre (GET /metrics)."
    )
