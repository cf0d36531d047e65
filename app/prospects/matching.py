"""Stored persona match scores: a file sorted by match reads an index, not every record.

Scoring a whole file in SQL costs a pass over all its records (about 100 ms for 100,000 on
SQLite); a persona's list is read far more often than its file changes. So the scores of a
persona over its owner's file are stored (``persona_matches``, indexed by persona and score)
with a stamp (``persona_scorings``): the persona's version and the revision of the file
(``prospect_files``, which database triggers move on every write to the owner's prospects:
app/prospects/revisions.py). Checking the stamp is two primary-key reads; any insert,
deletion, anonymisation or update of a record changes it, and so does any edit of the persona.

``fresh_scores`` checks the stamp and, when it differs, recomputes every score of the persona
in one INSERT … SELECT (the SQL expression of ``rules.match_score_sql``, the same as the
Python ``rules.match_score``), in its own short transaction that first takes the scoring row's
lock: two lists asking at once compute once. The stored scores are only used for the
persona's owner listing their own file (a trainer's view of a cohort reads other files: it
scores with the expression).
"""

from __future__ import annotations

from sqlalchemy import delete, false, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import Persona, PersonaMatch, PersonaScoring, Prospect
from app.prospects import rules
from app.prospects.revisions import revision_of


def file_stamp(session: Session, persona: Persona) -> str:
    """The persona's version and the revision of its owner's file."""
    return f"p{persona.version}:r{revision_of(session, persona.owner_id)}"


def _claim(session: Session, persona_id: int) -> str | None:
    """Create the scoring row if missing and lock it (a write: on SQLite, the database's
    write lock is taken before anything is read). The stamp stored, or None."""
    dialect = session.get_bind().dialect.name
    values = {"persona_id": persona_id, "stamp": ""}
    if dialect == "postgresql":
        session.execute(pg_insert(PersonaScoring).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite_insert(PersonaScoring).values(values).on_conflict_do_nothing())
    else:  # pragma: no cover - the two supported backends are above
        raise RuntimeError(f"unsupported backend {dialect}")
    session.execute(
        update(PersonaScoring)
        .where(PersonaScoring.persona_id == persona_id)
        .values(stamp=PersonaScoring.stamp)
    )
    return session.scalar(
        select(PersonaScoring.stamp).where(PersonaScoring.persona_id == persona_id)
    )


def recompute(session: Session, persona: Persona, stamp: str) -> None:
    """Every score of ``persona`` over its owner's file, in one statement."""
    session.execute(delete(PersonaMatch).where(PersonaMatch.persona_id == persona.id))
    score = rules.match_score_sql(rules.persona_criteria(persona), Prospect)
    session.execute(
        insert(PersonaMatch).from_select(
            ["persona_id", "prospect_id", "score"],
            select(literal(persona.id), Prospect.id, score).where(
                Prospect.owner_id == persona.owner_id, Prospect.anonymised == false()
            ),
        )
    )
    session.execute(
        update(PersonaScoring)
        .where(PersonaScoring.persona_id == persona.id)
        .values(stamp=stamp, computed_at=utcnow())
    )


def fresh_scores(session: Session, persona: Persona) -> bool:
    """Make the stored scores of ``persona`` current; True when they had to be recomputed.

    Runs in its own transaction on its own connection, then ends the caller's transaction
    (which must hold no pending change) so that its next statement sees the new scores.
    """
    current = file_stamp(session, persona)
    stored = session.scalar(
        select(PersonaScoring.stamp).where(PersonaScoring.persona_id == persona.id)
    )
    if stored == current:
        return False
    if session.new or session.dirty or session.deleted:  # pragma: no cover - misuse
        raise RuntimeError("fresh_scores needs a session without pending changes")
    with Session(bind=session.get_bind(), expire_on_commit=False) as own:
        stored = _claim(own, persona.id)
        target = own.get(Persona, persona.id)
        if target is None:  # deleted meanwhile: nothing to score
            own.rollback()
            return False
        current = file_stamp(own, target)
        if stored != current:
            recompute(own, target, current)
        own.commit()
    session.commit()  # a new snapshot for the caller (SQLite keeps one per transaction)
    return True
