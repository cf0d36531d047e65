"""A first draft of a presentation, written from the case document only (no stored copy):
docs/design/020-company-image-social-selling.md ("Presentations", ``draft: true``).

The draft says, in French: a greeting fitting the channel with the seller and the company's
name; the positioning (its first sentence; all of it in a visit); a value of the company (all
of them in a visit); for each product presented (the first of the catalogue when none is
named) its label and the CAP arguments whose motives answer the interlocutor
(``checker.expected_motives``), up to two, said as benefits (their advantage; the proof too
in a visit) — when no argument of the product gives its motives, its first argument; the
mandatory points of the kind (their label, with a keyword when the label has none); and what
the channel asks for: a permission question early on the phone, a call to action in an
e-mail, an appointment or an open question elsewhere.

It is written to pass ``checker.check_variant``: no price, discount or payment term, no
sentence of the case that the charter forbids, and within the kind's length: an elevator
pitch keeps one argument and the first sentence of the positioning; when the text is too
long, the values, proofs and extra arguments go first (the greeting, positioning, first
argument, mandatory points and call to action stay; when they alone are too long, the draft
is too, and the checker says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.business_cases import charter
from app.business_cases.document import BusinessCaseDocument, CatalogueItem
from app.common.text import FoldedText
from app.models import Interlocutor, PresentationChannel, PresentationKind
from app.presentations import checker, formats

#: Arguments said per product (one in all for an elevator pitch).
ARGUMENTS_PER_PRODUCT = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

# How readily a part goes when the draft is too long: 0 stays, the highest goes first.
KEEP, EXTRA_ARGUMENT, VALUE, PROOF, OTHER_PRODUCTS = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class Draft:
    """A drafted variant: the e-mail's subject (empty on other channels), the text and the
    CAP arguments it says, as (product reference, argument index from 0)."""

    subject: str
    text: str
    arguments: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class _Part:
    text: str
    drop: int = KEEP
    argument: tuple[str, int] | None = None


def draft_variant(
    doc: BusinessCaseDocument,
    kind: PresentationKind,
    interlocutor: Interlocutor,
    channel: PresentationChannel,
    references: list[str],
    seller: str,
) -> Draft:
    """A French draft of the presentation (see the module); references the catalogue does not
    have are left out."""
    products = [p for r in references if (p := doc.product(r)) is not None]
    products = products or [doc.catalogue.products[0]]
    parts = [
        *_opening(doc, kind, channel, seller),
        *_products(doc, kind, interlocutor, channel, products),
        *_values(doc, kind),
    ]
    parts = [p for p in parts if _safe(doc, p.text)]
    parts = _order(parts, channel)
    parts.extend(_mandatory(doc, kind, parts))
    parts.extend(_closing(doc, kind, channel, seller))
    parts = _trim(parts, kind, channel)
    subject = _subject(doc, products) if channel is PresentationChannel.EMAIL else ""
    return Draft(
        subject=subject,
        text=_join(parts, channel),
        arguments=tuple(p.argument for p in parts if p.argument is not None),
    )


# ----------------------------------------------------------------- the parts


def _opening(
    doc: BusinessCaseDocument,
    kind: PresentationKind,
    channel: PresentationChannel,
    seller: str,
) -> list[_Part]:
    """The greeting (none in a social post), the phone's permission question, the
    positioning."""
    name = doc.identity.name
    who = f"{seller.strip()}, de {name}" if seller.strip() else f"votre conseiller chez {name}"
    greetings = {
        PresentationChannel.PHONE: f"Bonjour, ici {who}.",
        PresentationChannel.EMAIL: f"Bonjour,\n\nJe suis {who}.",
        PresentationChannel.SOCIAL_POST: "",
    }
    parts = [_Part(greetings.get(channel, f"Bonjour, je suis {who}."))]
    if channel is PresentationChannel.PHONE:
        parts.append(_Part("Avez-vous deux minutes à m'accorder ?"))
    sentences = _sentences(doc.identity.positioning)
    if kind is not PresentationKind.VISIT_PRESENTATION:
        sentences = sentences[:1]
    if channel is PresentationChannel.SOCIAL_POST and sentences:
        sentences[0] = f"{name} : {_lower_first(sentences[0])}"
    parts.extend(_Part(s) for s in sentences)
    return [p for p in parts if p.text]


def _values(doc: BusinessCaseDocument, kind: PresentationKind) -> list[_Part]:
    """One value of the company (all of them in a visit)."""
    values = doc.identity.values
    if kind is not PresentationKind.VISIT_PRESENTATION:
        values = values[:1]
    return [_Part(_sentence(v), VALUE) for v in values]


def _products(
    doc: BusinessCaseDocument,
    kind: PresentationKind,
    interlocutor: Interlocutor,
    channel: PresentationChannel,
    products: list[CatalogueItem],
) -> list[_Part]:
    """Each product's label and chosen arguments as benefits; an elevator pitch keeps one
    argument and names the other products in one sentence it may drop."""
    parts: list[_Part] = []
    for product in products:
        indexes = choose_arguments(doc, product, interlocutor)
        if not indexes:
            parts.append(_Part(f"Je vous présente {product.label}."))
        for rank, index in enumerate(indexes):
            parts.extend(_argument(product, index, rank, kind, channel))
    if kind is PresentationKind.ELEVATOR_PITCH:
        return _one_argument(parts, products)
    # Only the first product's first argument (or label) stays whatever the length.
    return [
        p if i == 0 else replace(p, drop=max(p.drop, EXTRA_ARGUMENT)) for i, p in enumerate(parts)
    ]


def _one_argument(parts: list[_Part], products: list[CatalogueItem]) -> list[_Part]:
    """An elevator pitch's products: the first part (one argument or one label), then the
    other products' labels in one sentence."""
    kept = parts[:1]
    said = FoldedText(kept[0].text) if kept else FoldedText("")
    others = [p.label for p in products if not said.find(p.label)]
    if others:
        kept.append(_Part(f"Nous proposons aussi {_listing(others)}.", OTHER_PRODUCTS))
    return kept


