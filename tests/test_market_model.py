"""The simulated market (app/market): its rates match its probabilities over many keyed
draws, its probabilities keep their invariants and directions, and it is deterministic.

Plain functions, no database. The statistical checks draw 100,000 keyed outcomes per case
through the vectorised path (``count_batch``), which is shown to equal the scalar answers
key by key; the keys are fixed, so the checks are deterministic (a 4 σ tolerance is missed
by chance about once in 15,000 checks, and a miss would show on every run).
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import phonenumbers
import pytest
from annotated_types import Ge, Le
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from app.market.draws import choose, choose_batch, derive, encode, unit, unit_batch
from app.market.model import (
    APPOINTMENT_OUTCOMES,
    CALL_OUTCOMES,
    EMAIL_OUTCOMES,
    FACTOR_LABELS,
    QUOTE_OUTCOMES,
    WHAT_APPOINTMENT,
    WHAT_CALL,
    WHAT_EMAIL,
    WHAT_QUOTE,
    AppointmentContext,
    CallContext,
    CustomerState,
    EmailContext,
    QuoteContext,
    answer_appointment,
    answer_call,
    answer_email,
    answer_quote,
    appointment_probabilities,
    call_probabilities,
    count_batch,
    draw_batch,
    email_probabilities,
    later_event_probabilities,
    later_events,
    quote_probabilities,
)
from app.market.parameters import MarketParameters
from app.market.population import MOTIVES, Person, generate, people, person
from app.models.enums import Channel, DecisionPower, Outcome, ProspectKind

SEGMENTS = [("47.11F", "Hypermarchés"), ("56.10A", "Restauration traditionnelle"),
            ("43.21A", "Travaux d'installation électrique dans tous locaux")]  # fmt: skip
NEEDS = ["réduire les coûts", "gagner du temps", "sécuriser", "se développer", "fidéliser"]
DEFAULT = MarketParameters()
TUNED = MarketParameters.model_validate(
    {
        "calls": {"reach_rate": 0.6, "gatekeeper_rate": 0.5, "appointment_rate": 0.2,
                  "callback_rate": 0.3, "objection_rate": 0.6, "wrong_target_rate": 0.9},
        "emails": {"open_rate": 0.5, "reply_rate": 0.2, "unsubscribe_rate": 0.05},
        "appointments": {"held_rate": 0.5, "postponed_rate": 0.5, "no_show_rate": 0.3},
        "quotes": {"accept_rate": 0.1, "negotiate_rate": 0.0, "refuse_rate": 0.6},
        "customers": {"mean_reorder_days": 5, "delivery_incident_rate": 0.3,
                      "complaints_per_year": 20, "late_payment_rate": 0.5, "churn_daily_rate": 0.2},
        "factors": {"minimum": 0.1, "maximum": 3.0, "combined_maximum": 6.0},
    }
)  # fmt: skip
N = 100_000


def generated(seed: int, count: int, params: MarketParameters = DEFAULT) -> list[Person]:
    return generate(seed, count, params, segments=SEGMENTS, needs=NEEDS)


BASE = generated(2026, 400)
COMPANY = next(p for p in BASE if p.is_company)
INDIVIDUAL = next(p for p in BASE if not p.is_company)


def shaped(base: Person, **changes: Any) -> Person:
    return dataclasses.replace(base, **changes)


DECIDER = shaped(
    COMPANY, decision_power=DecisionPower.DECISION_MAKER, motives=("argent", "confort")
)
USER = shaped(COMPANY, decision_power=DecisionPower.USER, price_sensitivity=0.9, budget=5_000)
CONSUMER = shaped(INDIVIDUAL, decision_power=DecisionPower.INFLUENCER, loyalty=0.9)


def assert_rates(counts: Mapping[str, int], probabilities: Mapping[str, float], n: int = N) -> None:
    """Each outcome's count within 4 binomial σ of n·p (exactly 0 when p is 0)."""
    assert set(counts) == set(probabilities)
    assert sum(counts.values()) == n
    for outcome, p in probabilities.items():
        sigma = math.sqrt(n * p * (1 - p))
        assert abs(counts[outcome] - n * p) <= 4 * sigma + 1e-9, (
            outcome,
            counts[outcome],
            n * p,
            sigma,
        )


