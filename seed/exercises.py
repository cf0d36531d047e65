"""The demo's ready-made exercises (issue 21, app/exercises/README.md): the trainer's three
templates, each on the business case of one employer of the demo, with a fixed seed so that
the demo's markets are the same on every machine.

- « Campagne de phoning sous la règle de consentement 2026 » — published, assigned to the
  two trainees who sell for that employer (stagiaire01 and stagiaire07): each sees it in
  « Exercices » and starts it (the market's 200 people enter their file then);
- « Une semaine de tournées et de visites » and « Un trimestre : PAC et analyse des écarts »
  — drafts the trainer can adjust, assign and publish.

Written through the exercise service, as the trainer's requests would be; created once
(found by title afterwards, never modified)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.core.principal import Principal
from app.exercises import service
from app.exercises.schemas import ExerciseCreate
from app.exercises.templates import PAC_QUARTER, PHONING_2026, TEMPLATES, TOURS_WEEK
from app.models import ApiScope, Exercise, Organisation, Role, User

#: Template, the trainee (by position) whose employer's case it uses, published or not.
PLAN = ((PHONING_2026, 0, True), (TOURS_WEEK, 1, False), (PAC_QUARTER, 2, False))
SEED_BASE = 2_021_000


@dataclass
class ExerciseSeedReport:
    exercises: int = 0
    existing: int = 0
    runs: int = 0

    def __str__(self) -> str:
        return (
            f"{self.exercises} exercice(s) ({self.existing} déjà présent(s)), "
            f"{self.runs} parcours attribué(s)"
        )


def seed_exercises(
    session: Session, org: Organisation, trainer: User, trainees: Sequence[User]
) -> ExerciseSeedReport:
    report = ExerciseSeedReport()
    principal = Principal(trainer.id, org.id, Role.TRAINER, None, frozenset(ApiScope))
    mine = [t for t in trainees if t.organisation_id == org.id and t.role is Role.TRAINEE]
    for number, (key, position, publish) in enumerate(PLAN, start=1):
        title = TEMPLATES[key]["title"]
        if session.scalar(
            select(Exercise.id).where(Exercise.organisation_id == org.id, Exercise.title == title)
        ):
            report.existing += 1
            continue
        if position >= len(mine):
            continue
        active = cases.active_case(session, mine[position].id)
        if active is None:
            continue
        exercise = service.create_exercise(
            session,
            principal,
            ExerciseCreate(
                title=title,
                template=key,
                business_case_id=active.case.id,
                seed=SEED_BASE + number,
            ),
        )
        report.exercises += 1
        if publish:
            same_employer = [
                t.id
                for t in mine
                if (found := cases.active_case(session, t.id)) is not None
                and found.case.id == active.case.id
            ]
            report.runs += len(service.assign(session, principal, exercise, same_employer, None))
            service.publish_exercise(session, exercise, exercise.version)
    session.flush()
    return report
