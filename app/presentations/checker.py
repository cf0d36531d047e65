"""The presentation checker: the case document and a variant in, findings out (pure, no I/O).

The rules are those of docs/design/020-company-image-social-selling.md ("Presentations"),
each with its code; every rule says ``ok`` when it is met, so the editor shows each verdict:

1. ``mandatory_point`` (one per point of the case for this kind) and ``company_name``: one
   keyword of each point, and the company's name, are in the text (compared folded).
2. ``length`` (``app.presentations.formats``), ``subject`` (e-mail), ``hook`` (social post).
3. ``motives``, ``argument_unknown``, ``benefit``: the arguments used answer the
   interlocutor's buying motives, exist, and are said as benefits.
4. ``price``, ``discount``, ``payment_terms``: the amounts and conditions are within policy.
5. ``charter_forbidden`` and the tone (``tone``, ``tone_*``) of ``app.business_cases.charter``.
6. ``channel_fit``, ``call_to_action`` (e-mail), ``permission`` (phone introduction).

A variant passes (``app.common.findings.passed``) when no finding is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz

from app.business_cases import charter
from app.business_cases.document import BusinessCaseDocument, CapArgument, CatalogueItem
from app.common.findings import Finding
from app.common.text import FoldedText, fold
from app.models import Interlocutor, Motive, PresentationChannel, PresentationKind
from app.presentations import formats

TEXT = "text"
SUBJECT = "subject"

#: A benefit is "in the text" when rapidfuzz's partial_ratio of the folded texts reaches this.
FUZZY_THRESHOLD = 80
#: A phone introduction asks for permission to go on within its first words.
PERMISSION_WORDS = 40

DEFAULT_MOTIVES: dict[Interlocutor, tuple[Motive, ...]] = {
    Interlocutor.DECISION_MAKER: (Motive.MONEY, Motive.PRIDE, Motive.SECURITY),
    Interlocutor.USER: (Motive.COMFORT, Motive.SECURITY, Motive.NOVELTY),
    Interlocutor.BUYER: (Motive.MONEY, Motive.SECURITY),
    Interlocutor.CONSUMER: (Motive.COMFORT, Motive.MONEY, Motive.SYMPATHY, Motive.NOVELTY),
}
"""The SONCAS motives each interlocutor is expected to buy on when the case sets none: the
decision maker weighs return, image and risk; the user comfort, reliability and the new; the
buyer price and security of supply; the consumer comfort, price, liking and the new."""

MOTIVE_LABELS: dict[Motive, str] = {
    Motive.SECURITY: "Sécurité",
    Motive.PRIDE: "Orgueil",
    Motive.NOVELTY: "Nouveauté",
    Motive.COMFORT: "Confort",
    Motive.MONEY: "Argent",
    Motive.SYMPATHY: "Sympathie",
}
INTERLOCUTOR_LABELS: dict[Interlocutor, str] = {
    Interlocutor.DECISION_MAKER: "le décideur",
    Interlocutor.USER: "l'utilisateur",
    Interlocutor.BUYER: "l'acheteur",
    Interlocutor.CONSUMER: "le consommateur",
}


def of_whom(interlocutor: Interlocutor) -> str:
    """« du décideur », « de l'acheteur »: the label after « de »."""
    label = INTERLOCUTOR_LABELS[interlocutor]
    return f"du {label[3:]}" if label.startswith("le ") else f"de {label}"


_SPACE = r"[ \u00a0\u202f]"
_NUMBER = rf"(?:[0-9]{{1,3}}(?:{_SPACE}[0-9]{{3}})+|[0-9]+)(?:[.,][0-9]{{1,2}})?"
#: An amount in euros: « 49 € », « 49,00 € », « 1 290 € », « 49 euros », « 49 EUR », « €49 ».
AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<after>{_NUMBER}){_SPACE}?(?:€|euros?\b|EUR\b)"
    rf"|€{_SPACE}?(?P<before>{_NUMBER})(?![0-9])",
    re.IGNORECASE,
)
#: A percentage, with the minus sign that makes it a discount (« -15 % »).
_PERCENT = re.compile(
    rf"(?:(?:^|(?<=\s))(?P<minus>[-−–]){_SPACE}?)?(?<![\w.,])(?P<rate>[0-9]{{1,3}}(?:[.,][0-9]{{1,2}})?){_SPACE}?%"
)
#: The words that make a percentage a discount, before it (« remise de 15 % ») or after it
#: (« 15 % de remise »), folded.
_DISCOUNT_BEFORE = re.compile(r"\b(?:remise|reduction|rabais)\b[^.%\n]{0,30}$")
_DISCOUNT_AFTER = re.compile(r"^\s*(?:de\s+|d'\s*)?(?:remise|reduction|rabais)\b")
#: A payment term: « paiement à 45 jours », « règlement à 60 jours », « payable à 45 jours ».
_PAYMENT = re.compile(
    r"\b(?:paiements?|r[eè]glements?|payables?)\s+(?:[àa]\s+)?(?P<days>[0-9]{1,3})\s+jours\b",
    re.IGNORECASE,
)
_LINK = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
#: The words of an e-mail's call to action (folded).
CALL_TO_ACTION_WORDS = (
    "repondez",
    "rendez-vous",
    "appelez",
    "contactez",
    "ecrivez-moi",
    "rappelez-moi",
)


