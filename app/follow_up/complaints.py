"""Complaints (CP7.2): received through a channel, with a category, a severity and what the
client asks for; the response and resolution due dates come from the business case
(``policy.complaint_response_days``, ``…resolution_days``) and lateness is shown against
them. Each complaint runs the business case's complaint procedure (a case, opened with it).
The solution proposed is checked against the salesperson's authority when it costs the
company a gesture, a credit note or a free replacement (``authority.check``), and recorded as
the case's decision; then the client's answer and satisfaction (CSAT 1–5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.business_cases import service as business_cases
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.follow_up import cases, decisions, policy
from app.follow_up.repository import OrderRepository
from app.follow_up.schemas import ComplaintAnswer, ComplaintCreate, ComplaintSolution
from app.models import (
    CaseType,
    Complaint,
    ComplaintStatus,
    DecisionKind,
    FollowUpCase,
    FollowUpSubject,
    Role,
    SolutionKind,
)
from app.prospects.repository import ProspectRepository
from app.sales import repository as sales_repo

# The solutions that cost the company within the salesperson's authority.
DECIDED = {
    SolutionKind.COMMERCIAL_GESTURE: DecisionKind.COMMERCIAL_GESTURE,
    SolutionKind.CREDIT_NOTE: DecisionKind.CREDIT_NOTE,
    SolutionKind.REPLACEMENT: DecisionKind.FREE_REPLACEMENT,
}
OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.ANSWERED)


def create(session: Session, principal: Principal, data: ComplaintCreate) -> Complaint:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Une réclamation est enregistrée par le stagiaire qui suit le client.")
    prospect = ProspectRepository(session, principal).get_referenced(
        data.prospect_id, "prospect_id"
    )
    version_id: int | None = None
    if data.order_id is not None:
        order = OrderRepository(session, principal).get_referenced(data.order_id, "order_id")
        if order.prospect_id != prospect.id:
            raise FieldError("order_id", "Cette commande est celle d'un autre client.")
        version_id = order.business_case_version_id
    else:
        active = business_cases.active_case(session, principal.user_id)
        if active is None:
            raise Conflict(
                "Aucun cas d'entreprise publié ne vous est attribué : sa procédure "
                "de réclamation guide le traitement."
            )
        version_id = active.version.id
    today = policy.today()
    received = data.received_on or today
    if received > today:
        raise FieldError("received_on", "Une réclamation se date au plus tard aujourd'hui.")
    if received < today - timedelta(days=366):
        raise FieldError("received_on", "Plus d'un an : vérifiez la date.")
    rules = policy.policy_of(session, version_id)
    complaint = Complaint(
        owner_id=principal.user_id,
        prospect_id=prospect.id,
        order_id=data.order_id,
        channel=data.channel,
        category=data.category,
        severity=data.severity,
        status=ComplaintStatus.RECEIVED,
        received_on=received,
        subject=data.subject,
        description=data.description,
        client_request=data.client_request,
        response_due_on=received + timedelta(days=rules.complaint_response_days),
        resolution_due_on=received + timedelta(days=rules.complaint_resolution_days),
        solution_detail="",
        client_answer="",
    )
    session.add(complaint)
    session.flush()
    case = cases.open_case(
        session,
        principal.user_id,
        prospect.id,
        CaseType.COMPLAINT,
        version_id,
        subject=FollowUpSubject.COMPLAINT,
        subject_id=complaint.id,
        title=f"Réclamation — {data.subject}",
    )
    complaint.case_id = case.id
    session.flush()
    return complaint


def propose(
    session: Session, principal: Principal, complaint: Complaint, data: ComplaintSolution
) -> Complaint:
    check_version(complaint, data.version)
    if complaint.status not in OPEN:
        raise Conflict("Réclamation close : sa solution ne change plus.")
    case = session.get(FollowUpCase, complaint.case_id) if complaint.case_id else None
    kind = DECIDED.get(data.solution)
    if kind is not None and case is not None:
        # Refused beyond the authority (409 naming the limit): nothing is written.
        decisions.grant(
            session,
            principal,
            case,
            kind,
            amount_ht=data.cost if kind is not DecisionKind.FREE_REPLACEMENT else None,
            note=f"Réclamation : {data.detail}",
        )
    complaint.solution = data.solution
    complaint.solution_detail = data.detail
    complaint.solution_cost = data.cost
    complaint.status = ComplaintStatus.ANSWERED
    complaint.responded_on = complaint.responded_on or policy.today()
    complaint.client_accepted = None
    session.flush()
    return complaint


def client_answer(session: Session, complaint: Complaint, data: ComplaintAnswer) -> Complaint:
    check_version(complaint, data.version)
    if complaint.status is not ComplaintStatus.ANSWERED:
        raise Conflict("Proposez d'abord une solution : le client répond à une proposition.")
    complaint.client_accepted = data.accepted
    complaint.client_answer = data.answer
    complaint.csat = data.csat
    if data.accepted:
        complaint.status = ComplaintStatus.RESOLVED
        complaint.resolved_on = policy.today()
    else:
        complaint.status = ComplaintStatus.REFUSED
    session.flush()
    return complaint


# ----------------------------------------------------------------- reading


def rows(session: Session, items: list[Complaint]) -> list[dict[str, Any]]:
    names = sales_repo.prospect_names(session, {c.prospect_id for c in items})
    today = policy.today()
    return [_row(c, names.get(c.prospect_id, ""), today) for c in items]


def response_late(c: Complaint, today: date) -> int:
    return policy.late_days(c.response_due_on, c.responded_on, today)


def resolution_late(c: Complaint, today: date) -> int:
    # A refused solution leaves the complaint unresolved: its clock runs on.
    return policy.late_days(c.resolution_due_on, c.resolved_on, today)


def _row(c: Complaint, prospect_name: str, today: date) -> dict[str, Any]:
    return {
        "id": c.id,
        "owner_id": c.owner_id,
        "prospect_id": c.prospect_id,
        "prospect_name": prospect_name,
        "order_id": c.order_id,
        "case_id": c.case_id,
        "channel": c.channel,
        "category": c.category,
        "severity": c.severity,
        "status": c.status,
        "received_on": c.received_on,
        "subject": c.subject,
        "description": c.description,
        "client_request": c.client_request,
        "response_due_on": c.response_due_on,
        "resolution_due_on": c.resolution_due_on,
        "response_late_days": response_late(c, today),
        "resolution_late_days": resolution_late(c, today),
        "solution": c.solution,
        "solution_detail": c.solution_detail,
        "solution_cost": c.solution_cost,
        "responded_on": c.responded_on,
        "client_accepted": c.client_accepted,
        "client_answer": c.client_answer,
        "csat": c.csat,
        "resolved_on": c.resolved_on,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "version": c.version,
    }
