"""Payloads of the business case routes. The case itself is one document
(``BusinessCaseDocument``): the body of a creation, of a draft's replacement, of an import and
of an export."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from app.business_cases.document import BusinessCaseDocument
from app.core.schemas import MAX_INT, Id, InputSchema, Schema, VersionedUpdate
from app.models import BusinessCaseStatus


class BusinessCaseDraftUpdate(VersionedUpdate):
    """A new working copy of the whole document (the draft is replaced, never merged)."""

    document: BusinessCaseDocument


class BusinessCaseStep(InputSchema):
    """Publish or archive: the version the trainer read before acting."""

    version: int = Field(
        ge=1, le=MAX_INT, description="Version lue avant l'action (verrou optimiste)."
    )


class AssignmentCreate(InputSchema):
    cohort_id: Id | None = Field(default=None, description="Toute une promotion.")
    trainee_id: Id | None = Field(default=None, description="Un stagiaire choisi.")
    replace: bool = Field(
        default=False,
        description="Remplacer le cas déjà attribué à cette promotion ou à ce stagiaire "
        "(sinon : conflit 409 qui le nomme).",
    )

    @model_validator(mode="after")
    def _one_target(self) -> AssignmentCreate:
        if (self.cohort_id is None) == (self.trainee_id is None):
            raise ValueError(
                "Indiquez soit une promotion (cohort_id), soit un stagiaire (trainee_id)."
            )
        return self


class AssignmentOut(Schema):
    id: int
    business_case_id: int
    cohort_id: int | None
    cohort_name: str | None = None
    trainee_id: int | None
    trainee_name: str | None = None
    assigned_at: datetime


class BusinessCaseSummary(Schema):
    id: int
    name: str
    status: BusinessCaseStatus
    published_number: int = Field(description="Numéro de la dernière version publiée (0 : jamais).")
    version: int = Field(description="Version du brouillon (verrou optimiste).")
    sector: str | None = None
    products: int = Field(description="Nombre de produits et services du catalogue.")
    segments: int = Field(description="Nombre de segments de marché.")
    assignments: int = Field(default=0, description="Promotions et stagiaires qui l'ont reçu.")
    draft_changed: bool = Field(
        default=False, description="Le brouillon diffère de la dernière version publiée."
    )
    created_at: datetime
    updated_at: datetime


class BusinessCaseOut(BusinessCaseSummary):
    """A case with a document: the draft for its trainers, the published version for a
    trainee (``document_version`` says which: 0 for the draft)."""

    document_version: int = Field(description="0 : le brouillon ; n : la version publiée n.")
    document: BusinessCaseDocument


class VersionOut(Schema):
    id: int
    business_case_id: int
    number: int
    published_at: datetime
    published_by_id: int | None


class VersionDocumentOut(VersionOut):
    document: BusinessCaseDocument


class ActiveCaseOut(Schema):
    """The case a trainee works under now and the version their new records carry."""

    business_case_id: int
    name: str
    version_id: int
    version_number: int
    assigned_through: str = Field(
        description="« trainee » (attribution personnelle) ou « cohort »."
    )
    document: BusinessCaseDocument
