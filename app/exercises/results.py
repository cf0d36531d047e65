"""A run's results: the metric registry's values over the run's simulated period, the
attainment of the exercise's objectives, the evidence the trainee recorded during the run
(by criterion), the synthesis note if the exercise asks for one, and what the market did.
Computed live for an open run, frozen at submission and at close."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.exercises.repository import user_names
from app.exercises.runs import sim_today
from app.metrics import registry
from app.models import (
    EvidenceLink,
    EvidenceRecord,
    Exercise,
    ExerciseRun,
    MarketEvent,
    RunStatus,
    SynthesisNote,
)

#: Always reported, whatever the objectives.
BASE_METRICS = (
    "contacts",
    "contacts_reached",
    "appointments_taken",
    "visits_done",
    "reach_rate",
    "appointment_rate",
    "quotes_accepted",
    "new_customers",
)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal | int | float) else None


def run_result(session: Session, exercise: Exercise, run: ExerciseRun) -> dict[str, Any]:
    today = sim_today(exercise, run)
    codes = list(dict.fromkeys([*(o["metric"] for o in exercise.objectives), *BASE_METRICS]))
    known = {m.code for m in registry.all_metrics()}
    codes = [c for c in codes if c in known]
    metrics: dict[str, float | None] = {}
    if run.starts_on is not None and today is not None:
        values = registry.compute(session, codes, [run.owner_id], run.starts_on, today)
        metrics = {code: _number(values[code].get(run.owner_id)) for code in codes}
    objectives = []
    for objective in exercise.objectives:
        value = metrics.get(objective["metric"])
        target = Decimal(str(objective["target"]))
        objectives.append(
            {
                "metric": objective["metric"],
                "label": objective.get("label") or objective["metric"],
                "target": str(target),
                "value": value,
                "attainment": round(value / float(target), 4)
                if value is not None and target > 0
                else None,
            }
        )
    evidence: dict[str, int] = {}
    if run.started_at is not None:
        until: datetime = run.closed_at or run.submitted_at or utcnow()
        rows = session.execute(
            select(EvidenceLink.code, func.count())
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(
                EvidenceRecord.trainee_id == run.owner_id,
                EvidenceRecord.created_at >= run.started_at,
                EvidenceRecord.created_at <= until,
            )
            .group_by(EvidenceLink.code)
            .order_by(EvidenceLink.code)
        )
        evidence = {code: int(n) for code, n in rows}
    note = None
    if exercise.requires_note:
        found = session.scalar(
            select(SynthesisNote)
            .where(SynthesisNote.owner_id == run.owner_id)
            .order_by(SynthesisNote.id.desc())
            .limit(1)
        )
        note = (
            {
                "id": found.id,
                "title": found.title,
                "status": str(found.status.value),
                "submitted_at": found.submitted_at.isoformat() if found.submitted_at else None,
            }
            if found is not None
            else None
        )
    market = {
        f"{kind}:{outcome}": int(n)
        for kind, outcome, n in session.execute(
            select(MarketEvent.kind, MarketEvent.outcome, func.count())
            .where(MarketEvent.run_id == run.id)
            .group_by(MarketEvent.kind, MarketEvent.outcome)
            .order_by(MarketEvent.kind, MarketEvent.outcome)
        )
    }
    return {
        "starts_on": run.starts_on.isoformat() if run.starts_on else None,
        "today": today.isoformat() if today else None,
        "metrics": metrics,
        "objectives": objectives,
        "evidence": evidence,
        "note": note,
        "market": market,
    }


def results(session: Session, exercise: Exercise, runs: list[ExerciseRun]) -> dict[str, Any]:
    names = user_names(session, {r.owner_id for r in runs})
    out = []
    for run in runs:
        frozen = run.results if run.status in (RunStatus.SUBMITTED, RunStatus.CLOSED) else None
        result = frozen or run_result(session, exercise, run)
        out.append(
            {
                "run_id": run.id,
                "trainee_id": run.owner_id,
                "trainee_name": names.get(run.owner_id, ""),
                "status": run.status,
                **result,
            }
        )
    return {"exercise_id": exercise.id, "title": exercise.title, "runs": out}


def results_csv(data: dict[str, Any]) -> str:
    """One line per run: who, status, each metric, each objective's attainment, the
    evidence count (semicolon-separated, as French spreadsheets expect)."""
    runs = data["runs"]
    metric_codes = list(dict.fromkeys(code for r in runs for code in r["metrics"]))
    objective_codes = list(dict.fromkeys(o["metric"] for r in runs for o in r["objectives"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "run_id",
            "trainee_id",
            "trainee_name",
            "status",
            "starts_on",
            "today",
            *metric_codes,
            *(f"attainment_{code}" for code in objective_codes),
            "evidence",
            "note_status",
        ]
    )
    for r in runs:
        attainment = {o["metric"]: o["attainment"] for o in r["objectives"]}
        writer.writerow(
            [
                r["run_id"],
                r["trainee_id"],
                _safe(r["trainee_name"]),
                str(r["status"].value if hasattr(r["status"], "value") else r["status"]),
                r["starts_on"] or "",
                r["today"] or "",
                *("" if r["metrics"].get(c) is None else r["metrics"][c] for c in metric_codes),
                *("" if attainment.get(c) is None else attainment[c] for c in objective_codes),
                sum(r["evidence"].values()),
                (r["note"] or {}).get("status", ""),
            ]
        )
    return buffer.getvalue()


def _safe(text: str) -> str:
    """No formula injection in a spreadsheet (a name starting with = + - @)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
