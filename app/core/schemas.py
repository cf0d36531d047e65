"""Schema bases and the bounded input types shared by every domain.

Every value the API accepts is bounded by its schema, so that nothing a client sends can
reach the database or the date arithmetic out of range (a 500) instead of being refused
with a 422 naming the field:

- ids (path, query, body) are :data:`Id`: 1 to 2³¹−1, the range of the id columns
  (PostgreSQL ``INTEGER``; SQLite takes up to 2⁶³−1, a larger number fails to bind);
- date-times are :data:`DateTime` / :data:`AwareDateTime` and dates :data:`Day`, between
  1900 and 2199: ``9999-12-31T23:59:59-14:00`` overflows when it is converted to UTC, and
  the last representable day has no next day; times of day are :data:`LocalTime`, without
  an offset;
- text is plain text: no control character (NUL breaks PostgreSQL, the others break
  exports, logs and SQLite's full-text search), no lone surrogate; tabs and line breaks
  only in the fields declared :data:`MultilineText`. Every :class:`InputSchema` checks its
  strings (in lists and objects too) and :func:`refuse_control_characters` checks query,
  path and form parameters, so a new field or route is covered without anyone thinking
  of it;
- lists and strings carry a maximum length (``tests/test_input_bounds.py`` fails for an
  input without one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Annotated, Any, ClassVar, Generic, TypeVar, get_args

from fastapi import Request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from app.common.findings import Finding
from app.common.text import control_character
from app.core.errors import FieldError

# ----------------------------------------------------------------- integers

MAX_ID = 2**31 - 1
"""The largest id: PostgreSQL's ``INTEGER`` (the type of every id column)."""
MAX_INT = MAX_ID
"""Any other integer stored in an ``INTEGER`` column (versions, counts)."""

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A record's id, wherever it is given (path, query or body)."""

# ----------------------------------------------------------------- dates and times

MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2199, 12, 31)
_RANGE_TEXT = f"entre {MIN_DAY.year} et {MAX_DAY.year}"


def _day_in_range(value: date) -> date:
    if not MIN_DAY <= value <= MAX_DAY:
        raise PydanticCustomError(
            "date_out_of_range", "Date hors de la plage permise (années {range}).",
            {"range": _RANGE_TEXT},
        )  # fmt: skip
    return value


def _datetime_in_range(value: datetime) -> datetime:
    # Checked on the wall-clock date, before any conversion: with the range's margin of
    # years, converting to UTC (±1 day at most) cannot overflow afterwards.
    if not MIN_DAY <= value.date() <= MAX_DAY:
        raise PydanticCustomError(
            "datetime_out_of_range", "Date et heure hors de la plage permise (années {range}).",
            {"range": _RANGE_TEXT},
        )  # fmt: skip
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise PydanticCustomError(
            "timezone_aware", "Indiquez le fuseau horaire (ex. 2026-12-03T14:30:00+01:00)."
        )
    return value


def _local(value: time) -> time:
    if value.tzinfo is not None:
        raise PydanticCustomError(
            "time_zone_not_allowed",
            "Heure locale attendue, sans fuseau horaire (ex. 08:30) : les heures de la journée "
            "sont celles du fuseau du centre.",
        )
    return value


Day = Annotated[date, AfterValidator(_day_in_range)]
"""A calendar date between 1900 and 2199."""
DateTime = Annotated[datetime, AfterValidator(_datetime_in_range)]
"""A date-time between 1900 and 2199, with or without a time zone (a filter's bound)."""
AwareDateTime = Annotated[datetime, AfterValidator(_datetime_in_range), AfterValidator(_aware)]
"""A moment: a date-time between 1900 and 2199 with its time zone (stored in UTC)."""
LocalTime = Annotated[time, AfterValidator(_local)]
"""A time of day on the wall clock (working hours, a lunch break): no offset, since the day
it falls on gives it one (a 12:00+01:00 beside a 14:00 could not even be compared)."""

# ----------------------------------------------------------------- text


class _Multiline:
    """Marker of the text fields where tabs and line breaks belong (notes, descriptions)."""

    def __repr__(self) -> str:
        return "MULTILINE"


