"""Cases (CP7.1): one run of the business case's procedure for a situation. The steps are
the procedure of the case's business case version (read, never copied); the case keeps only
each step's state. A required step cannot be skipped, and a case cannot be closed while one
is not done (409 naming it) or while an escalation awaits its answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.business_cases import service as business_cases
from app.business_cases.document import CASE_TYPE_LABELS, DEPARTMENT_LABELS, ProcedureStep
from app.common.clock import utcnow
from app.core.errors import Conflict, FieldError, Forbidden, NotFound
from app.core.patch import check_version
from app.core.principal import Principal
from app.follow_up import policy
from app.follow_up import repository as repo
from app.follow_up.schemas import CaseCreate
from app.models import (
    CaseStatus,
    CaseType,
    ClientMessage,
    Complaint,
    Delivery,
    EscalationStatus,
    FollowUpCase,
    FollowUpSubject,
    Invoice,
    Order,
    OrderStatus,
    Role,
    StepState,
)
from app.prospects.repository import ProspectRepository
from app.sales import repository as sales_repo

SUBJECT_MODELS: dict[FollowUpSubject, Any] = {
    FollowUpSubject.ORDER: Order,
    FollowUpSubject.DELIVERY: Delivery,
    FollowUpSubject.INVOICE: Invoice,
    FollowUpSubject.COMPLAINT: Complaint,
    FollowUpSubject.CASE: FollowUpCase,
}
SUBJECT_LABELS = {
    FollowUpSubject.ORDER: "Commande",
    FollowUpSubject.DELIVERY: "Livraison",
    FollowUpSubject.INVOICE: "Facture",
    FollowUpSubject.COMPLAINT: "Réclamation",
    FollowUpSubject.CASE: "Dossier",
}


def subject_record(
    session: Session, principal: Principal, subject: FollowUpSubject, subject_id: int
) -> Any:
    """A record of the caller's that a payload names (``subject``, ``subject_id``): else 422
    on ``subject_id``, whether or not it exists."""
    model = SUBJECT_MODELS[subject]
    record = session.get(model, subject_id)
    if record is None or record.owner_id != principal.user_id:
        raise FieldError("subject_id", f"{SUBJECT_LABELS[subject]} inconnue ({subject_id}).")
    return record


def steps_of(session: Session, case: FollowUpCase) -> list[ProcedureStep]:
    return list(
        policy.policy_of(session, case.business_case_version_id).procedures.get(case.case_type, [])
    )


def open_case(
    session: Session,
    owner_id: int,
    prospect_id: int,
    case_type: CaseType,
    version_id: int,
    *,
    subject: FollowUpSubject | None = None,
    subject_id: int | None = None,
    title: str = "",
) -> FollowUpCase:
    """The open case of this type about the record, or a new one."""
    if subject is not None and subject_id is not None:
        existing = repo.open_case_about(session, case_type, subject, subject_id)
        if existing is not None:
            return existing
    case = FollowUpCase(
        owner_id=owner_id,
        prospect_id=prospect_id,
        case_type=case_type,
        subject=subject,
        subject_id=subject_id,
        title=title[:200] or CASE_TYPE_LABELS[case_type],
        business_case_version_id=version_id,
        status=CaseStatus.OPEN,
        steps={},
        opened_on=policy.today(),
        outcome="",
    )
    session.add(case)
    session.flush()
    return case


def create(session: Session, principal: Principal, data: CaseCreate) -> FollowUpCase:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Un dossier est ouvert par le stagiaire qui suit la vente.")
    version_id: int | None = None
    title = data.title
    if data.subject is not None and data.subject_id is not None:
        record = subject_record(session, principal, data.subject, data.subject_id)
        prospect_id = record.prospect_id
        if data.prospect_id is not None and data.prospect_id != prospect_id:
            raise FieldError("prospect_id", "Cet enregistrement concerne un autre client.")
        version_id = record_version(session, record)
        title = title or f"{CASE_TYPE_LABELS[data.case_type]} — {describe(session, record)}"
    else:
        assert data.prospect_id is not None
        prospect_id = (
            ProspectRepository(session, principal)
            .get_referenced(data.prospect_id, "prospect_id")
            .id
        )
    if version_id is None:
        active = business_cases.active_case(session, principal.user_id)
        if active is None:
            raise Conflict(
                "Aucun cas d'entreprise publié ne vous est attribué : ses procédures guident "
                "le dossier."
            )
        version_id = active.version.id
    if data.subject is not None and data.subject_id is not None:
        existing = repo.open_case_about(session, data.case_type, data.subject, data.subject_id)
        if existing is not None:
            raise Conflict(
                f"Un dossier « {existing.title} » est déjà ouvert pour cet enregistrement."
            )
    return open_case(
        session,
        principal.user_id,
        prospect_id,
        data.case_type,
        version_id,
        subject=data.subject,
        subject_id=data.subject_id,
        title=title,
    )


def record_version(session: Session, record: Any) -> int:
    version = getattr(record, "business_case_version_id", None)
    if version is not None:
        return int(version)
    order_id = getattr(record, "order_id", None)
    if order_id is not None:
        order = session.get(Order, order_id)
        if order is not None:
            return order.business_case_version_id
    raise NotFound("Cas d'entreprise de l'enregistrement introuvable.")


def describe(session: Session, record: Any) -> str:
    if isinstance(record, Order | Invoice):
        return record.number
    if isinstance(record, Delivery):
        order = session.get(Order, record.order_id)
        return f"livraison {record.position} de {order.number if order else ''}"
    if isinstance(record, Complaint):
        return record.subject
    return str(getattr(record, "title", record.id))


def set_step(
    session: Session, case: FollowUpCase, code: str, version: int, state: StepState, note: str
) -> FollowUpCase:
    check_version(case, version)
    if case.status is CaseStatus.CLOSED:
        raise Conflict("Dossier clos : ses étapes ne changent plus.")
    steps = {s.code: s for s in steps_of(session, case)}
    step = steps.get(code)
    if step is None:
        known = ", ".join(steps) or "aucune"
        raise NotFound(f"Étape « {code} » absente de la procédure (étapes : {known}).")
    if state is StepState.SKIPPED:
        if step.required:
            raise Conflict(
                f"Étape obligatoire « {step.label} » ({code}) : elle ne se saute pas.", step=code
            )
        if not note:
            raise FieldError("note", "Dites pourquoi l'étape est sautée.")
    current = dict(case.steps or {})
    before = current.get(code, {}).get("state", StepState.PENDING.value)
    if before == state.value:
        return case  # nothing changes: no new evidence
    if state is StepState.PENDING:
        current.pop(code, None)
    else:
        current[code] = {"state": state.value, "on": policy.today().isoformat(), "note": note}
    case.steps = current
    session.flush()
    return case


def close(session: Session, case: FollowUpCase, version: int, outcome: str) -> FollowUpCase:
    check_version(case, version)
    if case.status is CaseStatus.CLOSED:
        raise Conflict("Dossier déjà clos.")
    missing = missing_required(session, case)
    if missing:
        first = missing[0]
        raise Conflict(
            f"Étape obligatoire non faite : « {first.label} » ({first.code})"
            + (f", et {len(missing) - 1} autre(s)" if len(missing) > 1 else "")
            + " : le dossier ne peut pas être clos.",
            problem_slug="procedure-step-missing",
            problem_title="Étape obligatoire manquante",
            missing_steps=[s.code for s in missing],
        )
    waiting = [
        e for e in repo.escalations_of(session, [case.id]) if e.status is EscalationStatus.SENT
    ]
    if waiting:
        raise Conflict(
            f"Escalade au service {DEPARTMENT_LABELS[waiting[0].department]} sans réponse : "
            "attendez-la avant de clore."
        )
    case.status = CaseStatus.CLOSED
    case.closed_at = utcnow()
    case.outcome = outcome
    if case.case_type is CaseType.ORDER and case.subject is FollowUpSubject.ORDER:
        # The order's procedure run to its end: a delivered order is closed with it.
        order = session.get(Order, case.subject_id)
        if order is not None and order.status is OrderStatus.DELIVERED:
            order.status = OrderStatus.CLOSED
    session.flush()
    return case


def missing_required(session: Session, case: FollowUpCase) -> list[ProcedureStep]:
    states = case.steps or {}
    return [
        s
        for s in steps_of(session, case)
        if s.required and states.get(s.code, {}).get("state") != StepState.DONE.value
    ]


# ----------------------------------------------------------------- reading


def rows(session: Session, items: list[FollowUpCase]) -> list[dict[str, Any]]:
    names = sales_repo.prospect_names(session, {c.prospect_id for c in items})
    return [_row(session, c, names.get(c.prospect_id, "")) for c in items]


def _row(session: Session, c: FollowUpCase, prospect_name: str) -> dict[str, Any]:
    steps = steps_of(session, c)
    states = c.steps or {}
    done = [s for s in steps if states.get(s.code, {}).get("state") == StepState.DONE.value]
    required = [s for s in steps if s.required]
    return {
        "id": c.id,
        "owner_id": c.owner_id,
        "prospect_id": c.prospect_id,
        "prospect_name": prospect_name,
        "case_type": c.case_type,
        "case_type_label": CASE_TYPE_LABELS[c.case_type],
        "subject": c.subject,
        "subject_id": c.subject_id,
        "title": c.title,
        "business_case_version_id": c.business_case_version_id,
        "status": c.status,
        "opened_on": c.opened_on,
        "closed_at": c.closed_at,
        "outcome": c.outcome,
        "steps_done": len(done),
        "steps_required": len(required),
        "missing_required": [s.code for s in required if s not in done],
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "version": c.version,
    }


def detail(session: Session, case: FollowUpCase) -> dict[str, Any]:
    from app.follow_up import escalations  # the escalation rows need the case's contacts

    states = case.steps or {}
    steps = []
    for s in steps_of(session, case):
        st = states.get(s.code, {})
        on = st.get("on")
        steps.append(
            {
                "code": s.code,
                "label": s.label,
                "required": s.required,
                "approval_by": s.approval_by.value if s.approval_by else None,
                "state": st.get("state", StepState.PENDING.value),
                "on": date.fromisoformat(on) if on else None,
                "note": st.get("note", ""),
            }
        )
    pairs = [(FollowUpSubject.CASE, case.id)]
    if case.subject is not None and case.subject_id is not None:
        pairs.append((case.subject, case.subject_id))
    return {
        **rows(session, [case])[0],
        "steps": steps,
        "decisions": repo.decisions_of(session, case.id),
        "escalations": escalations.rows(session, repo.escalations_of(session, [case.id])),
        "messages": list[ClientMessage](repo.messages_about(session, pairs)),
    }