def assert_distribution(probabilities: Mapping[str, float], names: Sequence[str]) -> None:
    assert tuple(probabilities) == tuple(names)
    assert all(0.0 <= p <= 1.0 for p in probabilities.values()), probabilities
    assert math.fsum(probabilities.values()) == pytest.approx(1.0, abs=1e-9)


# ------------------------------------------------------------------ draws


def test_unit_is_a_stable_keyed_number_in_the_unit_interval() -> None:
    # Pinned: every stored run replays with these numbers; a change of encoding breaks them.
    assert unit(42, "call") == 0.6503772403217847
    assert derive(42, "run", 7) == 6983411522759200526
    assert unit(42, "call") == unit(42, "call")
    assert unit("ab", "c") != unit("a", "bc")
    assert unit(1) != unit("1")
    assert encode([True]) == encode([1])
    assert 0 <= derive("x") < 2**63
    with pytest.raises(TypeError):
        unit(1.5)  # type: ignore[arg-type]
    values = [unit(7, i) for i in range(20_000)]
    assert all(0.0 <= v < 1.0 for v in values)
    assert sum(values) / len(values) == pytest.approx(0.5, abs=0.01)


def test_choose_walks_cumulative_weights() -> None:
    weights = [("a", 0.2), ("zero", 0.0), ("b", 0.5), ("c", 0.3), ("never", 0.0)]
    assert choose(0.0, weights) == "a"
    assert choose(0.19999, weights) == "a"
    assert choose(0.2, weights) == "b"
    assert choose(0.7, weights) == "c"
    assert choose(0.9999999999999999, weights) == "c"  # the last positive bucket catches it
    with pytest.raises(ValueError, match="sum"):
        choose(0.5, [("a", 0.5), ("b", 0.4)])
    with pytest.raises(ValueError, match="non-negative"):
        choose(0.5, [("a", 1.5), ("b", -0.5)])
    assert choose(0.5, [("a", 0.3), ("b", 0.7 - 5e-10)]) == "b"  # within 1e-9


def test_the_batch_path_equals_the_scalar_one() -> None:
    weights = [0.2, 0.0, 0.5, 0.3, 0.0]
    us = unit_batch((9, "batch"), range(5_000), ("call",))
    assert us.tolist() == [unit(9, "batch", i, "call") for i in range(5_000)]
    edge = [0.0, 0.2, 0.7, 0.9999999999999999, *us.tolist()]
    items = list(range(len(weights)))
    assert choose_batch(np.asarray(edge), weights).tolist() == [
        choose(u, list(zip(items, weights, strict=True))) for u in edge
    ]
    mixed: list[int | str] = [-3, "x", 10**30, True]
    assert unit_batch((1,), mixed, ("a", "b")).tolist() == [unit(1, v, "a", "b") for v in mixed]


# ------------------------------------------------------------------ statistics


CALL_CASES = [
    ("decider, Thursday 9 h, persona, script", DEFAULT, DECIDER,
     CallContext(hour=9, weekday=3, persona_match=True, script_used=True)),
    ("user, Monday 13 h, off-target", DEFAULT, USER,
     CallContext(hour=13, weekday=0, persona_match=False, attempt=3, days_since_last_attempt=2)),
    ("consumer, 19 h, same-day retry, fatigue", TUNED, CONSUMER,
     CallContext(hour=19, weekday=4, attempt=9, days_since_last_attempt=0)),
    ("user asked for the decider, Sunday 7 h", TUNED, USER,
     CallContext(hour=7, weekday=6, reaching_decision_maker=True, script_used=True)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "params", "who", "ctx"), CALL_CASES, ids=[c[0] for c in CALL_CASES]
)
def test_observed_call_rates_match_the_probabilities(
    case: str, params: MarketParameters, who: Person, ctx: CallContext
) -> None:
    probabilities = call_probabilities(who, ctx, params).probabilities
    assert_distribution(probabilities, CALL_OUTCOMES)
    assert_rates(
        count_batch(probabilities, ("stat", "call", case), range(N), WHAT_CALL), probabilities
    )
    # the batch is what answer_call gives, key by key
    sample = range(2_000)
    assert draw_batch(probabilities, ("stat", "call", case), sample, WHAT_CALL) == [
        answer_call(("stat", "call", case, i), who, ctx, params).outcome for i in sample
    ]


