"""What the web client needs to know before anyone logs in (no secrets): the map tiles."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import Field

from app.core.schemas import Schema

router = APIRouter(tags=["health"])


class ClientConfig(Schema):
    tile_url: str | None = Field(
        description="Modèle d'URL des tuiles de carte ({z}/{x}/{y}) ; absent : fond uni, "
        "les cartes montrent quand même les points et les trajets."
    )
    tile_attribution: str


@router.get("/api/v1/client-config", response_model=ClientConfig,
            summary="Réglages du client web (tuiles de carte)")  # fmt: skip
def client_config(request: Request) -> ClientConfig:
    settings = request.app.state.settings
    return ClientConfig(tile_url=settings.tile_url or None,
                        tile_attribution=settings.tile_attribution)  # fmt: skip
