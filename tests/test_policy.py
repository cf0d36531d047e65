"""The channel policy as a table of cases: each rule of domain.md §2 allowed and refused."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.consent.policy import ConsentState, ContactContext, decide, with_preposition
from app.models import Channel, ConsentStatus, LawfulBasis

BEFORE = date(2026, 6, 1)  # opt-out + Bloctel regime for consumer calls
AFTER = date(2026, 11, 27)  # consent regime (law 2025-594, from 2026-08-11)
GRANTED = ConsentState(ConsentStatus.GRANTED, LawfulBasis.CONSENT)
REFUSED = ConsentState(ConsentStatus.REFUSED, LawfulBasis.CONSENT)
WITHDRAWN = ConsentState(ConsentStatus.WITHDRAWN, LawfulBasis.CONSENT)


def ctx(channel: Channel, *, b2b: bool, on: date = AFTER, **kw: object) -> ContactContext:
    return ContactContext(b2b=b2b, channel=channel, on=on, **kw)  # type: ignore[arg-type]


CASES = [
    # --- objection (RGPD art. 21): refused on every channel, B2B and B2C
    ("objection B2C email", ctx(Channel.EMAIL, b2b=False, consent=GRANTED, objected=True), False, "objection"),
    ("objection B2B visit", ctx(Channel.VISIT, b2b=True, objected=True), False, "objection"),
    ("no objection B2B visit", ctx(Channel.VISIT, b2b=True), True, "channel-not-regulated"),
    # --- e-mail to consumers: prior opt-in (CPCE L.34-5)
    ("B2C email without consent", ctx(Channel.EMAIL, b2b=False), False, "b2c-email-requires-consent"),
    ("B2C email with consent", ctx(Channel.EMAIL, b2b=False, consent=GRANTED), True, "b2c-email-consent"),
    ("B2C email consent withdrawn", ctx(Channel.EMAIL, b2b=False, consent=WITHDRAWN), False, "consent-withdrawn"),
    ("B2C email consent refused", ctx(Channel.EMAIL, b2b=False, consent=REFUSED), False, "consent-refused"),
    # --- ... except existing customers for analogous products (informed, free objection)
    ("B2C email customer analogous", ctx(Channel.EMAIL, b2b=False, existing_customer=True, analogous_offer=True), True, "b2c-email-customer-exception"),
    ("B2C email customer other offer", ctx(Channel.EMAIL, b2b=False, existing_customer=True), False, "b2c-email-requires-consent"),
    ("B2C email customer who objected", ctx(Channel.EMAIL, b2b=False, existing_customer=True, analogous_offer=True, consent=WITHDRAWN), False, "consent-withdrawn"),
    # --- e-mail to professionals about their job: opt-out
    ("B2B email opt-out", ctx(Channel.EMAIL, b2b=True), True, "b2b-email-opt-out"),
    ("B2B email after objection", ctx(Channel.EMAIL, b2b=True, consent=WITHDRAWN), False, "consent-withdrawn"),
    # --- SMS: prior opt-in
    ("SMS without consent B2C", ctx(Channel.SMS, b2b=False), False, "sms-requires-consent"),
    ("SMS without consent B2B", ctx(Channel.SMS, b2b=True), False, "sms-requires-consent"),
    ("SMS with consent", ctx(Channel.SMS, b2b=False, consent=GRANTED), True, "sms-consent"),
    ("SMS consent refused", ctx(Channel.SMS, b2b=False, consent=REFUSED), False, "consent-refused"),
    # --- consumer phone canvassing from 11 August 2026: provable prior consent
    ("B2C phone after, no consent", ctx(Channel.PHONE, b2b=False), False, "b2c-phone-requires-consent"),
    ("B2C phone after, Bloctel clear but no consent", ctx(Channel.PHONE, b2b=False, bloctel_opposed=False, bloctel_checked_on=AFTER), False, "b2c-phone-requires-consent"),
    ("B2C phone after, consent", ctx(Channel.PHONE, b2b=False, consent=GRANTED), True, "b2c-phone-consent"),
    ("B2C phone after, withdrawn", ctx(Channel.PHONE, b2b=False, consent=WITHDRAWN), False, "consent-withdrawn"),
    ("B2C phone on the first day", ctx(Channel.PHONE, b2b=False, on=date(2026, 8, 11)), False, "b2c-phone-requires-consent"),
    # --- ... except an ongoing contract when the call relates to it
    ("B2C phone contract, about it", ctx(Channel.PHONE, b2b=False, ongoing_contract=True, about_contract=True), True, "b2c-phone-contract-exception"),
    ("B2C phone contract, other topic", ctx(Channel.PHONE, b2b=False, ongoing_contract=True), False, "b2c-phone-requires-consent"),
    # --- before 11 August 2026: opt-out + Bloctel cleaned at least every 30 days
    ("B2C phone before, Bloctel listed", ctx(Channel.PHONE, b2b=False, on=BEFORE, bloctel_opposed=True, bloctel_checked_on=date(2026, 5, 20)), False, "b2c-phone-bloctel"),
    ("B2C phone before, never checked", ctx(Channel.PHONE, b2b=False, on=BEFORE), False, "b2c-phone-bloctel-stale"),
    ("B2C phone before, check 31 days old", ctx(Channel.PHONE, b2b=False, on=BEFORE, bloctel_opposed=False, bloctel_checked_on=date(2026, 5, 1)), False, "b2c-phone-bloctel-stale"),
    ("B2C phone before, check 30 days old", ctx(Channel.PHONE, b2b=False, on=BEFORE, bloctel_opposed=False, bloctel_checked_on=date(2026, 5, 2)), True, "b2c-phone-opt-out"),
    ("B2C phone on the eve, checked", ctx(Channel.PHONE, b2b=False, on=date(2026, 8, 10), bloctel_opposed=False, bloctel_checked_on=date(2026, 8, 1)), True, "b2c-phone-opt-out"),
    ("B2C phone before, contract exception", ctx(Channel.PHONE, b2b=False, on=BEFORE, bloctel_opposed=True, ongoing_contract=True, about_contract=True), True, "b2c-phone-contract-exception"),
    # --- professional calls and postal mail: informed and can object
    ("B2B phone", ctx(Channel.PHONE, b2b=True), True, "b2b-phone-opt-out"),
    ("B2B phone after objection", ctx(Channel.PHONE, b2b=True, consent=WITHDRAWN), False, "consent-withdrawn"),
    ("postal B2C", ctx(Channel.POSTAL, b2b=False), True, "postal-opt-out"),
    ("postal B2B", ctx(Channel.POSTAL, b2b=True), True, "postal-opt-out"),
    ("postal refused", ctx(Channel.POSTAL, b2b=False, consent=REFUSED), False, "consent-refused"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "context", "allowed", "rule"), CASES, ids=[c[0] for c in CASES])
def test_policy_table(name: str, context: ContactContext, allowed: bool, rule: str) -> None:
    decision = decide(context)
    assert (decision.allowed, decision.rule) == (allowed, rule)
    assert decision.detail  # always a French explanation


def test_every_rule_has_an_allowed_and_a_refused_case() -> None:
    """The rules of domain.md §2, each exercised both ways."""
    families = {
        "objection": ("objection", "channel-not-regulated"),
        "b2c-email": ("b2c-email-requires-consent", "b2c-email-consent"),
        "b2c-email-customer": ("b2c-email-requires-consent", "b2c-email-customer-exception"),
        "b2b-email": ("consent-withdrawn", "b2b-email-opt-out"),
        "sms": ("sms-requires-consent", "sms-consent"),
        "b2c-phone-consent": ("b2c-phone-requires-consent", "b2c-phone-consent"),
        "b2c-phone-contract": ("b2c-phone-requires-consent", "b2c-phone-contract-exception"),
        "bloctel": ("b2c-phone-bloctel", "b2c-phone-opt-out"),
        "bloctel-30-days": ("b2c-phone-bloctel-stale", "b2c-phone-opt-out"),
        "b2b-phone": ("consent-withdrawn", "b2b-phone-opt-out"),
        "postal": ("consent-refused", "postal-opt-out"),
    }
    outcomes = {(rule, allowed) for _, _, allowed, rule in CASES}
    for family, (refused_rule, allowed_rule) in families.items():
        assert (refused_rule, False) in outcomes, family
        assert (allowed_rule, True) in outcomes, family


@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize(
    "state", [None, GRANTED, REFUSED, WITHDRAWN], ids=["none", "granted", "refused", "withdrawn"]
)
@pytest.mark.parametrize("b2b", [True, False], ids=["b2b", "b2c"])
def test_every_detail_is_correct_french(
    channel: Channel, state: ConsentState | None, b2b: bool
) -> None:
    """« à les » and « de le(s) » are contracted in French (« aux réseaux sociaux »)."""
    for on in (BEFORE, AFTER):
        detail = decide(ctx(channel, b2b=b2b, on=on, consent=state)).detail
        assert re.search(r"\b(à|de) (le|les)\b", detail) is None, detail


def test_contractions() -> None:
    assert with_preposition("à", "les réseaux sociaux") == "aux réseaux sociaux"
    assert with_preposition("à", "le téléphone") == "au téléphone"
    assert with_preposition("de", "les réseaux sociaux") == "des réseaux sociaux"
    assert with_preposition("de", "le SMS") == "du SMS"
    assert with_preposition("à", "la visite") == "à la visite"
    assert with_preposition("à", "l'e-mail") == "à l'e-mail"
    detail = decide(ctx(Channel.SOCIAL, b2b=True)).detail
    assert "propre aux réseaux sociaux" in detail
