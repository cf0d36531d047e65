"""The demo prospect files: writing them.

``seed_prospects`` gives each trainee who has no prospect yet their file (idempotent: a
trainee who already has prospects gets nothing) and reports the rows written per table.
Rows are written with bulk INSERTs (one statement per table and batch of rows), parents
first so that each table gets the ids it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from app.config import Settings, get_settings
from app.models import (
    Appointment,
    AppointmentStatus,
    CallScript,
    Campaign,
    CampaignMember,
    ConsentRecord,
    Contact,
    Interaction,
    Organisation,
    Persona,
    Prospect,
    ProspectStatusChange,
    User,
)
from seed.prospects.dates import paris
from seed.prospects.plans import InteractionPlan, TraineeWorld
from seed.prospects.world import generate_world


@dataclass
class ProspectSeedReport:
    """Rows written per table (and trainees seeded or skipped because they have a file)."""

    trainees_seeded: int = 0
    trainees_skipped: int = 0
    prospects: int = 0
    contacts: int = 0
    status_changes: int = 0
    consents: int = 0
    interactions: int = 0
    appointments: int = 0
    personas: int = 0
    call_scripts: int = 0
    campaigns: int = 0
    campaign_members: int = 0

    def add(self, other: ProspectSeedReport) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def summary(self) -> str:
        """One French line for the command line."""
        if not self.trainees_seeded:
            return (
                f"prospects : rien à ajouter ({self.trainees_skipped} stagiaire(s) ont déjà "
                "un fichier)"
            )
        return (
            f"prospects : {self.prospects} créé(s) pour {self.trainees_seeded} stagiaire(s) "
            f"({self.contacts} contacts, {self.interactions} interactions, "
            f"{self.appointments} rendez-vous, {self.consents} consentements, "
            f"{self.status_changes} changements de statut, {self.personas} personas, "
            f"{self.call_scripts} scripts, {self.campaigns} campagnes, "
            f"{self.campaign_members} membres de campagne)"
        )


# ------------------------------------------------------------------ entry point


def trainee_number(user: User, position: int) -> int:
    """The demo number of a trainee (stagiaireNN@…), else its position in the list (1-based)."""
    match = re.match(r"stagiaire(\d+)@", user.email)
    return int(match.group(1)) if match else position + 1


def seed_prospects(
    session: Session,
    organisation: Organisation,
    trainees: Sequence[User],
    settings: Settings | None = None,
) -> ProspectSeedReport:
    """Give each trainee who has no prospect yet their demo file; never touch existing ones."""
    settings = settings or get_settings()
    report = ProspectSeedReport()
    for trainee in trainees:
        if trainee.organisation_id != organisation.id:
            raise ValueError(
                f"{trainee.email} n'appartient pas à l'organisation {organisation.slug}"
            )
    ids = [t.id for t in trainees]
    have = (
        set(session.scalars(select(Prospect.owner_id).where(Prospect.owner_id.in_(ids)).distinct()))
        if ids
        else set()
    )
    worlds: list[tuple[User, TraineeWorld]] = []
    for position, trainee in enumerate(trainees):
        if trainee.id in have:
            report.trainees_skipped += 1
            continue
        first_name = (trainee.full_name or "").split(" ")[0] or "Camille"
        world = generate_world(trainee_number(trainee, position), first_name, settings)
        worlds.append((trainee, world))
    if worlds:
        report.add(_write(session, worlds))
    return report


def _ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk INSERT of ``rows``; returns their ids, in order.

    Core statements on the table (the ORM's bulk path would run one statement per row here).
    SQLite: batched INSERT … RETURNING. PostgreSQL: the ids are drawn from the table's
    sequence first, then one ``executemany``; psycopg would otherwise parse each
    thousand-row INSERT … RETURNING in Python, which costs more than the insert itself.
    """
    if not rows:
        return []
    table = model.__table__
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(statement, rows).scalars())
    sequence = connection.execute(
        text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
    ).scalar_one()
    ids = sorted(
        connection.execute(
            text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :count)"),
            {"sequence": sequence, "count": len(rows)},
        ).scalars()
    )
    connection.execute(
        insert(table), [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)]
    )
    return ids


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(insert(model.__table__), rows)


def _split(ids: list[int], sizes: list[int]) -> list[list[int]]:
    out, start = [], 0
    for size in sizes:
        out.append(ids[start : start + size])
        start += size
    return out


def _place(row: dict[str, Any]) -> str | None:
    parts = [row["address"], " ".join(filter(None, [row["postcode"], row["city"]]))]
    return ", ".join(p for p in parts if p) or None


