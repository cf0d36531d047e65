"""Payloads of the presentation library (docs/design/020-company-image-social-selling.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from app.core.schemas import MULTILINE, CheckFinding, Id, InputSchema, Schema, VersionedUpdate
from app.models import Interlocutor, PresentationChannel, PresentationKind

Reference = Annotated[str, Field(min_length=1, max_length=60)]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Subject = Annotated[str, Field(max_length=200)]
Text = Annotated[str, MULTILINE, Field(max_length=20_000)]

MAX_REFERENCES = 10
MAX_ARGUMENTS = 30


class ArgumentRef(InputSchema):
    """A CAP argument of the catalogue: the product's reference and the argument's rank
    (from 0) in the product's arguments."""

    reference: Reference
    index: int = Field(ge=0, le=49)


class ArgumentRefOut(Schema):
    reference: str
    index: int


class _VariantText(InputSchema):
    subject: Subject | None = Field(
        default=None, description="Objet de l'e-mail (canal e-mail seulement)."
    )
    text: Text | None = Field(
        default=None,
        description="Le texte ; absent : rédigé à partir du cas d'entreprise (à réécrire).",
    )
    arguments: list[ArgumentRef] | None = Field(
        default=None,
        max_length=MAX_ARGUMENTS,
        description="Arguments CAP utilisés ; absents avec le texte : ceux du brouillon.",
    )


class VariantCreate(_VariantText):
    """A variant for an interlocutor on a channel; without a text, the case drafts it."""

    interlocutor: Interlocutor
    channel: PresentationChannel | None = Field(
        default=None, description="Par défaut : le canal habituel du type de présentation."
    )
    persona_id: Id | None = Field(default=None, description="Persona du fichier visé.")


class VariantUpdate(VersionedUpdate):
    """The whole variant as rewritten (PUT)."""

    interlocutor: Interlocutor
    channel: PresentationChannel
    persona_id: Id | None = None
    subject: Subject = ""
    text: Text = ""
    arguments: list[ArgumentRef] = Field(default_factory=list, max_length=MAX_ARGUMENTS)


class PresentationCreate(InputSchema):
    """A presentation and its first variant (drafted from the case unless its text is
    given)."""

    title: Title
    kind: PresentationKind
    references: list[Reference] = Field(
        default_factory=list,
        max_length=MAX_REFERENCES,
        description="Produits présentés (références du catalogue) ; vide : le premier.",
    )
    variant: VariantCreate = Field(
        default_factory=lambda: VariantCreate(interlocutor=Interlocutor.DECISION_MAKER),
        description="La première variante ; par défaut rédigée pour le décideur.",
    )


class PresentationUpdate(VersionedUpdate):
    title: Title | None = None
    references: list[Reference] | None = Field(default=None, max_length=MAX_REFERENCES)


class PresentationCheckIn(InputSchema):
    """A text to check without saving it (the editor's live check)."""

    kind: PresentationKind
    interlocutor: Interlocutor
    channel: PresentationChannel
    subject: Subject = ""
    text: Text = ""
    arguments: list[ArgumentRef] = Field(default_factory=list, max_length=MAX_ARGUMENTS)


class VariantMeasures(Schema):
    words: int
    characters: int
    spoken_seconds: int | None = Field(
        description="Durée lue à voix haute (150 mots par minute), canaux oraux."
    )


class PresentationCheck(Schema):
    passed: bool = Field(description="Aucune erreur.")
    findings: list[CheckFinding]
    measures: VariantMeasures
    business_case_version_id: int


class VariantUses(Schema):
    interview_report_ids: list[int] = Field(description="Comptes rendus d'entretien.")
    campaign_ids: list[int] = Field(description="Campagnes de prospection.")


class VariantOut(Schema):
    id: int
    presentation_id: int
    owner_id: int
    interlocutor: Interlocutor
    channel: PresentationChannel
    persona_id: int | None
    subject: str
    text: str
    arguments: list[ArgumentRefOut]
    passed: bool
    findings: list[CheckFinding] = Field(description="Le dernier contrôle.")
    checked_at: datetime | None
    business_case_version_id: int | None = Field(
        description="Version du cas d'entreprise du dernier contrôle."
    )
    outdated: bool = Field(
        default=False,
        description="Le cas d'entreprise a changé depuis le dernier contrôle : "
        "les constats affichés sont ceux d'aujourd'hui.",
    )
    first_passed_at: datetime | None = Field(
        description="Première réussite d'un texte écrit par le stagiaire (la preuve)."
    )
    measures: VariantMeasures
    uses: VariantUses
    created_at: datetime
    updated_at: datetime
    version: int


class PresentationOut(Schema):
    id: int
    owner_id: int
    title: str
    kind: PresentationKind
    references: list[str]
    variants: list[VariantOut]
    passed_count: int = Field(description="Variantes qui réussissent leur contrôle.")
    created_at: datetime
    updated_at: datetime
    version: int


class PresentationCreated(Schema):
    presentation: PresentationOut
    variant: VariantOut = Field(description="La variante créée.")
