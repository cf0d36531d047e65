"""Social selling routes: the professional profile per network, the content calendar and its
posts (checks, approval, publication), their measurements and the audience per network, the
privacy checklists and the dashboard. Social actions on prospects: ``actions_router.py``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter, check_readable_person
from app.competences.evidence import about, shows_nothing
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination
from app.core.schemas import MAX_ID, Day, Id, Page
from app.models import PostStatus, SocialNetwork
from app.social import checklists, dashboard, figures, posts, profiles
from app.social.schemas import (
    SocialCheckOut,
    SocialDashboardOut,
    SocialKpiIn,
    SocialKpiOut,
    SocialPostCheckIn,
    SocialPostIn,
    SocialPostOut,
    SocialPostUpdate,
    SocialPrivacyIn,
    SocialPrivacyOut,
    SocialProfileIn,
    SocialProfileOut,
    SocialPublishIn,
    SocialStatIn,
    SocialStatOut,
)

router = APIRouter(tags=["social"])

# The profile shows CP5.4 the first time it passes the charter (once per profile).
PROFILES = exercises("CP5", criteria=["CP5.4"])
# A post shows CP5.5, CP5.6 and CP3.8 when it is approved (once per post); drafting,
# checking, publishing and cancelling record nothing.
POSTS = exercises("CP5", "CP3", criteria=["CP5.5", "CP5.6", "CP3.8", "CT1.8"])
DRAFTING = exercises("CP5", "CP3", criteria=["CP5.5", "CP5.6", "CP3.8", "CT1.8"], evidence=False)
# Figures (a post's measurements, the audience) show no competence by themselves.
FIGURES = exercises("CP3", criteria=["CP3.8"], evidence=False)
# A network's privacy checklist shows CP5.6 when it becomes complete (once per network).
PRIVACY = exercises("CP5", criteria=["CP5.6", "CT1.8"])
DASHBOARD = exercises("CP5", "CP3", criteria=["CP3.8", "CP3.9"], evidence=False)


def trainee_of(
    session: DbSession,
    principal: CurrentPrincipal,
    trainee_id: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="Le stagiaire dont on lit le travail (un formateur le nomme ; un "
            "stagiaire lit le sien).",
        ),
    ] = None,
) -> int:
    """Whose records: the caller's own; staff name a trainee they may read (422 otherwise)."""
    if trainee_id is None:
        return principal.user_id
    check_readable_person(session, principal, trainee_id, "trainee_id")
    return trainee_id


Trainee = Annotated[int, Depends(trainee_of)]
From = Annotated[Day | None, Query(alias="from", description="Premier jour (inclus).")]
To = Annotated[Day | None, Query(alias="to", description="Dernier jour (inclus).")]


# ----------------------------------------------------------------- profiles


@router.get("/social/profiles", response_model=list[SocialProfileOut],
            summary="Ses profils professionnels (un par réseau) et leur contrôle",
            **PROFILES)  # fmt: skip
def list_profiles(
    session: DbSession, principal: CurrentPrincipal, trainee: Trainee
) -> list[SocialProfileOut]:
    return profiles.profiles_of(session, principal, trainee)


@router.get("/social/profiles/{network}", response_model=SocialProfileOut,
            summary="Son profil sur un réseau", **PROFILES)  # fmt: skip
def read_profile(
    network: SocialNetwork, session: DbSession, principal: CurrentPrincipal, trainee: Trainee
) -> SocialProfileOut:
    return profiles.profile_of(session, principal, trainee, network)


@router.put("/social/profiles/{network}", response_model=SocialProfileOut,
            summary="Écrire ou remplacer son profil (avec sa version pour remplacer), contrôlé "
            "à la charte", **PROFILES)  # fmt: skip
