"""The market's answer to the quotes a trainee sends to its people: accepted (the
opportunity is won, the trainee then takes the order), negotiated (the client calls back
asking for a better price: the trainee revises or holds firm) or refused (with the reason),
on the first simulated day after the quote was sent.

What the trainee did counts (``market.model.answer_quote``): the discount against the
person's price sensitivity, the amount against their budget, the needs the interviews found
among the person's hidden needs and the buying motives they addressed — read from the
interview reports of the quote's opportunity and the needs noted on the file's exchanges."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.text import fold
from app.config import Settings
from app.core.principal import Principal
from app.exercises.runs import moment
from app.market import model
from app.market.draws import unit
from app.market.parameters import MarketParameters
from app.market.population import Person
from app.models import (
    Channel,
    Direction,
    ExerciseRun,
    Interaction,
    InterviewReport,
    MarketEvent,
    MarketPerson,
    Outcome,
    Prospect,
    Quote,
    QuoteStatus,
)
from app.prospects import interactions
from app.prospects.schemas import InteractionCreate
from app.sales import quotes

REFUSALS = {
    "argent": "Trop cher pour notre budget.",
    "sécurité": "Nous ne sommes pas rassurés sur la fiabilité de l'offre.",
    "nouveauté": "L'offre n'apporte rien de nouveau par rapport à notre solution actuelle.",
    "confort": "La mise en place nous paraît trop lourde.",
    "orgueil": "Ce n'est pas le niveau de prestation que nous attendons.",
    "sympathie": "Nous préférons rester avec notre fournisseur actuel.",
}


def _what_was_found(session: Session, quote: Quote, person: Person) -> tuple[int, int]:
    """How many of the person's hidden needs, and of their buying motives, the trainee's
    interview reports and exchanges with this prospect name."""
    texts = [
        json.dumps(content, ensure_ascii=False)
        for content in session.scalars(
            select(InterviewReport.content).where(
                InterviewReport.owner_id == quote.owner_id,
                InterviewReport.opportunity_id == quote.opportunity_id,
            )
        )
    ]
    texts += [
        text
        for text in session.scalars(
            select(Interaction.needs).where(
                Interaction.prospect_id == quote.prospect_id, Interaction.needs.is_not(None)
            )
        )
        if text
    ]
    haystack = fold(" ".join(texts))
    needs = sum(1 for need in person.needs if fold(need) and fold(need) in haystack)
    motives = sum(1 for motive in person.motives if fold(motive) in haystack)
    return needs, motives


def play(
    session: Session,
    settings: Settings,
    principal: Principal,
    run: ExerciseRun,
    day: date,
    params: MarketParameters,
) -> list[MarketEvent]:
    rows = session.execute(
        select(Quote, MarketPerson)
        .join(MarketPerson, MarketPerson.prospect_id == Quote.prospect_id)
        .where(
            MarketPerson.run_id == run.id,
            Quote.owner_id == run.owner_id,
            Quote.status == QuoteStatus.SENT,
        )
        .order_by(Quote.id)
    ).all()
    if not rows:
        return []
    # What the market already said of each quote: (day, outcome) of its answers.
    said: dict[str, list[tuple[date, str]]] = {}
    for record, said_on, outcome in session.execute(
        select(MarketEvent.record, MarketEvent.day, MarketEvent.outcome)
        .where(MarketEvent.run_id == run.id, MarketEvent.kind == "quote")
        .order_by(MarketEvent.id)
    ):
        said.setdefault(record or "", []).append((said_on, outcome))
    events = []
    for quote, row in rows:
        record = f"quote:{quote.id}"
        earlier = said.get(record, [])
        # A quote is answered once; a negotiation gets the final word three days later.
        final = bool(earlier)
        if final and (
            earlier[-1][1] != "negotiated"
            or len(earlier) > 1
            or day < earlier[-1][0] + timedelta(days=3)
        ):
            continue
        person = Person.from_json(row.attributes)
        needs_found, motives = _what_was_found(session, quote, person)
        gross = Decimal(quote.gross_ht or 0)
        net = Decimal(quote.net_commercial_ht or 0)
        discount = float(1 - net / gross) if gross > 0 else 0.0
        context = model.QuoteContext(
            discount_rate=min(max(discount, 0.0), 1.0),
            needs_found=needs_found,
            needs_total=len(person.needs),
            motives_matched=motives,
            amount=float(net),
        )
        key = (run.seed, person.key, "quote", quote.number or "", quote.revision, len(earlier))
        answer = model.answer_quote(key, person, context, params)
        outcome = answer.outcome
        if final and outcome == "negotiated":  # after the talk: yes or no
            p = answer.probabilities
            accept = p.get("accepted", 0.0) / max(
                p.get("accepted", 0.0) + p.get("refused", 0.0), 1e-9
            )
            outcome = "accepted" if unit(*key, "final") < accept else "refused"
        if outcome == "accepted":
            quotes.answer(session, principal, quote, quote.version, accepted=True,
                          refusal_reason="")  # fmt: skip
        elif outcome == "refused":
            motive = person.motives[0] if person.motives else "argent"
            quotes.answer(session, principal, quote, quote.version, accepted=False,
                          refusal_reason=REFUSALS.get(motive, REFUSALS["argent"]))  # fmt: skip
        else:
            prospect = session.get(Prospect, quote.prospect_id)
            if prospect is not None:
                interactions.record_interaction(
                    session,
                    principal,
                    settings,
                    prospect,
                    InteractionCreate(
                        channel=Channel.PHONE,
                        direction=Direction.INBOUND,
                        outcome=Outcome.OBJECTION,
                        occurred_at=moment(day, 11),
                        notes=f"Le client souhaite négocier le devis {quote.number} : "
                        "un geste sur le prix ou les conditions (marché simulé).",
                        next_contact_on=day + timedelta(days=2),
                    ),
                )
        events.append(
            MarketEvent(
                owner_id=run.owner_id,
                run_id=run.id,
                person_id=row.id,
                prospect_id=row.prospect_id,
                day=day,
                kind="quote",
                outcome=outcome,
                draw_key=":".join(str(p) for p in key)[:200],
                record=record,
                detail={
                    "number": quote.number,
                    "probabilities": {k: round(v, 4) for k, v in answer.probabilities.items()},
                    "factors": {k: round(v, 3) for k, v in answer.factors.items()},
                    "needs_found": needs_found,
                    "motives_matched": motives,
                },
            )
        )
    return events
