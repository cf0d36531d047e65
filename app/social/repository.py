"""Queries of social selling: the scoped repositories (every statement from the caller's
scope) and the reads the checks and the dashboard need, each one query for a whole set
(the file's people for the confidentiality check: two queries, whatever the file's size)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.repository import ScopedRepository
from app.models import (
    Appointment,
    Contact,
    PostStatus,
    Prospect,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
    SocialNetworkStat,
    SocialPost,
    SocialPostKpi,
    SocialPrivacyCheck,
    SocialProfile,
)


class ProfileRepository(ScopedRepository[SocialProfile]):
    model = SocialProfile
    label = "Profil"

    def of_owner(self, owner_id: int) -> Sequence[SocialProfile]:
        """The readable profiles of one person, in the networks' order."""
        stmt = self.readable_statement(owner_id).order_by(SocialProfile.network)
        return self.session.scalars(stmt).all()

    def on(self, owner_id: int, network: SocialNetwork) -> SocialProfile | None:
        """One person's readable profile on ``network``."""
        stmt = self.readable_statement(owner_id).where(SocialProfile.network == network)
        return self.session.scalar(stmt)

    def own(self, network: SocialNetwork) -> SocialProfile | None:
        """The caller's own profile on ``network`` (to replace it)."""
        stmt = self.writable_statement().where(
            SocialProfile.owner_id == self.principal.user_id, SocialProfile.network == network
        )
        return self.session.scalar(stmt)


class PostRepository(ScopedRepository[SocialPost]):
    model = SocialPost
    label = "Publication"

    def calendar(
        self,
        owner_id: int | None,
        *,
        start: date | None,
        end: date | None,
        network: SocialNetwork | None,
        status: PostStatus | None,
    ) -> Select[Any]:
        """The readable posts planned in [start, end], by day planned."""
        stmt = self.readable_statement(owner_id)
        if start is not None:
            stmt = stmt.where(SocialPost.planned_on >= start)
        if end is not None:
            stmt = stmt.where(SocialPost.planned_on <= end)
        if network is not None:
            stmt = stmt.where(SocialPost.network == network)
        if status is not None:
            stmt = stmt.where(SocialPost.status == status)
        return stmt.order_by(SocialPost.planned_on, SocialPost.id)

    def count_planned(
        self,
        owner_id: int,
        network: SocialNetwork,
        first: date,
        last: date,
        *,
        excluding: int | None = None,
    ) -> int:
        """How many of one person's posts on ``network``, not cancelled, are planned in
        [first, last] (``excluding`` one of them: the post being checked)."""
        stmt = (
            select(func.count())
            .select_from(SocialPost)
            .where(
                SocialPost.owner_id == owner_id,
                SocialPost.network == network,
                SocialPost.status != PostStatus.CANCELLED,
                SocialPost.planned_on >= first,
                SocialPost.planned_on <= last,
            )
        )
        if excluding is not None:
            stmt = stmt.where(SocialPost.id != excluding)
        return int(self.session.scalar(stmt) or 0)

    def planned_between(self, owner_id: int, first: date, last: date) -> int:
        """How many of one person's posts, not cancelled, are planned in [first, last]."""
        stmt = (
            select(func.count())
            .select_from(SocialPost)
            .where(
                SocialPost.owner_id == owner_id,
                SocialPost.status != PostStatus.CANCELLED,
                SocialPost.planned_on >= first,
                SocialPost.planned_on <= last,
            )
        )
        return int(self.session.scalar(stmt) or 0)


class KpiRepository(ScopedRepository[SocialPostKpi]):
    model = SocialPostKpi
    label = "Relevé"
    not_a_child = "Relevé {id} inconnu pour cette publication."

    def of_post(self, post_id: int) -> Sequence[SocialPostKpi]:
        stmt = self.readable_statement().where(SocialPostKpi.post_id == post_id)
        return self.session.scalars(stmt.order_by(SocialPostKpi.measured_on)).all()

    def on(self, post_id: int, measured_on: date) -> SocialPostKpi | None:
        stmt = self.writable_statement().where(
            SocialPostKpi.post_id == post_id, SocialPostKpi.measured_on == measured_on
        )
        return self.session.scalar(stmt)

    def child(self, post_id: int, kpi_id: int) -> SocialPostKpi:
        """A measurement of this post (404 otherwise: it is in the path)."""
        found = self.session.scalar(
            self.writable_statement().where(
                SocialPostKpi.id == kpi_id, SocialPostKpi.post_id == post_id
            )
        )
        if found is None:
            raise NotFound(self.not_a_child.format(id=kpi_id))
        return found

    def latest(self, post_ids: Collection[int]) -> dict[int, SocialPostKpi]:
        """The latest readable measurement of each of these posts (one query)."""
        if not post_ids:
            return {}
        last = (
            select(SocialPostKpi.post_id, func.max(SocialPostKpi.measured_on).label("day"))
            .where(SocialPostKpi.post_id.in_(post_ids))
            .group_by(SocialPostKpi.post_id)
            .subquery()
        )
        stmt = self.readable_statement().join(
            last,
            (SocialPostKpi.post_id == last.c.post_id) & (SocialPostKpi.measured_on == last.c.day),
        )
        return {k.post_id: k for k in self.session.scalars(stmt)}


