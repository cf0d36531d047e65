"""PATCH semantics shared by every domain: optimistic versions, and copying what was sent.

A PATCH body is a ``VersionedUpdate`` (app/core/schemas.py): the client sends the version it
read and only the fields it changes; a field sent as ``null`` clears it when the field may be
empty.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any, Final

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


class _EveryFieldBut(Container[str]):
    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def __contains__(self, name: object) -> bool:
        return name not in self.names

    def __repr__(self) -> str:
        return f"every_field_but({', '.join(sorted(self.names))})"


def every_field_but(*names: str) -> Container[str]:
    """``clearable=every_field_but("name")``: a null clears any field but these."""
    return _EveryFieldBut(frozenset(names))


#: ``clearable=EVERY_FIELD``: any field sent as null is copied as null (the record's own
#: checks, or the database, say what may not be empty).
EVERY_FIELD: Final[Container[str]] = _EveryFieldBut(frozenset())


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
