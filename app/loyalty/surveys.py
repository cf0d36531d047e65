"""Satisfaction surveys (CP8.5): NPS (0–10) or CSAT (1–5) questionnaires sent (recorded,
through an allowed channel) to customers, their answers with verbatims, the NPS with its
distribution (promoters 9–10, passives 7–8, detractors 0–6) and a follow-up task for each
detractor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import tasks
from app.config import Settings
from app.core.errors import Conflict, FieldError
from app.core.principal import Principal
from app.loyalty import messaging
from app.loyalty.customers import Context, recipients
from app.loyalty.schemas import SurveyAnswerIn, SurveyCreate
from app.models import (
    MessageSource,
    Prospect,
    Survey,
    SurveyKind,
    SurveyResponse,
    TaskLinkKind,
)

TENTH = Decimal("0.1")


def category(kind: SurveyKind, score: int | None) -> str | None:
    if kind is not SurveyKind.NPS or score is None:
        return None
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def nps(scores: Sequence[int]) -> dict[str, Any]:
    """NPS = % promoters − % detractors, to a tenth; none without answers."""
    distribution = [0] * 11
    for s in scores:
        distribution[s] += 1
    promoters, detractors = sum(distribution[9:]), sum(distribution[:7])
    total = len(scores)
    score = (
        (Decimal(promoters - detractors) * 100 / total).quantize(TENTH, ROUND_HALF_UP)
        if total
        else None
    )
    return {
        "score": score,
        "promoters": promoters,
        "passives": total - promoters - detractors,
        "detractors": detractors,
        "distribution": distribution,
    }


def csat(scores: Sequence[int]) -> dict[str, Any]:
    distribution = [0] * 5
    for s in scores:
        distribution[s - 1] += 1
    total = len(scores)
    return {
        "mean": (Decimal(sum(scores)) / total).quantize(TENTH, ROUND_HALF_UP) if total else None,
        "satisfied_rate": (Decimal(distribution[3] + distribution[4]) * 100 / total).quantize(
            TENTH, ROUND_HALF_UP
        )
        if total
        else None,
        "distribution": distribution,
    }


def create(ctx: Context, settings: Settings, principal: Principal, data: SurveyCreate) -> Survey:
    ids = recipients(ctx, data.prospect_ids, data.rfm_segment)
    customers = set(ctx.book.customer_ids())
    for index, pid in enumerate(data.prospect_ids):
        if pid not in customers:
            raise FieldError(
                f"prospect_ids.{index}",
                f"Le prospect {pid} n'a rien commandé : "
                "une enquête de satisfaction va aux clients.",
            )
    if not ids:
        raise Conflict("Aucun client dans ce segment.")
    people = messaging.writable_recipients(ctx.session, principal, ids)
    on = ctx.book.today
    survey = Survey(
        owner_id=ctx.owner_id, kind=data.kind, title=data.title, question=data.question, sent_on=on
    )
    ctx.session.add(survey)
    ctx.session.flush()
    company = ctx.doc.identity.name if ctx.doc else ""
    scale = "de 0 à 10" if data.kind is SurveyKind.NPS else "de 1 à 5"
    for person in people:
        # A satisfaction survey about what the customer bought: analogous to their purchases.
        channel, decision = messaging.choose(
            ctx.session, settings, person, on, data.channel, analogous=True
        )
        body = (
            f"Bonjour {person.contact_name},\n\n{data.question} (note {scale})\n\n"
            f"Merci pour votre réponse. {company}"
        )
        messaging.record(
            ctx.session,
            ctx.owner_id,
            person,
            source=MessageSource.SURVEY,
            source_id=survey.id,
            channel=channel,
            decision=decision,
            on=on,
            analogous=True,
            subject=data.title,
            body=body,
        )
        if decision.allowed:
            ctx.session.add(
                SurveyResponse(
                    owner_id=ctx.owner_id,
                    survey_id=survey.id,
                    prospect_id=person.prospect.id,
                    channel=channel,
                )
            )
    ctx.session.flush()
    return survey


def answer(session: Session, survey: Survey, data: SurveyAnswerIn, today: date) -> SurveyResponse:
    response = session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.survey_id == survey.id, SurveyResponse.prospect_id == data.prospect_id
        )
    )
    if response is None:
        raise FieldError("prospect_id", "Ce client n'a pas reçu l'enquête.")
    if response.score is not None:
        raise Conflict("Réponse déjà enregistrée pour ce client.")
    if survey.kind is SurveyKind.CSAT and not 1 <= data.score <= 5:
        raise FieldError("score", "Note CSAT : de 1 à 5.")
    day = data.answered_on or today
    if day > today or day < survey.sent_on:
        raise FieldError("answered_on", "La réponse est datée entre l'envoi et aujourd'hui.")
    response.score, response.verbatim, response.answered_on = data.score, data.verbatim, day
    if category(survey.kind, data.score) == "detractor":
        prospect = session.get(Prospect, response.prospect_id)
        assert prospect is not None
        task = tasks.add_task_for(
            session,
            survey.owner_id,
            f"Rappeler {prospect.name} (détracteur : {data.score}/10)",
            day + timedelta(days=2),
            notes=f"Enquête « {survey.title} ». Verbatim : {data.verbatim or '—'}",
            link=(TaskLinkKind.PROSPECT, prospect.id),
        )
        response.task_id = task.id
    session.flush()
    return response


def surveys_out(session: Session, surveys: Sequence[Survey]) -> list[dict[str, Any]]:
    ids = [s.id for s in surveys]
    responses: dict[int, list[SurveyResponse]] = {i: [] for i in ids}
    refused: dict[int, int] = dict.fromkeys(ids, 0)
    if ids:
        for r in session.scalars(select(SurveyResponse).where(SurveyResponse.survey_id.in_(ids))):
            responses[r.survey_id].append(r)
        for m in messaging.refusals(session, MessageSource.SURVEY, ids):
            refused[m.source_id] += 1
    out = []
    for s in surveys:
        scores = [r.score for r in responses[s.id] if r.score is not None]
        sent = len(responses[s.id])
        out.append(
            {
                "id": s.id,
                "owner_id": s.owner_id,
                "kind": s.kind,
                "title": s.title,
                "question": s.question,
                "sent_on": s.sent_on,
                "sent": sent,
                "refused": refused[s.id],
                "answers": len(scores),
                "response_rate": (Decimal(len(scores)) * 100 / sent).quantize(TENTH, ROUND_HALF_UP)
                if sent
                else None,
                "nps": nps(scores) if s.kind is SurveyKind.NPS else None,
                "csat": csat(scores) if s.kind is SurveyKind.CSAT else None,
                "created_at": s.created_at,
                "version": s.version,
            }
        )
    return out


def survey_detail(session: Session, survey: Survey) -> dict[str, Any]:
    row = surveys_out(session, [survey])[0]
    responses = list(
        session.scalars(
            select(SurveyResponse)
            .where(SurveyResponse.survey_id == survey.id)
            .order_by(SurveyResponse.answered_on.desc().nulls_last(), SurveyResponse.id)
        )
    )
    ids = {r.prospect_id for r in responses}
    names = messaging.prospect_names(session, ids)
    refusals = messaging.refusals(session, MessageSource.SURVEY, [survey.id])
    return {
        **row,
        "responses": [
            {
                "id": r.id,
                "prospect_id": r.prospect_id,
                "prospect_name": names.get(r.prospect_id, ""),
                "channel": r.channel,
                "score": r.score,
                "verbatim": r.verbatim,
                "answered_on": r.answered_on,
                "task_id": r.task_id,
                "category": category(survey.kind, r.score),
            }
            for r in responses
        ],
        "refusals": messaging.messages_out(session, refusals),
    }
