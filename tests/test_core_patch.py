"""app.core.patch: the optimistic version check and the PATCH copy every domain uses."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.core.errors import FieldError, StaleVersion
from app.core.patch import EVERY_FIELD, apply_patch, check_version, every_field_but
from app.core.schemas import VersionedUpdate


class Change(VersionedUpdate):
    name: str | None = None
    notes: str | None = None
    place: str | None = None


def test_check_version_is_a_409_naming_the_current_version() -> None:
    check_version(SimpleNamespace(version=3), 3)
    with pytest.raises(StaleVersion) as caught:
        check_version(SimpleNamespace(version=4), 3)
    assert caught.value.status == 409
    assert caught.value.detail == (
        "Version 3 périmée : la version actuelle est 4. Rechargez la ressource avant de la modifier."
    )
    assert caught.value.extra == {"current_version": 4}


def test_apply_patch_copies_what_was_sent_only() -> None:
    record = SimpleNamespace(version=1, name="A", notes="n", place="p")
    applied = apply_patch(
        record, Change(version=1, name="B", place=None), clearable={"place"}, skip=set()
    )
    assert applied == {"name", "place"}
    assert (record.version, record.name, record.notes, record.place) == (1, "B", "n", None)


def test_apply_patch_refuses_a_null_the_field_cannot_take() -> None:
    record = SimpleNamespace(version=1, name="A", notes="n", place="p")
    with pytest.raises(FieldError) as caught:
        apply_patch(record, Change(version=1, notes=None), clearable=every_field_but("notes"))
    assert caught.value.status == 422
    assert caught.value.extra["errors"] == [
        {"location": "body", "field": "notes", "message": "Ce champ ne peut pas être vidé.",
         "type": "rule"}
    ]  # fmt: skip
    assert record.notes == "n"


def test_apply_patch_leaves_skipped_fields_to_the_caller() -> None:
    record = SimpleNamespace(version=1, name="A", notes="n", place="p")
    applied = apply_patch(
        record, Change(version=1, name=None, notes="m"), clearable=EVERY_FIELD, skip={"notes"}
    )
    assert applied == {"name"}
    assert (record.name, record.notes) == (None, "n")
