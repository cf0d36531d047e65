"""Application factory: middleware, error handlers, routers, docs and the static client."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from sqlalchemy.orm import Session, sessionmaker

from app import __version__
from app.agenda import feeds
from app.api import api_router
from app.business_cases.service import IMPORT_MAX_BYTES as CASE_MAX_BYTES
from app.competences import evidence
from app.competences.catalogue import get_catalogue
from app.competences.evidence import record_request_evidence
from app.config import Settings, get_settings
from app.core import client_config, health
from app.core.db import make_engine, make_session_factory
from app.core.errors import install_error_handlers
from app.core.frontend import install_frontend
from app.core.middleware import (
    BodySizeLimitMiddleware,
    RequestIdMiddleware,
    SecurityHeadersMiddleware,
)
from app.core.openapi import install_problem_responses
from app.core.schemas import refuse_control_characters
from app.geocoding.communes import commune_index
from app.prospects.jobs import recover_interrupted_imports
from app.sales import documents
from app.watch import demo_router as watch_demo
from app.webhooks.worker import DeliveryWorker

DESCRIPTION = """
CapVente est le CRM d'entraînement des stagiaires du titre professionnel
**Conseiller commercial** (REAC TP-00115). Chaque opération déclare les compétences
qu'elle exerce (`x-competences`) ; chaque écriture d'un stagiaire devient une preuve.

Authentification : `POST /api/v1/auth/token` (e-mail et mot de passe) puis
`Authorization: Bearer <jeton>`, ou un jeton d'API personnel (`/api/v1/api-tokens`).
Erreurs : `application/problem+json` (RFC 9457).

## Pour les intégrateurs (plateformes d'exercices)

1. Un formateur crée un jeton d'API de portée `exercises` (`POST /api/v1/api-tokens`,
   `{"name": "plateforme", "scopes": ["exercises"]}`) : il ouvre les routes `/exercises`,
   `/exercise-runs`, `/webhook-subscriptions` et `/webhook-deliveries`, et rien d'autre.
