"""The watch's part of the agenda: tasks may link to a watch item ("lire l'étude",
"partager l'article"); the watch has no dated items to show (registered at import,
``app.providers``)."""

from __future__ import annotations

from app.agenda import registry
from app.models import TaskLinkKind
from app.watch.repository import ItemRepository

registry.register_link_kind(
    TaskLinkKind.WATCH_ITEM, "/veille?article={id}", registry.own_record(ItemRepository)
)