class StatRepository(ScopedRepository[SocialNetworkStat]):
    model = SocialNetworkStat
    label = "Relevé d'audience"

    def listing(
        self,
        owner_id: int | None,
        *,
        network: SocialNetwork | None,
        start: date | None,
        end: date | None,
    ) -> Select[Any]:
        stmt = self.readable_statement(owner_id)
        if network is not None:
            stmt = stmt.where(SocialNetworkStat.network == network)
        if start is not None:
            stmt = stmt.where(SocialNetworkStat.measured_on >= start)
        if end is not None:
            stmt = stmt.where(SocialNetworkStat.measured_on <= end)
        return stmt.order_by(
            SocialNetworkStat.measured_on.desc(), SocialNetworkStat.network, SocialNetworkStat.id
        )

    def on(self, network: SocialNetwork, measured_on: date) -> SocialNetworkStat | None:
        """The caller's own measurement of ``network`` on that day."""
        stmt = self.writable_statement().where(
            SocialNetworkStat.owner_id == self.principal.user_id,
            SocialNetworkStat.network == network,
            SocialNetworkStat.measured_on == measured_on,
        )
        return self.session.scalar(stmt)

    def audience(self, owner_id: int, first: date, last: date) -> list[SocialNetworkStat]:
        """One person's measurements of [first, last] and, per network, the last one before
        ``first`` (the period's starting point), by network and day: two queries."""
        before = (
            select(SocialNetworkStat.network, func.max(SocialNetworkStat.measured_on).label("day"))
            .where(SocialNetworkStat.owner_id == owner_id, SocialNetworkStat.measured_on < first)
            .group_by(SocialNetworkStat.network)
            .subquery()
        )
        starting = self.session.scalars(
            self.readable_statement(owner_id).join(
                before,
                (SocialNetworkStat.network == before.c.network)
                & (SocialNetworkStat.measured_on == before.c.day),
            )
        ).all()
        within = self.session.scalars(
            self.readable_statement(owner_id).where(
                SocialNetworkStat.measured_on >= first, SocialNetworkStat.measured_on <= last
            )
        ).all()
        return sorted([*starting, *within], key=lambda s: (s.network, s.measured_on))


class PrivacyRepository(ScopedRepository[SocialPrivacyCheck]):
    model = SocialPrivacyCheck
    label = "Liste de réglages"

    def of_owner(self, owner_id: int) -> dict[SocialNetwork, SocialPrivacyCheck]:
        found = self.session.scalars(self.readable_statement(owner_id))
        return {c.network: c for c in found}

    def own(self, network: SocialNetwork) -> SocialPrivacyCheck | None:
        stmt = self.writable_statement().where(
            SocialPrivacyCheck.owner_id == self.principal.user_id,
            SocialPrivacyCheck.network == network,
        )
        return self.session.scalar(stmt)


class ActionRepository(ScopedRepository[SocialAction]):
    model = SocialAction
    label = "Action"

    def listing(
        self,
        owner_id: int | None,
        *,
        prospect_id: int | None = None,
        network: SocialNetwork | None = None,
        kind: SocialActionKind | None = None,
        outcome: SocialActionOutcome | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Select[Any]:
        """The readable actions that match, the latest first; ``until`` excluded."""
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(SocialAction.prospect_id == prospect_id)
        if network is not None:
            stmt = stmt.where(SocialAction.network == network)
        if kind is not None:
            stmt = stmt.where(SocialAction.kind == kind)
        if outcome is not None:
            stmt = stmt.where(SocialAction.outcome == outcome)
        if since is not None:
            stmt = stmt.where(SocialAction.occurred_at >= since)
        if until is not None:
            stmt = stmt.where(SocialAction.occurred_at < until)
        return stmt.order_by(SocialAction.occurred_at.desc(), SocialAction.id.desc())

    def tally(
        self, owner_id: int, since: datetime, until: datetime
    ) -> list[tuple[SocialActionKind, SocialActionOutcome, int]]:
        """One person's actions of [since, until), counted by kind and outcome."""
        rows = self.session.execute(
            select(SocialAction.kind, SocialAction.outcome, func.count())
            .where(
                SocialAction.owner_id == owner_id,
                SocialAction.occurred_at >= since,
                SocialAction.occurred_at < until,
            )
            .group_by(SocialAction.kind, SocialAction.outcome)
        )
        return [(kind, outcome, int(n)) for kind, outcome, n in rows]


def appointments_of(session: Session, interaction_ids: Collection[int]) -> dict[int, int]:
    """The appointment each of these interactions set, by interaction (one query)."""
    if not interaction_ids:
        return {}
    rows = session.execute(
        select(Appointment.interaction_id, Appointment.id).where(
            Appointment.interaction_id.in_(interaction_ids)
        )
    )
    return {interaction: appointment for interaction, appointment in rows if interaction}


def prospect_names(session: Session, prospect_ids: Collection[int]) -> dict[int, str]:
    if not prospect_ids:
        return {}
    rows = session.execute(select(Prospect.id, Prospect.name).where(Prospect.id.in_(prospect_ids)))
    return {int(pid): str(name) for pid, name in rows}


def file_people(
    session: Session, owner_id: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What one person's file holds about people, as plain rows (no record loaded): the
    prospects' (kind, name, email, phone, status) and the contacts' (first name, last name,
    email, phone), anonymised ones left out. Two queries, whatever the file's size."""
    prospects = session.execute(
        select(Prospect.kind, Prospect.name, Prospect.email, Prospect.phone, Prospect.status).where(
            Prospect.owner_id == owner_id, Prospect.anonymised.is_(False)
        )
    ).all()
    contacts = session.execute(
        select(Contact.first_name, Contact.last_name, Contact.email, Contact.phone).where(
            Contact.owner_id == owner_id, Contact.anonymised_at.is_(None)
        )
    ).all()
    return [tuple(r) for r in prospects], [tuple(r) for r in contacts]