def _write(session: Session, worlds: list[tuple[User, TraineeWorld]]) -> ProspectSeedReport:
    report = ProspectSeedReport(trainees_seeded=len(worlds))

    persona_rows = [{**row, "owner_id": u.id} for u, w in worlds for row in w.personas]
    personas = _split(_ids(session, Persona, persona_rows), [len(w.personas) for _, w in worlds])

    script_rows = [
        {**row, "owner_id": u.id, "persona_id": None if p is None else personas[n][p]}
        for n, (u, w) in enumerate(worlds)
        for p, row in w.scripts
    ]
    scripts = _split(_ids(session, CallScript, script_rows), [len(w.scripts) for _, w in worlds])

    campaign_rows = [
        {
            **row,
            "owner_id": u.id,
            "persona_id": None if p is None else personas[n][p],
            "call_script_id": None if s is None else scripts[n][s],
        }
        for n, (u, w) in enumerate(worlds)
        for p, s, row in w.campaigns
    ]
    campaigns = _split(
        _ids(session, Campaign, campaign_rows), [len(w.campaigns) for _, w in worlds]
    )

    prospect_rows = [{**plan.row, "owner_id": u.id} for u, w in worlds for plan in w.prospects]
    prospect_ids = _split(
        _ids(session, Prospect, prospect_rows), [len(w.prospects) for _, w in worlds]
    )

    contact_rows = [
        {**contact, "owner_id": u.id, "prospect_id": prospect_ids[n][i]}
        for n, (u, w) in enumerate(worlds)
        for i, plan in enumerate(w.prospects)
        for contact in plan.contacts
    ]
    contact_ids = iter(_ids(session, Contact, contact_rows))
    contacts = [
        [[next(contact_ids) for _ in plan.contacts] for plan in w.prospects] for _, w in worlds
    ]

    status_rows: list[dict[str, Any]] = []
    consent_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    interaction_rows: list[dict[str, Any]] = []
    appointments: list[tuple[int, int, InteractionPlan]] = []  # world, prospect, interaction
    for n, (u, w) in enumerate(worlds):
        for i, plan in enumerate(w.prospects):
            pid = prospect_ids[n][i]
            for change in plan.status_changes:
                status_rows.append(
                    {**change, "owner_id": u.id, "prospect_id": pid, "changed_by": u.id}
                )
            for c in plan.consents:
                consent_rows.append(
                    {
                        "owner_id": u.id,
                        "prospect_id": pid,
                        "contact_id": None if c.contact is None else contacts[n][i][c.contact],
                        "purpose": c.purpose,
                        "channel": c.channel,
                        "status": c.status,
                        "lawful_basis": c.lawful_basis,
                        "given_at": c.given_at,
                        "method": c.method,
                        "text_version": c.text_version,
                        "proof_reference": c.proof_reference,
                        "recorded_by": u.id,
                        "created_at": c.given_at,
                    }
                )
            for index in plan.campaigns:
                member_rows.append(
                    {
                        "owner_id": u.id,
                        "campaign_id": campaigns[n][index],
                        "prospect_id": pid,
                        "contact_id": None,
                        "added_at": paris(w.campaigns[index][2]["starts_on"], 8, 30),
                    }
                )
            for interaction in plan.interactions:
                interaction_rows.append(
                    {
                        **interaction.row,
                        "owner_id": u.id,
                        "prospect_id": pid,
                        "contact_id": None
                        if interaction.contact is None
                        else contacts[n][i][interaction.contact],
                        "campaign_id": None
                        if interaction.campaign is None
                        else campaigns[n][interaction.campaign],
                        "call_script_id": None
                        if interaction.script is None
                        else scripts[n][interaction.script],
                    }
                )
                if interaction.appointment is not None:
                    appointments.append((n, i, interaction))
    _bulk(session, ProspectStatusChange, status_rows)
    _bulk(session, ConsentRecord, consent_rows)
    _bulk(session, CampaignMember, member_rows)
    interaction_ids = _ids(session, Interaction, interaction_rows)
    plan_ids: dict[int, int] = {}
    position = 0
    for _u, w in worlds:
        for plan in w.prospects:
            for interaction in plan.interactions:
                plan_ids[id(interaction)] = interaction_ids[position]
                position += 1
    appointment_rows = []
    for n, i, interaction in appointments:
        plan = worlds[n][1].prospects[i]
        a = interaction.appointment
        assert a is not None
        created = interaction.row["occurred_at"]
        appointment_rows.append(
            {
                "owner_id": worlds[n][0].id,
                "prospect_id": prospect_ids[n][i],
                "contact_id": None
                if interaction.contact is None
                else contacts[n][i][interaction.contact],
                "interaction_id": plan_ids[id(interaction)],
                "starts_at": a.starts_at,
                "duration_minutes": a.duration_minutes,
                "place": _place(plan.row),
                "latitude": plan.row["latitude"],
                "longitude": plan.row["longitude"],
                "status": a.status,
                "notes": a.notes,
                "created_at": created,
                "updated_at": created if a.status is AppointmentStatus.PLANNED else a.starts_at,
                "version": 1,
            }
        )
    _bulk(session, Appointment, appointment_rows)

    report.personas = len(persona_rows)
    report.call_scripts = len(script_rows)
    report.campaigns = len(campaign_rows)
    report.prospects = len(prospect_rows)
    report.contacts = len(contact_rows)
    report.status_changes = len(status_rows)
    report.consents = len(consent_rows)
    report.campaign_members = len(member_rows)
    report.interactions = len(interaction_rows)
    report.appointments = len(appointment_rows)
    return report
