"""Reading the registry through the API: the definitions, and the values of a period for the
trainees the caller may read (a trainee: themselves; a trainer: the trainees of the cohorts
they lead; an admin: the organisation's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.auth.repository import CohortRepository, UserRepository
from app.common.clock import utcnow
from app.config import Settings
from app.core.errors import FieldError
from app.core.principal import Principal
from app.metrics import registry
from app.metrics.registry import MetricDef
from app.metrics.schemas import MetricOut, MetricValuesOut, TraineeValues
from app.models import Cohort, Role, User

#: The longest period one request computes (a year, leap day included).
MAX_PERIOD_DAYS = 366
#: The most trainees one request computes (named, or the members of a cohort).
MAX_TRAINEES = 100
#: The most codes one request names.
MAX_CODES = 50


@dataclass(frozen=True)
class ValuesQuery:
    start: date | None
    end: date | None
    codes: Sequence[str]
    trainee_ids: Sequence[int]
    cohort_id: int | None


def metric_out(metric: MetricDef) -> MetricOut:
    return MetricOut(
        code=metric.code,
        label=metric.label,
        unit=metric.unit,
        kind=metric.kind,
        value_type="integer" if metric.value_type is int else "decimal",
        higher_is_better=metric.higher_is_better,
        competence=metric.competence,
        description=metric.description,
        numerator=metric.numerator,
        denominator=metric.denominator,
    )


def definitions() -> list[MetricOut]:
    return [metric_out(m) for m in registry.all_metrics()]


def period_of(start: date | None, end: date | None, zone: ZoneInfo) -> tuple[date, date]:
    """The period asked: by default from the first day of ``end``'s month to ``end``, and
    ``end`` today (in the application's time zone). At most ``MAX_PERIOD_DAYS`` days."""
    end = end or utcnow().astimezone(zone).date()
    start = start or end.replace(day=1)
    if start > end:
        raise FieldError("from", f"La période commence ({start}) après sa fin ({end}).",
                         location="query")  # fmt: skip
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        last = start + timedelta(days=MAX_PERIOD_DAYS - 1)
        raise FieldError(
            "to",
            f"Période de {(end - start).days + 1} jours : au plus {MAX_PERIOD_DAYS} jours "
            f"(jusqu'au {last} pour commencer le {start}).",
            location="query",
        )
    return start, end


def checked_codes(codes: Sequence[str]) -> list[str]:
    """The codes asked, in their order without repeats (every metric by default); an unknown
    code is a 422 naming it."""
    if not codes:
        return [m.code for m in registry.all_metrics()]
    known = {m.code for m in registry.all_metrics()}
    unknown = [c for c in dict.fromkeys(codes) if c not in known]
    if unknown:
        names = ", ".join(f"« {c} »" for c in unknown)
        raise FieldError("codes", f"Indicateur inconnu : {names} (voir GET /api/v1/metrics).",
                         location="query")  # fmt: skip
    return list(dict.fromkeys(codes))


def trainees_for(session: Session, principal: Principal, query: ValuesQuery) -> list[User]:
    """The trainees whose values the caller asks for, among those they may read.

    A trainee reads their own values (by default, or naming themselves). Staff name trainees
    (``trainee_id``) or a cohort (``cohort_id``: its trainees the caller may read). Naming a
    person or a cohort the caller cannot see is a 422 on the field (as ``owner_id`` is on the
    lists), never an empty answer that would look like no activity."""
    users = UserRepository(session, principal)
    named = list(dict.fromkeys(query.trainee_ids))
    if not named and query.cohort_id is None:
        if principal.is_trainee:
            named = [principal.user_id]
        else:
            raise FieldError(
                "trainee_id",
                "Précisez les stagiaires (trainee_id) ou leur cohorte (cohort_id).",
                location="query",
            )
    found: dict[int, User] = {}
    if named:
        stmt = users.readable_statement().where(User.id.in_(named), User.role == Role.TRAINEE)
        found = {u.id: u for u in session.scalars(stmt)}
        missing = [i for i in named if i not in found]
        if missing:
            raise FieldError(
                "trainee_id",
                f"Stagiaire {missing[0]} introuvable parmi ceux dont vous pouvez lire l'activité.",
                location="query",
            )
    if query.cohort_id is not None:
        cohorts = CohortRepository(session, principal).readable_statement()
        if session.scalar(cohorts.where(Cohort.id == query.cohort_id)) is None:
            raise FieldError(
                "cohort_id",
                f"Cohorte {query.cohort_id} introuvable parmi celles que vous pouvez lire.",
                location="query",
            )
        members = session.scalars(
            users.readable_statement()
            .where(User.cohort_id == query.cohort_id, User.role == Role.TRAINEE)
            .limit(MAX_TRAINEES + 1)
        ).all()
        found.update((u.id, u) for u in members)
    if len(found) > MAX_TRAINEES:
        raise FieldError(
            "cohort_id" if query.cohort_id is not None else "trainee_id",
            f"Plus de {MAX_TRAINEES} stagiaires : nommez-en au plus {MAX_TRAINEES}.",
            location="query",
        )
    return sorted(found.values(), key=lambda u: (u.full_name, u.id))


def values(
    session: Session, principal: Principal, settings: Settings, query: ValuesQuery
) -> MetricValuesOut:
    """The values of the codes asked (every metric by default) for each trainee, over the
    period asked (the current month to date by default)."""
    zone = ZoneInfo(settings.timezone)
    start, end = period_of(query.start, query.end, zone)
    codes = checked_codes(query.codes)
    trainees = trainees_for(session, principal, query)
    computed = registry.compute(session, codes, [t.id for t in trainees], start, end, zone=zone)
    return MetricValuesOut(
        start=start,
        end=end,
        time_zone=settings.timezone,
        codes=codes,
        trainees=[
            TraineeValues(
                trainee_id=t.id,
                full_name=t.full_name,
                values={code: computed[code][t.id] for code in codes},
            )
            for t in trainees
        ],
    )
