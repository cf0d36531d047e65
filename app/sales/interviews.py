"""The sales interview: the preparation sheet of an appointment (CP6.1, CP6.2) with what is
known of the prospect beside it and its completeness check, the interview report (CP6.3–
CP6.8) with its exploitable-content check and the tasks its next steps make, and the
objection library (the business case's, then the trainee's own)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.agenda import tasks as agenda_tasks
from app.agenda.schemas import TaskCreate
from app.business_cases import segments
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.common.clock import utcnow
from app.config import get_settings
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.models import (
    Appointment,
    AppointmentStatus,
    BusinessCaseVersion,
    Competitor,
    Interaction,
    InterviewConclusion,
    InterviewReport,
    ObjectionEntry,
    Opportunity,
    OpportunityStage,
    Persona,
    PersonaMatch,
    Prospect,
    Quote,
    Role,
    TaskLinkKind,
    VisitPreparation,
    WatchItem,
)
from app.presentations.repository import VariantRepository
from app.sales.repository import OpportunityRepository
from app.sales.schemas import (
    Accessibility,
    ObjectionIn,
    PreparationIn,
    ReportIn,
)

CONTEXT_INTERACTIONS = 10
CONTEXT_WATCH_ITEMS = 10
MIN_MOTIVES = 2


def _finding(code: str, field: str, message: str) -> dict[str, str]:
    return {"code": code, "field": field, "message": message}


def _own(principal: Principal) -> None:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("La préparation et le compte rendu sont rédigés par le stagiaire.")


def _doc_for(
    session: Session, owner_id: int, opportunity: Opportunity | None
) -> BusinessCaseDocument | None:
    """The business case the interview is under: its opportunity's version, else the
    trainee's active case (None when they have none)."""
    if opportunity is not None:
        version = session.get(BusinessCaseVersion, opportunity.business_case_version_id)
        return cases.document_of(version) if version is not None else None
    active = cases.active_case(session, owner_id)
    return active.document if active else None


def document_for(
    session: Session, owner_id: int, opportunity_id: int | None
) -> BusinessCaseDocument | None:
    """The business case of an interview: its opportunity's version, else the active one."""
    opportunity = session.get(Opportunity, opportunity_id) if opportunity_id else None
    return _doc_for(session, owner_id, opportunity)


def _opportunity(
    session: Session, principal: Principal, appointment: Appointment, opportunity_id: int | None
) -> Opportunity | None:
    if opportunity_id is None:
        return None
    opportunity = OpportunityRepository(session, principal).get_referenced(
        opportunity_id, "opportunity_id"
    )
    if opportunity.prospect_id != appointment.prospect_id:
        raise FieldError("opportunity_id", "Cette opportunité concerne un autre prospect.")
    return opportunity


# ----------------------------------------------------------------- preparation


def preparation_of(session: Session, appointment_id: int) -> VisitPreparation | None:
    return session.scalar(
        select(VisitPreparation).where(VisitPreparation.appointment_id == appointment_id)
    )


def save_preparation(
    session: Session, principal: Principal, appointment: Appointment, data: PreparationIn
) -> VisitPreparation:
    """Create or replace the sheet (a replacement names the version it read)."""
    _own(principal)
    if appointment.status is AppointmentStatus.CANCELLED:
        raise Conflict("Rendez-vous annulé : il n'y a pas de visite à préparer.")
    opportunity = _opportunity(session, principal, appointment, data.opportunity_id)
    doc = _doc_for(session, principal.user_id, opportunity)
    _check_arguments(doc, data)
    found = preparation_of(session, appointment.id)
    if found is None:
        if data.version is not None:
            raise FieldError("version", "Cette préparation n'existe pas encore : pas de version.")
        found = VisitPreparation(owner_id=principal.user_id, appointment_id=appointment.id)
        session.add(found)
    else:
        if data.version is None:
            raise Conflict(
                "Ce rendez-vous a déjà sa préparation : relisez-la et envoyez sa version pour "
                "la remplacer."
            )
        check_version(found, data.version)
    found.opportunity_id = opportunity.id if opportunity else None
    found.information_level = data.information_level
    found.main_objective = data.main_objective
    found.fallback_objective = data.fallback_objective
    found.content = data.model_dump(
        mode="json", include={"questions", "arguments", "objections", "accessibility"}
    )
    session.flush()
    return found