EMAIL_CASES = [
    ("default", DEFAULT, DECIDER, EmailContext()),
    ("personalised, on target", DEFAULT, CONSUMER, EmailContext(personalised=True, persona_match=True)),
    ("no lawful basis, tuned", TUNED, USER, EmailContext(consent_ok=False, persona_match=False)),
]  # fmt: skip
APPOINTMENT_CASES = [
    ("default", DEFAULT, DECIDER, AppointmentContext()),
    ("reminder, far, video", DEFAULT, USER,
     AppointmentContext(reminder_sent=True, lead_days=30, channel=Channel.VIDEO)),
    ("tuned", TUNED, CONSUMER, AppointmentContext(lead_days=1)),
]  # fmt: skip
QUOTE_CASES = [
    ("within budget, needs found", DEFAULT, DECIDER,
     QuoteContext(discount_rate=0.05, needs_found=2, needs_total=2, motives_matched=2, amount=DECIDER.budget * 0.8)),
    ("over budget, discount, sensitive", DEFAULT, USER,
     QuoteContext(discount_rate=0.2, needs_found=1, needs_total=3, motives_matched=0, amount=USER.budget * 1.5)),
    ("tuned, nothing found", TUNED, CONSUMER, QuoteContext(amount=CONSUMER.budget)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "params", "who", "ctx"), EMAIL_CASES, ids=[c[0] for c in EMAIL_CASES]
)
def test_observed_email_rates_match_the_probabilities(
    case: str, params: MarketParameters, who: Person, ctx: EmailContext
) -> None:
    probabilities = email_probabilities(who, ctx, params).probabilities
    assert_distribution(probabilities, EMAIL_OUTCOMES)
    key = ("stat", "email", case)
    assert_rates(count_batch(probabilities, key, range(N), WHAT_EMAIL), probabilities)
    assert draw_batch(probabilities, key, range(500), WHAT_EMAIL) == [
        answer_email((*key, i), who, ctx, params).outcome for i in range(500)
    ]


@pytest.mark.parametrize(
    ("case", "params", "who", "ctx"), APPOINTMENT_CASES, ids=[c[0] for c in APPOINTMENT_CASES]
)
def test_observed_appointment_rates_match_the_probabilities(
    case: str, params: MarketParameters, who: Person, ctx: AppointmentContext
) -> None:
    probabilities = appointment_probabilities(who, ctx, params).probabilities
    assert_distribution(probabilities, APPOINTMENT_OUTCOMES)
    key = ("stat", "appointment", case)
    assert_rates(count_batch(probabilities, key, range(N), WHAT_APPOINTMENT), probabilities)
    assert draw_batch(probabilities, key, range(500), WHAT_APPOINTMENT) == [
        answer_appointment((*key, i), who, ctx, params).outcome for i in range(500)
    ]


@pytest.mark.parametrize(
    ("case", "params", "who", "ctx"), QUOTE_CASES, ids=[c[0] for c in QUOTE_CASES]
)
def test_observed_quote_rates_match_the_probabilities(
    case: str, params: MarketParameters, who: Person, ctx: QuoteContext
) -> None:
    probabilities = quote_probabilities(who, ctx, params).probabilities
    assert_distribution(probabilities, QUOTE_OUTCOMES)
    key = ("stat", "quote", case)
    assert_rates(count_batch(probabilities, key, range(N), WHAT_QUOTE), probabilities)
    assert draw_batch(probabilities, key, range(500), WHAT_QUOTE) == [
        answer_quote((*key, i), who, ctx, params).outcome for i in range(500)
    ]