2. Créer l'exercice (`POST /api/v1/exercises`, depuis un modèle : `GET
   /api/v1/exercises/templates`, ou importer un document : `POST /api/v1/exercises/import`,
   schéma `GET /api/v1/exercises/schema`), l'assigner (`POST …/assignments`), le publier
   (`POST …/publish`).
3. S'abonner aux événements (`POST /api/v1/webhook-subscriptions` : URL, événements ; le
   secret n'est montré qu'une fois) : `exercise.started`, `run.submitted`,
   `evidence.recorded`, `assessment.made`, `note.submitted`, `exercise.closed`. Chaque envoi
   est signé à la manière de Standard Webhooks : en-têtes `webhook-id`, `webhook-timestamp`,
   `webhook-signature: v1,<base64(HMAC-SHA256(clé, id.timestamp.corps))>`.
4. Suivre les parcours (`GET /api/v1/exercises/{id}/runs`) et lire les résultats
   (`GET /api/v1/exercises/{id}/results`, `format=csv` pour un tableur).

Un client d'exemple complet (avec la vérification des signatures) :
`examples/exercise_platform.py`.
"""


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (the endpoint's name) for generated clients."""
    return route.name


def _openapi_tags() -> list[dict[str, Any]]:
    catalogue = get_catalogue()
    tags: list[dict[str, Any]] = [
        {"name": c.code, "description": f"{c.code} — {c.title}"} for c in catalogue.competences
    ]
    tags += [
        {"name": "auth", "description": "Connexion, compte courant, jetons d'API"},
        {"name": "admin", "description": "Cohortes et comptes de l'organisation"},
        {"name": "competences", "description": "Référentiel, preuves, évaluations, portfolio"},
        {"name": "metrics", "description": "Indicateurs : définitions, valeurs par stagiaire"},
        {
            "name": "analyses",
            "description": "Analyse des écarts, causes, actions correctives, note de synthèse, "
            "tableau de bord de la promotion",
        },
        {
            "name": "presentations",
            "description": "Présentations de l'entreprise et de ses offres, variantes par "
            "interlocuteur et par canal, vérification",
        },
        {
            "name": "social",
            "description": "Profil professionnel, calendrier de publications, confidentialité, "
            "indicateurs, actions de social selling",
        },
        {
            "name": "exercises",
            "description": "Exercices sur un marché simulé : modèles, assignation, parcours et "
            "horloge simulée, appels et e-mails auxquels le marché répond, résultats, "
            "export et import (pour les formateurs et les plateformes d'exercices)",
        },
        {
            "name": "webhooks",
            "description": "Abonnements aux événements (exercices, preuves, évaluations, notes) "
            "pour les intégrateurs : envois signés, essais, renvois",
        },
        {"name": "health", "description": "Supervision"},
        {
            "name": "demo",
            "description": "Sources de veille fictives de la démo, servies hors ligne",
        },
    ]
    return tags


def _warm_up() -> None:
    """A served app's start: read the communes and load WeasyPrint with its fonts (0.8 s the
    first PDF would pay otherwise), then move everything loaded so far (modules, the app, the
    commune index: it lives as long as the process) out of the garbage collector's way
    (``gc.freeze``). A full collection then scans only what requests allocate: an answer of
    thousands of objects (the agenda's 5,000 items) no longer triggers a pass over the whole
    heap that costs more than the request itself."""
    commune_index()
    documents.warm_up()
    gc.collect()
    gc.freeze()


def create_app(
    settings: Settings | None = None, *, session_factory: sessionmaker[Session] | None = None
) -> FastAPI:
    """Build the app. Tests pass their own ``session_factory`` (bound to a test transaction)."""
    settings = settings or get_settings()
    logging.getLogger("capvente").setLevel(settings.log_level.upper())
    feeds.install_log_filter()  # calendar feed tokens are secrets: not in the access log
    engine = None
    if session_factory is None:
        engine = make_engine(settings.database_url, echo=settings.sql_echo)
        session_factory = make_session_factory(engine)
    evidence.install(session_factory)  # what each flush created and changed: the evidence hook

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Imports a previous run left "writing" (a crash) can be retried or cancelled.
        recover_interrupted_imports(session_factory)
        if engine is not None:  # a served app: read the communes before the first address
            threading.Thread(target=_warm_up, name="communes", daemon=True).start()
        # A served app posts its webhooks itself (tests pass their own session factory and
        # call the delivery themselves); CAPVENTE_WEBHOOKS_WORKER=false leaves it to the job.
        worker = None
        if engine is not None and settings.webhooks_worker:
            worker = DeliveryWorker(session_factory, settings).start()
        yield
        if worker is not None:
            worker.stop(timeout=5)
        if engine is not None:
            engine.dispose()

    app: FastAPI = FastAPIOffline(
        title="CapVente API",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=_openapi_tags(),
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
        favicon_url="/static-offline-docs/favicon.png",
        # Query, path and form parameters are plain text, like every schema's strings.
        dependencies=[Depends(refuse_control_characters)],
    )
    install_problem_responses(app)  # the problem+json answers of every operation
    app.state.settings = settings
    app.state.session_factory = session_factory
    # Run by the request's session just before it commits (see core.db.get_session).
    app.state.before_commit_hooks = [record_request_evidence]

    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        overrides={
            "/api/v1/prospects/imports": settings.import_max_bytes,
            "/api/v1/privacy/bloctel": settings.import_max_bytes,
            # A whole case (500 products with their arguments), as JSON or as a file.
            "/api/v1/business-cases": CASE_MAX_BYTES + 64 * 1024,
        },
    )
    app.add_middleware(SecurityHeadersMiddleware, tile_url=settings.tile_url)
    app.add_middleware(RequestIdMiddleware)  # outermost: even a 413 carries the request id
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(client_config.router)
    app.include_router(api_router)
    app.include_router(watch_demo.router)
    install_frontend(app, settings.frontend_dist)
    return app


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn --factory app.main:app_factory``."""
    return create_app()


def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI document, without a database (the web client's types and the
    demo seed's evidence are read from it)."""
    return create_app(Settings(database_url="sqlite://")).openapi()