def _check_arguments(doc: BusinessCaseDocument | None, data: PreparationIn) -> None:
    for i, argument in enumerate(data.arguments):
        product = doc.product(argument.product_reference) if doc else None
        if product is None:
            raise FieldError(
                f"arguments.{i}.product_reference",
                f"Référence {argument.product_reference} inconnue du catalogue du cas.",
            )
        labels = {s.label for s in product.supports}
        for j, support in enumerate(argument.supports):
            if support not in labels:
                known = ", ".join(sorted(labels)) or "aucun"
                raise FieldError(
                    f"arguments.{i}.supports.{j}",
                    f"Support inconnu pour {product.reference} (ses supports : {known}).",
                )


def preparation_findings(p: VisitPreparation) -> list[dict[str, str]]:
    """What is missing before the visit, each with the field it concerns."""
    c = p.content
    out = []
    if not p.fallback_objective.strip():
        out.append(
            _finding(
                "no_fallback_objective",
                "fallback_objective",
                "Prévoyez un objectif de repli si l'objectif principal échoue.",
            )
        )
    questions = c.get("questions", [])
    if not questions:
        out.append(_finding("no_question", "questions", "Aucune question préparée."))
    elif not any(q["kind"] == "open" for q in questions):
        out.append(
            _finding(
                "no_open_question",
                "questions",
                "Aucune question ouverte : elles font parler le client de ses besoins.",
            )
        )
    motives = {q.get("motive") for q in questions if q.get("motive")}
    if questions and len(motives) < MIN_MOTIVES:
        out.append(
            _finding(
                "motives_not_covered",
                "questions",
                f"Les questions explorent {len(motives)} mobile(s) d'achat (SONCAS) : "
                f"au moins {MIN_MOTIVES}.",
            )
        )
    arguments = c.get("arguments", [])
    if not arguments:
        out.append(_finding("no_argument", "arguments", "Aucun argument préparé (CAP)."))
    for i, a in enumerate(arguments):
        if not a.get("proof"):
            out.append(
                _finding(
                    "argument_without_proof",
                    f"arguments.{i}.proof",
                    f"L'argument sur {a['product_reference']} n'a pas de preuve.",
                )
            )
        if not a.get("supports"):
            out.append(
                _finding(
                    "argument_without_support",
                    f"arguments.{i}.supports",
                    f"Aucun support à montrer pour {a['product_reference']}.",
                )
            )
    if not c.get("objections"):
        out.append(_finding("no_objection", "objections", "Aucune objection anticipée."))
    out.extend(_accessibility_findings(c.get("accessibility", {}), "accessibility"))
    return out


def _accessibility_findings(a: dict[str, Any], field: str) -> list[dict[str, str]]:
    if not a.get("none_known") and not a.get("situations"):
        return [
            _finding(
                "accessibility_unknown",
                field,
                "Situation de handicap du client ou de son entourage : renseignez-la, "
                "ou indiquez qu'aucune n'est connue.",
            )
        ]
    if a.get("situations") and not a.get("adaptations"):
        return [
            _finding(
                "situations_without_adaptation",
                f"{field}.adaptations",
                "Une situation de handicap est connue : prévoyez une adaptation.",
            )
        ]
    return []


def preparation_out(p: VisitPreparation) -> dict[str, Any]:
    findings = preparation_findings(p)
    return {
        "id": p.id,
        "owner_id": p.owner_id,
        "appointment_id": p.appointment_id,
        "opportunity_id": p.opportunity_id,
        "information_level": p.information_level,
        "main_objective": p.main_objective,
        "fallback_objective": p.fallback_objective,
        "questions": p.content.get("questions", []),
        "arguments": p.content.get("arguments", []),
        "objections": p.content.get("objections", []),
        "accessibility": p.content.get("accessibility", Accessibility().model_dump(mode="json")),
        "findings": findings,
        "complete": not findings,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "version": p.version,
    }


def shows_arguments(p: VisitPreparation) -> bool:
    """CP6.2: an argument with its proof and a support to show."""
    return any(a.get("proof") and a.get("supports") for a in p.content.get("arguments", []))


# ----------------------------------------------------------------- what is known


