"""The company's words read against a text a trainee wrote: what the charter forbids, the
mentions it requires, the tone it asks for. Shared by the presentations (CP5.1–CP5.3) and the
social domain (profile, posts: CP5.4, CP5.5); pure, no I/O."""

from __future__ import annotations

import re

from app.business_cases.document import BusinessCaseDocument
from app.common.findings import Finding
from app.common.text import FoldedText

#: Familiar address: the company speaks to its customers with « vous ».
_FAMILIAR = re.compile(r"\b(?:tu|toi|ton|ta|tes|t'|te)\b", re.IGNORECASE)
#: Superlatives and absolute promises a professional text avoids (folded forms).
SUPERLATIVES = (
    "le meilleur",
    "la meilleure",
    "les meilleurs",
    "n°1",
    "numero 1",
    "numero un",
    "imbattable",
    "incroyable",
    "revolutionnaire",
    "garanti a 100",
    "100 % garanti",
    "sans aucun risque",
)
_SHOUTED = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{5,}\b")
_EXCLAMATIONS = re.compile(r"!{2,}")


def forbidden(doc: BusinessCaseDocument, text: str, field: str) -> list[Finding]:
    """The charter's forbidden claims and words found in ``text``: one error per place; one
    ``ok`` finding when there is none (or no charter)."""
    charter = doc.policy.social_media
    if charter is None:
        return [Finding("charter_forbidden", "ok", "Aucune charte : rien d'interdit.", field)]
    folded = FoldedText(text)
    found: list[Finding] = []
    for what, phrases in (
        ("affirmation interdite par la charte", charter.forbidden_claims),
        ("mot interdit par la charte", charter.forbidden_words),
    ):
        for phrase in phrases:
            for start, end in folded.find(phrase):
                found.append(
                    Finding(
                        "charter_forbidden",
                        "error",
                        f"« {text[start:end]} » : {what} (« {phrase} »).",
                        field,
                        start,
                        end,
                    )
                )
    if not found:
        found.append(
            Finding(
                "charter_forbidden",
                "ok",
                "Aucune affirmation ni aucun mot interdits par la charte.",
                field,
            )
        )
    return found


def tone(text: str, field: str) -> list[Finding]:
    """Tone heuristics of a professional text (vouvoiement, no superlatives, no shouting):
    warnings in place, or one ``ok``."""
    found: list[Finding] = []
    for match in _FAMILIAR.finditer(text):
        found.append(
            Finding(
                "tone_familiar",
                "warning",
                f"« {match.group(0)} » : l'entreprise vouvoie ses clients.",
                field,
                match.start(),
                match.end(),
            )
        )
    folded = FoldedText(text)
    for phrase in SUPERLATIVES:
        for start, end in folded.find(phrase):
            found.append(
                Finding(
                    "tone_superlative",
                    "warning",
                    f"« {text[start:end]} » : un superlatif ou une promesse absolue se "
                    "prouve ; préférez un fait, un chiffre.",
                    field,
                    start,
                    end,
                )
            )
    for match in _SHOUTED.finditer(text):
        found.append(
            Finding(
                "tone_shouting",
                "warning",
                f"« {match.group(0)} » : un mot en capitales se lit comme un cri.",
                field,
                match.start(),
                match.end(),
            )
        )
    for match in _EXCLAMATIONS.finditer(text):
        found.append(
            Finding(
                "tone_exclamations",
                "warning",
                "Plusieurs points d'exclamation à la suite : restez sobre.",
                field,
                match.start(),
                match.end(),
            )
        )
    if not found:
        found.append(Finding("tone", "ok", "Le ton est professionnel.", field))
    return found


def required_mentions(doc: BusinessCaseDocument, text: str, field: str) -> list[Finding]:
    """Each mention the charter requires: present (``ok``) or missing (``error``). A mention
    is present when its text appears, compared without case, accents or final punctuation."""
    charter = doc.policy.social_media
    if charter is None:
        return []
    folded = FoldedText(text)
    found = []
    for mention in charter.required_mentions:
        core = mention.strip().rstrip(".!?;: ")
        if folded.find(core, words=False):
            found.append(
                Finding("required_mention", "ok", f"Mention présente : « {core} ».", field)
            )
        else:
            found.append(
                Finding(
                    "required_mention",
                    "error",
                    f"Mention obligatoire de la charte absente : « {mention} ».",
                    field,
                )
            )
    return found
