"""Queries of the prospect file, all built from the caller's scope."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, Text, and_, cast, false, func, literal, or_, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from app.common.text import search_terms
from app.core.errors import NotFound
from app.core.pagination import PageParams, order_by
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.models import (
    Appointment,
    CallScript,
    Campaign,
    CampaignMember,
    Contact,
    ImportJob,
    Interaction,
    Persona,
    PersonaMatch,
    PresentationVariant,
    Priority,
    Prospect,
    ProspectKind,
    ProspectStatus,
    ProspectStatusChange,
)
from app.prospects import matching, rules
from app.prospects.search import matches


class ProspectRepository(ScopedRepository[Prospect]):
    model = Prospect
    label = "Prospect"


class ContactRepository(ScopedRepository[Contact]):
    model = Contact
    label = "Contact"
    not_a_child = "Le contact {id} n'appartient pas à ce prospect."

    def of_prospect(
        self, prospect: Prospect, contact_id: int | None, *, writable: bool = False
    ) -> Contact | None:
        """The contact of ``prospect`` a payload's ``contact_id`` names (None when none):
        422 on ``contact_id`` when it is not one of this prospect's."""
        return self.get_child(
            contact_id, "contact_id", parent="prospect_id", parent_id=prospect.id, writable=writable
        )

    def get_of(self, prospect: Prospect, contact_id: int, *, write: bool) -> Contact:
        """A contact the path names under its prospect: 404 unless it is this prospect's
        (403 when the caller may only read it and ``write``)."""
        contact = self.get_writable(contact_id) if write else self.get_readable(contact_id)
        if contact.prospect_id != prospect.id:
            raise NotFound(f"Contact {contact_id} introuvable pour ce prospect.")
        return contact


class InteractionRepository(ScopedRepository[Interaction]):
    model = Interaction
    label = "Interaction"

    def get_of(self, prospect: Prospect, interaction_id: int) -> Interaction:
        """An interaction the path names under its prospect: 404 unless it is this one's."""
        interaction = self.get_readable(interaction_id)
        if interaction.prospect_id != prospect.id:
            raise NotFound(f"Interaction {interaction_id} introuvable pour ce prospect.")
        return interaction


class AppointmentRepository(ScopedRepository[Appointment]):
    model = Appointment
    label = "Rendez-vous"


class PersonaRepository(ScopedRepository[Persona]):
    model = Persona
    label = "Persona"


class CallScriptRepository(ScopedRepository[CallScript]):
    model = CallScript
    label = "Script d'appel"


class CampaignRepository(ScopedRepository[Campaign]):
    model = Campaign
    label = "Campagne"


class PresentationVariantLookup(ScopedRepository[PresentationVariant]):
    """The presentation variants (app.presentations, above this domain) a campaign may name:
    a plain scoped look-up of their table."""

    model = PresentationVariant
    label = "Variante de présentation"


class CampaignMemberRepository(ScopedRepository[CampaignMember]):
    model = CampaignMember
    label = "Membre de campagne"


class ImportJobRepository(ScopedRepository[ImportJob]):
    model = ImportJob
    label = "Import"


class StatusChangeRepository(ScopedRepository[ProspectStatusChange]):
    model = ProspectStatusChange
    label = "Changement de statut"


@dataclass
class ProspectFilters:
    """The list's filters (all optional, combined with AND)."""

    q: str | None = None
    status: list[ProspectStatus] = field(default_factory=list)
    kind: ProspectKind | None = None
    sector: str | None = None
    priority: Priority | None = None
    potential_min: Decimal | None = None
    potential_max: Decimal | None = None
    next_contact_before: date | None = None
    tag: str | None = None
    persona: Persona | None = None
    min_match: int | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    include_anonymised: bool = False
    owner_id: int | None = None


