"""The fact/opinion suggestion: explainable markers, no suggestion without any."""

from __future__ import annotations

from app.models import ItemClassification, Sentiment
from app.watch.classify import review_rating, sentiment_of, suggest


def test_facts_opinions_and_nothing() -> None:
    fact, reasons = suggest("Leroy Merlin annonce 12 % de hausse de ses ventes en 2026")
    assert fact is ItemClassification.FACT
    assert {"fait : « annonce »", "fait : chiffre", "fait : date"} <= set(reasons)
    opinion, reasons = suggest("À mon avis leur SAV est horrible, je suis déçu !")
    assert opinion is ItemClassification.OPINION
    assert "opinion : point d'exclamation" in reasons
    review, reasons = suggest("Très bon accueil", review=True)
    assert review is ItemClassification.OPINION
    assert reasons == ["opinion : site d'avis"]
    assert suggest("Réunion de l'équipe commerciale") == (None, [])


def test_review_ratings_and_sentiment() -> None:
    assert review_rating("★★☆☆☆ 2/5 — Livraison en retard") == 2
    assert review_rating("Note : 4 / 5, très bien") == 4
    assert review_rating("★★★★★ parfait") == 5
    assert review_rating("4,0/5") == 4
    assert review_rating("Livré en 15/5 jours") is None  # 15 is no rating
    assert review_rating("Promo -20 % sur 3 mois") is None
    assert review_rating("★★★ bien") is None  # not five positions: no guess
    assert [sentiment_of(r) for r in (1, 2, 3, 4, 5, None)] == [
        Sentiment.NEGATIVE, Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE,
        Sentiment.POSITIVE, None,
    ]  # fmt: skip