MULTILINE = _Multiline()
MultilineText = Annotated[str, MULTILINE]
"""Text of several lines: tabs and line breaks allowed, other control characters refused.
Combine it with the field's length: ``Annotated[MultilineText, Field(max_length=4000)]``."""


def _is_multiline(annotation: Any) -> bool:
    """Whether ``annotation`` (``MultilineText``, in an ``Annotated``, a union or a list)
    marks multi-line text."""
    if annotation is None:
        return False
    metadata = getattr(annotation, "__metadata__", ())
    if any(item is MULTILINE for item in metadata):
        return True
    return any(_is_multiline(arg) for arg in get_args(annotation) if not isinstance(arg, str))


def check_text(value: Any, *, multiline: bool) -> None:
    """Raise a ``ValueError`` naming the first control character found in ``value``'s
    strings (in lists, tuples, sets and mappings too, keys included)."""
    if isinstance(value, str):
        bad = control_character(value, multiline=multiline)
        if bad is not None:
            raise PydanticCustomError(
                "control_character",
                "Caractère de contrôle interdit ({character}) : texte simple attendu{where}.",
                {"character": bad, "where": "" if multiline else " sur une seule ligne"},
            )
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_text(key, multiline=False)
            check_text(item, multiline=multiline)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_text(item, multiline=multiline)


# ----------------------------------------------------------------- schema bases


class Schema(BaseModel):
    """Output schemas: read from ORM objects."""

    model_config = ConfigDict(from_attributes=True)


class InputSchema(BaseModel):
    """Input schemas: unknown fields are refused so typos surface as 422, and every string
    is plain text (see the module's docstring; ``MultilineText`` fields keep their lines)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    _multiline_fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._multiline_fields = frozenset(
            name
            for name, field in cls.model_fields.items()
            if _is_multiline(field.annotation) or any(item is MULTILINE for item in field.metadata)
        )

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: Any, info: Any) -> Any:
        # Nested input schemas checked their own fields; enums and numbers cannot hold one.
        if not isinstance(value, BaseModel):
            check_text(value, multiline=info.field_name in cls._multiline_fields)
        return value


class VersionedUpdate(InputSchema):
    """Updates carry the version they were based on (optimistic locking)."""

    version: int = Field(
        ge=1, le=MAX_INT, description="Version lue avant la modification (verrou optimiste)."
    )


class CheckFinding(Schema):
    """One rule's verdict of a checker (``app.common.findings.Finding``): a presentation's, a
    profile's, a post's."""

    rule: str
    severity: str = Field(description="« ok », « warning » (conseil) ou « error » (échec).")
    message: str
    field: str | None = Field(default=None, description="La partie de la fiche concernée.")
    start: int | None = Field(default=None, description="Début de l'endroit dans le texte.")
    end: int | None = Field(default=None, description="Fin de l'endroit dans le texte.")


def findings_out(findings: Sequence[Finding] | Sequence[Mapping[str, Any]]) -> list[CheckFinding]:
    """Findings as answered: fresh from a checker, or as stored on a record (``CheckedMixin``)."""
    return [
        CheckFinding.model_validate(f.as_dict() if isinstance(f, Finding) else f) for f in findings
    ]


T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T]
    total: int = Field(description="Nombre total d'éléments correspondant aux filtres.")
    total_exact: bool = Field(
        default=True,
        description="Faux quand le décompte s'est arrêté au plafond : `total` est alors un "
        "minimum (« au moins 10 000 »). Les pages restent toutes accessibles.",
    )
    limit: int
    offset: int


# ----------------------------------------------------------------- parameters


async def refuse_control_characters(request: Request) -> None:
    """App-wide dependency: query, path and form parameters are plain text too (``q=%00``
    reached PostgreSQL, which refuses NUL, and SQLite's full-text search). Multi-line form
    fields do not exist; a file's content is the import's to check."""
    values: list[tuple[str, str, Any]] = [
        ("query", name, value) for name, value in request.query_params.multi_items()
    ]
    values += [("path", name, value) for name, value in request.path_params.items()]
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form()
        values += [("body", name, value) for name, value in form.multi_items()]
    for location, name, value in values:
        if isinstance(value, str):
            bad = control_character(value, multiline=False)
            if bad is not None:
                raise FieldError(
                    name,
                    f"Caractère de contrôle interdit ({bad}) : texte simple attendu.",
                    location=location,
                )