def context(session: Session, principal: Principal, appointment: Appointment) -> dict[str, Any]:
    prospect = session.get(Prospect, appointment.prospect_id)
    assert prospect is not None
    owner = appointment.owner_id
    personas = session.execute(
        select(Persona.id, Persona.name, PersonaMatch.score)
        .join(PersonaMatch, PersonaMatch.persona_id == Persona.id)
        .where(PersonaMatch.prospect_id == prospect.id)
        .order_by(PersonaMatch.score.desc())
    )
    interactions = session.scalars(
        select(Interaction)
        .where(Interaction.prospect_id == prospect.id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(CONTEXT_INTERACTIONS)
    )
    items = session.scalars(
        select(WatchItem)
        .where(WatchItem.prospect_id == prospect.id, WatchItem.owner_id == owner)
        .order_by(WatchItem.published_at.desc(), WatchItem.id.desc())
        .limit(CONTEXT_WATCH_ITEMS)
    )
    own_competitors = session.scalars(
        select(Competitor.name).where(Competitor.owner_id == owner).order_by(Competitor.name)
    )
    active = cases.active_case(session, owner)
    doc = active.document if active else None
    competitors = list(dict.fromkeys([*(doc.competitors if doc else []), *own_competitors]))
    return {
        "appointment": {
            "id": appointment.id,
            "starts_at": appointment.starts_at,
            "duration_minutes": appointment.duration_minutes,
            "place": appointment.place,
            "status": appointment.status,
            "notes": appointment.notes,
        },
        "prospect": {
            "id": prospect.id,
            "name": prospect.name,
            "kind": prospect.kind,
            "sector": prospect.sector,
            "naf_code": prospect.naf_code,
            "size_band": prospect.size_band,
            "city": prospect.city,
            "status": prospect.status,
            "potential": prospect.potential,
            "segments": segments.matching(doc, prospect) if doc else [],
        },
        "personas": [{"id": id_, "name": name, "score": score} for id_, name, score in personas],
        "interactions": [
            {
                "occurred_at": i.occurred_at,
                "channel": i.channel,
                "direction": i.direction,
                "outcome": i.outcome,
                "notes": i.notes,
                "needs": i.needs,
            }
            for i in interactions
        ],
        "watch_items": [
            {
                "id": w.id,
                "title": w.title,
                "link": w.link,
                "published_at": w.published_at,
                "topic": w.topic,
            }
            for w in items
        ],
        "competitors": competitors,
        "products": [
            {
                "reference": p.reference,
                "label": p.label,
                "family": p.family,
                "arguments": [a.model_dump(mode="json") for a in p.arguments],
                "supports": [s.label for s in p.supports],
                "eco": p.eco.model_dump(mode="json") if p.eco else None,
            }
            for p in (doc.catalogue.products if doc else [])
        ],
        "objections": library(session, owner, doc),
    }


# ----------------------------------------------------------------- the report


def report_of(session: Session, appointment_id: int) -> InterviewReport | None:
    return session.scalar(
        select(InterviewReport).where(InterviewReport.appointment_id == appointment_id)
    )


def save_report(
    session: Session, principal: Principal, appointment: Appointment, data: ReportIn
) -> InterviewReport:
    """Create or replace the report of an appointment that has started. Each next step
    becomes a task linked to the prospect (a step kept across edits keeps its task)."""
    _own(principal)
    if appointment.status is AppointmentStatus.CANCELLED:
        raise Conflict("Rendez-vous annulé : il n'y a pas d'entretien à rapporter.")
    if appointment.starts_at > utcnow():
        raise Conflict("Le compte rendu s'écrit après le rendez-vous : il n'a pas encore eu lieu.")
    opportunity = _opportunity(session, principal, appointment, data.opportunity_id)
    if data.presentation_variant_id is not None:
        VariantRepository(session, principal).get_referenced(
            data.presentation_variant_id, "presentation_variant_id"
        )
    held_day = appointment.starts_at.astimezone(ZoneInfo(get_settings().timezone)).date()
    for i, step in enumerate(data.next_steps):
        if step.due_on < held_day:
            raise FieldError(
                f"next_steps.{i}.due_on", "Une étape suivante ne peut précéder le rendez-vous."
            )
    found = report_of(session, appointment.id)
    if found is None:
        if data.version is not None:
            raise FieldError("version", "Ce compte rendu n'existe pas encore : pas de version.")
        previous_steps: list[dict[str, Any]] = []
    else:
        if data.version is None:
            raise Conflict(
                "Ce rendez-vous a déjà son compte rendu : relisez-le et envoyez sa version pour "
                "le remplacer."
            )
        check_version(found, data.version)
        previous_steps = list(found.content.get("next_steps", []))
    # The tasks first: making them flushes the session, before a new report is complete.
    steps = _tasks_for(session, principal, appointment, data, previous_steps)
    if found is None:
        found = InterviewReport(owner_id=principal.user_id, appointment_id=appointment.id)
        session.add(found)
    found.opportunity_id = opportunity.id if opportunity else None
    found.held_at = appointment.starts_at
    found.information_level = data.information_level
    found.conclusion = data.conclusion
    found.conclusion_fits_signals = data.conclusion_fits_signals
    content = data.model_dump(
        mode="json",
        exclude={
            "version",
            "opportunity_id",
            "information_level",
            "conclusion",
            "conclusion_fits_signals",
            "next_steps",
        },
    )
    found.content = {**content, "next_steps": steps}
    if appointment.status is AppointmentStatus.PLANNED:
        appointment.status = AppointmentStatus.DONE
    session.flush()
    return found


def _tasks_for(
    session: Session,
    principal: Principal,
    appointment: Appointment,
    data: ReportIn,
    previous: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    kept = {(s["title"], s["due_on"]): s.get("task_id") for s in previous}
    zone = ZoneInfo(get_settings().timezone)
    out = []
    for step in data.next_steps:
        key = (step.title, step.due_on.isoformat())
        task_id = kept.get(key)
        if task_id is None:
            task = agenda_tasks.create_task(
                session,
                principal,
                zone,
                TaskCreate(
                    title=step.title,
                    due_on=step.due_on,
                    link_kind=TaskLinkKind.PROSPECT,
                    link_id=appointment.prospect_id,
                    notes="Étape suivante du compte rendu d'entretien.",
                ),
            )
            task_id = task.id
        out.append({"title": step.title, "due_on": step.due_on.isoformat(), "task_id": task_id})
    return out


def report_findings(session: Session, r: InterviewReport) -> list[dict[str, str]]:
    """What a manager needs and is missing, and what does not add up."""
    c = r.content
    out = []
    if not c.get("needs_explicit", "").strip():
        out.append(
            _finding("no_needs", "needs_explicit", "Les besoins exprimés ne sont pas notés.")
        )
    if not c.get("motives"):
        out.append(_finding("no_motives", "motives", "Aucun mobile d'achat (SONCAS) identifié."))
    if not c.get("arguments_used"):
        out.append(_finding("no_argument", "arguments_used", "Aucun argument noté."))
    for i, o in enumerate(c.get("objections_met", [])):
        if not o.get("resolved") and not o.get("answer", "").strip():
            out.append(
                _finding(
                    "objection_left",
                    f"objections_met.{i}.answer",
                    "Objection non levée : notez la réponse donnée ou à apporter.",
                )
            )
    if not c.get("signals", "").strip():
        out.append(
            _finding(
                "no_signals",
                "signals",
                "Les signaux observés ne sont pas notés : la conclusion ne peut être appréciée.",
            )
        )
    if r.conclusion not in (InterviewConclusion.ORDER, InterviewConclusion.REFUSAL) and not c.get(
        "next_steps"
    ):
        out.append(
            _finding(
                "no_next_step", "next_steps", "Aucune étape suivante datée après cette conclusion."
            )
        )
    out.extend(_accessibility_findings(c.get("accessibility", {}), "accessibility"))
    if r.opportunity_id is not None:
        opportunity = session.get(Opportunity, r.opportunity_id)
        if r.conclusion is InterviewConclusion.QUOTE and not session.scalar(
            select(Quote.id).where(Quote.opportunity_id == r.opportunity_id).limit(1)
        ):
            out.append(
                _finding(
                    "quote_missing",
                    "conclusion",
                    "Conclusion « devis » : aucun devis n'est encore établi pour l'opportunité.",
                )
            )
        if (
            r.conclusion is InterviewConclusion.ORDER
            and opportunity is not None
            and opportunity.stage is not OpportunityStage.WON
        ):
            out.append(
                _finding(
                    "order_not_won",
                    "conclusion",
                    "Conclusion « commande » : l'opportunité n'est pas gagnée.",
                )
            )
    elif r.conclusion in (InterviewConclusion.QUOTE, InterviewConclusion.ORDER):
        out.append(
            _finding(
                "no_opportunity",
                "opportunity_id",
                "Rattachez le compte rendu à l'opportunité du devis ou de la commande.",
            )
        )
    return out


def report_out(session: Session, r: InterviewReport) -> dict[str, Any]:
    findings = report_findings(session, r)
    c = r.content
    return {
        "id": r.id,
        "owner_id": r.owner_id,
        "appointment_id": r.appointment_id,
        "opportunity_id": r.opportunity_id,
        "held_at": r.held_at,
        "information_level": r.information_level,
        "conclusion": r.conclusion,
        "conclusion_fits_signals": r.conclusion_fits_signals,
        "needs_explicit": c.get("needs_explicit", ""),
        "needs_implicit": c.get("needs_implicit", ""),
        "motives": c.get("motives", []),
        "arguments_used": c.get("arguments_used", []),
        "supports_shown": c.get("supports_shown", []),
        "objections_met": c.get("objections_met", []),
        "signals": c.get("signals", ""),
        "accessibility": c.get("accessibility", Accessibility().model_dump(mode="json")),
        "next_steps": c.get("next_steps", []),
        "presentation_variant_id": c.get("presentation_variant_id"),
        "findings": findings,
        "exploitable": not findings,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "version": r.version,
    }


def report_criteria(r: InterviewReport) -> list[str]:
    """The criteria a report shows beyond its route's (CP6.3, CP6.4): the needs and motives
    found by listening and questioning (CP3.5), an argument that convinced (CP3.4), the
    argumentation, the objections, the conclusion fitting the signals, the accessibility
    adaptations."""
    c = r.content
    codes = []
    if c.get("needs_explicit", "").strip() and c.get("motives"):
        codes.append("CP3.5")  # listening and questioning found the needs and motives
    if any(a.get("reception") == "convinced" for a in c.get("arguments_used", [])):
        codes.append("CP3.4")  # a presentation that showed the product's value
    if c.get("arguments_used"):
        codes.append("CP6.5")
    if any(o.get("resolved") for o in c.get("objections_met", [])):
        codes.append("CP6.6")
    if r.conclusion_fits_signals and c.get("signals", "").strip():
        codes.append("CP6.7")
    if c.get("accessibility", {}).get("adaptations"):
        codes.append("CP6.8")
    return codes


# ----------------------------------------------------------------- objection library


def library(
    session: Session, owner_id: int, doc: BusinessCaseDocument | None
) -> list[dict[str, Any]]:
    """The business case's objections first (``doc``: the owner's active case, read by the
    caller), then the trainee's own."""
    out: list[dict[str, Any]] = [
        {
            "id": None,
            "source": "case",
            "kind": o.kind,
            "objection": o.objection,
            "answer": o.answer,
            "technique": o.technique,
        }
        for o in (doc.objections if doc else [])
    ]
    own = session.scalars(
        select(ObjectionEntry)
        .where(ObjectionEntry.owner_id == owner_id)
        .order_by(ObjectionEntry.kind, ObjectionEntry.id)
    )
    out += [
        {
            "id": o.id,
            "source": "own",
            "kind": o.kind,
            "objection": o.objection,
            "answer": o.answer,
            "technique": o.technique,
        }
        for o in own
    ]
    return out


MAX_OWN_OBJECTIONS = 200


def add_objection(session: Session, principal: Principal, data: ObjectionIn) -> ObjectionEntry:
    _own(principal)
    count = session.scalar(select(func.count()).where(ObjectionEntry.owner_id == principal.user_id))
    if (count or 0) >= MAX_OWN_OBJECTIONS:
        raise Conflict(f"Votre bibliothèque compte au plus {MAX_OWN_OBJECTIONS} objections.")
    entry = ObjectionEntry(
        owner_id=principal.user_id,
        kind=data.kind,
        objection=data.objection,
        answer=data.answer,
        technique=data.technique,
    )
    session.add(entry)
    session.flush()
    return entry


class ObjectionRepository(ScopedRepository[ObjectionEntry]):
    model = ObjectionEntry
    label = "Objection"


def delete_objection(session: Session, principal: Principal, objection_id: int) -> None:
    session.delete(ObjectionRepository(session, principal).get_writable(objection_id))
    session.flush()


def library_of(session: Session, owner_id: int) -> list[dict[str, Any]]:
    """The library of a trainee under their active case."""
    active = cases.active_case(session, owner_id)
    return library(session, owner_id, active.document if active else None)
