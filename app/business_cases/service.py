"""The rules of the business case: drafts, publication, archives, assignments, imports, and
the one way other domains read a case (``active_case``, ``document_of``).

A case's working copy (``draft``) is replaced whole; publishing freezes it into the next
version, whose catalogue is indexed in ``business_case_products``. A trainee reads only the
published case assigned to them (their own assignment, else their cohort's). A version never
changes, so its parsed document is cached by version."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.auth.repository import CohortRepository, UserRepository
from app.business_cases import repository as repo
from app.business_cases.document import BusinessCaseDocument
from app.business_cases.schemas import AssignmentCreate
from app.common.clock import utcnow
from app.core.errors import Conflict, FieldError, InvalidDocument, NotFound
from app.core.patch import check_version
from app.core.principal import Principal
from app.models import (
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseProduct,
    BusinessCaseStatus,
    BusinessCaseVersion,
    Role,
)

IMPORT_MAX_BYTES = 2 * 1024 * 1024
"""A case document is a few hundred kilobytes at most (500 products with their arguments)."""


# ----------------------------------------------------------------- reading a document


def parse(data: dict[str, Any]) -> BusinessCaseDocument:
    return BusinessCaseDocument.model_validate(data)


def stored(doc: BusinessCaseDocument) -> dict[str, Any]:
    """The JSON form kept in the database (decimals as strings: exact)."""
    return doc.model_dump(mode="json")


_CACHE: OrderedDict[tuple[int, datetime], BusinessCaseDocument] = OrderedDict()
_CACHE_SIZE = 64


def document_of(version: BusinessCaseVersion) -> BusinessCaseDocument:
    """The parsed document of a version (cached: a version never changes; the key holds the
    publication time so that a rolled-back test database reusing an id is not confused)."""
    key = (version.id, version.published_at)
    doc = _CACHE.get(key)
    if doc is None:
        doc = parse(version.document)
        _CACHE[key] = doc
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return doc


def draft_of(case: BusinessCase) -> BusinessCaseDocument:
    return parse(case.draft)


def case_name(doc: BusinessCaseDocument) -> str:
    return doc.identity.name


# ----------------------------------------------------------------- the active case


@dataclass(frozen=True)
class ActiveCase:
    case: BusinessCase
    version: BusinessCaseVersion
    through: str  # "trainee" or "cohort"

    @property
    def document(self) -> BusinessCaseDocument:
        return document_of(self.version)


def active_case(session: Session, trainee_id: int) -> ActiveCase | None:
    """The published case a trainee works under now (their own assignment, else their
    cohort's) and its latest version: the one their new records carry."""
    found = repo.active_assignment(session, trainee_id)
    if found is None:
        return None
    assignment, case, version = found
    if version is None or case.status is BusinessCaseStatus.ARCHIVED:
        return None
    return ActiveCase(case, version, "trainee" if assignment.trainee_id else "cohort")


def require_active_case(session: Session, trainee_id: int) -> ActiveCase:
    active = active_case(session, trainee_id)
    if active is None:
        raise NotFound(
            "Aucun cas d'entreprise publié ne vous est attribué : votre formateur doit "
            "vous en attribuer un (ou l'attribuer à votre promotion)."
        )
    return active


# ----------------------------------------------------------------- writes


def create_case(session: Session, principal: Principal, doc: BusinessCaseDocument) -> BusinessCase:
    case = BusinessCase(
        organisation_id=principal.organisation_id,
        name=case_name(doc),
        draft=stored(doc),
        status=BusinessCaseStatus.DRAFT,
        created_by_id=principal.user_id,
    )
    session.add(case)
    session.flush()
    return case


def replace_draft(
    session: Session, case: BusinessCase, version: int, doc: BusinessCaseDocument
) -> BusinessCase:
    check_version(case, version)
    _not_archived(case, "modifier")
    case.draft = stored(doc)
    case.name = case_name(doc)
    session.flush()
    return case


def publish(
    session: Session, principal: Principal, case: BusinessCase, version: int
) -> BusinessCaseVersion:
    """Freeze the draft into the next version. Records made from now on carry it; earlier
    ones keep theirs. Publishing a draft equal to the last version is refused (409)."""
    check_version(case, version)
    _not_archived(case, "publier")
    doc = draft_of(case)  # revalidated: the rules may have grown since it was saved
    latest = repo.latest_version(session, case.id)
    if latest is not None and latest.document == stored(doc):
        raise Conflict(
            f"Le brouillon est identique à la version {latest.number} déjà publiée : "
            "rien à publier."
        )
    number = case.published_number + 1
    published = BusinessCaseVersion(
        business_case_id=case.id,
        number=number,
        document=stored(doc),
        published_at=utcnow(),
        published_by_id=principal.user_id,
    )
    session.add(published)
    session.flush()
    session.add_all(
        BusinessCaseProduct(
            version_id=published.id,
            reference=product.reference,
            name=product.label,
            family=product.family,
            price_ht=product.price_ht,
            tva_rate=product.tva_rate,
            cost_ht=product.cost_ht,
        )
        for product in doc.catalogue.products
    )
    case.published_number = number
    case.status = BusinessCaseStatus.PUBLISHED
    session.flush()
    return published


def archive(session: Session, case: BusinessCase, version: int) -> BusinessCase:
    """An archived case is no longer offered: it must first be withdrawn from every cohort
    and trainee (409 saying how many still hold it); records keep their version."""
    check_version(case, version)
    if case.status is BusinessCaseStatus.ARCHIVED:
        return case
    held = repo.assignment_counts(session, [case.id]).get(case.id, 0)
    if held:
        raise Conflict(
            f"Ce cas est encore attribué ({held} promotion(s) ou stagiaire(s)) : retirez "
            "les attributions avant de l'archiver."
        )
    case.status = BusinessCaseStatus.ARCHIVED
    session.flush()
    return case


def restore(session: Session, case: BusinessCase, version: int) -> BusinessCase:
    check_version(case, version)
    if case.status is BusinessCaseStatus.ARCHIVED:
        case.status = (
            BusinessCaseStatus.PUBLISHED if case.published_number else BusinessCaseStatus.DRAFT
        )
        session.flush()
    return case


def delete_case(session: Session, case: BusinessCase) -> None:
    """Only a case never published can be deleted: a published one may be what trainees'
    records were made under (archive it instead)."""
    if case.published_number:
        raise Conflict(
            "Ce cas a été publié : des dossiers de stagiaires peuvent s'y référer. "
            "Archivez-le plutôt que de le supprimer."
        )
    session.delete(case)
    session.flush()


def _not_archived(case: BusinessCase, action: str) -> None:
    if case.status is BusinessCaseStatus.ARCHIVED:
        raise Conflict(f"Ce cas est archivé : restaurez-le pour le {action}.")


# ----------------------------------------------------------------- assignments


def assign(
    session: Session, principal: Principal, case: BusinessCase, data: AssignmentCreate
) -> tuple[BusinessCaseAssignment, bool]:
    """Give a published case to a cohort the caller leads (or, for an admin, any of the
    organisation's) or to a trainee they follow. A cohort and a trainee hold one case each;
    another one already there is a 409 naming it, unless ``replace``. Returns the assignment
    and whether it is new."""
    if case.status is not BusinessCaseStatus.PUBLISHED:
        raise Conflict(
            "Seul un cas publié peut être attribué : publiez-le d'abord."
            if case.status is BusinessCaseStatus.DRAFT
            else "Ce cas est archivé : restaurez-le pour l'attribuer."
        )
    if data.cohort_id is not None:
        cohorts = CohortRepository(session, principal)
        if (
            session.scalar(cohorts.readable_statement().where(cohorts.model.id == data.cohort_id))
            is None
        ):
            raise FieldError("cohort_id", f"Promotion {data.cohort_id} inconnue parmi les vôtres.")
    else:
        users = UserRepository(session, principal)
        trainee = session.scalar(
            users.readable_statement().where(users.model.id == data.trainee_id)
        )
        if trainee is None or trainee.role is not Role.TRAINEE:
            raise FieldError(
                "trainee_id", f"Stagiaire {data.trainee_id} inconnu parmi ceux que vous suivez."
            )
    held = repo.assignment_for(session, cohort_id=data.cohort_id, trainee_id=data.trainee_id)
    if held is not None and held.business_case_id == case.id:
        return held, False
    if held is not None:
        if not data.replace:
            other = session.get(BusinessCase, held.business_case_id)
            whom = "Cette promotion" if data.cohort_id is not None else "Ce stagiaire"
            raise Conflict(
                f"{whom} a déjà un cas d'entreprise : « {other.name if other else '?'} » "
                f"(n° {held.business_case_id}). Envoyez replace=true pour le remplacer.",
                business_case_id=held.business_case_id,
            )
        session.delete(held)
        session.flush()
    assignment = BusinessCaseAssignment(
        business_case_id=case.id, cohort_id=data.cohort_id, trainee_id=data.trainee_id
    )
    session.add(assignment)
    session.flush()
    return assignment, True


def unassign(session: Session, case: BusinessCase, assignment_id: int) -> None:
    removed = session.execute(
        delete(BusinessCaseAssignment).where(
            BusinessCaseAssignment.id == assignment_id,
            BusinessCaseAssignment.business_case_id == case.id,
        )
    )
    if not getattr(removed, "rowcount", 0):
        raise NotFound(f"Attribution {assignment_id} introuvable pour ce cas.")


# ----------------------------------------------------------------- import


def parse_import(content: bytes) -> BusinessCaseDocument:
    """A case from an uploaded JSON file, validated whole before anything is written: 422
    listing each path and its reason."""
    if len(content) > IMPORT_MAX_BYTES:
        raise FieldError(
            "file",
            f"Fichier trop volumineux : {IMPORT_MAX_BYTES // 1024 // 1024} Mo au plus.",
            location="body",
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FieldError("file", "Le fichier doit être du JSON encodé en UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise FieldError(
            "file", f"JSON mal formé (ligne {exc.lineno}, colonne {exc.colno}) : {exc.msg}."
        ) from None
    except RecursionError:
        raise FieldError("file", "JSON trop profondément imbriqué.") from None
    if not isinstance(data, dict):
        raise FieldError("file", "Le document doit être un objet JSON (un cas d'entreprise).")
    try:
        return parse(data)
    except ValidationError as exc:
        raise InvalidDocument(exc.errors(), location="file") from None


# ----------------------------------------------------------------- what the routes return


def summaries(session: Session, cases: list[BusinessCase]) -> list[dict[str, Any]]:
    """The list's rows: counts read from each draft, assignments in one query, and whether
    the draft moved since the last publication (latest versions in one query)."""
    counts = repo.assignment_counts(session, [c.id for c in cases])
    latest = repo.latest_documents(session, [c.id for c in cases if c.published_number])
    return [_summary(c, counts.get(c.id, 0), latest.get(c.id)) for c in cases]


def _summary(case: BusinessCase, assignments: int, latest: dict[str, Any] | None) -> dict[str, Any]:
    draft = case.draft
    return {
        "id": case.id,
        "name": case.name,
        "status": case.status,
        "published_number": case.published_number,
        "version": case.version,
        "sector": doc_sector(draft),
        "products": len((draft.get("catalogue") or {}).get("products") or []),
        "segments": len((draft.get("market") or {}).get("segments") or []),
        "assignments": assignments,
        "draft_changed": latest is not None and latest != draft,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }


def doc_sector(draft: dict[str, Any]) -> str | None:
    identity = draft.get("identity") or {}
    naf = identity.get("naf_code") or identity.get("naf")
    return str(naf) if naf else None


def case_view(session: Session, principal: Principal, case: BusinessCase) -> dict[str, Any]:
    """One case with its document: the draft for those who write it, the latest published
    version for a trainee."""
    row = summaries(session, [case])[0]
    if principal.role is Role.TRAINEE:
        latest = repo.latest_version(session, case.id)
        if latest is None:  # pragma: no cover - a trainee reads published cases only
            raise NotFound(f"Cas d'entreprise {case.id} introuvable.")
        return {**row, "document_version": latest.number, "document": document_of(latest)}
    return {**row, "document_version": 0, "document": draft_of(case)}


def export_document(
    session: Session, principal: Principal, case: BusinessCase, number: int | None
) -> tuple[BusinessCaseDocument, int]:
    """The document to export: a given version, else the draft (its writers) or the latest
    version (a trainee). Returns it with its number (0: the draft)."""
    if number is None and principal.role is not Role.TRAINEE:
        return draft_of(case), 0
    if number is None:
        latest = repo.latest_version(session, case.id)
        if latest is None:  # pragma: no cover - a trainee reads published cases only
            raise NotFound(f"Cas d'entreprise {case.id} introuvable.")
        return document_of(latest), latest.number
    version = repo.VersionRepository(session, principal).numbered(case.id, number)
    return document_of(version), version.number


def assignments_view(
    session: Session, principal: Principal, case: BusinessCase
) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "business_case_id": a.business_case_id,
            "cohort_id": a.cohort_id,
            "cohort_name": cohort,
            "trainee_id": a.trainee_id,
            "trainee_name": trainee,
            "assigned_at": a.assigned_at,
        }
        for a, cohort, trainee in repo.AssignmentRepository(session, principal).of_case(case.id)
    ]


def active_view(active: ActiveCase) -> dict[str, Any]:
    return {
        "business_case_id": active.case.id,
        "name": active.case.name,
        "version_id": active.version.id,
        "version_number": active.version.number,
        "assigned_through": active.through,
        "document": active.document,
    }
