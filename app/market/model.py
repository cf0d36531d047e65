"""The response model: a person's hidden attributes × what the trainee did → probabilities,
and one keyed draw among them.

Each ``*_probabilities`` function is pure: the base rates of ``MarketParameters`` multiplied
by named, bounded factors (``FACTOR_LABELS`` gives their French labels), combined into
probabilities that are in [0, 1] and sum to 1. Each ``answer_*`` function draws the outcome
with ``unit(*key_parts, "<what>")``: the same key, person, context and parameters give the
same ``Answer``. ``app/market/README.md`` documents every rate and factor.

Legality comes first and is not modelled here: the channel policy (``app.consent``) refuses
an unlawful call before anything reaches the market.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from app.market.draws import Part, choose, choose_batch, unit, unit_batch
from app.market.parameters import HOUR_BANDS, FactorBounds, MarketParameters
from app.market.population import MOTIVES, Person
from app.models.enums import Channel, DecisionPower, Outcome

# ------------------------------------------------------------------ outcomes

#: Call outcomes, in the order of the cumulative draw (``Outcome`` values).
CALL_OUTCOMES: tuple[str, ...] = (
    Outcome.NO_ANSWER.value,
    Outcome.GATEKEEPER.value,
    Outcome.WRONG_TARGET.value,
    Outcome.APPOINTMENT.value,
    Outcome.CALLBACK.value,
    Outcome.OBJECTION.value,
    Outcome.NOT_INTERESTED.value,
)
EMAIL_OUTCOMES: tuple[str, ...] = ("replied", "unsubscribed", "opened", "ignored")
APPOINTMENT_OUTCOMES: tuple[str, ...] = ("held", "postponed", "no_show")
QUOTE_OUTCOMES: tuple[str, ...] = ("accepted", "negotiated", "refused")
LATER_EVENT_KINDS: tuple[str, ...] = (
    "order", "delivery_incident", "complaint", "late_payment", "churn",
)  # fmt: skip

#: What each draw is keyed with, after the caller's key parts.
WHAT_CALL, WHAT_EMAIL, WHAT_APPOINTMENT, WHAT_QUOTE = "call", "email", "appointment", "quote"

#: The French label of every factor an answer may name (the trainee's explanation).
FACTOR_LABELS: Mapping[str, str] = {
    # calls: reach
    "hour_band": "Tranche horaire de l'appel",
    "person_hour": "Disponibilité de l'interlocuteur à cette heure",
    "weekday": "Jour de la semaine",
    "relaunch": "Rythme des relances (rappel le jour même, lassitude)",
    # calls: gatekeeper and target
    "gatekeeper_script": "Script avec une étape « barrage »",
    "decision_maker_targeted": "Appel adressé au décideur",
    # calls: conversation
    "decision_power": "Pouvoir de décision de l'interlocuteur",
    "phone_receptiveness": "Réceptivité au téléphone",
    "persona": "Cohérence avec la cible du plan (persona)",
    "script": "Script d'appel validé",
    # e-mails
    "email_receptiveness": "Réceptivité à l'e-mail",
    "email_annoyance": "Agacement face à l'e-mail (désinscription)",
    "personalised_open": "Objet personnalisé (ouverture)",
    "personalised_reply": "Message personnalisé (réponse)",
    "consent_reply": "Envoi sans base légale (réponses)",
    "consent_unsubscribe": "Envoi sans base légale (désinscriptions)",
    # appointments
    "channel_receptiveness": "Réceptivité au canal du rendez-vous",
    "reminder": "Rappel du rendez-vous envoyé",
    "lead_time": "Délai avant le rendez-vous",
    # quotes
    "discount": "Remise au regard de la sensibilité au prix",
    "budget": "Montant au regard du budget (acceptation)",
    "over_budget": "Dépassement du budget (refus)",
    "needs": "Besoins découverts (acceptation)",
    "needs_missed": "Besoins non découverts (refus)",
    "motives": "Mobiles d'achat (SONCAS) traités",
    "price_negotiation": "Sensibilité au prix (négociation)",
    # later events
    "loyalty": "Fidélité (commandes)",
    "contact_recency": "Ancienneté du dernier contact",
    "complaint_propensity": "Propension à réclamer",
    "late_payment_propensity": "Propension aux retards de paiement",
    "churn_loyalty": "Fidélité (risque de départ)",
}

#: A typical objection per SONCAS motive (the case's own objections may replace them).
OBJECTIONS: Mapping[str, str] = {
    "sécurité": "Je ne vous connais pas : qu'est-ce qui me garantit que cela fonctionne ?",
    "orgueil": "Nous sommes déjà très bien équipés.",
    "nouveauté": "Nous venons de changer, ce n'est pas le moment.",
    "confort": "Changer de fournisseur, c'est trop de tracas.",
    "argent": "C'est trop cher, nous n'avons pas le budget.",
    "sympathie": "Nous travaillons avec quelqu'un que nous connaissons bien.",
}

# Appointment factor of the person's decision power, and the share of the wrong-target rate
# that applies to it (teaching assumptions, README "Calls").
DECISION_POWER_APPOINTMENT: Mapping[DecisionPower, float] = {
    DecisionPower.DECISION_MAKER: 1.0,
    DecisionPower.INFLUENCER: 0.8,
    DecisionPower.PRESCRIBER: 0.7,
    DecisionPower.USER: 0.4,
    DecisionPower.NONE: 0.25,
}
DECISION_POWER_WRONG_TARGET: Mapping[DecisionPower, float] = {
    DecisionPower.DECISION_MAKER: 0.0,
    DecisionPower.INFLUENCER: 0.2,
    DecisionPower.PRESCRIBER: 0.3,
    DecisionPower.USER: 1.0,
    DecisionPower.NONE: 1.0,
}


# ------------------------------------------------------------------ answers and contexts


@dataclass(frozen=True)
class Answer:
    """An outcome, the probabilities it was drawn from, the factors applied (name → value,
    labelled by ``FACTOR_LABELS``) and details (the objection raised, the delay of a
    callback, the draw…)."""

    outcome: str
    probabilities: dict[str, float]
    factors: dict[str, float]
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Probabilities:
    """What an answer is drawn from: outcome → probability (in draw order), the factors."""

    probabilities: dict[str, float]
    factors: dict[str, float]
    detail: dict[str, Any] = field(default_factory=dict)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


@dataclass(frozen=True)
class CallContext:
    """An outbound call. ``reaching_decision_maker``: the call asks for (or is addressed to)
    the decision maker; ``persona_match``: the prospect's segment is among the plan's
    targets (None: no plan to compare with); ``script_used``: a checked script was used;
    ``attempt``: 1 for the first call of this record; ``days_since_last_attempt``: None on
    the first."""

    hour: int
    weekday: int
    reaching_decision_maker: bool = False
    persona_match: bool | None = None
    script_used: bool = False
    attempt: int = 1
    days_since_last_attempt: int | None = None

    def __post_init__(self) -> None:
        _check(0 <= self.hour <= 23, "hour is 0..23")
        _check(0 <= self.weekday <= 6, "weekday is 0 (Monday)..6 (Sunday)")
        _check(self.attempt >= 1, "attempt is 1-based")
        _check(
            self.days_since_last_attempt is None or self.days_since_last_attempt >= 0,
            "days_since_last_attempt is >= 0",
        )


@dataclass(frozen=True)
class EmailContext:
    """An outbound e-mail. ``consent_ok``: the channel policy found a lawful basis (a
    consumer's consent, a professional's opt-out not exercised)."""

    personalised: bool = False
    consent_ok: bool = True
    persona_match: bool | None = None


@dataclass(frozen=True)
class AppointmentContext:
    """An appointment set: ``lead_days`` between setting it and its date."""

    reminder_sent: bool = False
    lead_days: int = 7
    channel: Channel = Channel.VISIT

    def __post_init__(self) -> None:
        _check(self.lead_days >= 0, "lead_days is >= 0")


@dataclass(frozen=True)
class QuoteContext:
    """A quote: ``amount`` is its total (€, after the discount), ``discount_rate`` the
    discount granted (0..1), ``needs_found`` of ``needs_total`` the needs the interview
    report found among the person's, ``motives_matched`` the person's motives the
    arguments addressed."""

    discount_rate: float = 0.0
    needs_found: int = 0
    needs_total: int = 0
    motives_matched: int = 0
    amount: float = 0.0

    def __post_init__(self) -> None:
        _check(0.0 <= self.discount_rate <= 1.0, "discount_rate is 0..1")
        _check(0 <= self.needs_found, "needs_found is >= 0")
        _check(0 <= self.needs_total, "needs_total is >= 0")
        _check(self.motives_matched >= 0, "motives_matched is >= 0")
        _check(math.isfinite(self.amount) and self.amount >= 0, "amount is >= 0")


@dataclass(frozen=True)
class CustomerState:
    """A customer on a simulated day. ``deliveries_in_transit`` and ``open_invoices`` count
    the deliveries still on their way without an incident yet and the invoices not yet paid
    nor flagged late (events name them by their position, 0-based, in the caller's order)."""

    days_since_last_order: int | None = None
    days_since_last_contact: int | None = None
    open_invoices: int = 0
    deliveries_in_transit: int = 0

    def __post_init__(self) -> None:
        _check(self.open_invoices >= 0, "open_invoices is >= 0")
        _check(self.deliveries_in_transit >= 0, "deliveries_in_transit is >= 0")


@dataclass(frozen=True)
class LaterEvent:
    """Something a customer did on a simulated day: ``kind`` in ``LATER_EVENT_KINDS``."""

    kind: str
    detail: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ factors


class _Factors:
    """The factors of one answer: each bounded when added, products bounded too."""

    def __init__(self, bounds: FactorBounds) -> None:
        self.bounds = bounds
        self.values: dict[str, float] = {}

    def add(self, name: str, value: float) -> float:
        bounded = min(max(value, self.bounds.minimum), self.bounds.maximum)
        self.values[name] = bounded
        return bounded

    def product(self, *names: str) -> float:
        value = math.prod(self.values[n] for n in names)
        return min(max(value, self.bounds.combined_minimum), self.bounds.combined_maximum)


def _normalised(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights (>= 0, not all zero) scaled to sum to 1, each in [0, 1]."""
    clean = {k: max(0.0, w) for k, w in weights.items()}
    total = math.fsum(clean.values())
    if total <= 0:
        raise ValueError("no outcome is possible")
    return {k: min(1.0, w / total) for k, w in clean.items()}


def hour_band(hour: int) -> str | None:
    """The band of ``HOUR_BANDS`` an hour falls in (None before 8 h and from 20 h)."""
    if 8 <= hour < 20:
        return HOUR_BANDS[(hour - 8) // 2]
    return None


# ------------------------------------------------------------------ calls


def call_probabilities(person: Person, ctx: CallContext, params: MarketParameters) -> Probabilities:
    """The outcomes of a call to ``person`` (see README "Calls" for the tree)."""
    p = params.calls
    f = _Factors(params.factors)
    cap = params.factors.max_probability
    band = hour_band(ctx.hour)
    hours = p.hours_company if person.is_company else p.hours_individual
    f.add("hour_band", hours.for_band(band))
    f.add("person_hour", 0.5 + (person.hour_receptiveness.get(band, 0.5) if band else 0.0))
    f.add("weekday", p.weekdays.for_day(ctx.weekday))
    relaunch = 1.0
    if ctx.days_since_last_attempt == 0 and ctx.attempt > 1:
        relaunch *= p.quick_retry_factor
    if ctx.attempt > p.fatigue_after_attempts:
        relaunch *= p.fatigue_factor
    f.add("relaunch", relaunch)
    reach = min(p.reach_rate * f.product("hour_band", "person_hour", "weekday", "relaunch"), cap)

    gatekeeper = 0.0
    if person.is_company:
        f.add("gatekeeper_script", p.script_gatekeeper_factor if ctx.script_used else 1.0)
        gatekeeper = min(p.gatekeeper_rate * f.product("gatekeeper_script"), cap)

    targeted = p.decision_maker_targeted_factor if ctx.reaching_decision_maker else 1.0
    f.add("decision_maker_targeted", targeted)
    wrong_share = DECISION_POWER_WRONG_TARGET[person.decision_power]
    wrong = min(p.wrong_target_rate * wrong_share * f.product("decision_maker_targeted"), cap)

    f.add("decision_power", DECISION_POWER_APPOINTMENT[person.decision_power])
    f.add("phone_receptiveness", 0.5 + person.receptiveness.get(Channel.PHONE.value, 0.5))
    persona = 1.0
    if ctx.persona_match is True:
        persona = p.persona_match_factor
    elif ctx.persona_match is False:
        persona = p.persona_mismatch_factor
    f.add("persona", persona)
    f.add("script", p.script_factor if ctx.script_used else 1.0)
    appointment = p.appointment_rate * f.product(
        "decision_power", "phone_receptiveness", "persona", "script"
    )
    conversation = _normalised(
        {
            Outcome.APPOINTMENT.value: appointment,
            Outcome.CALLBACK.value: p.callback_rate,
            Outcome.OBJECTION.value: p.objection_rate,
            # not interested: what the three base rates leave (all of it when they are 0)
            Outcome.NOT_INTERESTED.value: max(
                0.0, 1.0 - p.appointment_rate - p.callback_rate - p.objection_rate
            ),
        }
    )
    talked = reach * (1.0 - gatekeeper)
    engaged = talked * (1.0 - wrong)
    probabilities = _normalised(
        {
            Outcome.NO_ANSWER.value: 1.0 - reach,
            Outcome.GATEKEEPER.value: reach * gatekeeper,
            Outcome.WRONG_TARGET.value: talked * wrong,
            **{k: engaged * v for k, v in conversation.items()},
        }
    )
    return Probabilities(
        probabilities,
        f.values,
        {"hour_band": band, "reach": reach, "gatekeeper": gatekeeper, "wrong_target": wrong},
    )


def _objection(key_parts: Sequence[Part], person: Person) -> str:
    """The motive behind an objection: the person's first motives weigh more."""
    motives = person.motives or MOTIVES
    n = len(motives)
    total = n * (n + 1) / 2
    weights = [(m, (n - i) / total) for i, m in enumerate(motives)]
    weights[-1] = (weights[-1][0], 1.0 - math.fsum(w for _, w in weights[:-1]))
    return choose(unit(*key_parts, WHAT_CALL, "objection"), weights)


def answer_call(
    key_parts: Sequence[Part], person: Person, ctx: CallContext, params: MarketParameters
) -> Answer:
    """The outcome of one call (``Outcome`` value), drawn with ``unit(*key_parts, "call")``.

    Details: ``objection_motive`` and ``objection`` for an objection, ``callback_after_days``
    (1-5) for a callback, ``appointment_in_days`` (2-10) for an appointment."""
    drawn = call_probabilities(person, ctx, params)
    u = unit(*key_parts, WHAT_CALL)
    outcome = choose(u, list(drawn.probabilities.items()))
    detail: dict[str, Any] = {"draw": u, **drawn.detail}
    if outcome == Outcome.OBJECTION.value:
        motive = _objection(key_parts, person)
        detail["objection_motive"] = motive
        detail["objection"] = OBJECTIONS[motive]
    elif outcome == Outcome.CALLBACK.value:
        detail["callback_after_days"] = 1 + int(unit(*key_parts, WHAT_CALL, "delay") * 5)
    elif outcome == Outcome.APPOINTMENT.value:
        detail["appointment_in_days"] = 2 + int(unit(*key_parts, WHAT_CALL, "delay") * 9)
    return Answer(outcome, drawn.probabilities, drawn.factors, detail)


# ------------------------------------------------------------------ e-mails


def email_probabilities(
    person: Person, ctx: EmailContext, params: MarketParameters
) -> Probabilities:
    """Replied / unsubscribed / opened (only) / ignored (not opened). Replies and
    unsubscribes happen among opened e-mails; the rates of the parameters are among sends."""
    p = params.emails
    f = _Factors(params.factors)
    cap = params.factors.max_probability
    receptiveness = person.receptiveness.get(Channel.EMAIL.value, 0.5)
    f.add("email_receptiveness", 0.5 + receptiveness)
    f.add("personalised_open", p.personalised_open_factor if ctx.personalised else 1.0)
    opened = min(p.open_rate * f.product("email_receptiveness", "personalised_open"), cap)

    f.add("personalised_reply", p.personalised_reply_factor if ctx.personalised else 1.0)
    persona = 1.0
    if ctx.persona_match is True:
        persona = p.persona_match_factor
    elif ctx.persona_match is False:
        persona = p.persona_mismatch_factor
    f.add("persona", persona)
    f.add("consent_reply", 1.0 if ctx.consent_ok else p.no_consent_reply_factor)
    f.add("email_annoyance", 1.5 - receptiveness)
    f.add("consent_unsubscribe", 1.0 if ctx.consent_ok else p.no_consent_unsubscribe_factor)
    if p.open_rate > 0:
        reply = (
            p.reply_rate / p.open_rate * f.product("personalised_reply", "persona", "consent_reply")
        )
        unsubscribe = (
            p.unsubscribe_rate / p.open_rate * f.product("email_annoyance", "consent_unsubscribe")
        )
    else:
        reply = unsubscribe = 0.0
    if reply + unsubscribe > cap:  # among opens, leave room for "opened only"
        scale = cap / (reply + unsubscribe)
        reply, unsubscribe = reply * scale, unsubscribe * scale
    probabilities = _normalised(
        {
            "replied": opened * reply,
            "unsubscribed": opened * unsubscribe,
            "opened": opened * (1.0 - reply - unsubscribe),
            "ignored": 1.0 - opened,
        }
    )
    return Probabilities(probabilities, f.values, {"opened": opened})


def answer_email(
    key_parts: Sequence[Part], person: Person, ctx: EmailContext, params: MarketParameters
) -> Answer:
    """The fate of one e-mail, drawn with ``unit(*key_parts, "email")``; a reply comes
    ``reply_after_days`` (0-3) later."""
    drawn = email_probabilities(person, ctx, params)
    u = unit(*key_parts, WHAT_EMAIL)
    outcome = choose(u, list(drawn.probabilities.items()))
    detail: dict[str, Any] = {"draw": u, **drawn.detail}
    if outcome == "replied":
        detail["reply_after_days"] = int(unit(*key_parts, WHAT_EMAIL, "delay") * 4)
    return Answer(outcome, drawn.probabilities, drawn.factors, detail)


# ------------------------------------------------------------------ appointments


def appointment_probabilities(
    person: Person, ctx: AppointmentContext, params: MarketParameters
) -> Probabilities:
    """Held / postponed / no-show: the parameters' weights times the factors, renormalised."""
    p = params.appointments
    f = _Factors(params.factors)
    f.add("channel_receptiveness", 0.5 + person.receptiveness.get(ctx.channel.value, 0.5))
    f.add("lead_time", 1.0 + p.lead_day_penalty * max(0, ctx.lead_days - p.lead_days_neutral))
    f.add("reminder", p.reminder_no_show_factor if ctx.reminder_sent else 1.0)
    probabilities = _normalised(
        {
            "held": p.held_rate * f.product("channel_receptiveness"),
            "postponed": p.postponed_rate * f.product("lead_time"),
            "no_show": p.no_show_rate * f.product("lead_time", "reminder"),
        }
    )
    return Probabilities(probabilities, f.values)


def answer_appointment(
    key_parts: Sequence[Part], person: Person, ctx: AppointmentContext, params: MarketParameters
) -> Answer:
    """Whether an appointment is held, drawn with ``unit(*key_parts, "appointment")``; a
    postponement proposes a date ``postponed_by_days`` (2-14) later."""
    drawn = appointment_probabilities(person, ctx, params)
    u = unit(*key_parts, WHAT_APPOINTMENT)
    outcome = choose(u, list(drawn.probabilities.items()))
    detail: dict[str, Any] = {"draw": u}
    if outcome == "postponed":
        detail["postponed_by_days"] = 2 + int(unit(*key_parts, WHAT_APPOINTMENT, "delay") * 13)
    return Answer(outcome, drawn.probabilities, drawn.factors, detail)


# ------------------------------------------------------------------ quotes


def quote_probabilities(
    person: Person, ctx: QuoteContext, params: MarketParameters
) -> Probabilities:
    """Accepted / negotiated / refused: the parameters' weights times the factors."""
    p = params.quotes
    f = _Factors(params.factors)
    ps = person.price_sensitivity
    f.add("discount", 1.0 + p.discount_elasticity * ctx.discount_rate * ps)
    ratio = ctx.amount / person.budget if person.budget > 0 else 1.0
    f.add("budget", min(1.0, 1.0 / ratio) ** p.over_budget_exponent if ratio > 0 else 1.0)
    f.add("over_budget", max(1.0, ratio) ** (p.over_budget_exponent / 2))
    found = min(ctx.needs_found, ctx.needs_total) / ctx.needs_total if ctx.needs_total else 0.5
    f.add("needs", 1.0 + p.needs_weight * (found - 0.5))
    f.add("needs_missed", 1.0 - p.needs_weight * (found - 0.5))
    motives = len(person.motives)
    matched = min(ctx.motives_matched, motives) / motives if motives else 0.5
    f.add("motives", 1.0 + p.motives_weight * (matched - 0.5))
    f.add("price_negotiation", 0.5 + ps)
    probabilities = _normalised(
        {
            "accepted": p.accept_rate * f.product("discount", "budget", "needs", "motives"),
            "negotiated": p.negotiate_rate * f.product("price_negotiation"),
            "refused": p.refuse_rate * f.product("over_budget", "needs_missed"),
        }
    )
    return Probabilities(probabilities, f.values, {"budget_ratio": round(ratio, 4)})


def answer_quote(
    key_parts: Sequence[Part], person: Person, ctx: QuoteContext, params: MarketParameters
) -> Answer:
    """The person's decision on a quote, drawn with ``unit(*key_parts, "quote")``; it comes
    ``decision_after_days`` (1-10) later."""
    drawn = quote_probabilities(person, ctx, params)
    u = unit(*key_parts, WHAT_QUOTE)
    outcome = choose(u, list(drawn.probabilities.items()))
    detail: dict[str, Any] = {
        "draw": u,
        **drawn.detail,
        "decision_after_days": 1 + int(unit(*key_parts, WHAT_QUOTE, "delay") * 10),
    }
    return Answer(outcome, drawn.probabilities, drawn.factors, detail)


# ------------------------------------------------------------------ later events


def later_event_probabilities(
    person: Person, state: CustomerState, params: MarketParameters
) -> Probabilities:
    """Per simulated day: the chance of an order, of a complaint and of churn, and for each
    delivery in transit (``delivery_incident``) and each open invoice (``late_payment``) the
    chance of its event that day. Per-item daily chances are such that an item in transit
    ``delivery_days`` days (open ``payment_term_days`` days) has the parameter's chance in
    all."""
    c = params.customers
    f = _Factors(params.factors)
    cap = params.factors.max_probability
    f.add("loyalty", 0.5 + person.loyalty)
    lapsed = (
        state.days_since_last_contact is not None
        and state.days_since_last_contact > c.churn_after_days
    )
    f.add("contact_recency", 0.5 if lapsed else 1.0)
    too_soon = (
        state.days_since_last_order is not None and state.days_since_last_order < c.min_reorder_days
    )
    order = 0.0
    if not too_soon:
        order = min(f.product("loyalty", "contact_recency") / c.mean_reorder_days, cap)
    incident = 1.0 - (1.0 - c.delivery_incident_rate) ** (1.0 / c.delivery_days)
    f.add("complaint_propensity", 2.0 * person.complaint_propensity)
    complaint = min(c.complaints_per_year / 365.0 * f.product("complaint_propensity"), cap)
    f.add("late_payment_propensity", 2.0 * person.late_payment_propensity)
    late_total = min(c.late_payment_rate * f.product("late_payment_propensity"), cap)
    late = 1.0 - (1.0 - late_total) ** (1.0 / c.payment_term_days)
    f.add("churn_loyalty", 1.5 - person.loyalty)
    churn = min(c.churn_daily_rate * f.product("churn_loyalty"), cap) if lapsed else 0.0
    probabilities = {
        "order": order,
        "delivery_incident": incident,
        "complaint": complaint,
        "late_payment": late,
        "churn": churn,
    }
    return Probabilities(probabilities, f.values)


def later_events(
    key_parts: Sequence[Part],
    person: Person,
    state: CustomerState,
    day_index: int,
    params: MarketParameters,
) -> list[LaterEvent]:
    """What ``person`` does on simulated day ``day_index``: each kind is its own draw,
    ``unit(*key_parts, day_index, kind[, item])``, so the events of a day are independent
    (the caller decides what a churn stops). Orders carry an ``amount`` (€), incidents a
    ``delivery`` and late payments an ``invoice`` (the item's position)."""
    chances = later_event_probabilities(person, state, params).probabilities
    c = params.customers
    events: list[LaterEvent] = []
    if unit(*key_parts, day_index, "order") < chances["order"]:
        spread = 0.5 + unit(*key_parts, day_index, "order", "amount")
        amount = max(1, round(person.budget * c.order_share_of_budget * spread))
        events.append(LaterEvent("order", {"amount": amount}))
    for k in range(state.deliveries_in_transit):
        if unit(*key_parts, day_index, "delivery_incident", k) < chances["delivery_incident"]:
            events.append(LaterEvent("delivery_incident", {"delivery": k}))
    if unit(*key_parts, day_index, "complaint") < chances["complaint"]:
        motive = person.motives[0] if person.motives else None
        events.append(LaterEvent("complaint", {"motive": motive}))
    for k in range(state.open_invoices):
        if unit(*key_parts, day_index, "late_payment", k) < chances["late_payment"]:
            events.append(LaterEvent("late_payment", {"invoice": k}))
    if unit(*key_parts, day_index, "churn") < chances["churn"]:
        events.append(LaterEvent("churn", {}))
    return events


# ------------------------------------------------------------------ batches


def draw_batch(
    probabilities: Mapping[str, float],
    prefix: Sequence[Part],
    varying: Iterable[Part],
    what: str,
) -> list[str]:
    """The outcomes of many draws from the same probabilities, keyed
    ``(*prefix, v, what)`` for each ``v``: what ``answer_*(key_parts=(*prefix, v), …)``
    returns as ``outcome`` for each, computed with one hash per key and numpy."""
    names = list(probabilities)
    indices = choose_batch(unit_batch(prefix, varying, (what,)), list(probabilities.values()))
    return [names[i] for i in indices.tolist()]


def count_batch(
    probabilities: Mapping[str, float],
    prefix: Sequence[Part],
    varying: Iterable[Part],
    what: str,
) -> dict[str, int]:
    """How many of the draws of ``draw_batch`` fell on each outcome (every outcome listed)."""
    names = list(probabilities)
    indices: npt.NDArray[np.intp] = choose_batch(
        unit_batch(prefix, varying, (what,)), list(probabilities.values())
    )
    counts = np.bincount(indices, minlength=len(names)).tolist()
    return dict(zip(names, counts, strict=True))
