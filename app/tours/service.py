"""Planning a tour: resolve the request, build and solve its problem, say what it costs;
saved tours (save, list, read, delete) and the prospects they visit (merges).

The request becomes the solver's problem in ``problem.py`` (one way, shared with the
suggestions). The baseline is the trainee's own order: each day's planned visits in the
order the request lists them (its appointments by time), driven on the same matrix (km and
CO2; its times are not checked). Savings = baseline − plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.config import Settings
from app.core.db import start_writing
from app.core.pagination import PageParams, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import Tour, TourDay
from app.tours import emissions, problem, repository, solver
from app.tours.feasibility import BREAK, Problem, Route
from app.tours.matrix import provider_from_settings
from app.tours.repository import TourRepository
from app.tours.schemas import (
    DayOut,
    EmissionFactorOut,
    PlaceOut,
    Savings,
    StopOut,
    Totals,
    TourPlanIn,
    TourPlanOut,
    TourSummary,
    UnassignedOut,
)

REASONS_FR = {
    "window_unreachable": "Créneau impossible à tenir, même seule dans une journée.",
    "max_driving": "Temps de conduite maximal dépassé, même seule dans une journée.",
    "day_too_full": "Journées trop pleines : visite moins prioritaire laissée de côté.",
}


@dataclass(frozen=True)
class Solved:
    """A request resolved, its problem built and solved."""

    resolved: problem.Resolved
    built: problem.Built
    result: solver.Plan

    def routed(self) -> problem.Routed:
        """The resolved request in the plan's order (what the suggestions start from)."""
        return problem.routed(self.resolved, self.built, self.result.routes)


def solve(
    session: Session,
    principal: Principal,
    settings: Settings,
    body: TourPlanIn,
    options: solver.Options | None = None,
) -> Solved:
    resolved = problem.resolve(session, principal, settings, body)
    built = problem.build(resolved, provider_from_settings(settings))
    return Solved(resolved, built, solver.solve(built.problem, options))


# ------------------------------------------------------------------ planning


def plan(
    session: Session,
    principal: Principal,
    settings: Settings,
    body: TourPlanIn,
    options: solver.Options | None = None,
) -> TourPlanOut:
    """The plan of a request, with its costs and the trainee's baseline (nothing stored)."""
    return _plan_out(session, principal, body, solve(session, principal, settings, body, options))


def _plan_out(
    session: Session, principal: Principal, body: TourPlanIn, solved: Solved
) -> TourPlanOut:
    resolved, built, result = solved.resolved, solved.built, solved.result
    moment = built.clock.moment
    factors = emissions.effective_factors(session, principal.organisation_id)
    factor = factors[body.mode]
    days_out = []
    for route, day in zip(result.routes, resolved.days, strict=True):
        baseline = _baseline(built.problem, route)
        days_out.append(
            DayOut(
                date=day.date,
                start=_place_out(day.origin),
                end=_place_out(day.home),
                departure=moment(route.departure),
                arrival=moment(route.arrival),
                stops=[_stop_out(s, resolved, moment) for s in route.stops],
                end_leg_km=round(route.end_leg_distance / 1000, 3),
                end_leg_minutes=round(route.end_leg_duration / 60, 1),
                totals=_totals(route.distance, route.driving, route.visiting, factor.factor),
                baseline=_totals(baseline[0], baseline[1], route.visiting, factor.factor),
            )
        )
    totals = _sum([d.totals for d in days_out], factor.factor)
    baseline_totals = _sum([d.baseline for d in days_out], factor.factor)
    saved_km = round(baseline_totals.km - totals.km, 3)
    saved_co2 = round(baseline_totals.co2_kg - totals.co2_kg, 3)
    percent = round(100 * saved_km / baseline_totals.km, 1) if baseline_totals.km else 0.0
    factor_out = EmissionFactorOut.model_validate(factor.factor)
    factor_out.overridden = factor.overridden
    return TourPlanOut(
        name=body.name or f"Tournée du {resolved.days[0].date.strftime('%d/%m/%Y')}",
        mode=body.mode,
        matrix_source=built.matrix.source,
        engine=result.engine,
        warnings=list(built.matrix.warnings),
        days=days_out,
        totals=totals,
        baseline=baseline_totals,
        savings=Savings(km=saved_km, co2_kg=saved_co2, percent=percent),
        unassigned=[
            UnassignedOut(
                visit_index=i,
                prospect_id=resolved.visits[i].prospect_id,
                appointment_id=resolved.visits[i].appointment_id,
                label=resolved.visits[i].place.label,
                reason=reason,
                message=REASONS_FR[reason],
            )
            for i, reason in sorted(result.unassigned.items())
        ],
        emission_factor=factor_out,
    )


