"""The scoped repository every domain builds on: statements start from the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from app.core import scoping
from app.core.errors import FieldError, Forbidden, NotFound
from app.core.principal import Principal

M = TypeVar("M")


class ScopedRepository(Generic[M]):
    model: ClassVar[type[Any]]
    #: French noun used in "not found" messages ("Cohorte 12 introuvable.").
    label: ClassVar[str] = "Ressource"
    #: The 422 message of ``get_child`` when the record is not the parent's ({id}: its id).
    not_a_child: ClassVar[str] = "{id} : enregistrement inconnu pour cette fiche."

    def __init__(self, session: Session, principal: Principal) -> None:
        self.session = session
        self.principal = principal

    def readable_statement(self, owner_id: int | None = None) -> Select[M]:
        """What the caller may read; ``owner_id`` (see ``app.auth.deps.OwnerFilter``) keeps
        one person's records among them."""
        stmt = select(self.model).where(scoping.readable(self.model, self.principal))
        if owner_id is not None:
            stmt = stmt.where(scoping.owned_by(self.model, owner_id))
        return stmt

    def writable_statement(self) -> Select[M]:
        return select(self.model).where(scoping.writable(self.model, self.principal))

    def get_readable(self, id_: int, options: Sequence[ORMOption] = ()) -> M:
        """The record if the caller may read it, else 404 (whether or not it exists)."""
        obj = self.session.scalar(
            self.readable_statement().where(self.model.id == id_).options(*options)
        )
        if obj is None:
            raise NotFound(f"{self.label} {id_} introuvable.")
        return obj

    def get_writable(self, id_: int, options: Sequence[ORMOption] = ()) -> M:
        """The record if the caller may change it; 404 if unseen, 403 if only readable."""
        obj = self.session.scalar(
            self.writable_statement().where(self.model.id == id_).options(*options)
        )
        if obj is not None:
            return obj
        self.get_readable(id_)  # raises 404 when the caller cannot even see it
        raise Forbidden(f"{self.label} {id_} : consultation seule, modification non autorisée.")

    def get_referenced(self, id_: int, field: str) -> M:
        """A record of the caller's that the payload's ``field`` points to (a link to their
        competitor, prospect, source...): else 422 naming the field, whether or not it
        exists (another trainee's record is "unknown" too)."""
        obj = self.session.scalar(self.writable_statement().where(self.model.id == id_))
        if obj is None:
            raise self.unknown(id_, field)
        return obj

    def get_referenced_many(self, ids: Sequence[int]) -> dict[int, M]:
        """``get_referenced`` for several ids in one statement: the records of the caller's
        among them, by id (the caller refuses the others with ``unknown``)."""
        found: dict[int, M] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for obj in self.session.scalars(
                self.writable_statement().where(self.model.id.in_(chunk))
            ):
                found[cast(Any, obj).id] = obj
        return found

    @classmethod
    def unknown(cls, id_: int, field: str) -> FieldError:
        """The 422 of a payload's ``field`` naming a record the caller cannot link to."""
        return FieldError(field, f"{cls.label} {id_} inconnu(e) parmi vos fiches.")

    def get_child(
        self, id_: int | None, field: str, *, parent: str, parent_id: int, writable: bool = False
    ) -> M | None:
        """A linked record of the caller's parent record, named by the payload's ``field``
        (the contact of this prospect an interaction or a consent is about): None when the
        payload names none, else 422 naming the field unless the record belongs to the parent
        (column ``parent`` is ``parent_id``) and the caller may read it (or change it, with
        ``writable``)."""
        if id_ is None:
            return None
        stmt = self.writable_statement() if writable else self.readable_statement()
        obj = self.session.scalar(
            stmt.where(self.model.id == id_, getattr(self.model, parent) == parent_id)
        )
        if obj is None:
            raise FieldError(field, self.not_a_child.format(id=id_))
        return obj
