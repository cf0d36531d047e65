"""The record of processing activities (GDPR art. 30), generated from the configuration."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.config import Settings
from app.models import ConsentPurpose, Organisation


def register_of(session: Session, settings: Settings, organisation_id: int) -> dict[str, Any]:
    """The register of the caller's organisation (its name as the controller)."""
    organisation = session.get(Organisation, organisation_id)
    return register(settings, organisation.name if organisation else "")


def register(settings: Settings, organisation_name: str) -> dict[str, Any]:
    years = settings.retention_years
    return {
        "controller": organisation_name,
        "generated_from": "configuration CapVente",
        "processing_activities": [
            {
                "name": "Gestion du fichier prospects et clients (mises en situation)",
                "purposes": [
                    "prospection commerciale (appels, e-mails, SMS, courriers, visites)",
                    "suivi de la relation commerciale et prise de rendez-vous",
                    "formation : évaluation des compétences du titre Conseiller commercial",
                ],
                "consent_purposes": [p.value for p in ConsentPurpose],
                "lawful_bases": {
                    "prospection B2B (e-mail, téléphone, courrier)": "intérêt légitime (opt-out)",
                    "prospection B2C par e-mail et SMS": "consentement (CPCE L.34-5)",
                    "démarchage téléphonique B2C depuis le 11/08/2026": "consentement prouvable",
                    "clients": "exécution du contrat",
                },
                "data_subjects": [
                    "prospects et clients particuliers",
                    "contacts professionnels des entreprises prospectées",
                ],
                "data_categories": [
                    "identité (nom, prénom, fonction)",
                    "coordonnées (adresse, téléphone, e-mail)",
                    "données professionnelles (SIREN/SIRET, secteur, effectif, potentiel)",
                    "historique des échanges, rendez-vous, qualification (besoins, budget)",
                    "besoins d'accessibilité déclarés et adaptations choisies",
                    "historique des consentements et oppositions, statut Bloctel",
                ],
                "recipients": [
                    "le stagiaire titulaire du fichier",
                    "les formateurs de sa cohorte (lecture seule)",
                    "les administrateurs du centre de formation",
                ],
                "transfers_outside_eu": "aucun",
                "retention": {
                    "prospects": f"{years} ans après la collecte ou le dernier contact à "
                    "l'initiative du prospect",
                    "clients": f"durée de la relation commerciale + {years} ans",
                    "oppositions": f"au moins {years} ans (numéros Bloctel conservés sous "
                    "forme d'empreintes)",
                    "at_end": "anonymisation (identité, coordonnées et textes libres effacés, "
                    "statistiques conservées)",
                    "data_subject_requests": f"réponse sous {settings.dsr_response_days} jours "
                    "(un mois), prolongeable de deux mois avec motif",
                },
                "security_measures": [
                    "authentification par mot de passe haché (argon2) et jetons révocables",
                    "cloisonnement des données par stagiaire, appliqué à chaque requête",
                    "journal des consultations de fiches complètes, lisible par les "
                    "administrateurs",
                    "limitation des tentatives de connexion",
                    "numéros d'opposition stockés sous forme d'empreintes HMAC-SHA256",
                    "exports neutralisés contre l'injection de formules",
                ],
            }
        ],
    }