@dataclass(frozen=True)
class VariantDraft:
    """A variant as written: its kind, interlocutor and channel, its text (and the e-mail's
    subject) and the CAP arguments it uses, as (product reference, argument index from 0)."""

    kind: PresentationKind
    interlocutor: Interlocutor
    channel: PresentationChannel
    text: str
    subject: str = ""
    arguments: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class UsedArgument:
    """An argument the variant uses, found in the catalogue."""

    product: CatalogueItem
    index: int
    argument: CapArgument


def expected_motives(doc: BusinessCaseDocument, interlocutor: Interlocutor) -> tuple[Motive, ...]:
    """The motives the case expects of this interlocutor (``policy.presentation.interlocutors``),
    else ``DEFAULT_MOTIVES``."""
    for profile in doc.policy.presentation.interlocutors:
        if profile.interlocutor is interlocutor:
            return tuple(profile.motives)
    return DEFAULT_MOTIVES[interlocutor]


def ordinal(n: int) -> str:
    """« 1er », « 2e »: arguments are numbered from 1 in messages (from 0 in data)."""
    return "1er" if n == 1 else f"{n}e"


def motive_labels(motives: Iterable[Motive]) -> str:
    """« Argent, Sécurité »."""
    return ", ".join(MOTIVE_LABELS[m] for m in motives)


def check_variant(doc: BusinessCaseDocument, v: VariantDraft) -> list[Finding]:
    """Every rule's findings on the variant, in the rules' order (see the module)."""
    used, unknown = _resolve(doc, v.arguments)
    return [
        *mandatory_points(doc, v),
        *company_name(doc, v.text),
        *length(v),
        *subject(v),
        *hook(doc, v, used),
        *motives(doc, v.interlocutor, used),
        *unknown,
        *benefits(v.text, used),
        *prices(doc, v.text, used),
        *discounts(doc, v.text, used),
        *payment_terms(doc, v.text),
        *charter_findings(doc, v),
        *channel_fit(v),
        *call_to_action(v),
        *permission(v),
    ]


# ----------------------------------------------------------------- 1. mandatory points


def find_keyword(text: FoldedText, keyword: str) -> tuple[int, int] | None:
    """The first place of ``keyword`` (folded) starting a word of the text: « technicien »
    is found in « techniciens », « ip » is not in « équipe »."""
    for start, end in text.find(keyword, words=False):
        if start == 0 or not text.text[start - 1].isalnum():
            return start, end
    return None


def mandatory_points(doc: BusinessCaseDocument, v: VariantDraft) -> list[Finding]:
    """Each mandatory point of the case for this kind (no ``kinds``: every kind) is present:
    one of its keywords starts a word of the text, compared without case nor accents."""
    folded = FoldedText(v.text)
    found: list[Finding] = []
    for point in doc.policy.presentation.mandatory_points:
        if point.kinds and v.kind not in point.kinds:
            continue
        place = next(
            (p for k in point.keywords if (p := find_keyword(folded, k)) is not None), None
        )
        if place is None:
            keywords = ", ".join(f"« {k} »" for k in point.keywords)
            message = (
                f"Point obligatoire absent : {point.label} (un de ces mots suffit : {keywords})."
            )
            found.append(Finding("mandatory_point", "error", message, TEXT))
        else:
            message = f"Point obligatoire présent : {point.label}."
            found.append(Finding("mandatory_point", "ok", message, TEXT, *place))
    return found