def save_profile(
    network: SocialNetwork,
    data: SocialProfileIn,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> SocialProfileOut:
    saved = profiles.save_profile(session, principal, network, data)
    if saved.first_pass:
        profile = saved.profile
        about(
            request, "social_profiles", profile.id, once_per=f"social_profiles:{profile.id}:passed"
        )
    else:
        shows_nothing(request)
    return saved.profile


# ----------------------------------------------------------------- posts


@router.get("/social/posts", response_model=Page[SocialPostOut],
            summary="Le calendrier éditorial : publications prévues", **POSTS)  # fmt: skip
def list_posts(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    start: From = None,
    end: To = None,
    network: SocialNetwork | None = None,
    status_: Annotated[PostStatus | None, Query(alias="status")] = None,
) -> Page[SocialPostOut]:
    return posts.calendar(session, principal, page, owner_id, start=start, end=end,
                          network=network, status=status_)  # fmt: skip


@router.post("/social/posts", response_model=SocialPostOut, status_code=status.HTTP_201_CREATED,
             summary="Prévoir une publication (brouillon contrôlé)", **DRAFTING)  # fmt: skip
def create_post(
    data: SocialPostIn, session: DbSession, principal: CurrentPrincipal
) -> SocialPostOut:
    return posts.create_post(session, principal, data)


@router.post("/social/posts/check", response_model=SocialCheckOut,
             summary="Contrôler une publication sans l'enregistrer", **DRAFTING)  # fmt: skip
def check_post(
    data: SocialPostCheckIn, session: DbSession, principal: CurrentPrincipal
) -> SocialCheckOut:
    return posts.check_post(session, principal, data)


@router.get("/social/posts/{post_id}", response_model=SocialPostOut,
            summary="Une publication, son contrôle et ses derniers chiffres", **POSTS)  # fmt: skip
def read_post(post_id: Id, session: DbSession, principal: CurrentPrincipal) -> SocialPostOut:
    return posts.read_post(session, principal, post_id)


@router.patch("/social/posts/{post_id}", response_model=SocialPostOut,
              summary="Modifier une publication (une publication approuvée redevient brouillon)",
              **DRAFTING)  # fmt: skip
def update_post(
    post_id: Id, data: SocialPostUpdate, session: DbSession, principal: CurrentPrincipal
) -> SocialPostOut:
    return posts.update_post(session, principal, post_id, data)


@router.delete("/social/posts/{post_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une publication", **DRAFTING)  # fmt: skip
def delete_post(post_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    posts.delete_post(session, principal, post_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/social/posts/{post_id}/approve",
    response_model=SocialPostOut,
    summary="Approuver une publication (refusé tant que la confidentialité la bloque)",
    responses={409: {"description": "Publication bloquée (post-blocked) : les constats en cause."}},
    **POSTS,
)
def approve_post(
    post_id: Id, request: Request, session: DbSession, principal: CurrentPrincipal
) -> SocialPostOut:
    approved = posts.approve_post(session, principal, post_id)
    if approved.shown:
        about(request, "social_posts", post_id, once_per=f"social_posts:{post_id}:approved")
    else:
        shows_nothing(request)
    return approved.post


@router.post("/social/posts/{post_id}/publish", response_model=SocialPostOut,
             summary="Noter la publication d'une publication approuvée", **DRAFTING)  # fmt: skip
def publish_post(
    post_id: Id, data: SocialPublishIn, session: DbSession, principal: CurrentPrincipal
) -> SocialPostOut:
    return posts.publish_post(session, principal, post_id, data)


@router.post("/social/posts/{post_id}/cancel", response_model=SocialPostOut,
             summary="Annuler une publication prévue", **DRAFTING)  # fmt: skip
def cancel_post(post_id: Id, session: DbSession, principal: CurrentPrincipal) -> SocialPostOut:
    return posts.cancel_post(session, principal, post_id)


# ----------------------------------------------------------------- figures


@router.get("/social/posts/{post_id}/kpis", response_model=list[SocialKpiOut],
            summary="Les relevés d'une publication", **FIGURES)  # fmt: skip
def list_kpis(post_id: Id, session: DbSession, principal: CurrentPrincipal) -> list[SocialKpiOut]:
    return figures.kpis_of(session, principal, post_id)


@router.post("/social/posts/{post_id}/kpis", response_model=SocialKpiOut,
             status_code=status.HTTP_201_CREATED,
             summary="Relever les chiffres d'une publication publiée (un relevé par jour : 201 "
             "créé, 200 remplacé)", **FIGURES)  # fmt: skip
def save_kpi(
    post_id: Id,
    data: SocialKpiIn,
    response: Response,
    session: DbSession,
    principal: CurrentPrincipal,
) -> SocialKpiOut:
    saved = figures.save_kpi(session, principal, post_id, data)
    if not saved.created:
        response.status_code = status.HTTP_200_OK
    return saved.kpi


@router.delete("/social/posts/{post_id}/kpis/{kpi_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer un relevé", **FIGURES)  # fmt: skip
def delete_kpi(
    post_id: Id, kpi_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    figures.delete_kpi(session, principal, post_id, kpi_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/social/stats", response_model=Page[SocialStatOut],
            summary="L'audience relevée par réseau (abonnés, relations)", **FIGURES)  # fmt: skip
def list_stats(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    network: SocialNetwork | None = None,
    start: From = None,
    end: To = None,
) -> Page[SocialStatOut]:
    return figures.stats_page(session, principal, page, owner_id, network=network, start=start,
                              end=end)  # fmt: skip


@router.post("/social/stats", response_model=SocialStatOut, status_code=status.HTTP_201_CREATED,
             summary="Relever son audience sur un réseau (un relevé par réseau et par jour : 201 "
             "créé, 200 remplacé)", **FIGURES)  # fmt: skip
def save_stat(
    data: SocialStatIn, response: Response, session: DbSession, principal: CurrentPrincipal
) -> SocialStatOut:
    saved = figures.save_stat(session, principal, data)
    if not saved.created:
        response.status_code = status.HTTP_200_OK
    return saved.stat


@router.delete("/social/stats/{stat_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer un relevé d'audience", **FIGURES)  # fmt: skip
def delete_stat(stat_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    figures.delete_stat(session, principal, stat_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ----------------------------------------------------------------- privacy checklists


@router.get("/social/privacy", response_model=list[SocialPrivacyOut],
            summary="Les réglages de confidentialité à appliquer, par réseau",
            **PRIVACY)  # fmt: skip
def list_checklists(
    session: DbSession, principal: CurrentPrincipal, trainee: Trainee
) -> list[SocialPrivacyOut]:
    return checklists.checklists_of(session, principal, trainee)


@router.put("/social/privacy/{network}", response_model=SocialPrivacyOut,
            summary="Cocher les réglages appliqués sur un réseau", **PRIVACY)  # fmt: skip
def save_checklist(
    network: SocialNetwork,
    data: SocialPrivacyIn,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> SocialPrivacyOut:
    ticked = checklists.save_checklist(session, principal, network, data)
    if ticked.completed_now:
        about(request, "social_privacy_checks", ticked.record_id,
              once_per=f"social_privacy:{network.value}")  # fmt: skip
    else:
        shows_nothing(request)
    return ticked.checklist


# ----------------------------------------------------------------- dashboard


@router.get("/social/dashboard", response_model=SocialDashboardOut,
            summary="Tableau de bord du social selling sur une période", **DASHBOARD)  # fmt: skip
def social_dashboard(
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    trainee: Trainee,
    start: Annotated[
        Day | None,
        Query(alias="from", description="Premier jour (inclus ; défaut : le 1er du mois de `to`)."),
    ] = None,
    end: Annotated[
        Day | None,
        Query(
            alias="to",
            description="Dernier jour (inclus ; défaut : aujourd'hui ; au plus "
            "366 jours depuis `from`).",
        ),
    ] = None,
) -> SocialDashboardOut:
    return dashboard.dashboard(session, principal, settings, trainee, start, end)
