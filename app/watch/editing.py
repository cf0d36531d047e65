"""The watch's PATCH helpers: the optimistic version check and the copy of the fields a
client sent.

temporary: replaced by app.core.patch at the 14 merge (same names, same signatures).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import BaseModel

from app.core.errors import FieldError, StaleVersion


def check_version(record: Any, expected_version: int) -> None:
    """409 ``stale-version`` when ``record`` changed since the client read it."""
    if record.version != expected_version:
        raise StaleVersion(
            f"Version {expected_version} périmée : la version actuelle est {record.version}. "
            "Rechargez la ressource avant de la modifier.",
            current_version=record.version,
        )


def apply_patch(
    record: Any,
    patch: BaseModel,
    *,
    clearable: Collection[str] = frozenset(),
    skip: Collection[str] = frozenset(),
) -> None:
    """Copy the fields the client sent (all but ``version`` and ``skip``) onto ``record``;
    a null is refused (422 naming the field) unless the field is in ``clearable``."""
    for name in patch.model_fields_set - {"version"} - set(skip):
        value = getattr(patch, name)
        if value is None and name not in clearable:
            raise FieldError(name, "Ce champ ne peut pas être vidé.")
        setattr(record, name, value)
