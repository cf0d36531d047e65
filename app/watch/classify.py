"""Fact or opinion? A simple, explainable suggestion shown beside the trainee's own choice.

It counts markers and says which it found: opinion markers (first person, judgement words,
exclamation, review sites) against fact markers (figures, percentages, dates, euros,
announcement verbs). Ties go to "fact" only when a fact marker exists; with no marker at all
there is no suggestion. It is a prompt for the trainee's judgement, not a classifier.
"""

from __future__ import annotations

import re

from app.models import ItemClassification, Sentiment

OPINION_WORDS = (
    "je pense", "nous pensons", "à mon avis", "selon moi", "je trouve", "j'adore",
    "je recommande", "déçu", "décevant", "génial", "excellent", "nul", "meilleur", "pire",
    "incroyable", "scandale", "inadmissible", "bravo", "top", "horrible",
)  # fmt: skip
FACT_VERBS = (
    "annonce", "lance", "publie", "ouvre", "ferme", "rachète", "acquiert", "recrute",
    "augmente", "baisse", "entre en vigueur", "décret", "arrêté", "selon l'insee", "chiffre",
)  # fmt: skip
FIGURE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:%|€|euros?|millions?|milliards?)", re.IGNORECASE)
DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(19|20)\d{2}\b")


def suggest(text: str, *, review: bool = False) -> tuple[ItemClassification | None, list[str]]:
    lowered = f" {text.lower()} "
    opinion = [f"« {w} »" for w in OPINION_WORDS if w in lowered]
    if "!" in text:
        opinion.append("point d'exclamation")
    if review:
        opinion.append("site d'avis")
    fact = [f"« {w} »" for w in FACT_VERBS if w in lowered]
    if FIGURE.search(text):
        fact.append("chiffre")
    if DATE.search(text):
        fact.append("date")
    if not opinion and not fact:
        return None, []
    if len(opinion) > len(fact):
        return ItemClassification.OPINION, [f"opinion : {r}" for r in opinion]
    return ItemClassification.FACT, [f"fait : {r}" for r in fact] + [
        f"opinion : {r}" for r in opinion
    ]


RATING = re.compile(r"(?<![\d,.])([1-5])(?:[.,]0)?\s*/\s*5\b")
STARS = re.compile(r"(★+)(☆*)")


def review_rating(text: str) -> int | None:
    """The 1–5 rating a review title announces (« 4/5 », « ★★★★☆ »), else None."""
    match = RATING.search(text)
    if match:
        return int(match.group(1))
    stars = STARS.search(text)
    if stars and len(stars.group(1)) + len(stars.group(2)) == 5:
        return len(stars.group(1))
    return None


def sentiment_of(rating: int | None) -> Sentiment | None:
    """1–2 negative, 3 neutral, 4–5 positive."""
    if rating is None:
        return None
    if rating <= 2:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL if rating == 3 else Sentiment.POSITIVE
