"""The checks of a trainee's social selling, pure (no I/O): a profile against the company's
social media charter (CP5.4), a post's consistency with the charter (CP5.5) and its
confidentiality (CP5.6, blocking). Each check returns findings (``app.common.findings``),
in place when a rule points at a part of a text; every rule met says so with an ``ok``.

Profile (``check_profile``):

- ``charter_missing`` (error): the case has no social media charter; the rules that need it
  (``company_page``, ``network``, ``required_mention``, ``charter_forbidden``) are skipped,
  the others still run.
- ``company_name`` (error): the company's name (``identity.name``) is in the headline or in
  the company of a current experience.
- ``company_page`` (error): the charter's company page is named in the summary, a featured
  item or a current experience (company, title or description).
- ``network`` (warning): the profile's network is one of the charter's networks.
- ``required_mention`` (error): a text that cites an offer (a product label or a euro
  amount) carries each mention the charter requires; one ``ok`` when no text cites an offer.
- ``charter_forbidden`` (error) and the tone rules (``tone_familiar``, ``tone_superlative``,
  ``tone_shouting``, ``tone_exclamations``: warnings; ``tone`` when met) over the headline,
  the summary (``summary``), the experiences' descriptions (``experience.0.description``)
  and the featured items (``featured.1``).
- ``headline_length`` (error): the headline and the summary within the network's limits
  (``PROFILE_LIMITS``: LinkedIn 220 and 2,600 characters); the excess is the place.
- ``photo`` (error): each guideline of ``PHOTO_GUIDELINES`` confirmed (field ``photo.<code>``).
- ``contact``: e-mail or phone visible to everyone (warning), open to work (error: the
  trainee represents the company), an unknown setting or value (error).

Post consistency (``check_consistency``, CP5.5): ``charter_missing``, ``theme``, ``network``,
``length``, ``required_mention``, ``charter_forbidden``, the tone rules, ``frequency``,
``hashtags``.

Post confidentiality (``check_confidentiality``, CP5.6), over the text and the media
description, errors in place: ``personal_name``, ``personal_email``, ``email_address``,
``personal_phone``, ``cost_price``, ``discount``, ``confidential_term``; warnings:
``personal_phone`` (a number not in the file), ``customer_company``; one ``ok``
``confidentiality`` when nothing is found. ``blocking`` keeps the errors that refuse the
approval of a post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import phonenumbers

from app.business_cases import charter as charter_rules
from app.business_cases.document import BusinessCaseDocument, SocialMediaCharter
from app.common.findings import Finding
from app.common.text import FoldedText, fold
from app.models import Interlocutor, PostObjective, SocialNetwork

#: How each network is named to the trainee.
NETWORK_LABELS: dict[SocialNetwork, str] = {
    SocialNetwork.LINKEDIN: "LinkedIn",
    SocialNetwork.FACEBOOK: "Facebook",
    SocialNetwork.INSTAGRAM: "Instagram",
    SocialNetwork.X: "X",
    SocialNetwork.YOUTUBE: "YouTube",
    SocialNetwork.TIKTOK: "TikTok",
}

#: The photo guidelines a profile confirms, code -> label.
PHOTO_GUIDELINES: dict[str, str] = {
    "professional": "Photo en tenue professionnelle",
    "face_visible": "Visage bien visible, de face",
    "neutral_background": "Arrière-plan neutre",
    "recent": "Photo récente (moins de 2 ans)",
    "alone": "Seul sur la photo",
}


@dataclass(frozen=True)
class ContactSetting:
    """One contact setting of a profile: what it is, the values it takes, the value a
    salesperson chooses and why."""

    label: str
    values: tuple[str, ...] | tuple[bool, ...]
    recommended: str | bool
    why: str


#: The contact settings of a profile, code -> setting.
CONTACT_SETTINGS: dict[str, ContactSetting] = {
    "email_visibility": ContactSetting(
        "Qui voit votre adresse e-mail",
        ("public", "connections", "hidden"),
        "connections",
        "Une adresse visible de tous est collectée par des robots : limitez-la à vos relations.",
    ),
    "phone_visibility": ContactSetting(
        "Qui voit votre numéro de téléphone",
        ("public", "connections", "hidden"),
        "hidden",
        "Donnez votre numéro à un prospect qui le demande, pas à tout le réseau.",
    ),
    "messages_from": ContactSetting(
        "Qui peut vous envoyer un message",
        ("everyone", "connections"),
        "everyone",
        "Un prospect qui n'est pas encore une relation doit pouvoir vous écrire.",
    ),
    "open_to_work": ContactSetting(
        "Affiché « ouvert aux opportunités »",
        (False, True),
        False,
        "Vous représentez l'entreprise : un profil en recherche d'emploi dessert sa marque.",
    ),
}

#: Profile text limits per network, in characters: (headline, summary); None: no limit
#: (the network has no headline, or its limit is not the trainee's concern).
PROFILE_LIMITS: dict[SocialNetwork, tuple[int | None, int | None]] = {
    SocialNetwork.LINKEDIN: (220, 2600),
    SocialNetwork.FACEBOOK: (None, 101),
    SocialNetwork.INSTAGRAM: (None, 150),
    SocialNetwork.X: (None, 160),
    SocialNetwork.YOUTUBE: (None, 1000),
    SocialNetwork.TIKTOK: (None, 80),
}

#: Post text limits per network, in characters (YouTube: the video's description).
POST_LIMITS: dict[SocialNetwork, int] = {
    SocialNetwork.LINKEDIN: 3000,
    SocialNetwork.X: 280,
    SocialNetwork.FACEBOOK: 63206,
    SocialNetwork.INSTAGRAM: 2200,
    SocialNetwork.YOUTUBE: 5000,
    SocialNetwork.TIKTOK: 2200,
}

#: More hashtags than this in a post is a warning.
MAX_HASHTAGS = 5

#: Local parts of an e-mail address that name a service, not a person (compared in lower
#: case, without dots, hyphens or underscores).
GENERIC_LOCAL_PARTS = (
    "contact",
    "info",
    "bonjour",
    "hello",
    "commercial",
    "ventes",
    "sav",
    "support",
    "service-client",
    "accueil",
)

#: The rules of the confidentiality check: their errors block a post's approval.
CONFIDENTIALITY_RULES = frozenset(
    {
        "personal_name",
        "personal_email",
        "email_address",
        "personal_phone",
        "cost_price",
        "discount",
        "confidential_term",
        "customer_company",
        "confidentiality",
    }
)


@dataclass(frozen=True)
class Experience:
    """One experience of a profile; ``current`` when the trainee holds it now."""

    title: str
    company: str
    current: bool
    description: str = ""


@dataclass(frozen=True)
class ProfileDraft:
    """A trainee's profile on one network, as checked against the charter. ``photo`` maps the
    codes of ``PHOTO_GUIDELINES`` to their confirmation, ``contact`` the codes of
    ``CONTACT_SETTINGS`` to their values."""

    network: SocialNetwork
    headline: str
    summary: str
    experience: tuple[Experience, ...] = ()
    featured: tuple[str, ...] = ()
    photo: Mapping[str, bool] = field(default_factory=dict)
    contact: Mapping[str, str | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class PostDraft:
    """A post as the trainee plans it. ``theme`` is one of the charter's themes."""

    network: SocialNetwork
    theme: str
    text: str
    media_description: str = ""
    objective: PostObjective = PostObjective.AWARENESS
    planned_on: date | None = None
    interlocutor: Interlocutor | None = None


