"""Social-selling action routes: actions on a prospect (recorded in the file as exchanges on
the channel « social »), the list of all of them, what came of each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination
from app.core.schemas import Day, Id, Page
from app.models import SocialActionKind, SocialActionOutcome, SocialNetwork
from app.prospects.deps import ReadableProspect, WritableProspect
from app.social import actions
from app.social.schemas import SocialActionCreate, SocialActionOut, SocialActionUpdate

router = APIRouter(tags=["social"])

# Each action shows CP3.9 (once per action), with the criteria of the exchange it records in
# the file (CP3.7, and CP3.1 or CP3.2 as for any exchange); an update shows it again only
# when the outcome changes (once per action).
ACTIONS = exercises("CP3", criteria=["CP3.9"])
UPDATING = exercises("CP3", criteria=["CP3.9"], fields={"outcome": ()})


@router.post(
    "/prospects/{prospect_id}/social-actions",
    response_model=SocialActionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer une action de social selling (un échange du fichier, canal social)",
    responses={409: {"description": "Contact refusé par la politique des canaux (RGPD)"}},
    **ACTIONS,
)
def create_social_action(
    data: SocialActionCreate,
    prospect: WritableProspect,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> SocialActionOut:
    recorded = actions.record_action(session, principal, settings, prospect, data)
    # What the request showed is the action (its exchange, appointment and status change
    # are rows of the file written on the way).
    about(request, "social_actions", recorded.action.id)
    note_criteria(request, *recorded.criteria)
    return recorded.action


@router.get("/prospects/{prospect_id}/social-actions", response_model=Page[SocialActionOut],
            summary="Les actions de social selling auprès d'un prospect", **ACTIONS)  # fmt: skip
def list_prospect_actions(
    prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[SocialActionOut]:
    return actions.actions_page(session, principal, page, None, prospect_id=prospect.id)


@router.get("/social/actions", response_model=Page[SocialActionOut],
            summary="Les actions de social selling", **ACTIONS)  # fmt: skip
def list_social_actions(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    network: SocialNetwork | None = None,
    kind: SocialActionKind | None = None,
    outcome: SocialActionOutcome | None = None,
    start: Annotated[Day | None, Query(alias="from", description="Premier jour (inclus).")] = None,
    end: Annotated[Day | None, Query(alias="to", description="Dernier jour (inclus).")] = None,
) -> Page[SocialActionOut]:
    return actions.actions_page(session, principal, page, owner_id, network=network, kind=kind,
                                outcome=outcome, start=start, end=end)  # fmt: skip


@router.get("/social/actions/{social_action_id}", response_model=SocialActionOut,
            summary="Une action de social selling", **ACTIONS)  # fmt: skip
def read_social_action(
    social_action_id: Id, session: DbSession, principal: CurrentPrincipal
) -> SocialActionOut:
    return actions.read_action(session, principal, social_action_id)


@router.patch("/social/actions/{social_action_id}", response_model=SocialActionOut,
              summary="Noter ce qu'a donné une action (résultat, notes)", **UPDATING)  # fmt: skip
def update_social_action(
    social_action_id: Id,
    data: SocialActionUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> SocialActionOut:
    return actions.update_action(session, principal, social_action_id, data)


@router.delete("/social/actions/{social_action_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une action (l'échange reste dans le fichier)",
               **ACTIONS)  # fmt: skip
def delete_social_action(
    social_action_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    actions.delete_action(session, principal, social_action_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
