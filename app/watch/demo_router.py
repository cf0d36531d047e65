"""The demo's own watch sources, served with no login (see ``demo``)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.config import Settings
from app.watch import demo

router = APIRouter(tags=["demo"])


@router.get(
    "/demo/watch/{path:path}",
    summary="Sources de veille de la démo (flux et pages fictifs, sans Internet)",
    response_class=Response,
)
def demo_document(path: str, request: Request) -> Response:
    settings: Settings = request.app.state.settings
    return demo.serve(path, settings, if_none_match=request.headers.get("if-none-match"))
