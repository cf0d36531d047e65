"""The fact/opinion suggestion: explainable markers, no suggestion without any."""

from __future__ import annotations

from app.models import ItemClassification
from app.watch.classify import suggest


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