def filtered(
    stmt: Select[Prospect], f: ProspectFilters, dialect: str, *, stored_scores: bool = False
) -> tuple[Select[Any], dict[str, Any]]:
    """Apply the filters; return the statement (with score/distance columns when asked) and
    the extra sortable expressions. ``dialect``: the backend's name (the text search reaches
    its index differently on each). ``stored_scores``: read the persona's scores from
    ``persona_matches`` (current, see ``matching``) instead of computing them."""
    conditions: list[Any] = []
    if not f.include_anonymised:
        conditions.append(Prospect.anonymised == false())
    terms = search_terms(f.q or "")
    if terms:
        conditions.append(matches(terms, dialect))
    if f.status:
        conditions.append(Prospect.status.in_(f.status))
    if f.kind:
        conditions.append(Prospect.kind == f.kind)
    if f.sector:
        conditions.append(Prospect.sector_key == rules.sector_key(f.sector))
    if f.priority:
        conditions.append(Prospect.priority == f.priority)
    if f.potential_min is not None:
        conditions.append(Prospect.potential >= f.potential_min)
    if f.potential_max is not None:
        conditions.append(Prospect.potential <= f.potential_max)
    if f.next_contact_before:
        conditions.append(Prospect.next_contact_on <= f.next_contact_before)
    if f.tag:
        # Tags are a JSON list; its text form holds the quoted tag on both backends, with
        # its accented letters escaped as JSON writes them (« Été » is "\u00c9t\u00e9"),
        # which the database's lower() leaves as they are: the tag is looked for in lower
        # case and with a capital first letter (« été », « Été »), escaped and as typed.
        wanted = f.tag.strip().lower()
        stored = func.lower(cast(Prospect.tags, Text))
        forms = (json.dumps(wanted), json.dumps(wanted.capitalize()).lower(), f'"{wanted}"')
        conditions.append(
            or_(*(stored.contains(form, autoescape=True) for form in dict.fromkeys(forms)))
        )
    extra: dict[str, Any] = {}
    columns: list[Any] = []
    if f.persona is not None and stored_scores:
        stmt = stmt.join(
            PersonaMatch,
            and_(PersonaMatch.prospect_id == Prospect.id, PersonaMatch.persona_id == f.persona.id),
        )
        extra["persona_match"] = PersonaMatch.score.label("persona_match")
        columns.append(extra["persona_match"])
        if f.min_match is not None:
            conditions.append(PersonaMatch.score >= f.min_match)
    elif f.persona is not None:
        criteria = rules.persona_criteria(f.persona)
        score = rules.match_score_sql(criteria, Prospect).label("persona_match")
        extra["persona_match"] = score
        columns.append(score)
        if f.min_match is not None:
            conditions.append(rules.match_score_sql(criteria, Prospect) >= f.min_match)
    if f.near is not None and f.radius_km is not None:
        lat0, lon0 = f.near
        conditions.append(
            rules.within_km_clause(Prospect.latitude, Prospect.longitude, lat0, lon0, f.radius_km)
        )
        distance2 = _distance2(lat0, lon0).label("distance2")
        extra["distance"] = distance2
        columns.append(distance2)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    if columns:
        stmt = stmt.add_columns(*columns)
    return stmt, extra


PROSPECT_SORTS: dict[str, Any] = {
    "name": Prospect.name,
    "created_at": Prospect.created_at,
    "updated_at": Prospect.updated_at,
    "potential": Prospect.potential,
    "priority": Prospect.priority,
    "next_contact_on": Prospect.next_contact_on,
    "status": Prospect.status,
    "city": Prospect.city,
}
# With the columns a listing computes: the persona match (persona_id) and the distance (near).
PROSPECT_SORT_FIELDS = [*PROSPECT_SORTS, "persona_match", "distance"]


@dataclass
class Listing:
    """What the list and the export read."""

    stmt: Select[Any]  # filtered and ordered
    extra: dict[str, Any]  # computed sortable columns (persona_match, distance)
    counted: Select[Any]  # the statement to count (same rows, maybe cheaper)
    # Nearest first: narrower discs to try before the whole radius (see page_records).
    narrower: list[Any] = field(default_factory=list)
    # The page's (id, computed columns) straight from another table, when that table alone
    # answers (a persona's stored scores with no other filter): no join for the planner.
    keys: Select[Any] | None = None
    # The page's statement reads every match anyway: it counts them too, in the same pass.
    # So with a text search on SQLite, whose plan always starts from the FTS5 table (matches
    # in no useful order, all sorted); not on PostgreSQL, whose planner may read the name
    # index in order and stop after the page for a frequent term (a count over the window
    # would make it read on to the end: 36 ms -> 169 ms p95 for 'martin').
    total_with_page: bool = False


NEAR_STEPS = (16, 4)  # the radius divided by these, in turn


def listing(
    session: Session, principal: Principal, f: ProspectFilters, sort: str | None
) -> Listing:
    """The readable file, filtered and ordered (``sort``, else by persona match, distance or
    name), and how to count and page it.

    A persona's owner listing their own file reads the stored scores (made current first);
    anyone else (a trainer over a cohort) gets them computed.
    """
    readable = ProspectRepository(session, principal).readable_statement(f.owner_id)
    dialect = session.get_bind().dialect.name
    # Stored scores cover the persona owner's own file: used when that is what the caller
    # reads (a trainee; staff read wider, so their scores are computed).
    stored = (
        f.persona is not None
        and principal.is_trainee
        and f.persona.owner_id == principal.user_id
        and not f.include_anonymised
    )
    if stored:
        assert f.persona is not None
        matching.fresh_scores(session, f.persona)
    stmt, extra = filtered(readable, f, dialect, stored_scores=stored)
    counted = stmt
    if stored and f.min_match is None:  # the scores filter nothing: count without the join
        counted = filtered(readable, replace(f, persona=None), dialect)[0]
    default = (
        ["-persona_match"]
        if "persona_match" in extra
        else (["distance"] if "distance" in extra else ["name"])
    )
    ordering = order_by(sort, {**PROSPECT_SORTS, **extra}, default)
    spec = [s.strip() for s in (sort or "").split(",") if s.strip()] or default
    first = spec[0]
    # Ties are broken by id; by match, in the same direction as the score and on the stored
    # row's id, so that one backward (or forward) scan of the persona/score index yields the
    # page in order — whatever the planner's statistics say about the join.
    tiebreak: Any = Prospect.id
    if first.lstrip("-+") == "persona_match":
        tiebreak = PersonaMatch.prospect_id if stored else Prospect.id
        tiebreak = tiebreak.desc() if first.startswith("-") else tiebreak.asc()
    result = Listing(stmt.order_by(*ordering, tiebreak), extra, counted)
    result.total_with_page = dialect == "sqlite" and bool(search_terms(f.q or ""))
    only_persona = replace(f, persona=None, min_match=None) == ProspectFilters()
    if stored and only_persona and len(spec) == 1 and first.lstrip("-+") == "persona_match":
        assert f.persona is not None
        keys = select(PersonaMatch.prospect_id, extra["persona_match"]).where(
            PersonaMatch.persona_id == f.persona.id
        )
        if f.min_match is not None:
            keys = keys.where(PersonaMatch.score >= f.min_match)
            result.counted = keys
        result.keys = keys.order_by(*ordering, tiebreak)
    if first == "distance" and f.near is not None and f.radius_km is not None:
        lat0, lon0 = f.near
        result.narrower = [
            rules.within_km_clause(
                Prospect.latitude, Prospect.longitude, lat0, lon0, f.radius_km / step
            )
            for step in NEAR_STEPS
        ]
    return result


