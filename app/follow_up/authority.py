"""The salesperson's authority (CP7.3): what they may grant alone under the business case's
``policy.authority``. Above a limit the decision is refused with a 409 naming the limit and
the department to escalate to (``policy.escalation``); a refusal writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.business_cases.document import DEPARTMENT_LABELS, CommercialPolicy
from app.core.errors import AppError
from app.models import DecisionKind, EscalationDepartment
from app.sales.calculations import fmt, money

CENT = Decimal("0.01")

# Where a decision beyond the salesperson's authority goes.
ESCALATE_TO = {
    DecisionKind.COMMERCIAL_GESTURE: EscalationDepartment.SALES_MANAGEMENT,
    DecisionKind.CREDIT_NOTE: EscalationDepartment.ACCOUNTING,
    DecisionKind.FREE_REPLACEMENT: EscalationDepartment.AFTER_SALES,
    DecisionKind.PAYMENT_DELAY: EscalationDepartment.ACCOUNTING,
}
KIND_FR = {
    DecisionKind.COMMERCIAL_GESTURE: "Geste commercial",
    DecisionKind.CREDIT_NOTE: "Avoir",
    DecisionKind.FREE_REPLACEMENT: "Remplacement gratuit",
    DecisionKind.PAYMENT_DELAY: "Délai de paiement",
}


class BeyondAuthority(AppError):
    """A decision beyond the salesperson's authority (409): ``limit`` names the rule,
    ``escalate_to`` the department that may decide."""

    status, slug, title = 409, "beyond-authority", "Au-delà de votre délégation"


@dataclass(frozen=True)
class Granted:
    """What a decision grants, its amount resolved (a rate becomes an amount)."""

    kind: DecisionKind
    amount_ht: Decimal | None
    rate: Decimal | None
    days: int | None


def euros(value: Decimal) -> str:
    """An amount in French (``1 184,40 €``): the quotes' own formatting."""
    return f"{fmt(money(value))} €"


def check(
    policy: CommercialPolicy,
    kind: DecisionKind,
    *,
    amount_ht: Decimal | None = None,
    rate: Decimal | None = None,
    days: int | None = None,
    base_ht: Decimal | None = None,
) -> Granted:
    """The decision if the salesperson may take it alone, else ``BeyondAuthority``.
    ``base_ht``: the order's net amount, which a gesture's rate applies to."""
    limits = policy.authority
    if rate is not None:
        if base_ht is None:
            raise _refused(
                kind,
                policy,
                "rate",
                "Un geste en taux porte sur une commande : ce dossier n'en a pas.",
            )
        amount_ht = (base_ht * rate / 100).quantize(CENT, ROUND_HALF_UP)
    if kind is DecisionKind.COMMERCIAL_GESTURE:
        assert amount_ht is not None
        if amount_ht > limits.max_commercial_gesture:
            raise _refused(
                kind,
                policy,
                "policy.authority.max_commercial_gesture",
                f"Geste de {euros(amount_ht)} HT au-delà de votre délégation "
                f"({euros(limits.max_commercial_gesture)} HT au plus).",
            )
        if limits.max_gesture_rate is not None and base_ht is not None and base_ht > 0:
            ceiling = (base_ht * limits.max_gesture_rate / 100).quantize(CENT, ROUND_HALF_UP)
            if amount_ht > ceiling:
                raise _refused(
                    kind,
                    policy,
                    "policy.authority.max_gesture_rate",
                    f"Geste de {euros(amount_ht)} HT au-delà de "
                    f"{limits.max_gesture_rate} % de la commande ({euros(ceiling)} HT).",
                )
    elif kind is DecisionKind.CREDIT_NOTE:
        assert amount_ht is not None
        if amount_ht > limits.max_credit_note:
            raise _refused(
                kind,
                policy,
                "policy.authority.max_credit_note",
                f"Avoir de {euros(amount_ht)} HT au-delà de votre délégation "
                f"({euros(limits.max_credit_note)} HT au plus).",
            )
    elif kind is DecisionKind.FREE_REPLACEMENT:
        if not limits.free_replacement:
            raise _refused(
                kind,
                policy,
                "policy.authority.free_replacement",
                "Un remplacement gratuit ne vous est pas délégué.",
            )
    elif kind is DecisionKind.PAYMENT_DELAY:
        assert days is not None
        if days > limits.max_payment_delay_days:
            raise _refused(
                kind,
                policy,
                "policy.authority.max_payment_delay_days",
                f"Délai de {days} jours au-delà de votre délégation "
                f"({limits.max_payment_delay_days} jours au plus).",
            )
    return Granted(kind, amount_ht, rate, days)


def _refused(kind: DecisionKind, policy: CommercialPolicy, limit: str, why: str) -> BeyondAuthority:
    department = ESCALATE_TO[kind]
    contact = next((e.contact for e in policy.escalation if e.department is department), None)
    label = DEPARTMENT_LABELS[department]
    return BeyondAuthority(
        f"{why} Transmettez le dossier au service {label} (escalade).",
        limit=limit,
        escalate_to=department.value,
        escalate_to_label=label,
        contact=contact,
    )