def _baseline(whole: Problem, route: Route) -> tuple[int, int]:
    """Distance and driving of the day's planned visits in the trainee's order: the order of
    the request, the appointments among them in the order of their times (the slots the
    request gives appointments are filled chronologically)."""
    shift = whole.shifts[route.day]
    order = sorted(route.visits)
    slots = [i for i, v in enumerate(order) if whole.visits[v].required]
    chronological = sorted(
        (order[i] for i in slots),
        key=lambda v: min((w.start for w in whole.visits[v].windows), default=0),
    )
    for slot, visit in zip(slots, chronological, strict=True):
        order[slot] = visit
    here, distance, driving = shift.start_location, 0, 0
    for index in order:
        there = whole.visits[index].location
        distance += whole.distances[here][there]
        driving += whole.durations[here][there]
        here = there
    distance += whole.distances[here][shift.end_location]
    driving += whole.durations[here][shift.end_location]
    return distance, driving


def _totals(distance: int, driving: int, visiting: int, factor: Any) -> Totals:
    km = Decimal(distance) / 1000
    co2 = emissions.co2_of(km, factor)
    return Totals(
        km=round(float(km), 3),
        driving_minutes=round(driving / 60, 1),
        visiting_minutes=round(visiting / 60, 1),
        co2_kg=float(co2.total_kg),
        co2_usage_kg=None if co2.usage_kg is None else float(co2.usage_kg),
    )


def _sum(items: list[Totals], factor: Any) -> Totals:
    km = Decimal(str(round(sum(t.km for t in items), 3)))
    co2 = emissions.co2_of(km, factor)
    return Totals(
        km=float(km),
        driving_minutes=round(sum(t.driving_minutes for t in items), 1),
        visiting_minutes=round(sum(t.visiting_minutes for t in items), 1),
        co2_kg=float(co2.total_kg),
        co2_usage_kg=None if co2.usage_kg is None else float(co2.usage_kg),
    )


def attach_phones(session: Session, principal: Principal, plan: TourPlanOut) -> None:
    """Each visit's current phone (one query): the day's stops become click-to-call on a
    phone. Read now rather than stored with the plan, so a corrected or erased number is
    never shown from an old tour."""
    ids = {s.prospect_id for d in plan.days for s in d.stops if s.prospect_id is not None}
    if not ids:
        return
    phones = repository.phones(session, principal, ids)
    for day in plan.days:
        for stop in day.stops:
            if stop.prospect_id is not None:
                stop.phone = phones.get(stop.prospect_id)


def _place_out(place: problem.Place) -> PlaceOut:
    return PlaceOut(
        label=place.label,
        latitude=place.point.latitude,
        longitude=place.point.longitude,
        prospect_id=place.prospect_id,
    )


def _stop_out(stop: Any, resolved: problem.Resolved, moment: Any) -> StopOut:
    if stop.visit == BREAK:
        return StopOut(
            kind="break", label="Pause déjeuner", arrival=moment(stop.arrival),
            start=moment(stop.start), departure=moment(stop.departure), leg_km=0,
            leg_minutes=0,
        )  # fmt: skip
    visit = resolved.visits[stop.visit]
    return StopOut(
        kind="visit",
        visit_index=stop.visit,
        prospect_id=visit.prospect_id,
        appointment_id=visit.appointment_id,
        label=visit.place.label,
        latitude=visit.place.point.latitude,
        longitude=visit.place.point.longitude,
        arrival=moment(stop.arrival),
        start=moment(stop.start),
        departure=moment(stop.departure),
        leg_km=round(stop.leg_distance / 1000, 3),
        leg_minutes=round(stop.leg_duration / 60, 1),
    )