def _argument(
    product: CatalogueItem,
    index: int,
    rank: int,
    kind: PresentationKind,
    channel: PresentationChannel,
) -> list[_Part]:
    """An argument said as its benefit, with the product's label; its proof in a visit."""
    argument = product.arguments[index]
    advantage = argument.advantage.rstrip(" .;!")
    if channel is PresentationChannel.SOCIAL_POST and rank == 0:
        text = f"{advantage}, avec {product.label}."
    elif rank == 0:
        text = f"Avec {product.label}, {_lower_first(advantage)}."
    else:
        text = f"Et {_lower_first(advantage)}."
    parts = [_Part(text, KEEP if rank == 0 else EXTRA_ARGUMENT, (product.reference, index))]
    if kind is PresentationKind.VISIT_PRESENTATION:
        parts.append(_Part(f"La preuve : {_lower_first(argument.proof.rstrip(' .'))}.", PROOF))
    return parts


def choose_arguments(
    doc: BusinessCaseDocument, product: CatalogueItem, interlocutor: Interlocutor
) -> list[int]:
    """The indexes of the product's arguments whose motives answer the interlocutor's
    expected motives, in catalogue order, at most ``ARGUMENTS_PER_PRODUCT``; when no argument
    gives motives, the first argument (if any)."""
    if not any(a.motives for a in product.arguments):
        return [0] if product.arguments else []
    expected = set(checker.expected_motives(doc, interlocutor))
    matching = [i for i, a in enumerate(product.arguments) if expected & set(a.motives)]
    return matching[:ARGUMENTS_PER_PRODUCT]


def _mandatory(
    doc: BusinessCaseDocument, kind: PresentationKind, parts: list[_Part]
) -> list[_Part]:
    """A sentence for each mandatory point of the kind whose keywords the parts that stay
    (``KEEP``) do not already say: its label, with its first keyword when the label has
    none."""
    said = FoldedText(" ".join(p.text for p in parts if p.drop == KEEP))
    added: list[_Part] = []
    for point in doc.policy.presentation.mandatory_points:
        if point.kinds and kind not in point.kinds:
            continue
        if any(checker.find_keyword(said, k) for k in point.keywords):
            continue
        label = point.label.rstrip(" .")
        if not any(checker.find_keyword(FoldedText(label), k) for k in point.keywords):
            label = f"{label} ({point.keywords[0]})"
        added.append(_Part(_sentence(label)))
    return added