def page_records(
    session: Session, listed: Listing, page: PageParams
) -> tuple[list[tuple[Prospect, RowMapping]], int | None]:
    """One page, as (record, computed columns) pairs, in two steps: the page's ids and
    computed columns first — read from an index alone when one covers the filters and the
    sort — then the full records of those ids only. With the page, the number of matches
    when the page's statement counted them (``Listing.total_with_page`` and a page that is
    not past the end), else None: count with ``listed.counted``.

    Nearest first, the ids are looked for in narrower discs first: when a disc holds enough
    records for the page, they are the nearest of the whole radius (any record outside is
    farther), and only the band of the index under that disc was read.
    """
    keys_stmt = (
        listed.keys
        if listed.keys is not None
        else listed.stmt.with_only_columns(
            Prospect.id, *listed.extra.values(), maintain_column_froms=True
        )
    )
    counting = listed.total_with_page and not listed.narrower
    if counting:
        keys_stmt = keys_stmt.add_columns(func.count().over().label("total_matches"))
    needed = page.offset + page.limit
    for disc in listed.narrower:
        found = session.execute(keys_stmt.where(disc).limit(needed)).all()
        if len(found) == needed:
            keys = found[page.offset :]
            break
    else:
        keys = session.execute(keys_stmt.limit(page.limit).offset(page.offset)).all()
    ids = [key[0] for key in keys]
    total = int(keys[0]._mapping["total_matches"]) if keys and counting else None
    records = {p.id: p for p in session.scalars(select(Prospect).where(Prospect.id.in_(ids)))}
    # A record deleted by another request between the two steps is simply not on the page.
    return [(records[key[0]], key._mapping) for key in keys if key[0] in records], total


def _distance2(lat0: float, lon0: float) -> Any:
    """Squared equirectangular distance in degrees² (monotonic in km: fine for sorting)."""
    k = math.cos(math.radians(lat0))
    dx = (Prospect.longitude - lon0) * k
    dy = Prospect.latitude - lat0
    return dx * dx + dy * dy


def person_interactions(prospect_id: int, contact_id: int | None) -> Select[Interaction]:
    stmt = select(Interaction).where(Interaction.prospect_id == prospect_id)
    if contact_id is not None:
        stmt = stmt.where(Interaction.contact_id == contact_id)
    return stmt


def campaign_counts(campaign_id: int) -> Select[Any]:
    """Per campaign: members, contacted, reached, appointments, refusals — one query."""
    outbound = and_(Interaction.campaign_id == campaign_id, Interaction.direction == "outbound")
    return select(
        select(func.count(CampaignMember.id))
        .where(CampaignMember.campaign_id == campaign_id)
        .scalar_subquery()
        .label("members"),
        select(func.count(func.distinct(Interaction.prospect_id)))
        .where(outbound)
        .scalar_subquery()
        .label("contacted"),
        select(func.count(func.distinct(Interaction.prospect_id)))
        .where(outbound, Interaction.outcome.not_in(list(rules.UNREACHED_OUTCOMES)))
        .scalar_subquery()
        .label("reached"),
        select(func.count(Interaction.id))
        .where(Interaction.campaign_id == campaign_id, Interaction.outcome == "appointment")
        .scalar_subquery()
        .label("appointments"),
        select(func.count(Interaction.id))
        .where(Interaction.campaign_id == campaign_id, Interaction.outcome == "not_interested")
        .scalar_subquery()
        .label("refusals"),
        literal(campaign_id).label("campaign_id"),
    )


def prospect_names(ids: list[int]) -> Select[int, str]:
    """(id, name) of these prospects: the names a list of references shows."""
    return select(Prospect.id, Prospect.name).where(Prospect.id.in_(ids))
