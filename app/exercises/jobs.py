"""The long work of exercises, outside requests: advancing every running run of an
exercise by a number of simulated days (one short transaction per run and day)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.core.errors import Conflict
from app.core.patch import check_version
from app.exercises import play, runs
from app.models import ClockMode, Exercise, ExerciseRun, RunStatus

log = logging.getLogger(__name__)


def prepare_advance(
    session: Session, exercise: Exercise, days: int, version: int
) -> list[ExerciseRun]:
    """The running runs the job will move, their progress reset (``advance_done`` of
    ``advance_total``); refused for a real-days clock or when none is running."""
    check_version(exercise, version)
    if exercise.clock_mode is ClockMode.REAL_DAYS:
        raise Conflict(
            "Cet exercice avance au rythme des jours réels.", problem_slug="clock-real-days"
        )
    runs = list(
        session.scalars(
            select(ExerciseRun)
            .where(ExerciseRun.exercise_id == exercise.id, ExerciseRun.status == RunStatus.RUNNING)
            .order_by(ExerciseRun.id)
        )
    )
    if not runs:
        raise Conflict("Aucun parcours en cours à avancer.", problem_slug="no-running-run")
    for run in runs:
        run.advance_total = days
        run.advance_done = 0
    session.flush()
    return runs


def advance_job(
    sessions: sessionmaker[Session],
    settings: Settings,
    exercise_id: int,
    run_ids: list[int],
    days: int,
) -> int:
    try:
        return play.advance_runs(sessions, settings, exercise_id, run_ids, days)
    except Exception:  # a background job logs; the runs keep the days already played
        log.exception("advance of exercise %s failed", exercise_id)
        return 0


def catch_up_real_days(
    sessions: sessionmaker[Session],
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, int]:
    """For the runs whose clock moves with the real days, let the market play the days that
    passed since it last played (``capvente jobs exercises``, once a day or more): one short
    transaction per run and day. Returns the days played per run."""
    with sessions() as session:
        run_ids = list(
            session.scalars(
                select(ExerciseRun.id)
                .join(Exercise, Exercise.id == ExerciseRun.exercise_id)
                .where(
                    ExerciseRun.status == RunStatus.RUNNING,
                    Exercise.clock_mode == ClockMode.REAL_DAYS,
                )
                .order_by(ExerciseRun.id)
            )
        )
    played: dict[int, int] = {}
    for run_id in run_ids:
        while True:
            with sessions.begin() as session:
                run = session.get(ExerciseRun, run_id)
                exercise = session.get(Exercise, run.exercise_id) if run else None
                if run is None or exercise is None or run.today is None:
                    break
                target = runs.sim_today(exercise, run)
                if target is None or run.today >= target:
                    break
                play.play_day(session, settings, exercise, run, run.today + timedelta(days=1))
            played[run_id] = played.get(run_id, 0) + 1
        if progress is not None:
            progress(run_id, played.get(run_id, 0))
    return played
