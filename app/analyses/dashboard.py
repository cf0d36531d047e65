"""The cohort dashboard (trainers acting as managers): every trainee side by side on the main
metrics and their plan's objective attainment, each metric's distribution, who is behind and
on what, the notes waiting to be read, the latest analysis of each. One registry pass for the
cohort, one progress pass for their plans (pandas for the distributions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.analyses import notes
from app.config import today_local
from app.core.errors import FieldError, Forbidden
from app.core.principal import Principal
from app.metrics import registry
from app.models import Analysis, Role
from app.plans import progress
from app.plans import repository as plans_repo
from app.sales.calculations import fmt

MAIN = (
    "contacts", "reach_rate", "appointments_taken", "interviews_held", "quotes_sent",
    "quote_acceptance_rate", "orders_placed", "ordered_amount_ht", "won_markup_rate",
    "visits_done", "km_driven", "co2_kg",
)  # fmt: skip
MAX_DAYS = 366


def dashboard(
    session: Session, principal: Principal, cohort_id: int, start: date, end: date
) -> dict[str, Any]:
    if principal.role not in (Role.TRAINER, Role.ADMIN):
        raise Forbidden("Le tableau de bord de la promotion est celui du formateur.")
    if end < start:
        raise FieldError("to", "La période finit avant de commencer.", location="query")
    if (end - start).days + 1 > MAX_DAYS:
        raise FieldError("to", f"{MAX_DAYS} jours au plus.", location="query")
    trainees, plans = plans_repo.cohort_plans(session, principal, cohort_id, end)
    ids = [uid for uid, _ in trainees]
    on = min(end, today_local())
    # One registry pass: the plans' windows and the dashboard's period together.
    computed, values = progress.progress_and_values(
        session, list(plans.values()), on, also=(ids, (start, end), MAIN)
    )
    latest = dict(
        session.execute(
            select(Analysis.owner_id, func.max(Analysis.id))
            .where(Analysis.owner_id.in_(ids))
            .group_by(Analysis.owner_id)
        ).all()
    ) if ids else {}  # fmt: skip
    rows: list[dict[str, Any]] = []
    for uid, name in trainees:
        plan = plans.get(uid)
        objectives = (
            [o for o in computed.get(plan.id, []) if o["parent_id"] is None] if plan else []
        )
        measured = [o for o in objectives if o["status"] in ("reached", "on_track", "behind")]
        good = [o for o in measured if o["status"] in ("reached", "on_track")]
        rows.append(
            {
                "trainee_id": uid,
                "full_name": name,
                "values": {c: values[c].get(uid) for c in MAIN},
                "plan": (
                    {"id": plan.id, "title": plan.title, "status": plan.status} if plan else None
                ),
                "objectives_measured": len(measured),
                "objectives_on_track": len(good),
                "attainment": (
                    Decimal(len(good) * 100 / len(measured)).quantize(Decimal("0.1"))
                    if measured else None
                ),
                "behind_on": [
                    {"label": o["label"], "actual": o["actual"], "target": o["target"]}
                    for o in measured if o["status"] == "behind"
                ],
                "latest_analysis_id": latest.get(uid),
            }
        )  # fmt: skip
    frame = pd.DataFrame(
        [{c: (float(r["values"][c]) if r["values"][c] is not None else None) for c in MAIN}
         | {"attainment": float(r["attainment"]) if r["attainment"] is not None else None}
         for r in rows],
        columns=[*MAIN, "attainment"],
    )  # fmt: skip
    distributions: dict[str, dict[str, Any]] = {}
    for column in frame.columns:
        series = frame[column].dropna()
        distributions[column] = (
            {k: _dec(series.quantile(q)) for k, q in
             (("min", 0), ("q1", 0.25), ("median", 0.5), ("q3", 0.75), ("max", 1))}
            | {"count": int(series.size)}
            if series.size else {"count": 0}
        )  # fmt: skip
    q1 = distributions["attainment"].get("q1")
    behind = []
    for r in rows:
        reasons = []
        if r["behind_on"]:
            reasons.append("objectifs en retard : " + ", ".join(o["label"] for o in r["behind_on"]))
        if q1 is not None and r["attainment"] is not None and r["attainment"] < q1:
            reasons.append(
                f"atteinte {fmt(r['attainment'])} % sous le premier quartile ({fmt(q1)} %)"
            )
        if r["plan"] is None:
            reasons.append("aucun plan pour la période")
        if reasons:
            behind.append({"trainee_id": r["trainee_id"], "full_name": r["full_name"],
                           "reasons": reasons})  # fmt: skip
    members = set(ids)
    queue = [item for item in notes.queue(session, principal) if item["trainee_id"] in members]
    metrics = [
        {"code": m.code, "label": m.label, "unit": m.unit, "higher_is_better": m.higher_is_better}
        for m in (registry.get(c) for c in MAIN)
    ]
    return {
        "cohort_id": cohort_id, "start": start, "end": end, "metrics": metrics,
        "trainees": rows, "distributions": distributions, "behind": behind, "queue": queue,
    }  # fmt: skip


def _dec(value: float) -> Decimal | None:
    if pd.isna(value):
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"))