@dataclass(frozen=True)
class PersonalData:
    """What the trainee's file holds about people and customers, that a post must not show:
    the contacts' and individual prospects' names (first name, last name), e-mail addresses
    and phone numbers (as stored, any French format), and the B2B customers' company names."""

    names: tuple[tuple[str, str], ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()


# ----------------------------------------------------------------- profile


def check_profile(doc: BusinessCaseDocument, p: ProfileDraft) -> list[Finding]:
    """Read a profile against the charter; the rules are the module's (``company_name``,
    ``company_page``, ``network``, ``required_mention``, ``charter_forbidden``, tone,
    ``headline_length``, ``photo``, ``contact``; ``charter_missing`` without a charter)."""
    charter = doc.policy.social_media
    findings: list[Finding] = []
    if charter is None:
        findings.append(_charter_missing())
    findings.append(_company_name(doc, p))
    texts = _profile_texts(p)
    if charter is not None:
        findings.append(_company_page(charter, p))
        findings.append(_network(charter, p.network))
        findings.extend(_profile_mentions(doc, texts))
    for name, text in texts:
        if charter is not None:
            findings.extend(charter_rules.forbidden(doc, text, name))
        findings.extend(charter_rules.tone(text, name))
    findings.extend(_profile_lengths(p))
    findings.extend(_photo(p.photo))
    findings.extend(_contact(p.contact))
    return findings


def _charter_missing() -> Finding:
    return Finding(
        "charter_missing",
        "error",
        "Le cas d'entreprise n'a pas de charte réseaux sociaux : demandez-la à votre formateur.",
    )


def _profile_texts(p: ProfileDraft) -> list[tuple[str, str]]:
    """The profile's texts read for the charter's words and tone: the headline, the summary,
    the experiences' descriptions and the featured items (empty ones left out)."""
    texts = [("headline", p.headline), ("summary", p.summary)]
    texts += [
        (f"experience.{i}.description", e.description)
        for i, e in enumerate(p.experience)
        if e.description.strip()
    ]
    texts += [(f"featured.{i}", text) for i, text in enumerate(p.featured) if text.strip()]
    return texts


def _company_name(doc: BusinessCaseDocument, p: ProfileDraft) -> Finding:
    """The company's name is in the headline or in a current experience's company."""
    name = doc.identity.name
    places = FoldedText(p.headline).find(name)
    if places:
        start, end = places[0]
        return Finding(
            "company_name", "ok", f"Le titre nomme l'entreprise « {name} ».", "headline", start, end
        )
    for i, e in enumerate(p.experience):
        places = FoldedText(e.company).find(name) if e.current else []
        if places:
            start, end = places[0]
            return Finding(
                "company_name",
                "ok",
                f"Votre poste actuel est chez « {name} ».",
                f"experience.{i}.company",
                start,
                end,
            )
    return Finding(
        "company_name",
        "error",
        f"Nommez l'entreprise « {name} » dans votre titre ou dans votre poste actuel.",
        "headline",
    )


def _company_page(charter: SocialMediaCharter, p: ProfileDraft) -> Finding:
    """The charter's company page is named in the summary, a current experience or a
    featured item."""
    page = charter.company_page
    candidates: list[tuple[str, str]] = [("summary", p.summary)]
    for i, e in enumerate(p.experience):
        if e.current:
            candidates += [
                (f"experience.{i}.company", e.company),
                (f"experience.{i}.title", e.title),
                (f"experience.{i}.description", e.description),
            ]
    candidates += [(f"featured.{i}", text) for i, text in enumerate(p.featured)]
    for name, text in candidates:
        places = FoldedText(text).find(page)
        if places:
            start, end = places[0]
            return Finding("company_page", "ok", f"La page « {page} » est citée.", name, start, end)
    return Finding(
        "company_page",
        "error",
        f"Citez la page de l'entreprise « {page} » dans votre résumé, votre poste actuel ou "
        "vos contenus sélectionnés.",
        "summary",
    )


def _network(charter: SocialMediaCharter, network: SocialNetwork) -> Finding:
    """The network is one of the charter's networks (warning otherwise)."""
    label = NETWORK_LABELS[network]
    if network in charter.networks:
        return Finding("network", "ok", f"{label} est un réseau de la charte.", "network")
    allowed = ", ".join(NETWORK_LABELS[n] for n in charter.networks)
    return Finding(
        "network",
        "warning",
        f"{label} n'est pas un réseau de la charte (réseaux prévus : {allowed}).",
        "network",
    )


def _profile_mentions(doc: BusinessCaseDocument, texts: list[tuple[str, str]]) -> list[Finding]:
    """Each text citing an offer carries the charter's required mentions."""
    findings: list[Finding] = []
    for name, text in texts:
        if offer_cited(doc, text):
            findings.extend(_mentions(doc, text, name))
    if not findings:
        findings.append(
            Finding(
                "required_mention",
                "ok",
                "Aucune offre citée : pas de mention obligatoire.",
            )
        )
    return findings


def _mentions(doc: BusinessCaseDocument, text: str, name: str) -> list[Finding]:
    found = charter_rules.required_mentions(doc, text, name)
    if not found:
        found = [
            Finding("required_mention", "ok", "La charte n'exige aucune mention.", name),
        ]
    return found


def _profile_lengths(p: ProfileDraft) -> list[Finding]:
    """The headline and the summary within the network's limits (``PROFILE_LIMITS``)."""
    headline_max, summary_max = PROFILE_LIMITS[p.network]
    label = NETWORK_LABELS[p.network]
    findings = []
    for name, what, text, limit in (
        ("headline", "Le titre", p.headline, headline_max),
        ("summary", "Le résumé", p.summary, summary_max),
    ):
        if limit is None or len(text) <= limit:
            findings.append(
                Finding("headline_length", "ok", f"{what} tient dans la limite de {label}.", name)
            )
        else:
            findings.append(
                Finding(
                    "headline_length",
                    "error",
                    f"{what} fait {len(text)} caractères : {label} en accepte {limit}.",
                    name,
                    limit,
                    len(text),
                )
            )
    return findings


def _photo(photo: Mapping[str, bool]) -> list[Finding]:
    """Each photo guideline confirmed: one finding per guideline (unknown codes ignored)."""
    findings = []
    for code, label in PHOTO_GUIDELINES.items():
        if photo.get(code) is True:
            findings.append(Finding("photo", "ok", f"{label} : confirmé.", f"photo.{code}"))
        else:
            findings.append(
                Finding(
                    "photo", "error", f"{label} : à confirmer pour votre photo.", f"photo.{code}"
                )
            )
    return findings


def _contact(contact: Mapping[str, str | bool]) -> list[Finding]:
    """Contact settings: e-mail or phone public (warning), open to work (error), an unknown
    setting or value (error); one ``ok`` when none of these."""
    findings = []
    for code, value in contact.items():
        setting = CONTACT_SETTINGS.get(code)
        if setting is None:
            findings.append(
                Finding("contact", "error", f"Réglage de contact inconnu : « {code} ».", "contact")
            )
            continue
        # bool is an int: True == 1, so compare the type too.
        if not any(type(value) is type(v) and value == v for v in setting.values):
            allowed = ", ".join(str(v) for v in setting.values)
            findings.append(
                Finding(
                    "contact",
                    "error",
                    f"{setting.label} : valeur « {value} » non prévue ({allowed}).",
                    f"contact.{code}",
                )
            )
            continue
        if code in ("email_visibility", "phone_visibility") and value == "public":
            what = "Votre adresse e-mail" if code == "email_visibility" else "Votre téléphone"
            findings.append(
                Finding(
                    "contact",
                    "warning",
                    f"{what} : donnée personnelle exposée à tous : limitez aux relations.",
                    f"contact.{code}",
                )
            )
        elif code == "open_to_work" and value is True:
            findings.append(
                Finding(
                    "contact",
                    "error",
                    "« Ouvert aux opportunités » : vous représentez l'entreprise, retirez-le.",
                    f"contact.{code}",
                )
            )
    if not findings:
        findings.append(Finding("contact", "ok", "Les réglages de contact sont adaptés."))
    return findings


# ----------------------------------------------------------------- post consistency

_HASHTAG = re.compile(r"(?<![\w#&])#[^\W_][\w]*")


def check_consistency(
    doc: BusinessCaseDocument, post: PostDraft, *, posts_in_week: int
) -> list[Finding]:
    """A post's consistency with the charter (CP5.5). ``posts_in_week`` counts the posts the
    trainee planned in the post's ISO week, this one included. Rules:

    - ``charter_missing`` (error) without a charter (``theme``, ``network``,
      ``required_mention``, ``charter_forbidden`` and ``frequency`` are then skipped);
    - ``theme`` (error): the theme is one of the charter's (compared folded);
    - ``network`` (warning): the network is one of the charter's;
    - ``length`` (error): the text within the network's limit (``POST_LIMITS``);
    - ``required_mention`` (error): when the text or the media description cites an offer (a
      product label or a euro amount), the text carries each mention the charter requires;
    - ``charter_forbidden`` (error): over the text and the media description;
    - tone (warnings) over the text;
    - ``frequency`` (warning): more posts in the week than the charter's maximum;
    - ``hashtags`` (warning): more than ``MAX_HASHTAGS`` hashtags.
    """
    charter = doc.policy.social_media
    findings: list[Finding] = []
    if charter is None:
        findings.append(_charter_missing())
    else:
        findings.append(_theme(charter, post.theme))
        findings.append(_network(charter, post.network))
    findings.append(_post_length(post))
    if charter is not None:
        findings.extend(_post_mentions(doc, post))
        findings.extend(charter_rules.forbidden(doc, post.text, "text"))
        if post.media_description.strip():
            findings.extend(
                charter_rules.forbidden(doc, post.media_description, "media_description")
            )
    findings.extend(charter_rules.tone(post.text, "text"))
    if charter is not None:
        findings.append(_frequency(charter, posts_in_week))
    findings.append(_hashtags(post.text))
    return findings


def _theme(charter: SocialMediaCharter, theme: str) -> Finding:
    """The theme is one of the charter's themes, compared folded (any theme when the charter
    sets none)."""
    if not charter.themes:
        return Finding("theme", "ok", "La charte ne fixe pas de thèmes.", "theme")
    themes = {fold(t): t for t in charter.themes}
    if fold(theme) in themes:
        return Finding("theme", "ok", f"Thème de la charte : « {themes[fold(theme)]} ».", "theme")
    listed = " ; ".join(f"« {t} »" for t in charter.themes)
    return Finding(
        "theme",
        "error",
        f"« {theme} » n'est pas un thème de la charte. Thèmes prévus : {listed}.",
        "theme",
    )


def _post_length(post: PostDraft) -> Finding:
    """The text within the network's limit; the place is the excess."""
    limit = POST_LIMITS[post.network]
    label = NETWORK_LABELS[post.network]
    size = len(post.text)
    if size <= limit:
        return Finding("length", "ok", f"{size} caractères : dans la limite de {label}.", "text")
    return Finding(
        "length",
        "error",
        f"{size} caractères : {label} en accepte {limit}.",
        "text",
        limit,
        size,
    )


def _post_mentions(doc: BusinessCaseDocument, post: PostDraft) -> list[Finding]:
    """The required mentions, in the text, when the post cites an offer."""
    if offer_cited(doc, post.text) or offer_cited(doc, post.media_description):
        return _mentions(doc, post.text, "text")
    return [
        Finding(
            "required_mention",
            "ok",
            "Aucune offre citée (ni produit ni prix) : pas de mention obligatoire.",
            "text",
        )
    ]


def _frequency(charter: SocialMediaCharter, posts_in_week: int) -> Finding:
    """No more posts in the week than the charter's maximum (warning)."""
    low, high = charter.posts_per_week_min, charter.posts_per_week_max
    span = f"la charte en prévoit de {low} à {high} par semaine"
    if posts_in_week > high:
        return Finding(
            "frequency",
            "warning",
            f"{posts_in_week} publications prévues cette semaine : {span}.",
            "planned_on",
        )
    return Finding(
        "frequency",
        "ok",
        f"{posts_in_week} publication(s) prévue(s) cette semaine : {span}.",
        "planned_on",
    )


def _hashtags(text: str) -> Finding:
    """No more than ``MAX_HASHTAGS`` hashtags; the place runs from the first one too many to
    the last."""
    tags = list(_HASHTAG.finditer(text))
    if len(tags) <= MAX_HASHTAGS:
        return Finding("hashtags", "ok", f"{len(tags)} hashtag(s) : c'est mesuré.", "text")
    return Finding(
        "hashtags",
        "warning",
        f"{len(tags)} hashtags : {MAX_HASHTAGS} au plus, choisissez les plus pertinents.",
        "text",
        tags[MAX_HASHTAGS].start(),
        tags[-1].end(),
    )


# ----------------------------------------------------------------- amounts

# A number as written in French: "1 234,50", "1.234", "49", "21,5", "21.50".
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_EURO = re.compile(
    rf"(?<![\w.,])(?P<before>{_NUMBER})\s?(?:€|euros?\b|eur\b)"
    rf"|(?:€|\beur\b)\s?(?P<after>{_NUMBER})(?![\d])",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?P<minus>[-−–])?(?<![\w.,])(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s?%")
_DISCOUNT_WORDS = re.compile(
    r"\b(?:remises?|reductions?|rabais|ristournes?|promo(?:tions?)?|discount|soldes?"
    r"|moins cher|de moins|offerts?|economi[sz]\w*)\b"
)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")


def _decimal(raw: str) -> Decimal:
    """The value of a number as ``_NUMBER`` reads it."""
    if "," in raw:
        integer, _, cents = raw.rpartition(",")
    elif re.fullmatch(r"\d+\.\d{1,2}", raw):
        integer, _, cents = raw.rpartition(".")
    else:
        integer, cents = raw, ""
    return Decimal(f"{re.sub(r'[^0-9]', '', integer)}.{cents or '0'}")


def euro_amounts(text: str) -> Iterator[tuple[Decimal, int, int]]:
    """The euro amounts of a text ("49 €", "1 234,50 euros", "€21.50"), with their places."""
    for match in _EURO.finditer(text):
        raw = match.group("before") or match.group("after")
        yield _decimal(raw), match.start(), match.end()


def offer_cited(doc: BusinessCaseDocument, text: str) -> bool:
    """A text cites an offer when it names a product of the catalogue (its label, folded, at
    word boundaries) or gives a euro amount."""
    if not text.strip():
        return False
    if next(euro_amounts(text), None) is not None:
        return True
    folded = FoldedText(text)
    return any(folded.find(product.label) for product in doc.catalogue.products)


# ----------------------------------------------------------------- confidentiality

_WORD = re.compile(r"[^\W_]+")
# What may stand between two words of a name: spaces, hyphens, apostrophes, a comma
# ("Martin, Jean").
_JOINERS = frozenset(" -'’‐‑,")
_MAX_WINDOW = 8
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])")