def company_name(doc: BusinessCaseDocument, text: str) -> list[Finding]:
    """The company's name is always said (compared folded)."""
    name = doc.identity.name
    places = FoldedText(text).find(name)
    if not places:
        message = f"Le nom de l'entreprise n'est pas cité : « {name} »."
        return [Finding("company_name", "error", message, TEXT)]
    return [
        Finding("company_name", "ok", f"L'entreprise est nommée : « {name} ».", TEXT, *places[0])
    ]


# ----------------------------------------------------------------- 2. formats


def length(v: VariantDraft) -> list[Finding]:
    """The text's length for its channel (``app.presentations.formats``): spoken seconds on an
    oral channel, words in an e-mail, characters in a social post."""
    if v.channel is PresentationChannel.SOCIAL_POST:
        return [_characters(v.text)]
    limit = formats.SPOKEN_LIMITS.get(v.kind)
    if formats.is_oral(v.channel) and limit is not None:
        return [_spoken(v, limit)]
    return [_email_words(v.text)]


def _characters(text: str) -> Finding:
    size, most = len(text), formats.SOCIAL_POST_MAX_CHARS
    if size > most:
        message = f"Publication trop longue : {size} caractères, {most} au plus (LinkedIn)."
        return Finding("length", "error", message, TEXT, most, size)
    return Finding("length", "ok", f"Longueur : {size} caractères sur {most}.", TEXT)


def _spoken(v: VariantDraft, limit: formats.SpokenLimit) -> Finding:
    found = formats.words(v.text)
    seconds = formats.seconds_for(len(found))
    label = formats.KIND_LABELS[v.kind]
    measured = f"{len(found)} mots, soit {seconds} s à {formats.WORDS_PER_MINUTE} mots par minute"
    target = f", cible {limit.target_seconds} s" if limit.target_seconds else ""
    if seconds > limit.max_seconds:
        message = f"Trop long : {measured} ; {limit.max_seconds} s au plus ({label}{target})."
        start = found[formats.max_words_for(limit.max_seconds)].start()
        return Finding("length", "error", message, TEXT, start, len(v.text))
    if seconds < limit.min_seconds:
        message = f"Trop court : {measured} ; {limit.min_seconds} s au moins ({label}{target})."
        return Finding("length", "error", message, TEXT)
    low = f"de {limit.min_seconds} à " if limit.min_seconds else "jusqu'à "
    message = f"Durée : {measured} ({label} : {low}{limit.max_seconds} s{target})."
    return Finding("length", "ok", message, TEXT)


def _email_words(text: str) -> Finding:
    found, most = formats.words(text), formats.EMAIL_BODY_MAX_WORDS
    if len(found) > most:
        message = f"Texte trop long : {len(found)} mots, {most} au plus pour être lu d'un coup."
        return Finding("length", "error", message, TEXT, found[most].start(), len(text))
    return Finding("length", "ok", f"Longueur : {len(found)} mots sur {most}.", TEXT)


def subject(v: VariantDraft) -> list[Finding]:
    """An e-mail has a subject of at most 60 characters (the rest is cut on a phone)."""
    if v.channel is not PresentationChannel.EMAIL:
        return []
    most = formats.EMAIL_SUBJECT_MAX_CHARS
    if not v.subject.strip():
        return [Finding("subject", "error", "Un e-mail a besoin d'un objet.", SUBJECT)]
    if len(v.subject) > most:
        message = (
            f"Objet trop long : {len(v.subject)} caractères, {most} au plus "
            "(coupé au-delà sur un téléphone)."
        )
        return [Finding("subject", "error", message, SUBJECT, most, len(v.subject))]
    message = f"Objet : {len(v.subject)} caractères sur {most}."
    return [Finding("subject", "ok", message, SUBJECT)]


def hook(doc: BusinessCaseDocument, v: VariantDraft, used: list[UsedArgument]) -> list[Finding]:
    """A social post's first 210 characters (before « voir plus ») name a benefit: the
    advantage of an argument it uses (of any argument of the catalogue when it uses none)."""
    if v.channel is not PresentationChannel.SOCIAL_POST:
        return []
    size = min(len(v.text), formats.SOCIAL_HOOK_CHARS)
    advantages = [u.argument.advantage for u in used] or [
        a.advantage for p in doc.catalogue.products for a in p.arguments
    ]
    folded = FoldedText(v.text[:size])
    for advantage in advantages:
        place = fuzzy_place(folded, advantage)
        if place is not None:
            message = f"L'accroche annonce un bénéfice : « {advantage} »."
            return [Finding("hook", "ok", message, TEXT, *place)]
    message = (
        f"Les {formats.SOCIAL_HOOK_CHARS} premiers caractères (avant « voir plus ») ne disent "
        "aucun bénéfice : ouvrez sur l'avantage client."
    )
    if not size:
        return [Finding("hook", "warning", message, TEXT)]
    return [Finding("hook", "warning", message, TEXT, 0, size)]