def _closing(
    doc: BusinessCaseDocument,
    kind: PresentationKind,
    channel: PresentationChannel,
    seller: str,
) -> list[_Part]:
    """What the channel asks for last: an appointment, a question, a call to action."""
    if channel is PresentationChannel.EMAIL:
        lines = ("Bien cordialement,", seller.strip(), doc.identity.name)
        return [
            _Part(
                "Seriez-vous disponible pour un rendez-vous de vingt minutes la semaine prochaine ?"
            ),
            _Part("\n".join(line for line in lines if line)),
        ]
    closings = {
        PresentationChannel.SOCIAL_POST: "Contactez-nous pour en parler.",
        PresentationChannel.PHONE: "Pouvons-nous convenir d'un rendez-vous pour en parler ?",
        PresentationChannel.TRADE_FAIR: (
            "Puis-je vous laisser notre documentation et convenir d'un rendez-vous ?"
        ),
    }
    if kind is PresentationKind.VISIT_PRESENTATION and channel not in closings:
        question = "Pour vous proposer la bonne solution, pouvez-vous me parler de votre activité ?"
        return [_Part(question)]
    return [_Part(closings.get(channel, "Quand pourrions-nous en parler plus longuement ?"))]


# ----------------------------------------------------------------- composing


def _order(parts: list[_Part], channel: PresentationChannel) -> list[_Part]:
    """A social post opens on the first benefit (its hook); other channels keep the order."""
    if channel is not PresentationChannel.SOCIAL_POST:
        return parts
    first = next((p for p in parts if p.argument is not None), None)
    if first is None:
        return parts
    return [first, *(p for p in parts if p is not first)]


def _trim(parts: list[_Part], kind: PresentationKind, channel: PresentationChannel) -> list[_Part]:
    """Drop the parts that may go, most droppable and last first, until the text fits."""
    parts = list(parts)
    while _too_long(_join(parts, channel), kind, channel):
        droppable = [i for i, p in enumerate(parts) if p.drop != KEEP]
        if not droppable:
            break
        worst = max(droppable, key=lambda i: (parts[i].drop, i))
        del parts[worst]
    return parts


def _too_long(text: str, kind: PresentationKind, channel: PresentationChannel) -> bool:
    """Whether ``text`` is over the limit ``checker.length`` applies."""
    return any(
        f.severity == "error" and f.start is not None
        for f in checker.length(checker.VariantDraft(kind, Interlocutor.USER, channel, text))
    )


def _join(parts: list[_Part], channel: PresentationChannel) -> str:
    """Oral texts run on; written ones have a paragraph per part."""
    separator = " " if formats.is_oral(channel) else "\n\n"
    return separator.join(p.text for p in parts)


def _safe(doc: BusinessCaseDocument, sentence: str) -> bool:
    """A sentence of the case a draft may say: no amount in euros, no discount, no payment
    term, nothing the charter forbids (the checker would hold them against the draft)."""
    if checker.AMOUNT.search(sentence):
        return False
    found = [
        *checker.discounts(doc, sentence, []),
        *checker.payment_terms(doc, sentence),
        *charter.forbidden(doc, sentence, checker.TEXT),
    ]
    # Their errors, and their "ok" on an amount said, have a place; "nothing found" has none.
    return not any(f.start is not None for f in found)


def _subject(doc: BusinessCaseDocument, products: list[CatalogueItem]) -> str:
    """The first product's label and the company's name, shortened to 60 characters."""
    most = formats.EMAIL_SUBJECT_MAX_CHARS
    name, label = doc.identity.name, products[0].label
    for candidate in (f"{label} — {name}", label, name):
        if len(candidate) <= most:
            return candidate
    return label[:most].rsplit(" ", 1)[0]


# ----------------------------------------------------------------- words


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _sentence(text: str) -> str:
    """The text ending with a full stop (unless it ends with punctuation already)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _lower_first(text: str) -> str:
    """« Le terminal » → « le terminal »; an acronym or a name (« IP », « SIRET ») stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _listing(labels: list[str]) -> str:
    """« A, B et C »."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} et {labels[-1]}"