LATER_CASES = [
    ("lapsed customer", DEFAULT, DECIDER,
     CustomerState(days_since_last_order=60, days_since_last_contact=120, open_invoices=2, deliveries_in_transit=1)),
    ("tuned, recent", TUNED, CONSUMER,
     CustomerState(days_since_last_order=10, days_since_last_contact=5, open_invoices=1, deliveries_in_transit=2)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "params", "who", "state"), LATER_CASES, ids=[c[0] for c in LATER_CASES]
)
def test_observed_later_event_rates_match_the_probabilities(
    case: str, params: MarketParameters, who: Person, state: CustomerState
) -> None:
    chances = later_event_probabilities(who, state, params).probabilities
    key = ("stat", "later", case)
    draws: dict[tuple[str, int | None], np.ndarray[Any, Any]] = {
        (kind, None): unit_batch(key, range(N), (kind,)) for kind in ("order", "complaint", "churn")
    }
    draws |= {("delivery_incident", k): unit_batch(key, range(N), ("delivery_incident", k))
              for k in range(state.deliveries_in_transit)}  # fmt: skip
    draws |= {("late_payment", k): unit_batch(key, range(N), ("late_payment", k))
              for k in range(state.open_invoices)}  # fmt: skip
    for (kind, _), us in draws.items():
        p = chances[kind]
        hits = int((us < p).sum())
        assert abs(hits - N * p) <= 4 * math.sqrt(N * p * (1 - p)) + 1e-9, (kind, hits, N * p)
    # later_events draws exactly these numbers, day by day
    for day in range(300):
        expected = Counter(kind for (kind, _), us in draws.items() if us[day] < chances[kind])
        assert Counter(e.kind for e in later_events(key, who, state, day, params)) == expected
    # over a delivery's journey, the chance of an incident is the parameter's
    per_day = chances["delivery_incident"]
    journey = 1 - (1 - per_day) ** params.customers.delivery_days
    assert journey == pytest.approx(params.customers.delivery_incident_rate)


# ------------------------------------------------------------------ invariants (Hypothesis)


def _leaf_strategy(info: Any) -> st.SearchStrategy[Any]:
    low: Any = next(m.ge for m in info.metadata if isinstance(m, Ge))
    high: Any = next(m.le for m in info.metadata if isinstance(m, Le))
    if info.annotation is int:
        return st.integers(low, high)
    return st.floats(low, high, allow_nan=False)


