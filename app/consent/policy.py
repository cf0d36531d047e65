"""The channel policy: may this outbound commercial contact be made? (pure, no I/O)

French and EU rules as of 2026 (see app/privacy/README.md and domain.md §2). Every decision
names the rule it applied, so refusals are explainable and testable case by case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.models import Channel, ConsentStatus, LawfulBasis

# Law 2025-594 art. 13 (Code de la consommation L.223-1): consent for consumer phone canvassing.
PHONE_CONSENT_REGIME_START = date(2026, 8, 11)
BLOCTEL_MAX_AGE_DAYS = 30
REGULATED = frozenset({Channel.EMAIL, Channel.SMS, Channel.PHONE, Channel.POSTAL})

CHANNEL_FR = {
    Channel.EMAIL: "l'e-mail",
    Channel.SMS: "le SMS",
    Channel.PHONE: "le téléphone",
    Channel.POSTAL: "le courrier",
    Channel.VISIT: "la visite",
    Channel.VIDEO: "la visio",
    Channel.SOCIAL: "les réseaux sociaux",
    Channel.EVENT: "l'événement",
}

# French contracts « à » and « de » with the articles « le » and « les »: « à les réseaux
# sociaux » is « aux réseaux sociaux », « de le téléphone » « du téléphone ».
_CONTRACTIONS = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def with_preposition(preposition: str, noun_phrase: str) -> str:
    """``preposition`` (« à », « de ») before ``noun_phrase``, contracted where French does."""
    article, _, rest = noun_phrase.partition(" ")
    contracted = _CONTRACTIONS.get((preposition, article))
    return f"{contracted} {rest}" if contracted and rest else f"{preposition} {noun_phrase}"


@dataclass(frozen=True)
class ConsentState:
    """The current (latest) consent record for the person, purpose prospecting, one channel."""

    status: ConsentStatus
    lawful_basis: LawfulBasis


@dataclass(frozen=True)
class ContactContext:
    b2b: bool
    channel: Channel
    on: date
    consent: ConsentState | None = None
    objected: bool = False
    # Existing customer, and the offer is analogous to what they bought (B2C e-mail exception).
    existing_customer: bool = False
    analogous_offer: bool = False
    # An ongoing contract, and the call is about it (B2C phone exception).
    ongoing_contract: bool = False
    about_contract: bool = False
    bloctel_opposed: bool | None = None
    bloctel_checked_on: date | None = None
    bloctel_max_age_days: int = BLOCTEL_MAX_AGE_DAYS


@dataclass(frozen=True)
class Decision:
    allowed: bool
    rule: str
    detail: str


def _ok(rule: str, detail: str) -> Decision:
    return Decision(True, rule, detail)


def _no(rule: str, detail: str) -> Decision:
    return Decision(False, rule, detail)


def _granted(ctx: ContactContext) -> bool:
    return ctx.consent is not None and ctx.consent.status is ConsentStatus.GRANTED


def decide(ctx: ContactContext) -> Decision:
    """Whether an outbound commercial contact on ``ctx.channel`` is allowed, and why."""
    channel_fr = CHANNEL_FR[ctx.channel]
    if ctx.objected:
        return _no(
            "objection",
            "La personne s'est opposée à la prospection commerciale : aucun contact "
            "commercial n'est permis, quel que soit le canal (RGPD art. 21).",
        )
    if ctx.channel not in REGULATED:
        return _ok(
            "channel-not-regulated",
            f"Pas de règle de consentement propre {with_preposition('à', channel_fr)} ; "
            "restez courtois et "
            "respectez une éventuelle opposition.",
        )
    if ctx.consent is not None and ctx.consent.status is ConsentStatus.WITHDRAWN:
        return _no(
            "consent-withdrawn",
            f"La personne a retiré son consentement pour {channel_fr} : ce canal est exclu.",
        )
    if ctx.consent is not None and ctx.consent.status is ConsentStatus.REFUSED:
        return _no(
            "consent-refused",
            f"La personne a refusé d'être prospectée par {channel_fr} : ce canal est exclu.",
        )
    if ctx.channel is Channel.EMAIL:
        return _email(ctx)
    if ctx.channel is Channel.SMS:
        if _granted(ctx):
            return _ok("sms-consent", "Consentement préalable au SMS recueilli.")
        return _no(
            "sms-requires-consent",
            "Le SMS de prospection exige un consentement préalable (case dédiée non "
            "pré-cochée) : aucun consentement n'est enregistré pour ce canal.",
        )
    if ctx.channel is Channel.PHONE:
        return _phone_b2b() if ctx.b2b else _phone_b2c(ctx)
    return _ok(
        "postal-opt-out",
        "Le courrier de prospection est permis si la personne a été informée et peut "
        "s'y opposer simplement.",
    )


def _email(ctx: ContactContext) -> Decision:
    if ctx.b2b:
        return _ok(
            "b2b-email-opt-out",
            "E-mail à un professionnel sur son activité : permis s'il a été informé et peut "
            "s'y opposer (opt-out).",
        )
    if _granted(ctx):
        return _ok("b2c-email-consent", "Consentement préalable à l'e-mail recueilli.")
    if ctx.existing_customer and ctx.analogous_offer:
        return _ok(
            "b2c-email-customer-exception",
            "Client existant et offre analogue à ses achats : l'e-mail est permis s'il a été "
            "informé et peut s'y opposer gratuitement (CPCE L.34-5).",
        )
    return _no(
        "b2c-email-requires-consent",
        "L'e-mail de prospection à un particulier exige son consentement préalable "
        "(CPCE L.34-5) : aucun consentement n'est enregistré pour ce canal.",
    )


def _phone_b2b() -> Decision:
    return _ok(
        "b2b-phone-opt-out",
        "Appel d'un professionnel : permis s'il a été informé et peut s'y opposer simplement.",
    )


def _phone_b2c(ctx: ContactContext) -> Decision:
    if ctx.ongoing_contract and ctx.about_contract:
        return _ok(
            "b2c-phone-contract-exception",
            "Contrat en cours et appel en rapport avec ce contrat : l'appel est permis "
            "(Code de la consommation L.223-1).",
        )
    if ctx.on >= PHONE_CONSENT_REGIME_START:
        if _granted(ctx):
            return _ok("b2c-phone-consent", "Consentement préalable et prouvable à l'appel.")
        return _no(
            "b2c-phone-requires-consent",
            "Depuis le 11 août 2026 (loi 2025-594), le démarchage téléphonique d'un "
            "particulier exige son consentement préalable et prouvable : aucun consentement "
            "n'est enregistré pour le téléphone.",
        )
    # Before 11 August 2026: opt-out, with the Bloctel list checked at least every 30 days.
    if ctx.bloctel_opposed:
        return _no(
            "b2c-phone-bloctel",
            "Ce numéro est inscrit sur la liste d'opposition Bloctel : l'appel est interdit.",
        )
    fresh = ctx.bloctel_checked_on is not None and ctx.on - ctx.bloctel_checked_on <= timedelta(
        days=ctx.bloctel_max_age_days
    )
    if not fresh:
        return _no(
            "b2c-phone-bloctel-stale",
            f"Le fichier doit être confronté à Bloctel au moins tous les "
            f"{ctx.bloctel_max_age_days} jours avant d'appeler un particulier : dernière "
            "vérification absente ou trop ancienne.",
        )
    return _ok(
        "b2c-phone-opt-out",
        "Avant le 11 août 2026 : appel permis, numéro absent de Bloctel vérifié récemment.",
    )


def allowed_channels(contexts: dict[Channel, ContactContext]) -> list[Channel]:
    return [channel for channel, ctx in contexts.items() if decide(ctx).allowed]
