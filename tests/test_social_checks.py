"""The social selling checks (app/social/checks.py, app/social/privacy.py): pure, no database.

The case is the seed's telecom company (Rhône Télécom Services), its charter completed with
networks, a weekly rhythm and confidential terms."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.business_cases.document import BusinessCaseDocument
from app.common.findings import Finding, passed
from app.models import SocialNetwork
from app.social import privacy
from app.social.checks import (
    CONTACT_SETTINGS,
    GENERIC_LOCAL_PARTS,
    PHOTO_GUIDELINES,
    Experience,
    PersonalData,
    PostDraft,
    ProfileDraft,
    blocking,
    check_confidentiality,
    check_consistency,
    check_profile,
    euro_amounts,
    offer_cited,
)

CASE = Path(__file__).resolve().parents[1] / "seed" / "data" / "business_cases" / "telecom.json"
MENTIONS = "Offre soumise à éligibilité de l'adresse. Prix HT, engagement de 12 ou 24 mois."
THEME = "Raccordements fibre réalisés"


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CASE.read_text(encoding="utf-8"))
    charter = data["policy"]["social_media"]
    charter["networks"] = ["linkedin", "facebook"]
    charter["posts_per_week_min"] = 1
    charter["posts_per_week_max"] = 3
    charter["confidential_terms"] = ["Projet Hermès", "tarif grossiste"]
    return data


@cache
def _doc() -> BusinessCaseDocument:
    return BusinessCaseDocument.model_validate(_raw())


@cache
def _doc_without_charter() -> BusinessCaseDocument:
    data = _raw()
    data["policy"]["social_media"] = None
    return BusinessCaseDocument.model_validate(data)


def rules(findings: list[Finding], severity: str | None = None) -> set[str]:
    return {f.rule for f in findings if severity is None or f.severity == severity}


def only(findings: list[Finding], rule: str, severity: str | None = None) -> list[Finding]:
    return [f for f in findings if f.rule == rule and (severity is None or f.severity == severity)]


def marked(text: str, finding: Finding) -> str:
    assert finding.start is not None
    assert finding.end is not None
    return text[finding.start : finding.end]


# ----------------------------------------------------------------- profile

GOOD_PHOTO = dict.fromkeys(PHOTO_GUIDELINES, True)
GOOD_CONTACT: dict[str, str | bool] = {
    "email_visibility": "connections",
    "phone_visibility": "hidden",
    "messages_from": "everyone",
    "open_to_work": False,
}


def profile(**changes: Any) -> ProfileDraft:
    values: dict[str, Any] = {
        "network": SocialNetwork.LINKEDIN,
        "headline": "Conseillère entreprises chez Rhône Télécom Services | Fibre et téléphonie",
        "summary": "J'accompagne les commerçants et les PME de la métropole lyonnaise. "
        "Suivez la page Rhône Télécom Services pour nos conseils de continuité de service.",
        "experience": (
            Experience("Conseillère entreprises", "Rhône Télécom Services", True, "Visites."),
            Experience("Vendeuse", "Boutique Mode", False, ""),
        ),
        "featured": ("Nos conseils pour une connexion de secours",),
        "photo": GOOD_PHOTO,
        "contact": GOOD_CONTACT,
    }
    values.update(changes)
    return ProfileDraft(**values)


def test_profile_passing_the_charter() -> None:
    findings = check_profile(_doc(), profile())
    assert passed(findings)
    assert {f.severity for f in findings} == {"ok"}
    assert rules(findings) >= {
        "company_name",
        "company_page",
        "network",
        "required_mention",
        "charter_forbidden",
        "tone",
        "headline_length",
        "photo",
        "contact",
    }
    name = only(findings, "company_name")[0]
    assert name.field == "headline"
    assert marked(profile().headline, name) == "Rhône Télécom Services"
    assert len(only(findings, "photo", "ok")) == len(PHOTO_GUIDELINES)
    # One tone and one forbidden finding per text read: headline, summary, one description,
    # one featured item (the past experience's empty description is not read).
    assert {f.field for f in only(findings, "tone")} == {
        "headline",
        "summary",
        "experience.0.description",
        "featured.0",
    }


def test_profile_without_a_charter() -> None:
    findings = check_profile(_doc_without_charter(), profile())
    missing = only(findings, "charter_missing")
    assert [f.severity for f in missing] == ["error"]
    assert "demandez-la à votre formateur" in missing[0].message
    assert not passed(findings)
    # The charter's rules are skipped, the others still run.
    assert "company_page" not in rules(findings)
    assert "network" not in rules(findings)
    assert {"company_name", "headline_length", "photo", "contact"} <= rules(findings, "ok")


def test_profile_company_name_in_the_current_experience() -> None:
    p = profile(headline="Conseillère entreprises, fibre et téléphonie")
    found = only(check_profile(_doc(), p), "company_name")
    assert [f.severity for f in found] == ["ok"]
    assert found[0].field == "experience.0.company"


def test_profile_company_name_missing() -> None:
    p = profile(
        headline="Conseillère entreprises",
        experience=(
            Experience("Conseillère", "Autre Société", True),
            # A past experience at the company does not count.
            Experience("Stagiaire", "Rhône Télécom Services", False),
        ),
    )
    found = only(check_profile(_doc(), p), "company_name")
    assert [(f.severity, f.field) for f in found] == [("error", "headline")]
    assert "Rhône Télécom Services" in found[0].message


def test_profile_company_page_missing() -> None:
    p = profile(
        headline="Conseillère entreprises chez Rhône Télécom Services",
        summary="J'accompagne les commerçants.",
        experience=(Experience("Conseillère", "RTS", True, "Visites."),),
        featured=(),
    )
    findings = check_profile(_doc(), p)
    assert [f.severity for f in only(findings, "company_page")] == ["error"]
    # Named in a featured item, it is found there.
    p = profile(
        summary="J'accompagne les commerçants.",
        experience=(),
        featured=("La page rhone telecom services sur LinkedIn",),
    )
    page = only(check_profile(_doc(), p), "company_page")
    assert [(f.severity, f.field) for f in page] == [("ok", "featured.0")]
    assert marked(p.featured[0], page[0]) == "rhone telecom services"


def test_profile_network_outside_the_charter() -> None:
    found = only(check_profile(_doc(), profile(network=SocialNetwork.TIKTOK)), "network")
    assert [f.severity for f in found] == ["warning"]
    assert "LinkedIn, Facebook" in found[0].message


def test_profile_offer_needs_the_mentions() -> None:
    featured = "Fibre Pro 500 Mb/s à 49 € par mois"
    findings = check_profile(_doc(), profile(featured=(featured,)))
    missing = only(findings, "required_mention", "error")
    assert len(missing) == 2
    assert {f.field for f in missing} == {"featured.0"}
    findings = check_profile(_doc(), profile(featured=(f"{featured}. {MENTIONS}",)))
    assert not only(findings, "required_mention", "error")
    assert len(only(findings, "required_mention", "ok")) == 2


def test_profile_forbidden_and_tone_in_place() -> None:
    summary = "Installation : c'est gratuit. Suivez Rhône Télécom Services, tu verras !!"
    findings = check_profile(_doc(), profile(summary=summary))
    forbidden = only(findings, "charter_forbidden", "error")
    assert [(f.field, marked(summary, f)) for f in forbidden] == [("summary", "gratuit")]
    assert marked(summary, only(findings, "tone_familiar")[0]) == "tu"
    assert marked(summary, only(findings, "tone_exclamations")[0]) == "!!"
    description = "Le MEILLEUR service"
    p = profile(experience=(Experience("Conseiller", "Rhône Télécom Services", True, description),))
    shouting = only(check_profile(_doc(), p), "tone_shouting")
    assert [(f.field, marked(description, f)) for f in shouting] == [
        ("experience.0.description", "MEILLEUR")
    ]


def test_profile_lengths() -> None:
    headline = "Rhône Télécom Services " + "x" * 220
    summary = "Rhône Télécom Services " + "y" * 2600
    found = only(
        check_profile(_doc(), profile(headline=headline, summary=summary)), "headline_length"
    )
    assert [(f.severity, f.field, f.start, f.end) for f in found] == [
        ("error", "headline", 220, len(headline)),
        ("error", "summary", 2600, len(summary)),
    ]
    # Just at the limit passes.
    at_limit = ("Rhône Télécom Services " + "x" * 220)[:220]
    found = only(check_profile(_doc(), profile(headline=at_limit)), "headline_length")
    assert {f.severity for f in found} == {"ok"}
    # Another network, another limit: a Facebook bio of 101 characters at most.
    p = profile(network=SocialNetwork.FACEBOOK, summary="Rhône Télécom Services " + "z" * 100)
    found = only(check_profile(_doc(), p), "headline_length", "error")
    assert [(f.field, f.start) for f in found] == [("summary", 101)]


def test_profile_photo_guidelines() -> None:
    photo = {**GOOD_PHOTO, "recent": False}
    del photo["alone"]
    found = only(check_profile(_doc(), profile(photo=photo)), "photo", "error")
    assert sorted(f.field or "" for f in found) == ["photo.alone", "photo.recent"]
    assert any("moins de 2 ans" in f.message for f in found)


@pytest.mark.parametrize(
    ("setting", "value", "severity", "words"),
    [
        ("email_visibility", "public", "warning", "donnée personnelle exposée à tous"),
        ("phone_visibility", "public", "warning", "limitez aux relations"),
        ("open_to_work", True, "error", "vous représentez l'entreprise"),
        ("email_visibility", "everyone", "error", "non prévue"),
        ("open_to_work", "yes", "error", "non prévue"),
    ],
)
def test_profile_contact_settings(
    setting: str, value: str | bool, severity: str, words: str
) -> None:
    contact = {**GOOD_CONTACT, setting: value}
    found = only(check_profile(_doc(), profile(contact=contact)), "contact")
    assert [(f.severity, f.field) for f in found] == [(severity, f"contact.{setting}")]
    assert words in found[0].message


def test_profile_contact_unknown_setting() -> None:
    found = only(check_profile(_doc(), profile(contact={"fax": "public"})), "contact")
    assert [f.severity for f in found] == ["error"]


def test_contact_settings_describe_their_values() -> None:
    assert CONTACT_SETTINGS["email_visibility"].values == ("public", "connections", "hidden")
    assert CONTACT_SETTINGS["messages_from"].values == ("everyone", "connections")
    assert CONTACT_SETTINGS["open_to_work"].recommended is False
    assert set(PHOTO_GUIDELINES) == {
        "professional",
        "face_visible",
        "neutral_background",
        "recent",
        "alone",
    }


# ----------------------------------------------------------------- post consistency


def post(text: str = "", **changes: Any) -> PostDraft:
    values: dict[str, Any] = {
        "network": SocialNetwork.LINKEDIN,
        "theme": THEME,
        "text": text or "Encore un raccordement réalisé cette semaine à Villeurbanne.",
    }
    values.update(changes)
    return PostDraft(**values)


def test_consistent_post() -> None:
    findings = check_consistency(_doc(), post(), posts_in_week=2)
    assert {f.severity for f in findings} == {"ok"}
    assert rules(findings) == {
        "theme",
        "network",
        "length",
        "required_mention",
        "charter_forbidden",
        "tone",
        "frequency",
        "hashtags",
    }
    assert "Aucune offre citée" in only(findings, "required_mention")[0].message


def test_post_theme() -> None:
    ok = only(
        check_consistency(_doc(), post(theme="raccordements FIBRE realises"), posts_in_week=1),
        "theme",
    )
    assert [f.severity for f in ok] == ["ok"]
    assert THEME in ok[0].message
    bad = only(check_consistency(_doc(), post(theme="Nos promotions"), posts_in_week=1), "theme")
    assert [f.severity for f in bad] == ["error"]
    assert "Conseils de continuité de service" in bad[0].message
    assert "Vie de l'équipe technique" in bad[0].message


def test_post_network() -> None:
    found = only(
        check_consistency(_doc(), post(network=SocialNetwork.X), posts_in_week=1), "network"
    )
    assert [f.severity for f in found] == ["warning"]


@pytest.mark.parametrize(
    ("network", "limit"),
    [
        (SocialNetwork.X, 280),
        (SocialNetwork.LINKEDIN, 3000),
        (SocialNetwork.INSTAGRAM, 2200),
        (SocialNetwork.TIKTOK, 2200),
        (SocialNetwork.YOUTUBE, 5000),
        (SocialNetwork.FACEBOOK, 63206),
    ],
)
def test_post_length(network: SocialNetwork, limit: int) -> None:
    fits = only(
        check_consistency(_doc(), post("a" * limit, network=network), posts_in_week=1), "length"
    )
    assert [f.severity for f in fits] == ["ok"]
    text = "a" * (limit + 3)
    over = only(check_consistency(_doc(), post(text, network=network), posts_in_week=1), "length")
    assert [(f.severity, f.start, f.end) for f in over] == [("error", limit, limit + 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Découvrez la Fibre Pro 500 Mb/s pour votre commerce.",
        "La fibre pro 500 mb/s pour votre commerce.",
        "Une connexion fibre dès 49 € par mois.",
        "Une connexion fibre dès 29,99 euros par mois.",
    ],
)
def test_post_citing_an_offer_needs_the_mentions(text: str) -> None:
    found = only(check_consistency(_doc(), post(text), posts_in_week=1), "required_mention")
    assert [f.severity for f in found] == ["error", "error"]
    assert "éligibilité" in found[0].message
    found = only(
        check_consistency(_doc(), post(f"{text} {MENTIONS}"), posts_in_week=1), "required_mention"
    )
    assert [f.severity for f in found] == ["ok", "ok"]


def test_post_offer_in_the_media_description() -> None:
    p = post(media_description="Visuel : la Box fibre famille 1 Gb/s")
    found = only(check_consistency(_doc(), p, posts_in_week=1), "required_mention", "error")
    assert len(found) == 2


def test_post_forbidden_words_in_place() -> None:
    text = "Zéro coupure garantie avec notre fibre."
    media = "Photo : un technicien, mention « installation : GRATUIT »."
    findings = check_consistency(_doc(), post(text, media_description=media), posts_in_week=1)
    forbidden = only(findings, "charter_forbidden", "error")
    assert [
        (f.field, (text if f.field == "text" else media)[f.start : f.end]) for f in forbidden
    ] == [
        ("text", "Zéro coupure garantie"),
        ("media_description", "GRATUIT"),
    ]


def test_post_tone() -> None:
    text = "Tu cherches LA MEILLEURE fibre ? Imbattable !!"
    findings = check_consistency(_doc(), post(text), posts_in_week=1)
    assert {marked(text, f) for f in findings if f.rule.startswith("tone_")} == {
        "Tu",
        "MEILLEURE",
        "LA MEILLEURE",
        "Imbattable",
        "!!",
    }
    assert all(f.severity == "warning" for f in findings if f.rule.startswith("tone_"))


def test_post_frequency() -> None:
    ok = only(check_consistency(_doc(), post(), posts_in_week=3), "frequency")
    assert [f.severity for f in ok] == ["ok"]
    over = only(check_consistency(_doc(), post(), posts_in_week=4), "frequency")
    assert [f.severity for f in over] == ["warning"]
    assert "4 publications" in over[0].message
    assert "de 1 à 3 par semaine" in over[0].message


def test_post_hashtags() -> None:
    five = "Raccordement réalisé. #fibre #lyon #pme #commerce #telecom"
    found = only(check_consistency(_doc(), post(five), posts_in_week=1), "hashtags")
    assert [f.severity for f in found] == ["ok"]
    seven = five + " #reseau #internet"
    found = only(check_consistency(_doc(), post(seven), posts_in_week=1), "hashtags")
    assert [f.severity for f in found] == ["warning"]
    assert marked(seven, found[0]) == "#reseau #internet"


def test_post_without_a_charter() -> None:
    findings = check_consistency(_doc_without_charter(), post(), posts_in_week=9)
    assert [f.severity for f in only(findings, "charter_missing")] == ["error"]
    assert not {"theme", "network", "frequency"} & rules(findings)
    assert {"length", "tone", "hashtags"} <= rules(findings, "ok")


def test_euro_amounts_and_offers() -> None:
    amounts = [a for a, _, _ in euro_amounts("1 234,50 € puis €21.50, 49 euros, 7 EUR, 12 ans")]
    assert amounts == [Decimal("1234.50"), Decimal("21.50"), Decimal(49), Decimal(7)]
    assert offer_cited(_doc(), "Le Routeur de secours 4G")
    assert not offer_cited(_doc(), "Un raccordement de plus, 12 ans d'expérience.")


# ----------------------------------------------------------------- confidentiality

CUSTOMER = PersonalData(
    names=(("Élodie", "Dupré"), ("Jean-Pierre", "Martin"), ("Luc", "Lefèvre")),
    emails=("Elodie.Dupre@boulangerie-dupre.fr",),
    phones=("06 12 34 56 78", "04.72.10.20.30"),
    companies=("Boulangerie Dupré", "Garage du Rhône"),
)
CLEAN = "Raccordement réalisé cette semaine pour une boulangerie de Villeurbanne."


def confidentiality(text: str, media: str = "", personal: PersonalData = CUSTOMER) -> list[Finding]:
    return check_confidentiality(_doc(), post(text, media_description=media), personal)


@pytest.mark.parametrize(
    "number", ["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678", "06.12.34.56.78"]
)
def test_customer_phone_blocks_the_post(number: str) -> None:
    text = f"Merci à notre cliente, joignable au {number}, pour sa confiance."
    findings = confidentiality(text)
    blocked = blocking(findings)
    assert [(f.rule, f.field, marked(text, f)) for f in blocked] == [
        ("personal_phone", "text", number)
    ]
    # The corrected text passes.
    corrected = "Merci à notre cliente pour sa confiance. Contact : contact@rhone-telecom.fr"
    findings = confidentiality(corrected)
    assert blocking(findings) == []
    assert passed(findings)
    assert "confidentiality" in rules(findings, "ok")


def test_other_phone_is_a_warning() -> None:
    text = "Une question ? Appelez le 04 78 00 11 22."
    findings = confidentiality(text)
    found = only(findings, "personal_phone")
    assert [(f.severity, marked(text, f)) for f in found] == [("warning", "04 78 00 11 22")]
    assert "numéro de l'entreprise" in found[0].message
    assert blocking(findings) == []
    assert "confidentiality" not in rules(findings)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bravo à Élodie Dupré pour son ouverture !", "Élodie Dupré"),
        ("Bravo à Dupré Élodie pour son ouverture !", "Dupré Élodie"),
        ("Bravo à ELODIE DUPRE pour son ouverture !", "ELODIE DUPRE"),
        ("Bravo à elodie   dupre pour son ouverture !", "elodie   dupre"),
        ("Merci Jean-Pierre Martin !", "Jean-Pierre Martin"),
        ("Merci Jean Pierre Martin !", "Jean Pierre Martin"),
        ("Merci Martin Jean-Pierre !", "Martin Jean-Pierre"),
        ("Client : Martin, Jean-Pierre.", "Martin, Jean-Pierre"),
        ("Avec M. Luc Lefevre.", "Luc Lefevre"),
    ],
)
def test_personal_names(text: str, name: str) -> None:
    found = only(confidentiality(text), "personal_name")
    assert [(f.severity, marked(text, f)) for f in found] == [("error", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Bravo à Élodie pour son ouverture.",  # the first name alone
        "Le garage Martin a ouvert.",  # the last name alone
        "Merci Lucas Lefèvre.",  # another first name
        "Merci Luc Lefèvres.",  # not at a word boundary
        "C'était avec Luc. Lefèvre, lui, est absent.",  # a sentence apart
    ],
)
def test_not_a_personal_name(text: str) -> None:
    assert not only(confidentiality(text), "personal_name")


def test_personal_email_case_insensitive() -> None:
    text = "Écrivez à elodie.dupre@BOULANGERIE-DUPRE.FR pour commander."
    found = only(confidentiality(text), "personal_email")
    assert [(f.severity, marked(text, f)) for f in found] == [
        ("error", "elodie.dupre@BOULANGERIE-DUPRE.FR")
    ]


@pytest.mark.parametrize("local", [*GENERIC_LOCAL_PARTS, "Contact", "service.client", "info+fibre"])
def test_generic_email_is_allowed(local: str) -> None:
    text = f"Écrivez-nous : {local}@rhone-telecom.fr"
    findings = confidentiality(text)
    found = only(findings, "email_address")
    assert [(f.severity, marked(text, f)) for f in found] == [("ok", f"{local}@rhone-telecom.fr")]
    assert passed(findings)


@pytest.mark.parametrize("address", ["claire.bernard@rhone-telecom.fr", "cbernard@gmail.com"])
def test_nominative_email_is_blocked(address: str) -> None:
    text = f"Écrivez à {address}."
    found = blocking(confidentiality(text))
    assert [(f.rule, marked(text, f)) for f in found] == [("email_address", address)]
    assert "adresse nominative" in found[0].message


def test_cost_price() -> None:
    text = "La Fibre Pro 500 Mb/s nous coûte 21,50 € et se vend 49 €."
    found = blocking(confidentiality(text))
    assert [(f.rule, marked(text, f)) for f in found] == [("cost_price", "21,50 €")]
    assert "prix d'achat confidentiel" in found[0].message
    assert "Fibre Pro 500 Mb/s" in found[0].message
    # Selling prices are public.
    assert blocking(confidentiality("Fibre Pro 500 Mb/s : 49 € HT par mois.")) == []


@pytest.mark.parametrize(
    ("text", "marked_text"),
    [
        ("Ce mois-ci : -20 % sur la Fibre Pro.", "-20 %"),
        ("Profitez d'une remise de 15% sur l'installation.", "15%"),
        ("Jusqu'à 12,5 % de réduction pour les commerçants.", "12,5 %"),
    ],
)
def test_discount_above_authority(text: str, marked_text: str) -> None:
    found = blocking(confidentiality(text))
    assert [(f.rule, marked(text, f)) for f in found] == [("discount", marked_text)]
    assert "condition négociée non publique" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Une remise de 5 % pour les nouveaux clients.",  # within the authority (5 %)
        "99,9 % de disponibilité mesurée sur l'année.",  # not a discount
        "Nos clients sont satisfaits à 92 %.",
    ],
)
def test_not_a_blocked_discount(text: str) -> None:
    assert not only(confidentiality(text), "discount")


def test_confidential_terms() -> None:
    text = "Le projet hermes avance : bientôt le tarif GROSSISTE pour tous."
    found = blocking(confidentiality(text))
    assert [(f.rule, marked(text, f)) for f in found] == [
        ("confidential_term", "projet hermes"),
        ("confidential_term", "tarif GROSSISTE"),
    ]


def test_customer_company_is_a_warning() -> None:
    text = "Fibre installée à la boulangerie Dupre, rue Garibaldi."
    findings = confidentiality(text)
    found = only(findings, "customer_company")
    assert [(f.severity, marked(text, f)) for f in found] == [("warning", "boulangerie Dupre")]
    assert "accord écrit" in found[0].message
    assert blocking(findings) == []


def test_media_description_is_read() -> None:
    media = "Photo de Jean-Pierre Martin devant sa vitrine."
    found = blocking(confidentiality(CLEAN, media))
    assert [(f.rule, f.field, marked(media, f)) for f in found] == [
        ("personal_name", "media_description", "Jean-Pierre Martin")
    ]


def test_clean_post() -> None:
    findings = confidentiality(CLEAN)
    assert [(f.rule, f.severity) for f in findings] == [("confidentiality", "ok")]


def test_blocking_keeps_confidentiality_errors_only() -> None:
    text = "Tu veux la fibre GRATUIT ? Appelle Élodie Dupré au 06 12 34 56 78."
    every = check_consistency(_doc(), post(text), posts_in_week=9) + confidentiality(text)
    assert {f.rule for f in blocking(every)} == {"personal_name", "personal_phone"}


def test_ten_thousand_names() -> None:
    names = tuple((f"Prénom{i}", f"Nom{i}") for i in range(10_000))
    personal = PersonalData(names=(*names, ("Amélie", "Rousseau")))
    text = (
        "Une belle semaine de raccordements sur le territoire. " * 50
    ) + "Merci Rousseau Amélie."
    found = only(confidentiality(text, personal=personal), "personal_name")
    assert [marked(text, f) for f in found] == ["Rousseau Amélie"]


# ----------------------------------------------------------------- property

_PIECES = [
    "Élodie Dupré",
    "Dupré, Élodie",
    "06 12 34 56 78",
    "+33 6 12 34 56 78",
    "21,50 €",
    "-20 %",
    "remise de 30 %",
    "a.b@c.fr",
    "contact@rts.fr",
    "#fibre",
    "Fibre Pro 500 Mb/s",
    "Rhône Télécom Services",
    "projet hermès",
    "gratuit",
    "TU",
]
# Arbitrary characters (no lone surrogates) mixed with the pieces the rules look for, and the
# characters whose folding changes their length (ligatures, dotted capital I, combining marks).
_TEXT = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=6),
        st.text(st.sampled_from("€%-@#., !ÉﬁİÅ\u0301\u00a0\n0678"), max_size=6),
        st.sampled_from(_PIECES),
    ),
    max_size=12,
).map("".join)


def _field_texts(p: ProfileDraft | PostDraft) -> dict[str, str]:
    if isinstance(p, PostDraft):
        return {"text": p.text, "media_description": p.media_description}
    texts = {"headline": p.headline, "summary": p.summary}
    for i, e in enumerate(p.experience):
        texts |= {
            f"experience.{i}.title": e.title,
            f"experience.{i}.company": e.company,
            f"experience.{i}.description": e.description,
        }
    texts |= {f"featured.{i}": t for i, t in enumerate(p.featured)}
    return texts


def _spans_within(findings: list[Finding], texts: dict[str, str]) -> None:
    for f in findings:
        if f.start is None:
            assert f.end is None
            continue
        assert f.field in texts, f
        assert f.end is not None
        assert 0 <= f.start < f.end <= len(texts[f.field]), f


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_TEXT,
    media=_TEXT,
    theme=_TEXT,
    headline=_TEXT,
    summary=_TEXT,
    description=_TEXT,
    featured=st.lists(_TEXT, max_size=2),
    network=st.sampled_from(list(SocialNetwork)),
    with_charter=st.booleans(),
)
def test_no_check_raises_and_spans_lie_within_their_field(
    text: str,
    media: str,
    theme: str,
    headline: str,
    summary: str,
    description: str,
    featured: list[str],
    network: SocialNetwork,
    with_charter: bool,
) -> None:
    doc = _doc() if with_charter else _doc_without_charter()
    p = PostDraft(network, theme, text, media)
    _spans_within(check_consistency(doc, p, posts_in_week=2), _field_texts(p))
    _spans_within(check_confidentiality(doc, p, CUSTOMER), _field_texts(p))
    pr = ProfileDraft(
        network,
        headline,
        summary,
        (Experience(headline, summary, True, description),),
        tuple(featured),
    )
    _spans_within(check_profile(doc, pr), _field_texts(pr))


# ----------------------------------------------------------------- privacy checklists


@pytest.mark.parametrize("network", list(SocialNetwork))
def test_each_network_has_a_checklist(network: SocialNetwork) -> None:
    checklist = privacy.items(network)
    assert 5 <= len(checklist) <= 9
    codes = [i.code for i in checklist]
    assert len(set(codes)) == len(codes)
    assert all(i.label and i.why for i in checklist)
    assert "two_step_verification" in codes


def test_linkedin_checklist_items() -> None:
    codes = {i.code for i in privacy.items(SocialNetwork.LINKEDIN)}
    assert {
        "profile_visibility_off_linkedin",
        "connections_visibility",
        "email_visibility",
        "phone_hidden",
        "profile_updates_off",
        "generative_ai_off",
        "two_step_verification",
        "mentions_reviewed",
        "active_status",
    } == codes


def test_checklist_state_and_completion() -> None:
    network = SocialNetwork.FACEBOOK
    codes = [i.code for i in privacy.items(network)]
    done = {codes[0]: True, codes[1]: False, "made_up": True}
    rows = privacy.state(network, done)
    assert [r["code"] for r in rows] == codes
    assert [r["done"] for r in rows] == [True] + [False] * (len(codes) - 1)
    assert set(rows[0]) == {"code", "label", "why", "done"}
    assert privacy.unknown_codes(network, done) == ["made_up"]
    assert not privacy.complete(network, done)
    every = dict.fromkeys(codes, True)
    assert privacy.complete(network, every)
    assert privacy.unknown_codes(network, every) == []
    assert not privacy.complete(network, {**every, codes[-1]: False})