# ----------------------------------------------------------------- 3. arguments and motives


def _resolve(
    doc: BusinessCaseDocument, arguments: tuple[tuple[str, int], ...]
) -> tuple[list[UsedArgument], list[Finding]]:
    """The arguments used found in the catalogue, and an ``argument_unknown`` error for each
    one that is not (or one ``ok``)."""
    used: list[UsedArgument] = []
    errors: list[Finding] = []
    for reference, index in arguments:
        product = doc.product(reference)
        if product is None:
            message = f"Argument inconnu : aucun produit de référence « {reference} » au catalogue."
            errors.append(Finding("argument_unknown", "error", message))
        elif not 0 <= index < len(product.arguments):
            message = (
                f"Argument inconnu : {reference} n'a pas de {ordinal(index + 1)} argument "
                f"({len(product.arguments)} au catalogue)."
            )
            errors.append(Finding("argument_unknown", "error", message))
        else:
            used.append(UsedArgument(product, index, product.arguments[index]))
    if not errors:
        errors.append(Finding("argument_unknown", "ok", "Les arguments cités sont au catalogue."))
    return used, errors


def motives(
    doc: BusinessCaseDocument, interlocutor: Interlocutor, used: list[UsedArgument]
) -> list[Finding]:
    """At least one argument used answers a motive expected of the interlocutor
    (``expected_motives``). None used: a warning (pick CAP arguments). Arguments whose case
    gives no motive at all cannot be checked: a warning too."""
    expected = expected_motives(doc, interlocutor)
    who = of_whom(interlocutor)
    if not used:
        message = (
            "Aucun argument choisi : choisissez les arguments CAP du catalogue qui "
            f"répondent aux mobiles {who} ({motive_labels(expected)})."
        )
        return [Finding("motives", "warning", message)]
    given = {m for u in used for m in u.argument.motives}
    if not given:
        message = (
            "Les arguments choisis n'indiquent pas leurs mobiles dans le cas : impossible de "
            f"vérifier qu'ils répondent à {who} ({motive_labels(expected)})."
        )
        return [Finding("motives", "warning", message)]
    answered = [m for m in expected if m in given]
    if not answered:
        message = (
            f"Aucun argument ne répond aux mobiles {who} : {motive_labels(expected)} "
            f"(les arguments choisis parlent de {motive_labels(sorted(given))})."
        )
        return [Finding("motives", "error", message)]
    message = f"Les arguments répondent aux mobiles {who} : {motive_labels(answered)}."
    return [Finding("motives", "ok", message)]


