"""Routes that exist only in tests, to exercise the shared mechanisms (transaction, evidence,
errors) before the product's own trainee routes exist. They use the same declarations and
repositories as real routes."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from sqlalchemy import text

from app.auth.deps import CurrentPrincipal
from app.auth.repository import UserRepository
from app.auth.schemas import ApiTokenCreate
from app.auth.service import create_api_token
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import Conflict
from app.core.schemas import InputSchema

router = APIRouter(prefix="/api/v1/_test", tags=["test"])


class Rename(InputSchema):
    full_name: str
    fail: bool = False


@router.patch("/me/name", summary="Renommer mon compte", **exercises("CP3", criteria=["CP3.7"]))
def rename_me(data: Rename, session: DbSession, principal: CurrentPrincipal) -> dict[str, int]:
    user = UserRepository(session, principal).get_readable(principal.user_id)
    user.full_name = data.full_name
    session.flush()
    if data.fail:
        raise Conflict("Échec simulé après l'écriture.")
    return {"id": user.id}


@router.post("/tokens", status_code=201, **exercises("CT4"))
def make_token(session: DbSession, principal: CurrentPrincipal) -> dict[str, int]:
    token, _ = create_api_token(session, principal, ApiTokenCreate(name="via test"))
    return {"id": token.id}


@router.post("/cards", status_code=201, summary="Ajouter une fiche",
             **exercises("CP3", criteria=["CP3.7"]))  # fmt: skip
def file_card(session: DbSession, principal: CurrentPrincipal) -> dict[str, int]:
    """Creates a record each time (an API token stands for any record of the file)."""
    token, _ = create_api_token(session, principal, ApiTokenCreate(name="fiche"))
    return {"id": token.id}


@router.post("/noop/{thing_id}", **exercises("CP2", criteria=["CP2.5"]))
def noop(thing_id: int, principal: CurrentPrincipal) -> dict[str, int]:
    return {"thing": thing_id}


@router.get("/boom", **exercises("CP1"))
def boom(principal: CurrentPrincipal) -> None:
    raise RuntimeError("internal detail that must not leak")


@router.patch("/me/concurrent", **exercises("CP3"))
def concurrent_update(session: DbSession, principal: CurrentPrincipal) -> dict[str, int]:
    user = UserRepository(session, principal).get_readable(principal.user_id)
    # Another worker updates the same row between our read and our write.
    session.execute(text("UPDATE users SET version = version + 1 WHERE id = :id"), {"id": user.id})
    user.full_name = "Écrasement"
    session.flush()
    return {"id": user.id}


def with_test_routes(app: FastAPI) -> FastAPI:
    app.include_router(router)
    return app
