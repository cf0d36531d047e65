"""The ready-made exercises a trainer starts from (and the seed ships): each is the body of
an exercise (``ExerciseCreate`` fields but the business case and the seed)."""

from __future__ import annotations

from typing import Any

PHONING_2026 = "phoning-2026"
TOURS_WEEK = "tours-week"
PAC_QUARTER = "pac-quarter"

TEMPLATES: dict[str, dict[str, Any]] = {
    PHONING_2026: {
        "title": "Campagne de phoning sous la règle de consentement 2026",
        "summary": (
            "Dix jours de prospection téléphonique d'un marché de 200 personnes : "
            "entreprises (opposition) et particuliers (consentement préalable depuis le "
            "11 août 2026, Bloctel)."
        ),
        "instructions": (
            "## Votre mission\n\n"
            "Vous prospectez par téléphone le marché de votre entreprise pendant **dix jours "
            "simulés**. Le marché répond : injoignable, barrage du standard, rappel, "
            "rendez-vous, refus avec objection.\n\n"
            "1. Ciblez : choisissez vos segments et vos personas avant d'appeler.\n"
            "2. Respectez la règle : un particulier ne s'appelle qu'avec son consentement "
            "préalable (loi du 30 juin 2025, en vigueur le 11 août 2026) ; la politique de "
            "canal refuse l'appel illégal avant toute réponse du marché.\n"
            "3. Appelez aux bonnes heures, avec un script, et mettez le fichier à jour.\n"
            "4. Avancez l'horloge d'un jour quand votre journée est faite : les rendez-vous "
            "se tiennent (ou non), les rappels arrivent.\n\n"
            "Objectifs : 15 rendez-vous et un taux de joignabilité d'au moins 30 %."
        ),
        "objectives": [
            {"metric": "appointments_taken", "target": "15", "label": "Rendez-vous pris"},
            {"metric": "contacts", "target": "120", "label": "Contacts émis"},
            {"metric": "reach_rate", "target": "30", "label": "Taux de joignabilité (%)"},
        ],
        "competences": ["CP3", "CP3.1", "CP3.2", "CP3.6", "CP3.7"],
        "days": 10,
        "market": {"population": 200},
        "requires_note": False,
    },
    TOURS_WEEK: {
        "title": "Une semaine de tournées et de visites",
        "summary": (
            "Cinq jours pour organiser des tournées éco-optimisées et tenir les rendez-vous "
            "pris : présence, report, absence."
        ),
        "instructions": (
            "## Votre mission\n\n"
            "Votre semaine commence avec un portefeuille de prospects qualifiés. Prenez vos "
            "rendez-vous, organisez vos tournées (trajets, CO₂), préparez chaque visite et "
            "rédigez le compte rendu de chaque entretien. Avancez l'horloge jour après jour : "
            "le marché dit si le rendez-vous se tient.\n\n"
            "Objectifs : 8 visites réalisées."
        ),
        "objectives": [
            {"metric": "visits_done", "target": "8", "label": "Visites réalisées"},
            {"metric": "appointments_taken", "target": "10", "label": "Rendez-vous pris"},
        ],
        "competences": ["CP2", "CP2.1", "CP2.2", "CP3.2", "CP6"],
        "days": 5,
        "market": {"population": 80},
        "requires_note": False,
    },
    PAC_QUARTER: {
        "title": "Un trimestre : plan d'actions commerciales et analyse des écarts",
        "summary": (
            "Quatre-vingt-dix jours simulés : un PAC, la prospection, les devis, les "
            "commandes et les réclamations qui arrivent, puis l'analyse des écarts et la note "
            "de synthèse."
        ),
        "instructions": (
            "## Votre mission\n\n"
            "Construisez votre plan d'actions commerciales du trimestre, menez-le sur le "
            "marché simulé (appels, rendez-vous, devis), suivez les commandes, les "
            "incidents et les réclamations que vos clients produisent, puis rédigez "
            "l'analyse des écarts et la note de synthèse pour votre formateur."
        ),
        "objectives": [
            {"metric": "appointments_taken", "target": "40", "label": "Rendez-vous pris"},
            {"metric": "quotes_accepted", "target": "10", "label": "Devis acceptés"},
            {"metric": "new_customers", "target": "8", "label": "Nouveaux clients"},
        ],
        "competences": ["CP1", "CP3", "CP4", "CP6", "CP7"],
        "days": 90,
        "market": {"population": 400},
        "requires_note": True,
    },
}


def summaries() -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "title": body["title"],
            "summary": body["summary"],
            "days": body["days"],
            "competences": body["competences"],
        }
        for key, body in TEMPLATES.items()
    ]
