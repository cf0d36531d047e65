"""Queries of the gap analyses, from the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.pagination import PageParams, paginate
from app.core.repository import ScopedRepository
from app.models import (
    Analysis,
    AnalysisCause,
    CauseStatus,
    CorrectiveAction,
    CorrectiveStatus,
    NoteComment,
    NoteRead,
    NoteVersion,
    SynthesisNote,
    User,
)


class AnalysisRepository(ScopedRepository[Analysis]):
    model = Analysis
    label = "Analyse"

    def page(self, params: PageParams, *, owner_id: int | None) -> tuple[list[Analysis], int]:
        stmt = self.readable_statement(owner_id).order_by(
            Analysis.ends_on.desc(), Analysis.id.desc()
        )
        return paginate(self.session, stmt, params)


class CauseRepository(ScopedRepository[AnalysisCause]):
    model = AnalysisCause
    label = "Cause"


class CorrectiveRepository(ScopedRepository[CorrectiveAction]):
    model = CorrectiveAction
    label = "Action corrective"


class NoteRepository(ScopedRepository[SynthesisNote]):
    model = SynthesisNote
    label = "Note de synthèse"


class VersionRepository(ScopedRepository[NoteVersion]):
    model = NoteVersion
    label = "Version de note"


class CommentRepository(ScopedRepository[NoteComment]):
    model = NoteComment
    label = "Commentaire"


def names(session: Session, user_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(full name, role) of users by id."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(User.id, User.full_name, User.role).where(User.id.in_(set(user_ids)))
    )
    return {uid: (name, str(role)) for uid, name, role in rows}


def analysis_summaries(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Per analysis: its note (id, status), causes confirmed, actions accepted (3 queries)."""
    out: dict[int, dict[str, Any]] = {
        i: {"note_id": None, "note_status": None, "causes_confirmed": 0, "actions_accepted": 0}
        for i in ids
    }
    if not ids:
        return out
    for aid, nid, status in session.execute(
        select(SynthesisNote.analysis_id, SynthesisNote.id, SynthesisNote.status).where(
            SynthesisNote.analysis_id.in_(ids)
        )
    ):
        out[aid].update(note_id=nid, note_status=status)
    for aid, n in session.execute(
        select(AnalysisCause.analysis_id, func.count())
        .where(AnalysisCause.analysis_id.in_(ids), AnalysisCause.status == CauseStatus.CONFIRMED)
        .group_by(AnalysisCause.analysis_id)
    ):
        out[aid]["causes_confirmed"] = n
    for aid, n in session.execute(
        select(CorrectiveAction.analysis_id, func.count())
        .where(
            CorrectiveAction.analysis_id.in_(ids),
            CorrectiveAction.status == CorrectiveStatus.ACCEPTED,
        )
        .group_by(CorrectiveAction.analysis_id)
    ):
        out[aid]["actions_accepted"] = n
    return out


def latest_versions(session: Session, note_ids: Sequence[int]) -> dict[int, NoteVersion]:
    if not note_ids:
        return {}
    newest = (
        select(NoteVersion.note_id, func.max(NoteVersion.number).label("n"))
        .where(NoteVersion.note_id.in_(note_ids))
        .group_by(NoteVersion.note_id)
        .subquery()
    )
    rows = session.scalars(
        select(NoteVersion).join(
            newest, (newest.c.note_id == NoteVersion.note_id) & (newest.c.n == NoteVersion.number)
        )
    )
    return {v.note_id: v for v in rows}


def read_version_ids(session: Session, reader_id: int, version_ids: Sequence[int]) -> set[int]:
    if not version_ids:
        return set()
    return set(
        session.scalars(
            select(NoteRead.version_id).where(
                NoteRead.reader_id == reader_id, NoteRead.version_id.in_(version_ids)
            )
        )
    )
