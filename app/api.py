"""The versioned API: one include line per domain."""

from __future__ import annotations

from fastapi import APIRouter

import app.providers  # noqa: F401  (every domain registers its metrics and agenda items)
from app.agenda import feeds_router, tasks_router
from app.agenda import router as agenda
from app.analyses import notes_router
from app.analyses import router as analyses
from app.auth import admin_router as auth_admin
from app.auth import router as auth
from app.business_cases import router as business_cases
from app.competences import router as competences
from app.exercises import router as exercises
from app.exercises import runs_router as exercise_runs
from app.follow_up import accounts_router, cases_router, complaints_router, invoices_router
from app.follow_up import router as follow_up
from app.loyalty import campaigns_router, engagement_router, offers_router, plans_router
from app.loyalty import router as loyalty
from app.metrics import router as metrics
from app.plans import router as plans
from app.presentations import router as presentations
from app.privacy import router as privacy
from app.prospects import activity_router, import_router, targeting_router
from app.prospects import router as prospects
from app.sales import interviews_router, quotes_router
from app.sales import router as sales
from app.social import actions_router as social_actions
from app.social import router as social
from app.tours import router as tours
from app.watch import (
    competitors_router,
    digest_router,
    items_router,
    searches_router,
    sources_router,
)
from app.webhooks import router as webhooks

API_PREFIX = "/api/v1"

api_router = APIRouter(prefix=API_PREFIX)
api_router.include_router(auth.router)
api_router.include_router(auth_admin.router)
api_router.include_router(competences.router)
api_router.include_router(business_cases.router)
api_router.include_router(metrics.router)
api_router.include_router(plans.router)
api_router.include_router(analyses.router)
api_router.include_router(notes_router.router)
api_router.include_router(sales.router)
api_router.include_router(quotes_router.router)
api_router.include_router(interviews_router.router)
api_router.include_router(follow_up.router)
api_router.include_router(invoices_router.router)
api_router.include_router(cases_router.router)
api_router.include_router(complaints_router.router)
api_router.include_router(accounts_router.router)
api_router.include_router(loyalty.router)
api_router.include_router(plans_router.router)
api_router.include_router(campaigns_router.router)
api_router.include_router(offers_router.router)
api_router.include_router(engagement_router.router)
api_router.include_router(import_router.router)
api_router.include_router(prospects.router)
api_router.include_router(activity_router.router)
api_router.include_router(targeting_router.router)
api_router.include_router(privacy.router)
api_router.include_router(tours.router)
api_router.include_router(presentations.router)
api_router.include_router(social.router)
api_router.include_router(social_actions.router)
api_router.include_router(sources_router.router)
api_router.include_router(competitors_router.router)
api_router.include_router(items_router.router)
api_router.include_router(searches_router.router)
api_router.include_router(digest_router.router)
api_router.include_router(agenda.router)
api_router.include_router(tasks_router.router)
api_router.include_router(feeds_router.router)
api_router.include_router(webhooks.router)
api_router.include_router(exercises.router)
api_router.include_router(exercise_runs.router)