def _model_strategy(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            parts[name] = _model_strategy(annotation)
        else:
            parts[name] = _leaf_strategy(info)
    return st.fixed_dictionaries(parts)


def _valid(data: dict[str, Any]) -> MarketParameters | None:
    try:
        return MarketParameters.model_validate(data)
    except ValidationError:
        return None  # e.g. every appointment weight 0


PARAMETERS = st.one_of(
    st.just(DEFAULT), _model_strategy(MarketParameters).map(_valid).filter(lambda p: p is not None)
)
UNIT = st.floats(0.0, 1.0, allow_nan=False)
PEOPLE = st.builds(
    shaped,
    st.sampled_from(BASE[:60]),
    decision_power=st.sampled_from(list(DecisionPower)),
    price_sensitivity=UNIT,
    loyalty=UNIT,
    complaint_propensity=UNIT,
    late_payment_propensity=UNIT,
    budget=st.integers(1, 200_000),
    motives=st.lists(st.sampled_from(MOTIVES), max_size=3, unique=True).map(tuple),
    receptiveness=st.fixed_dictionaries({c.value: UNIT for c in Channel}),
)
CALLS = st.builds(
    CallContext,
    hour=st.integers(0, 23),
    weekday=st.integers(0, 6),
    reaching_decision_maker=st.booleans(),
    persona_match=st.sampled_from([True, False, None]),
    script_used=st.booleans(),
    attempt=st.integers(1, 30),
    days_since_last_attempt=st.none() | st.integers(0, 90),
)
EMAILS = st.builds(EmailContext, personalised=st.booleans(), consent_ok=st.booleans(),
                   persona_match=st.sampled_from([True, False, None]))  # fmt: skip
APPOINTMENTS = st.builds(AppointmentContext, reminder_sent=st.booleans(),
                         lead_days=st.integers(0, 400), channel=st.sampled_from(list(Channel)))  # fmt: skip
QUOTES = st.builds(
    QuoteContext,
    discount_rate=UNIT,
    needs_found=st.integers(0, 6),
    needs_total=st.integers(0, 6),
    motives_matched=st.integers(0, 6),
    amount=st.floats(0, 500_000, allow_nan=False),
)
STATES = st.builds(
    CustomerState,
    days_since_last_order=st.none() | st.integers(0, 1000),
    days_since_last_contact=st.none() | st.integers(0, 1000),
    open_invoices=st.integers(0, 5),
    deliveries_in_transit=st.integers(0, 5),
)
EPS = 1e-12
# Enough examples to find a wrong direction (each example checks several), few enough to
# keep the file near ten seconds.
SETTINGS = settings(max_examples=60, deadline=None, database=None)


@settings(max_examples=120, deadline=None, database=None)
@given(params=PARAMETERS, who=PEOPLE, call=CALLS, email=EMAILS, meeting=APPOINTMENTS,
       quote=QUOTES, state=STATES, key=st.integers(0, 2**40))  # fmt: skip
def test_probabilities_are_distributions_and_answers_are_among_them(
    params: MarketParameters, who: Person, call: CallContext, email: EmailContext,
    meeting: AppointmentContext, quote: QuoteContext, state: CustomerState, key: int,
) -> None:  # fmt: skip
    for answer, names in (
        (answer_call((key,), who, call, params), CALL_OUTCOMES),
        (answer_email((key,), who, email, params), EMAIL_OUTCOMES),
        (answer_appointment((key,), who, meeting, params), APPOINTMENT_OUTCOMES),
        (answer_quote((key,), who, quote, params), QUOTE_OUTCOMES),
    ):
        assert_distribution(answer.probabilities, names)
        assert answer.probabilities[answer.outcome] > 0
        assert set(answer.factors) <= set(FACTOR_LABELS)
        bounds = params.factors
        assert all(bounds.minimum <= v <= bounds.maximum for v in answer.factors.values())
    if call.hour < 8 or call.hour >= 20:
        assert call_probabilities(who, call, params).detail["hour_band"] is None
    chances = later_event_probabilities(who, state, params).probabilities
    assert all(0.0 <= p <= 1.0 for p in chances.values())
    for event in later_events((key,), who, state, 3, params):
        assert chances[event.kind] > 0


def _reach(who: Person, ctx: CallContext, params: MarketParameters) -> float:
    return 1.0 - call_probabilities(who, ctx, params).probabilities[Outcome.NO_ANSWER.value]


def _hour_quality(who: Person, ctx: CallContext, params: MarketParameters) -> float:
    factors = call_probabilities(who, ctx, params).factors
    return factors["hour_band"] * factors["person_hour"]


@SETTINGS
@given(params=PARAMETERS, who=PEOPLE, ctx=CALLS, other_hour=st.integers(0, 23),
       other_day=st.integers(0, 6))  # fmt: skip
def test_a_better_hour_or_day_never_lowers_reach(
    params: MarketParameters, who: Person, ctx: CallContext, other_hour: int, other_day: int
) -> None:
    other = dataclasses.replace(ctx, hour=other_hour)
    if _hour_quality(who, ctx, params) <= _hour_quality(who, other, params):
        assert _reach(who, ctx, params) <= _reach(who, other, params) + EPS
    else:
        assert _reach(who, ctx, params) + EPS >= _reach(who, other, params)
    day = dataclasses.replace(ctx, weekday=other_day)
    weekdays = params.calls.weekdays
    if weekdays.for_day(ctx.weekday) <= weekdays.for_day(other_day):
        assert _reach(who, ctx, params) <= _reach(who, day, params) + EPS


def _appointment(who: Person, ctx: CallContext, params: MarketParameters) -> float:
    return call_probabilities(who, ctx, params).probabilities[Outcome.APPOINTMENT.value]


@SETTINGS
@given(params=PARAMETERS, who=PEOPLE, ctx=CALLS)
def test_good_call_practice_never_lowers_appointments(
    params: MarketParameters, who: Person, ctx: CallContext
) -> None:
    match, none, mismatch = (
        _appointment(who, dataclasses.replace(ctx, persona_match=m), params)
        for m in (True, None, False)
    )
    assert match + EPS >= none >= mismatch - EPS
    scripted = _appointment(who, dataclasses.replace(ctx, script_used=True), params)
    assert scripted + EPS >= _appointment(who, dataclasses.replace(ctx, script_used=False), params)
    wrong = Outcome.WRONG_TARGET.value
    targeted = call_probabilities(
        who, dataclasses.replace(ctx, reaching_decision_maker=True), params
    )
    untargeted = call_probabilities(
        who, dataclasses.replace(ctx, reaching_decision_maker=False), params
    )
    assert targeted.probabilities[wrong] <= untargeted.probabilities[wrong] + EPS
    # a retry the same day never reaches more than one a few days later
    if ctx.attempt > 1:
        same_day = _reach(who, dataclasses.replace(ctx, days_since_last_attempt=0), params)
        later = _reach(who, dataclasses.replace(ctx, days_since_last_attempt=3), params)
        assert same_day <= later + EPS


@SETTINGS
@given(params=PARAMETERS, who=PEOPLE, ctx=QUOTES, more=UNIT, extra=st.integers(0, 6))
def test_quote_acceptance_moves_the_right_way(
    params: MarketParameters, who: Person, ctx: QuoteContext, more: float, extra: int
) -> None:
    def accepted(c: QuoteContext) -> float:
        return quote_probabilities(who, c, params).probabilities["accepted"]

    bigger = min(1.0, ctx.discount_rate + more * (1 - ctx.discount_rate))
    assert accepted(dataclasses.replace(ctx, discount_rate=bigger)) + EPS >= accepted(ctx)
    total = max(ctx.needs_total, 1)
    fewer, found = sorted((min(ctx.needs_found, total), min(ctx.needs_found + extra, total)))
    assert accepted(
        dataclasses.replace(ctx, needs_total=total, needs_found=found)
    ) + EPS >= accepted(dataclasses.replace(ctx, needs_total=total, needs_found=fewer))
    dearer = dataclasses.replace(ctx, amount=ctx.amount * (1 + more) + extra)
    assert accepted(dearer) <= accepted(ctx) + EPS


@SETTINGS
@given(params=PARAMETERS, who=PEOPLE, email=EMAILS, meeting=APPOINTMENTS)
def test_email_and_appointment_practices_move_the_right_way(
    params: MarketParameters, who: Person, email: EmailContext, meeting: AppointmentContext
) -> None:
    plain = email_probabilities(who, dataclasses.replace(email, personalised=False), params)
    personal = email_probabilities(who, dataclasses.replace(email, personalised=True), params)
    assert personal.probabilities["replied"] + EPS >= plain.probabilities["replied"]
    assert personal.probabilities["ignored"] <= plain.probabilities["ignored"] + EPS
    lawful = email_probabilities(who, dataclasses.replace(email, consent_ok=True), params)
    unlawful = email_probabilities(who, dataclasses.replace(email, consent_ok=False), params)
    assert unlawful.probabilities["replied"] <= lawful.probabilities["replied"] + EPS
    reminded = appointment_probabilities(
        who, dataclasses.replace(meeting, reminder_sent=True), params
    )
    forgotten = appointment_probabilities(
        who, dataclasses.replace(meeting, reminder_sent=False), params
    )
    assert reminded.probabilities["no_show"] <= forgotten.probabilities["no_show"] + EPS


# ------------------------------------------------------------------ determinism, people


def test_the_same_key_gives_the_same_answer_and_other_keys_vary() -> None:
    ctx = CallContext(hour=10, weekday=2, persona_match=True)
    first = answer_call((1, "run", 12, "call", 1), DECIDER, ctx, DEFAULT)
    assert answer_call((1, "run", 12, "call", 1), DECIDER, ctx, DEFAULT) == first
    assert first.detail["draw"] == unit(1, "run", 12, "call", 1, WHAT_CALL)
    outcomes = {
        answer_call((1, "run", 12, "call", i), DECIDER, ctx, DEFAULT).outcome for i in range(300)
    }
    assert len(outcomes) >= 4
    quote = QuoteContext(amount=1000, needs_total=2, needs_found=1)
    assert answer_quote((5, 6), USER, quote, DEFAULT) == answer_quote((5, 6), USER, quote, DEFAULT)
    state = CustomerState(30, 200, 3, 3)
    assert [later_events((5, 6), USER, state, d, TUNED) for d in range(50)] == [
        later_events((5, 6), USER, state, d, TUNED) for d in range(50)
    ]


def test_answers_explain_themselves() -> None:
    ctx = CallContext(hour=9, weekday=1)
    objections = [
        a for i in range(3_000)
        if (a := answer_call(("why", i), DECIDER, ctx, TUNED)).outcome == Outcome.OBJECTION.value
    ]  # fmt: skip
    assert objections
    assert {a.detail["objection_motive"] for a in objections} == set(DECIDER.motives)
    assert all(a.detail["objection"] for a in objections)
    assert all(label and label[0].isupper() for label in FACTOR_LABELS.values())
    callbacks = [answer_call(("why", i), DECIDER, ctx, TUNED) for i in range(3_000)]
    assert {a.detail["callback_after_days"] for a in callbacks if a.outcome == "callback"} == {
        1,
        2,
        3,
        4,
        5,
    }


def test_generation_is_reproducible_and_prefix_stable() -> None:
    big = generated(11, 600)
    assert generated(11, 50) == big[:50]
    assert generated(11, 600) == big
    picked = people(11, [450, 3], DEFAULT, segments=SEGMENTS, needs=NEEDS)
    assert picked == [big[450], big[3]]
    assert person(11, 77, DEFAULT, segments=SEGMENTS, needs=NEEDS) == big[77]
    assert [p.key for p in big[:3]] == ["p0000", "p0001", "p0002"]
    assert generated(11, 0) == []
    with pytest.raises(ValueError, match="10,000"):
        generated(11, 10_001)
    with pytest.raises(ValueError, match="segments"):
        generate(11, 20, DEFAULT, segments=[], needs=NEEDS)
    consumers = generate(11, 20, MarketParameters.model_validate({"people": {"company_share": 0}}),
                         segments=[], needs=[])  # fmt: skip
    assert all(p.kind == ProspectKind.INDIVIDUAL and p.needs == () for p in consumers)


def _marginals(population: Sequence[Person]) -> dict[str, float]:
    n = len(population)
    companies = [p for p in population if p.is_company]
    individuals = [p for p in population if not p.is_company]
    powers = Counter(p.decision_power for p in companies)
    return {
        "companies": len(companies) / n,
        "deciders": powers[DecisionPower.DECISION_MAKER] / len(companies),
        "users": powers[DecisionPower.USER] / len(companies),
        "phone_consent": sum(bool(p.phone_consent) for p in individuals) / len(individuals),
        "bloctel": sum(p.on_bloctel for p in individuals) / len(individuals),
        "log_budget": sum(math.log(p.budget) for p in companies) / len(companies),
        "price": sum(p.price_sensitivity for p in companies) / len(companies),
        "loyalty": sum(p.loyalty for p in population) / n,
        "phone": sum(p.receptiveness["phone"] for p in population) / n,
        "evening": sum(p.hour_receptiveness["18-20"] for p in population) / n,
        "motives": sum(len(p.motives) for p in population) / n,
        "needs": sum(len(p.needs) for p in population) / n,
    }


def test_two_seeds_give_different_but_comparable_markets() -> None:
    one, two = generated(1, 5_000), generated(2, 5_000)
    assert sum(a == b for a, b in zip(one, two, strict=True)) == 0
    assert len({p.phone for p in one} & {p.phone for p in two}) < 5_000
    m1, m2 = _marginals(one), _marginals(two)
    expected = {"companies": 0.8, "deciders": 0.45, "users": 0.2, "phone_consent": 0.3,
                "bloctel": 0.15, "log_budget": math.log(12_000), "price": 0.5, "loyalty": 0.5,
                "phone": 0.5, "evening": 0.5, "motives": 2.0, "needs": 2.0}  # fmt: skip
    tolerance = {"log_budget": 0.05, "motives": 0.05, "needs": 0.05}
    for name, value in expected.items():
        assert m1[name] == pytest.approx(value, abs=tolerance.get(name, 0.03)), name
        assert m2[name] == pytest.approx(m1[name], abs=2 * tolerance.get(name, 0.03)), name


def test_people_survive_a_json_round_trip() -> None:
    for p in BASE:
        data = json.loads(json.dumps(p.to_json()))
        assert Person.from_json(data) == p
    data = BASE[0].to_json()
    with pytest.raises(ValueError, match="unknown"):
        Person.from_json({**data, "secret": 1})
    del data["loyalty"]
    with pytest.raises(ValueError, match="missing"):
        Person.from_json(data)


FICTION = ("+3319900", "+3326191", "+3335301", "+3353649")


def test_identities_are_fictional_and_unique() -> None:
    everyone = generated(5, 10_000)
    phones = [p.phone for p in everyone]
    emails = [p.email for p in everyone]
    assert len(set(phones)) == len(phones)
    assert len(set(emails)) == len(emails)
    for p in everyone[:2_000]:
        number = phonenumbers.parse(p.phone)
        assert phonenumbers.is_valid_number(number), p.phone
        assert phonenumbers.region_code_for_number(number) == "FR"
    assert all(phone.startswith(FICTION) and len(phone) == 12 for phone in phones)
    for email in emails:
        local, domain = email.split("@")
        assert domain == "example.com" or domain.endswith(".example.com"), email
        assert local
        assert local.isascii()
    for p in everyone[:500]:
        if p.is_company:
            assert p.naf_code in {code for code, _ in SEGMENTS}
            assert p.company_name
            assert (p.phone_consent, p.email_consent, p.on_bloctel) == (None, None, False)
        else:
            assert p.naf_code is None
            assert p.company_name is None
            assert isinstance(p.phone_consent, bool)
            assert isinstance(p.email_consent, bool)
        assert set(p.needs) <= set(NEEDS)
        assert 1 <= len(p.needs) <= 3
        assert set(p.motives) <= set(MOTIVES)
        assert 1 <= len(p.motives) <= 3
        assert set(p.receptiveness) == {c.value for c in Channel}
        assert 41 < p.latitude < 52
        assert -5 < p.longitude < 10


def test_five_thousand_people_in_well_under_a_second() -> None:
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        generated(3, 5_000)
        best = min(best, time.perf_counter() - start)
    assert best < 1.0, best


# ------------------------------------------------------------------ parameters


def test_parameters_are_bounded_described_and_published() -> None:
    schema = MarketParameters.model_json_schema()
    assert schema["additionalProperties"] is False

    def leaves(model: type[BaseModel]) -> list[tuple[str, Any]]:
        found = []
        for name, info in model.model_fields.items():
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found += leaves(annotation)
            else:
                found.append((name, info))
        return found

    for name, info in leaves(MarketParameters):
        assert info.description, name
        assert any(isinstance(m, Ge) for m in info.metadata), name
        assert any(isinstance(m, Le) for m in info.metadata), name
    json.dumps(schema)
    with pytest.raises(ValidationError):
        MarketParameters.model_validate({"calls": {"reach_rate": 1.5}})
    with pytest.raises(ValidationError):
        MarketParameters.model_validate({"calls": {"persona_match_factor": 0.5}})  # direction
    with pytest.raises(ValidationError):
        MarketParameters.model_validate({"calls": {"unknown": 1}})
    with pytest.raises(ValidationError):
        MarketParameters.model_validate({"population": 0})
    tuned = MarketParameters.model_validate({"calls": {"reach_rate": 0.1}})
    assert tuned.calls.reach_rate == 0.1
    assert tuned.calls.appointment_rate == 0.08
    assert MarketParameters.model_validate_json(tuned.model_dump_json()) == tuned
