"""Escalations (CP7.4): a case's file passed to the competent department with a handover
note (facts, the client's request, what was done, documents); the department's answer is
recorded by a trainer answering as the department (a simulated department comes with the
exercises, issue 21), and the case's owner sees it on the case, the account and the agenda."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.business_cases.document import DEPARTMENT_LABELS
from app.common.clock import utcnow
from app.core.errors import Conflict, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.follow_up import cases, invoices, policy
from app.follow_up.schemas import EscalationCreate, UnpaidEscalationCreate
from app.models import (
    CaseStatus,
    CaseType,
    Escalation,
    EscalationDepartment,
    EscalationStatus,
    FollowUpCase,
    FollowUpSubject,
    Invoice,
    Role,
)
from app.sales import repository as sales_repo


def send(
    session: Session, principal: Principal, case: FollowUpCase, data: EscalationCreate
) -> Escalation:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Un dossier est transmis par le stagiaire qui le suit.")
    if case.status is CaseStatus.CLOSED:
        raise Conflict("Dossier clos : rien à transmettre.")
    escalation = Escalation(
        owner_id=case.owner_id,
        case_id=case.id,
        department=data.department,
        reason=data.reason,
        facts=data.facts,
        client_request=data.client_request,
        actions_taken=data.actions_taken,
        documents=list(data.documents),
        status=EscalationStatus.SENT,
        sent_at=utcnow(),
        answer="",
    )
    session.add(escalation)
    session.flush()
    return escalation


def escalate_unpaid(
    session: Session, principal: Principal, invoice: Invoice, data: UnpaidEscalationCreate
) -> Escalation:
    """An invoice unpaid past its formal notice passed to accounting: the unpaid-invoice case
    (the business case's procedure) opened if need be, and the escalation with the invoice's
    history as its facts. Refused before the formal notice's deadline, or twice."""
    if invoice.escalated_at is not None:
        raise Conflict(f"Facture {invoice.number} déjà transmise à la comptabilité.")
    if not invoices.escalation_due(invoice):
        level = invoice.relaunch_level
        reached = invoices.LEVEL_FR[level] if level is not None else "aucune relance"
        raise Conflict(
            f"Facture {invoice.number} : elle passe à la comptabilité une fois la mise en "
            f"demeure restée sans paiement {invoices.FORMAL_NOTICE_DAYS} jours (niveau atteint : "
            f"{reached})."
        )
    case = cases.open_case(
        session,
        invoice.owner_id,
        invoice.prospect_id,
        CaseType.UNPAID_INVOICE,
        invoice.business_case_version_id,
        subject=FollowUpSubject.INVOICE,
        subject_id=invoice.id,
        title=f"Impayé — {invoice.number}",
    )
    summary = invoices.invoice_summary(invoice)
    escalation = send(
        session,
        principal,
        case,
        EscalationCreate(
            department=EscalationDepartment.ACCOUNTING,
            reason="Facture impayée après mise en demeure : recouvrement.",
            facts=summary[:5000],
            client_request=data.client_request,
            actions_taken="Relances envoyées selon la procédure, jusqu'à la mise en demeure. "
            + data.note,
            documents=[invoice.number, *data.documents][:30],
        ),
    )
    invoice.escalated_at = utcnow()
    session.flush()
    return escalation


def answer(
    session: Session, principal: Principal, escalation: Escalation, version: int, text: str
) -> Escalation:
    """The department's answer, given by a trainer (or an administrator) as the department."""
    if principal.role is Role.TRAINEE:
        raise Forbidden("Le service répond : un formateur répond en son nom.")
    check_version(escalation, version)
    if escalation.status is EscalationStatus.ANSWERED:
        raise Conflict("Le service a déjà répondu.")
    escalation.status = EscalationStatus.ANSWERED
    escalation.answer = text
    escalation.answered_at = utcnow()
    escalation.answered_by = principal.user_id
    session.flush()
    return escalation


def rows(session: Session, items: list[Escalation]) -> list[dict[str, Any]]:
    case_ids = {e.case_id for e in items}
    found = {c.id: c for c in (session.get(FollowUpCase, i) for i in case_ids) if c}
    names = sales_repo.prospect_names(session, {c.prospect_id for c in found.values()})
    out = []
    for e in items:
        case = found[e.case_id]
        contacts = {
            x.department: x.contact
            for x in policy.policy_of(session, case.business_case_version_id).escalation
        }
        out.append(_row(e, case, names.get(case.prospect_id, ""), contacts))
    return out


def _row(
    e: Escalation, case: FollowUpCase, prospect_name: str, contacts: dict[EscalationDepartment, str]
) -> dict[str, Any]:
    return {
        "id": e.id,
        "owner_id": e.owner_id,
        "case_id": e.case_id,
        "case_title": case.title,
        "prospect_id": case.prospect_id,
        "prospect_name": prospect_name,
        "department": e.department,
        "department_label": DEPARTMENT_LABELS[e.department],
        "contact": contacts.get(e.department),
        "reason": e.reason,
        "facts": e.facts,
        "client_request": e.client_request,
        "actions_taken": e.actions_taken,
        "documents": e.documents,
        "status": e.status,
        "sent_at": e.sent_at,
        "answer": e.answer,
        "answered_at": e.answered_at,
        "answered_by": e.answered_by,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
        "version": e.version,
    }