def fuzzy_place(text: FoldedText, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` (folded) appears approximately in ``text``: rapidfuzz's
    ``partial_ratio`` ≥ ``FUZZY_THRESHOLD``, as a span of the original text; None otherwise.
    A text shorter than the phrase is compared whole (``ratio``)."""
    needle, haystack = fold(phrase), text.folded
    if not needle or not haystack:
        return None
    if len(haystack) < len(needle):
        if fuzz.ratio(needle, haystack) < FUZZY_THRESHOLD:
            return None
        return text.span(0, len(haystack))
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if (
        alignment is None
        or alignment.score < FUZZY_THRESHOLD
        or alignment.dest_end <= alignment.dest_start
    ):
        return None
    return text.span(alignment.dest_start, alignment.dest_end)


def benefits(text: str, used: list[UsedArgument]) -> list[Finding]:
    """Each argument used is said as a benefit: its advantage is in the text (fuzzy). Only
    its feature: a warning (a feature is not a benefit); neither: an error."""
    folded = FoldedText(text)
    found: list[Finding] = []
    for u in used:
        name = f"{u.product.reference}, {ordinal(u.index + 1)} argument"
        place = fuzzy_place(folded, u.argument.advantage)
        if place is not None:
            message = f"{name} : le bénéfice est dit (« {u.argument.advantage} »)."
            found.append(Finding("benefit", "ok", message, TEXT, *place))
            continue
        place = fuzzy_place(folded, u.argument.feature)
        if place is not None:
            message = (
                f"{name} : seule la caractéristique est dite ; une caractéristique n'est pas "
                f"un bénéfice, dites ce qu'elle apporte : « {u.argument.advantage} »."
            )
            found.append(Finding("benefit", "warning", message, TEXT, *place))
            continue
        message = f"{name} : son bénéfice n'est pas dans le texte (« {u.argument.advantage} »)."
        found.append(Finding("benefit", "error", message, TEXT))
    return found


# ----------------------------------------------------------------- 4. price and conditions


def parse_amount(number: str) -> Decimal | None:
    """« 1 290,50 » → Decimal("1290.50")."""
    try:
        return Decimal(re.sub(_SPACE, "", number).replace(",", "."))
    except InvalidOperation:
        return None


def floor_price(doc: BusinessCaseDocument, product: CatalogueItem) -> Decimal:
    """The lowest price the policy allows for a product: its price less the largest discount
    for its family (``max_discount_for(None, family)``), to the cent."""
    rate = doc.max_discount_for(None, product.family)
    return (product.price_ht * (100 - rate) / 100).quantize(Decimal("0.01"))


def named_products(
    doc: BusinessCaseDocument, text: str, used: list[UsedArgument]
) -> list[CatalogueItem]:
    """The products the text names (their label, folded) or whose arguments it uses."""
    folded = FoldedText(text)
    references = {u.product.reference for u in used}
    return [p for p in doc.catalogue.products if p.reference in references or folded.find(p.label)]


def prices(doc: BusinessCaseDocument, text: str, used: list[UsedArgument]) -> list[Finding]:
    """Every amount in € is at least the floor price (``floor_price``) of a product the text
    names, or, when it names none, of the cheapest product: below is an error in place."""
    named = named_products(doc, text, used)
    candidates = named or list(doc.catalogue.products)
    product = min(candidates, key=lambda p: floor_price(doc, p))
    floor = floor_price(doc, product)
    found: list[Finding] = []
    for match in AMOUNT.finditer(text):
        amount = parse_amount(match.group("after") or match.group("before"))
        if amount is None:
            continue
        place = (match.start(), match.end())
        if amount < floor:
            which = "du produit cité" if named else "du produit le moins cher"
            message = (
                f"« {match.group(0)} » : sous le prix plancher {which} ({product.label} : "
                f"{_euros(product.price_ht)} moins la remise maximale de "
                f"{_rate(doc.max_discount_for(None, product.family))} = {_euros(floor)})."
            )
            found.append(Finding("price", "error", message, TEXT, *place))
        else:
            message = f"« {match.group(0)} » : dans la politique tarifaire."
            found.append(Finding("price", "ok", message, TEXT, *place))
    if not found:
        found.append(Finding("price", "ok", "Aucun prix cité.", TEXT))
    return found


def _euros(value: Decimal) -> str:
    return f"{value:.2f} €".replace(".", ",")


def _rate(value: Decimal) -> str:
    return f"{value.normalize():f} %".replace(".", ",")


def discount_limit(doc: BusinessCaseDocument, named: list[CatalogueItem]) -> Decimal:
    """The largest discount a text may announce: the policy's ``max_discount``, or, when it
    names products, the largest of their families' limits (``max_discount_for``)."""
    if not named:
        return doc.policy.max_discount
    return max(doc.max_discount_for(None, p.family) for p in named)


def discounts(doc: BusinessCaseDocument, text: str, used: list[UsedArgument]) -> list[Finding]:
    """Every discount announced (« remise de 15 % », « 15 % de réduction », « -15 % ») is at
    most the policy's limit (``discount_limit``): above is an error in place."""
    limit = discount_limit(doc, named_products(doc, text, used))
    found: list[Finding] = []
    for match in _PERCENT.finditer(text):
        if not _is_discount(text, match):
            continue
        rate = parse_amount(match.group("rate"))
        if rate is None:
            continue
        place = (match.start(), match.end())
        if rate > limit:
            message = (
                f"« {match.group(0)} » : remise au-delà du maximum de la politique "
                f"({_rate(limit)})."
            )
            found.append(Finding("discount", "error", message, TEXT, *place))
        else:
            message = f"« {match.group(0)} » : remise dans la politique ({_rate(limit)} au plus)."
            found.append(Finding("discount", "ok", message, TEXT, *place))
    if not found:
        found.append(Finding("discount", "ok", "Aucune remise annoncée.", TEXT))
    return found


def _is_discount(text: str, match: re.Match[str]) -> bool:
    """A percentage is a discount with a minus sign, or « remise », « réduction », « rabais »
    just before it (same sentence, 30 characters) or right after it."""
    if match.group("minus"):
        return True
    before = fold(text[max(0, match.start() - 40) : match.start()])
    after = fold(text[match.end() : match.end() + 20])
    return bool(_DISCOUNT_BEFORE.search(before) or _DISCOUNT_AFTER.search(after))


def payment_terms(doc: BusinessCaseDocument, text: str) -> list[Finding]:
    """A payment term announced (« paiement à 45 jours ») is at most the policy's
    ``payment_terms_days``: longer is an error in place."""
    most = doc.policy.payment_terms_days
    found: list[Finding] = []
    for match in _PAYMENT.finditer(text):
        days = int(match.group("days"))
        place = (match.start(), match.end())
        if days > most:
            message = f"« {match.group(0)} » : la politique accorde {most} jours au plus."
            found.append(Finding("payment_terms", "error", message, TEXT, *place))
        else:
            message = f"« {match.group(0)} » : dans le délai de la politique ({most} jours)."
            found.append(Finding("payment_terms", "ok", message, TEXT, *place))
    if not found:
        found.append(Finding("payment_terms", "ok", "Aucun délai de paiement annoncé.", TEXT))
    return found


# ----------------------------------------------------------------- 5. charter


def charter_findings(doc: BusinessCaseDocument, v: VariantDraft) -> list[Finding]:
    """The charter's forbidden claims and words (errors, also on oral channels) and the tone
    heuristics (warnings) in the text, and in an e-mail's subject."""
    fields = [(TEXT, v.text)]
    if v.channel is PresentationChannel.EMAIL:
        fields.append((SUBJECT, v.subject))
    found: list[Finding] = []
    for field, value in fields:
        found.extend(charter.forbidden(doc, value, field))
        found.extend(charter.tone(value, field))
    return found


# ----------------------------------------------------------------- 6. channel fit


def channel_fit(v: VariantDraft) -> list[Finding]:
    """The channel is one the kind is usually given on (``formats.CHANNELS``): advice."""
    what = f"{formats.KIND_LABELS[v.kind].capitalize()} {formats.CHANNEL_LABELS[v.channel]}"
    if formats.fits(v.kind, v.channel):
        return [Finding("channel_fit", "ok", f"{what} : un canal habituel.")]
    usual = ", ".join(formats.CHANNEL_LABELS[c] for c in formats.CHANNELS[v.kind])
    message = f"{what} : canal inhabituel (d'ordinaire {usual})."
    return [Finding("channel_fit", "warning", message)]


def call_to_action(v: VariantDraft) -> list[Finding]:
    """An e-mail ends on a call to action: a question, a link, or a word asking for an answer
    (``CALL_TO_ACTION_WORDS``)."""
    if v.channel is not PresentationChannel.EMAIL:
        return []
    place = _call_place(v.text)
    if place is None:
        message = (
            "Pas d'appel à l'action : posez une question, donnez un lien ou proposez un "
            "rendez-vous."
        )
        return [Finding("call_to_action", "warning", message, TEXT)]
    return [Finding("call_to_action", "ok", "L'e-mail appelle une réponse.", TEXT, *place)]


def _call_place(text: str) -> tuple[int, int] | None:
    if (at := text.rfind("?")) != -1:
        return at, at + 1
    if (link := _LINK.search(text)) is not None:
        return link.start(), link.end()
    folded = FoldedText(text)
    for word in CALL_TO_ACTION_WORDS:
        if places := folded.find(word, words=False):
            return places[0]
    return None


def permission(v: VariantDraft) -> list[Finding]:
    """A phone introduction on the phone asks for permission to go on: a question within its
    first 40 words (« Avez-vous deux minutes ? »)."""
    if (
        v.kind is not PresentationKind.PHONE_INTRODUCTION
        or v.channel is not PresentationChannel.PHONE
    ):
        return []
    found = formats.words(v.text)
    end = found[PERMISSION_WORDS].start() if len(found) > PERMISSION_WORDS else len(v.text)
    at = v.text.find("?", 0, end)
    if at == -1:
        message = (
            f"Pas de question dans les {PERMISSION_WORDS} premiers mots : demandez la "
            "permission de poursuivre (« Avez-vous deux minutes ? »)."
        )
        return [Finding("permission", "warning", message, TEXT)]
    return [
        Finding("permission", "ok", "Vous demandez la permission de poursuivre.", TEXT, at, at + 1)
    ]