def save(
    session: Session,
    principal: Principal,
    settings: Settings,
    body: TourPlanIn,
    options: solver.Options | None = None,
) -> TourPlanOut:
    """Plan and store: the request as given, the plan as answered, a row per day. The
    plan is computed before SQLite's write lock is taken (the route works first)."""
    planned = plan(session, principal, settings, body, options)
    start_writing(session)
    tour = Tour(
        owner_id=principal.user_id,
        name=planned.name,
        mode=body.mode,
        first_day=body.days[0].date,
        days_count=len(body.days),
        request=body.model_dump(mode="json"),
        plan={},
        matrix_source=planned.matrix_source,
        total_km=Decimal(str(planned.totals.km)),
        baseline_km=Decimal(str(planned.baseline.km)),
        co2_total_kg=Decimal(str(planned.totals.co2_kg)),
        visits_planned=sum(1 for d in planned.days for s in d.stops if s.kind == "visit"),
        visits_unassigned=len(planned.unassigned),
    )
    session.add(tour)
    session.flush()
    planned.id, planned.owner_id = tour.id, tour.owner_id
    tour.plan = planned.model_dump(mode="json")
    for index, day in enumerate(planned.days):
        session.add(
            TourDay(
                tour_id=tour.id,
                day_index=index,
                day=day.date,
                planned_km=Decimal(str(day.totals.km)),
                visits=sum(1 for s in day.stops if s.kind == "visit"),
            )
        )
    session.flush()
    return planned


def list_tours(
    session: Session, principal: Principal, page: PageParams, owner_id: int | None
) -> Page[TourSummary]:
    stmt = TourRepository(session, principal).listing(owner_id)
    items, total = paginate(session, stmt, page)
    return page_of([TourSummary.model_validate(t) for t in items], total, page)


def read(session: Session, principal: Principal, tour_id: int) -> TourPlanOut:
    """A saved tour's plan as answered, its owner, and each visit's current phone."""
    tour = TourRepository(session, principal).get_readable(tour_id)
    out = TourPlanOut.model_validate(tour.plan)
    out.owner_id = tour.owner_id
    attach_phones(session, principal, out)
    return out


def delete(session: Session, principal: Principal, tour_id: int) -> None:
    tour = TourRepository(session, principal).get_writable(tour_id)
    session.delete(tour)


# ------------------------------------------------------------------ merged prospects


def _mentions(value: Any, prospect_id: int) -> bool:
    """Whether a stored request or plan names the prospect (a place, visit, stop...)."""
    if isinstance(value, dict):
        return value.get("prospect_id") == prospect_id or any(
            _mentions(item, prospect_id) for item in value.values()
        )
    if isinstance(value, list):
        return any(_mentions(item, prospect_id) for item in value)
    return False


def _repointed(value: Any, old_id: int, new_id: int) -> Any:
    """``value`` (a stored request or plan) with every ``prospect_id`` ``old_id`` made
    ``new_id``: places, visits, stops and unassigned visits alike."""
    if isinstance(value, dict):
        return {
            key: new_id
            if key == "prospect_id" and item == old_id
            else _repointed(item, old_id, new_id)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_repointed(item, old_id, new_id) for item in value]
    return value


def tours_visiting(session: Session, owner_id: int, prospect_id: int) -> list[Tour]:
    """The saved tours of ``owner_id``'s file whose request or plan names the prospect."""
    tours = repository.tours_of(session, owner_id)
    return [t for t in tours if _mentions(t.request, prospect_id) or _mentions(t.plan, prospect_id)]


def repoint_prospect(session: Session, owner_id: int, old_id: int, new_id: int) -> int:
    """A prospect merged into another (``prospects.merge``): the saved tours of its file
    that visit it (their request and their plan) now visit the kept one; labels and
    positions stay as planned. Returns how many tours changed (each gets a new version)."""
    tours = tours_visiting(session, owner_id, old_id)
    for tour in tours:
        tour.request = _repointed(tour.request, old_id, new_id)
        tour.plan = _repointed(tour.plan, old_id, new_id)
    session.flush()
    return len(tours)
