"""Demo world, part 3: a base and a few saved tours per demo trainee (CP2).

- base: the centre of the trainee's prospects (their territory), named after the commune of
  the prospect nearest to it;
- tours: the two most recent working weeks holding at least two of the trainee's
  appointments; each day of such a week gets its appointments and the two open prospects
  nearest to its first one (priority from their ABC class). A day starts earlier or ends
  later when an appointment lies outside 08:30–18:00 (a consumer met after work), by two
  hours to drive there or back; what is still left out is mostly the trainee's double
  bookings, which the tour shows with their reason. Planned and saved through the
  product's own service (``app.tours.service.save``) with the offline matrix and a solver
  stopped by an iteration count (not by time): the same tours on every run and machine.

Dated like the rest of the demo, never by the install: the base is set in the cohort's
fourth week (each trainee on a day of their own), a tour is saved the Friday evening before
its week, or, for a week still to come, on one of the last working days before the demo's
"today" (``REFERENCE_DATE``).

Idempotent: a trainee who has a base keeps it; one who has tours gets no more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.principal import Principal
from app.models import (
    ApiScope,
    Appointment,
    Cohort,
    Organisation,
    Priority,
    Prospect,
    ProspectStatus,
    Role,
    Tour,
    TourBase,
    User,
)
from app.tours import service, solver
from app.tours.schemas import DEFAULT_VISIT_MINUTES, DayIn, TourPlanIn, VisitIn
from seed.prospects.data import REFERENCE_DATE
from seed.prospects.dates import paris
from seed.prospects.writer import trainee_number

TOURS_PER_TRAINEE = 2
EXTRA_VISITS_PER_DAY = 2
# The planner's default working day (TourPlanIn.work_start, work_end), stretched for the
# appointments that fall outside it by the time to drive there or back.
WORK_START = TourPlanIn.model_fields["work_start"].default
WORK_END = TourPlanIn.model_fields["work_end"].default
EARLIEST_START = time(7, 0)
DRIVE_MARGIN = timedelta(minutes=120)
PARIS = ZoneInfo("Europe/Paris")
OPTIONS = solver.Options(
    time_limit_s=30.0, seeds=(1,), max_iterations=150, vroom_exploration=3, vroom_timeout_s=5.0
)
PRIORITY = {Priority.A: 5, Priority.B: 4, Priority.C: 3}
OPEN = (ProspectStatus.SUSPECT, ProspectStatus.PROSPECT, ProspectStatus.QUALIFIED)


@dataclass
class TourSeedReport:
    bases: int = 0
    tours: int = 0
    trainees_skipped: int = 0

    def __str__(self) -> str:
        return f"{self.bases} bases, {self.tours} tournées ({self.trainees_skipped} déjà faites)"


def seed_tours(session: Session, org: Organisation, trainees: list[User]) -> TourSeedReport:
    report = TourSeedReport()
    # Offline matrices only: the demo never calls a road service.
    settings = Settings().model_copy(update={"ors_api_key": None, "ors_base_url": None})
    for position, trainee in enumerate(trainees):
        number = trainee_number(trainee, position)
        cohort = session.get(Cohort, trainee.cohort_id) if trainee.cohort_id else None
        start = cohort.starts_on if cohort and cohort.starts_on else REFERENCE_DATE
        prospects = list(
            session.scalars(
                select(Prospect)
                .where(
                    Prospect.owner_id == trainee.id,
                    Prospect.anonymised_at.is_(None),
                    Prospect.latitude.is_not(None),
                    Prospect.longitude.is_not(None),
                )
                .order_by(Prospect.id)
            )
        )
        if not prospects:
            continue
        if session.get(TourBase, trainee.id) is None:
            base = _base(trainee, prospects)
            base.created_at = base.updated_at = paris(
                start + timedelta(days=21 + (number - 1) % 5), 11, number
            )
            session.add(base)
            session.flush()
            report.bases += 1
        if session.scalar(select(exists().where(Tour.owner_id == trainee.id))):
            report.trainees_skipped += 1
            continue
        principal = Principal(trainee.id, org.id, Role.TRAINEE, trainee.cohort_id,
                              frozenset(ApiScope))  # fmt: skip
        for index, body in enumerate(_weeks(session, trainee, prospects)):
            saved = service.save(session, principal, settings, body, OPTIONS)
            tour = session.get(Tour, saved.id)
            assert tour is not None
            monday = min(d.date for d in body.days)
            monday -= timedelta(days=monday.weekday())
            # The Friday before its week; a week still to come was planned on one of the last
            # working days before the demo's "today" (each trainee on their own).
            latest = REFERENCE_DATE - timedelta(days=3 + (number + index) % 4)
            planned_on = min(monday - timedelta(days=3), latest)
            tour.created_at = tour.updated_at = paris(planned_on, 17, number)
            session.flush()
            report.tours += 1
    return report


def _base(trainee: User, prospects: list[Prospect]) -> TourBase:
    lat = sum(p.latitude or 0 for p in prospects) / len(prospects)
    lon = sum(p.longitude or 0 for p in prospects) / len(prospects)
    nearest = min(prospects, key=lambda p: ((p.latitude or 0) - lat) ** 2
                  + ((p.longitude or 0) - lon) ** 2)  # fmt: skip
    return TourBase(
        owner_id=trainee.id,
        label=f"Agence de {nearest.city or 'la région'}",
        address=None,
        latitude=round(lat, 5),
        longitude=round(lon, 5),
    )


def _on(day: date, appointments: list[Appointment]) -> list[Appointment]:
    return [a for a in appointments if a.starts_at.astimezone(PARIS).date() == day]


def _day_start(day: date, appointments: list[Appointment]) -> time | None:
    """An earlier start for a day whose first appointment is early (the trainee leaves in
    time to drive there, from 07:00 at the earliest); None (the default 08:30) otherwise."""
    starts = [a.starts_at.astimezone(PARIS) - DRIVE_MARGIN for a in _on(day, appointments)]
    earliest = min(starts, default=None)
    if earliest is None or earliest.time() >= WORK_START:
        return None
    return max(earliest.time().replace(second=0, microsecond=0), EARLIEST_START)


def _day_end(day: date, appointments: list[Appointment]) -> time | None:
    """A later end for a day that holds an evening appointment (consumers are met after
    work), for the drive back; None (the default 18:00) otherwise."""
    ends = [
        a.starts_at.astimezone(PARIS) + timedelta(minutes=a.duration_minutes) + DRIVE_MARGIN
        for a in _on(day, appointments)
    ]
    latest = max(ends, default=None)
    if latest is None or latest.time() <= WORK_END or latest.date() != day:
        return None
    return latest.time().replace(second=0, microsecond=0)


def _weeks(session: Session, trainee: User, prospects: list[Prospect]) -> list[TourPlanIn]:
    by_id = {p.id: p for p in prospects}
    appointments = session.scalars(
        select(Appointment)
        .where(Appointment.owner_id == trainee.id)
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    weeks: dict[date, list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        day = appointment.starts_at.astimezone(PARIS).date()
        if day.weekday() < 5 and appointment.prospect_id in by_id:
            weeks[day - timedelta(days=day.weekday())].append(appointment)
    chosen = sorted(monday for monday, items in weeks.items() if len(items) >= 2)
    bodies = []
    for monday in chosen[-TOURS_PER_TRAINEE:]:
        items = weeks[monday]
        days = sorted({a.starts_at.astimezone(PARIS).date() for a in items})
        taken = {a.prospect_id for a in items}
        visits = [VisitIn(appointment_id=a.id) for a in items]
        for day in days:
            first = next(a for a in items if a.starts_at.astimezone(PARIS).date() == day)
            anchor = by_id[first.prospect_id]
            nearby = sorted(
                (p for p in prospects if p.id not in taken and p.status in OPEN),
                key=lambda p: (
                    ((p.latitude or 0) - (anchor.latitude or 0)) ** 2
                    + ((p.longitude or 0) - (anchor.longitude or 0)) ** 2
                ),
            )[:EXTRA_VISITS_PER_DAY]
            for prospect in nearby:
                taken.add(prospect.id)
                visits.append(
                    VisitIn(
                        prospect_id=prospect.id,
                        duration_minutes=DEFAULT_VISIT_MINUTES,
                        priority=PRIORITY[prospect.priority],
                    )
                )
        bodies.append(
            TourPlanIn(
                name=f"Semaine du {monday:%d/%m/%Y}",
                days=[
                    DayIn(
                        date=day,
                        start_time=_day_start(day, items),
                        end_time=_day_end(day, items),
                    )
                    for day in days
                ],
                visits=visits,
            )
        )
    return bodies
