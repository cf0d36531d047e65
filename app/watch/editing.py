"""The watch's PATCH helpers: the optimistic version check and the copy of the fields a
client sent.

temporary: replaced by app.core.patch at the 14 merge (same names, same signatures; the
watch's services then import them from there and this module goes).
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from pydantic import BaseModel

from app.core.errors import FieldError, StaleVersion


def check_version(record: Any, expected_version: int) -> None:
    """409 ``stale-version`` (problem+json with ``current_version``) unless the client read
    the version the record has now."""
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
    clearable: Container[str],
    skip: Container[str] = frozenset(),
) -> set[str]:
    """Copy the fields the client sent onto ``record`` (never ``version``, nor those in
    ``skip``: the caller handles them). A null is refused with a 422 naming the field unless
    the field is in ``clearable``. Returns the names of the fields copied."""
    sent = patch.model_fields_set
    applied: set[str] = set()
    for name in type(patch).model_fields:  # the schema's order: the first bad field is reported
        if name not in sent or name == "version" or name in skip:
            continue
        value = getattr(patch, name)
        if value is None and name not in clearable:
            raise FieldError(name, "Ce champ ne peut pas être vidé.")
        setattr(record, name, value)
        applied.add(name)
    return applied