def _key(text: str) -> str:
    """A phrase as the index compares it: its folded words, one space apart."""
    return " ".join(_WORD.findall(fold(text)))


class _PhraseIndex:
    """Folded phrases looked up by the runs of words of a text, so a text is read once
    whatever the number of phrases (10,000 names cost as much as ten)."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self.phrases: dict[str, str] = {}
        for key, label in phrases:
            size = key.count(" ") + 1
            if key and size <= _MAX_WINDOW:
                self.phrases.setdefault(key, label)
        self.sizes = sorted({k.count(" ") + 1 for k in self.phrases}, reverse=True)

    def scan(self, text: FoldedText) -> list[tuple[int, int, str]]:
        """Each phrase found in the text, as (start, end, label) with spans in the original
        text; the longest phrase wins where two overlap."""
        if not self.phrases:
            return []
        folded = text.folded
        words = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
        joined = [
            all(ch in _JOINERS for ch in folded[words[i][1] : words[i + 1][0]])
            for i in range(len(words) - 1)
        ]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            for size in self.sizes:
                if i + size > len(words) or not all(joined[i : i + size - 1]):
                    continue
                key = " ".join(folded[a:b] for a, b in words[i : i + size])
                label = self.phrases.get(key)
                if label is not None:
                    start, end = text.span(words[i][0], words[i + size - 1][1])
                    found.append((start, end, label))
                    i += size
                    break
            else:
                i += 1
        return found


def _names_index(personal: PersonalData) -> _PhraseIndex:
    """The file's people, as "first last" and "last first" (a compound first name's words
    kept apart, "Jean-Pierre" as "jean pierre")."""
    pairs: list[tuple[str, str]] = []
    for first, last in personal.names:
        a, b = _key(first), _key(last)
        if a and b:
            label = f"{first.strip()} {last.strip()}"
            pairs += [(f"{a} {b}", label), (f"{b} {a}", label)]
    return _PhraseIndex(pairs)


def _generic(local: str) -> bool:
    simple = re.sub(r"[._-]", "", local.lower().split("+", 1)[0])
    return simple in {re.sub(r"[._-]", "", g) for g in GENERIC_LOCAL_PARTS}


def _e164(number: str) -> str | None:
    try:
        parsed = phonenumbers.parse(number, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class _Confidential:
    """What the confidentiality check compares a text with, built once per check."""

    names: _PhraseIndex
    companies: _PhraseIndex
    emails: frozenset[str]
    phones: frozenset[str]
    costs: dict[Decimal, str]
    max_discount: Decimal
    terms: Sequence[str]


def check_confidentiality(
    doc: BusinessCaseDocument, post: PostDraft, personal: PersonalData
) -> list[Finding]:
    """A post's confidentiality (CP5.6), over its text (field ``text``) and its media
    description (``media_description``), each finding in place:

    - ``personal_name`` (error): a person of the file, first and last name together in either
      order, compared folded at word boundaries;
    - ``personal_email`` (error): an e-mail address of the file (case ignored);
    - ``email_address``: any other address: error when its local part names a person
      (« adresse nominative »), ``ok`` when it is generic (contact@, info@…);
    - ``personal_phone``: a phone number (read with ``phonenumbers``, region FR) of the file,
      compared in E.164 (error); any other number (warning: is it the company's?);
    - ``cost_price`` (error): a euro amount equal to a product's cost price (unless it is
      also a product's selling price);
    - ``discount`` (error): a discount percentage ("-20 %", "remise de 20 %") above the
      salesperson's authority (``policy.authority.max_discount``);
    - ``confidential_term`` (error): one of the charter's confidential terms, folded;
    - ``customer_company`` (warning): a B2B customer's company name, folded;
    - ``confidentiality`` (ok) when none of the above is found.
    """
    charter = doc.policy.social_media
    prices = {p.price_ht for p in doc.catalogue.products}
    costs: dict[Decimal, str] = {}
    for product in doc.catalogue.products:
        if product.cost_ht not in prices:
            costs.setdefault(product.cost_ht, product.label)
    context = _Confidential(
        names=_names_index(personal),
        companies=_PhraseIndex(
            (_key(c), c.strip())
            for c in personal.companies
            if _key(c) and _key(c) != _key(doc.identity.name)
        ),
        emails=frozenset(e.strip().lower() for e in personal.emails if e.strip()),
        phones=frozenset(n for n in map(_e164, personal.phones) if n is not None),
        costs=costs,
        max_discount=doc.policy.authority.max_discount,
        terms=list(charter.confidential_terms) if charter is not None else [],
    )
    findings: list[Finding] = []
    for name, text in (("text", post.text), ("media_description", post.media_description)):
        if text.strip():
            findings.extend(_confidential(context, text, name))
    if all(f.severity == "ok" for f in findings):
        findings.append(
            Finding(
                "confidentiality",
                "ok",
                "Aucune donnée personnelle ni information confidentielle.",
            )
        )
    return findings


def _confidential(context: _Confidential, text: str, name: str) -> list[Finding]:
    folded = FoldedText(text)
    findings: list[Finding] = []
    for start, end, _label in context.names.scan(folded):
        findings.append(
            Finding(
                "personal_name",
                "error",
                f"« {text[start:end]} » : une personne de votre fichier ; son nom ne se "
                "publie pas sans son accord écrit.",
                name,
                start,
                end,
            )
        )
    findings.extend(_emails(context, text, name))
    findings.extend(_phones(context, text, name))
    for amount, start, end in euro_amounts(text):
        label = context.costs.get(amount)
        if label is not None:
            findings.append(
                Finding(
                    "cost_price",
                    "error",
                    f"« {text[start:end]} » : prix d'achat confidentiel (« {label} »).",
                    name,
                    start,
                    end,
                )
            )
    findings.extend(_discounts(context, text, name))
    for term in context.terms:
        for start, end in folded.find(term):
            findings.append(
                Finding(
                    "confidential_term",
                    "error",
                    f"« {text[start:end]} » : terme confidentiel de l'entreprise.",
                    name,
                    start,
                    end,
                )
            )
    for start, end, _label in context.companies.scan(folded):
        findings.append(
            Finding(
                "customer_company",
                "warning",
                f"« {text[start:end]} » : un client de votre fichier ; nommer un client "
                "demande son accord écrit.",
                name,
                start,
                end,
            )
        )
    return findings


def _emails(context: _Confidential, text: str, name: str) -> list[Finding]:
    findings = []
    for match in _EMAIL.finditer(text):
        address = match.group(0)
        start, end = match.span()
        if address.lower() in context.emails:
            findings.append(
                Finding(
                    "personal_email",
                    "error",
                    f"« {address} » : adresse d'une personne de votre fichier.",
                    name,
                    start,
                    end,
                )
            )
        elif _generic(address.split("@", 1)[0]):
            findings.append(
                Finding(
                    "email_address",
                    "ok",
                    f"« {address} » : adresse générique, elle peut être publiée.",
                    name,
                    start,
                    end,
                )
            )
        else:
            findings.append(
                Finding(
                    "email_address",
                    "error",
                    f"« {address} » : adresse nominative ; publiez une adresse générique "
                    "de l'entreprise (contact@, commercial@…).",
                    name,
                    start,
                    end,
                )
            )
    return findings


def _phones(context: _Confidential, text: str, name: str) -> list[Finding]:
    findings = []
    for match in phonenumbers.PhoneNumberMatcher(text, "FR"):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if number in context.phones:
            findings.append(
                Finding(
                    "personal_phone",
                    "error",
                    f"« {match.raw_string} » : numéro d'une personne de votre fichier.",
                    name,
                    match.start,
                    match.end,
                )
            )
        else:
            findings.append(
                Finding(
                    "personal_phone",
                    "warning",
                    f"« {match.raw_string} » : vérifiez que c'est le numéro de l'entreprise.",
                    name,
                    match.start,
                    match.end,
                )
            )
    return findings


def _discounts(context: _Confidential, text: str, name: str) -> list[Finding]:
    """Percentages read as discounts ("-20 %", or a discount word in the same sentence, 60
    characters before or 40 after) above the salesperson's authority."""
    findings = []
    for match in _PERCENT.finditer(text):
        value = _decimal(match.group("n"))
        if value <= context.max_discount:
            continue
        start, end = match.span()
        if match.group("minus") is None:
            before = _SENTENCE_END.split(text[max(0, start - 60) : start])[-1]
            after = _SENTENCE_END.split(text[end : end + 40])[0]
            if not _DISCOUNT_WORDS.search(fold(f"{before} … {after}")):
                continue
        findings.append(
            Finding(
                "discount",
                "error",
                f"« {text[start:end]} » : condition négociée non publique (au-delà de "
                f"{_percent(context.max_discount)} %, la remise se négocie, elle ne s'affiche "
                "pas).",
                name,
                start,
                end,
            )
        )
    return findings


def _percent(value: Decimal) -> str:
    """A rate as French writes it: "5", "7,5"."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that refuse a post's approval: the confidentiality check's errors."""
    return [f for f in findings if f.severity == "error" and f.rule in CONFIDENTIALITY_RULES]
