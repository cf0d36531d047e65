"""The synthesis note (CP4.3, CT1.5): drafted from the analysis, rewritten by the trainee,
frozen at each submission (text, figures and chart data of that moment), read, commented
inline and assessed by the trainer; read and commented by the company tutor. Readability
advice on the text, never a grade."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.analyses import charts
from app.analyses import service as analyses
from app.analyses.actions import actions_of
from app.analyses.repository import (
    AnalysisRepository,
    NoteRepository,
    VersionRepository,
    latest_versions,
    names,
    read_version_ids,
)
from app.analyses.schemas import CommentCreate, NoteAssessmentIn, NoteUpdate
from app.auth.policy import Permission, has_permission
from app.common.clock import utcnow
from app.competences import service as competences
from app.competences.schemas import AssessmentCreate, AssessmentOut
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.events import publish
from app.core.patch import check_version
from app.core.principal import Principal
from app.models import (
    Analysis,
    AssessmentLevel,
    CauseStatus,
    CorrectiveStatus,
    NoteComment,
    NoteRead,
    NoteStatus,
    NoteVersion,
    Role,
    SynthesisNote,
    User,
    WebhookEventKind,
)

SECTIONS = (
    "Contexte et période",
    "Résultats au regard des objectifs",
    "Écarts principaux",
    "Causes",
    "Actions correctives",
    "Demandes au manager",
)
STATUS_FR = {"reached": "atteint", "close": "proche", "behind": "en retard",
             "not_measured": "non mesuré", "qualitative": "qualitatif"}  # fmt: skip
MAX_WORDS, MIN_WORDS = 1200, 150
MAX_SENTENCE_WORDS = 30


def _fr(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return str(value).replace(".", ",")


# --------------------------------------------------------------------------- draft


def draft_text(session: Session, analysis: Analysis, figures: dict[str, Any]) -> str:
    """The note drafted from the analysis: every section, the key figures, the causes
    confirmed and the actions, chart references (``chart:NAME``) the exports draw."""
    owner = session.get(User, analysis.owner_id)
    period = figures["period"]
    lines = [
        f"## {SECTIONS[0]}",
        "",
        f"Note de {owner.full_name if owner else ''} sur la période du "
        f"{period['start']:%d/%m/%Y} au {period['end']:%d/%m/%Y} ({period['working_days']} jours "
        "ouvrés)"
        + (f", au regard du plan « {figures['plan']['title']} »." if figures["plan"] else "."),
        "",
        f"## {SECTIONS[1]}",
        "",
        "![Objectifs et réalisations](chart:objectives)",
        "",
        "| Objectif | Cible | Réalisé | Écart | Statut |",
        "|---|---|---|---|---|",
    ]
    top = [o for o in figures["objectives"] if o["parent_id"] is None and o["metric_code"]]
    for o in top:
        lines.append(
            f"| {o['label']} | {_fr(o['target'])} | {_fr(o['actual'])} | "
            f"{_fr(o['gap_pct'])} % | {STATUS_FR.get(o['status'], o['status'])} |"
        )
    if not top:
        lines.append("| (aucun objectif chiffré) | | | | |")
    stages = figures["funnel"]["stages"]
    lines += [
        "",
        "![Tunnel de vente](chart:funnel)",
        "",
        "Tunnel : "
        + " → ".join(f"{s['label'].lower()} {_fr(s['value'])}" for s in stages)
        + f" (conversion globale {_fr(figures['funnel']['overall_conversion'])} %).",
        "",
        f"## {SECTIONS[2]}",
        "",
    ]
    gaps = [o for o in top if o["status"] in ("behind", "close")]
    for o in gaps:
        lines.append(
            f"- {o['label']} : {_fr(o['actual'])} pour {_fr(o['due'])} attendus "
            f"({_fr(o['gap_pct'])} %)."
        )
    if not gaps:
        lines.append("- Aucun objectif chiffré en retard.")
    lines += ["", "![Évolution mensuelle](chart:trend)", "", f"## {SECTIONS[3]}", ""]
    causes = [c for c in analyses.causes_of(session, analysis) if c.status is CauseStatus.CONFIRMED]
    for c in causes:
        lines.append(f"- **{c.title}** — {c.explanation}")
    if not causes:
        lines.append("- (confirmez ou ajoutez les causes des écarts)")
    lines += ["", f"## {SECTIONS[4]}", ""]
    actions = [a for a in actions_of(session, analysis) if a.status is not CorrectiveStatus.DROPPED]
    for a in actions:
        lines.append(
            f"- **{a.title}** : échéance {a.deadline:%d/%m/%Y}, indicateur "
            f"{a.indicator or '—'}, attendu {_fr(a.expected_value)}. {a.expected_effect}".rstrip()
        )
    if not actions:
        lines.append("- (proposez une action par cause confirmée)")
    lines += ["", f"## {SECTIONS[5]}", "", "- ", ""]
    return "\n".join(lines)


def open_note(session: Session, principal: Principal, analysis_id: int) -> SynthesisNote:
    """The analysis's note, drafted from its figures when it has none yet (409 when it has)."""
    analysis = AnalysisRepository(session, principal).get_writable(analysis_id)
    existing = session.scalar(select(SynthesisNote).where(SynthesisNote.analysis_id == analysis.id))
    if existing is not None:
        raise Conflict(f"Cette analyse a déjà sa note ({existing.id}).", note_id=existing.id)
    figures = analyses.figures(session, analysis)
    note = SynthesisNote(
        owner_id=analysis.owner_id, analysis_id=analysis.id,
        title=f"Note de synthèse — {analysis.title}"[:200],
        body=draft_text(session, analysis, figures),
    )  # fmt: skip
    session.add(note)
    session.flush()
    return note


def update(session: Session, principal: Principal, note_id: int, data: NoteUpdate) -> SynthesisNote:
    note = NoteRepository(session, principal).get_writable(note_id)
    check_version(note, data.version)
    if data.title is not None:
        note.title = data.title
    if data.body is not None:
        note.body = data.body
    session.flush()
    return note


def submit(session: Session, principal: Principal, note_id: int, version: int) -> NoteVersion:
    """Freeze the note as it is, with the figures and charts of now: a new version."""
    note = NoteRepository(session, principal).get_writable(note_id)
    check_version(note, version)
    if len(note.body.split()) < 20:
        raise FieldError("body", "La note est presque vide : rédigez-la avant de la soumettre.",
                         location="body")  # fmt: skip
    analysis = session.get(Analysis, note.analysis_id)
    assert analysis is not None
    figures = analyses.figures(session, analysis)
    note.versions_count += 1
    frozen = NoteVersion(
        owner_id=note.owner_id, note_id=note.id, number=note.versions_count, title=note.title,
        body=note.body, charts=analyses._plain(charts.chart_data(figures)),
    )  # fmt: skip
    session.add(frozen)
    note.status = NoteStatus.SUBMITTED
    note.submitted_at = utcnow()
    session.flush()
    publish(session, principal.organisation_id, WebhookEventKind.NOTE_SUBMITTED, {
        "note_id": note.id, "version_id": frozen.id, "number": frozen.number,
        "trainee_id": note.owner_id, "analysis_id": note.analysis_id,
        "submitted_at": note.submitted_at,
    })  # fmt: skip
    return frozen


# --------------------------------------------------------------------------- advice

_FIGURE = re.compile(r"\d")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def advice(session: Session, note: SynthesisNote) -> list[dict[str, Any]]:
    """Readability advice on the trainee's text (never a grade): length, figures cited, each
    key gap with a cause, each cause with an action, sections, sentence length."""
    analysis = session.get(Analysis, note.analysis_id)
    assert analysis is not None
    text = note.body
    words = len(text.split())
    out = []

    def add(code: str, ok: bool, message: str) -> None:
        out.append({"code": code, "ok": ok, "message": message})

    fits = MIN_WORDS <= words <= MAX_WORDS
    span = f"{MIN_WORDS} à {MAX_WORDS} mots"
    add("length", fits, f"{words} mots : une longueur qui se lit." if fits else
        f"{words} mots : une note se lit en quelques minutes ({span}).")  # fmt: skip
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("|"))
    figures = len(_FIGURE.findall(prose))
    add("figures", figures >= 5,
        f"{figures} chiffres cités hors tableaux : étayez chaque constat par ses chiffres."
        if figures < 5 else f"{figures} chiffres cités : les constats sont étayés.")  # fmt: skip
    missing = [s for s in SECTIONS if s.lower() not in text.lower()]
    add("structure", not missing,
        "Parties absentes : " + ", ".join(missing) + "." if missing
        else "Toutes les parties attendues sont présentes.")  # fmt: skip
    found = analyses.causes_of(session, analysis)
    causes = [c for c in found if c.status is CauseStatus.CONFIRMED]
    # The gaps: the objectives a diagnosis found behind (unless rejected); their causes: the
    # other causes confirmed or added.
    behind = [
        c for c in found
        if c.rule_code == "objective_behind" and c.status is not CauseStatus.REJECTED
    ]  # fmt: skip
    explained = [c for c in causes if c.rule_code != "objective_behind"]
    add("gaps_with_causes", not behind or bool(explained),
        "Chaque écart appelle sa cause : un objectif en retard est l'écart lui-même ; "
        "confirmez ou ajoutez ce qui l'explique (heures d'appel, ciblage, entretien…)."
        if behind and not explained else "Les écarts ont leurs causes.")  # fmt: skip
    actions = [a for a in actions_of(session, analysis) if a.status is not CorrectiveStatus.DROPPED]
    covered = {a.cause_id for a in actions}
    alone = [c.title for c in causes if c.id not in covered]
    add("causes_with_actions", not alone,
        "Causes sans action corrective : " + " ; ".join(alone[:5]) + "." if alone
        else "Chaque cause a son action corrective.")  # fmt: skip
    long = [s for s in _SENTENCE.split(prose) if len(s.split()) > MAX_SENTENCE_WORDS]
    add("sentences", not long,
        f"{len(long)} phrase(s) de plus de {MAX_SENTENCE_WORDS} mots : coupez-les."
        if long else "Des phrases courtes.")  # fmt: skip
    return out


def note_out(session: Session, note: SynthesisNote) -> dict[str, Any]:
    owner = session.get(User, note.owner_id)
    return {
        "id": note.id, "analysis_id": note.analysis_id, "owner_id": note.owner_id,
        "owner_name": owner.full_name if owner else "", "title": note.title, "body": note.body,
        "status": note.status, "versions_count": note.versions_count,
        "submitted_at": note.submitted_at, "updated_at": note.updated_at,
        "version": note.version, "charts": list(charts.CHARTS), "advice": advice(session, note),
    }  # fmt: skip


# --------------------------------------------------------------------------- versions, reading


def version_of(session: Session, principal: Principal, note_id: int, number: int) -> NoteVersion:
    note = NoteRepository(session, principal).get_readable(note_id)
    found = session.scalar(
        VersionRepository(session, principal)
        .readable_statement()
        .where(NoteVersion.note_id == note.id, NoteVersion.number == number)
    )
    if found is None:
        raise FieldError("number", f"La note {note.id} n'a pas de version {number}.",
                         location="path")  # fmt: skip
    return found


def versions_out(
    session: Session, principal: Principal, versions: list[NoteVersion]
) -> list[dict[str, Any]]:
    ids = [v.id for v in versions]
    counts = dict(
        session.execute(
            select(NoteComment.version_id, func.count())
            .where(NoteComment.version_id.in_(ids))
            .group_by(NoteComment.version_id)
        ).all()
    ) if ids else {}  # fmt: skip
    read = read_version_ids(session, principal.user_id, ids)
    return [
        {"id": v.id, "note_id": v.note_id, "number": v.number, "title": v.title, "body": v.body,
         "submitted_at": v.submitted_at, "comments_count": counts.get(v.id, 0),
         "read_by_me": v.id in read}
        for v in versions
    ]  # fmt: skip


def versions_of(session: Session, principal: Principal, note_id: int) -> list[NoteVersion]:
    note = NoteRepository(session, principal).get_readable(note_id)
    return list(
        session.scalars(
            select(NoteVersion).where(NoteVersion.note_id == note.id).order_by(NoteVersion.number)
        )
    )


def _reader(principal: Principal) -> None:
    if not has_permission(principal.role, Permission.NOTE_COMMENT):
        raise Forbidden("Seuls le formateur et le tuteur en entreprise commentent une note.")


def comment(
    session: Session, principal: Principal, note_id: int, number: int, data: CommentCreate
) -> NoteComment:
    """A reader's comment on a version; anchored, its quote must be the text at its offsets."""
    _reader(principal)
    version = version_of(session, principal, note_id, number)
    if data.start is not None and data.end is not None:
        if data.end > len(version.body):
            raise FieldError("end", f"Au-delà du texte ({len(version.body)} caractères).")
        if data.quote and version.body[data.start : data.end] != data.quote:
            raise FieldError("quote", "Le passage cité n'est pas le texte à ces positions.")
    elif data.quote and data.quote not in version.body:
        raise FieldError("quote", "Le passage cité ne figure pas dans cette version.")
    found = session.scalar(
        select(NoteComment.id).where(NoteComment.version_id == version.id).limit(1).offset(199)
    )
    if found is not None:
        raise Conflict("200 commentaires au plus par version.")
    row = NoteComment(
        owner_id=version.owner_id, version_id=version.id, author_id=principal.user_id,
        quote=data.quote, start=data.start, end=data.end, body=data.body,
    )  # fmt: skip
    session.add(row)
    _mark_read(session, principal, version)
    session.flush()
    return row


def comments_out(session: Session, rows: list[NoteComment]) -> list[dict[str, Any]]:
    people = names(session, [c.author_id for c in rows])
    return [
        {"id": c.id, "version_id": c.version_id, "author_id": c.author_id,
         "author_name": people.get(c.author_id, ("", ""))[0],
         "author_role": people.get(c.author_id, ("", ""))[1], "quote": c.quote,
         "start": c.start, "end": c.end, "body": c.body, "created_at": c.created_at}
        for c in rows
    ]  # fmt: skip


def comments_of(session: Session, version: NoteVersion) -> list[NoteComment]:
    return list(
        session.scalars(
            select(NoteComment)
            .where(NoteComment.version_id == version.id)
            .order_by(NoteComment.created_at, NoteComment.id)
        )
    )


def _mark_read(session: Session, principal: Principal, version: NoteVersion) -> bool:
    exists_ = session.scalar(
        select(NoteRead.id).where(
            NoteRead.version_id == version.id, NoteRead.reader_id == principal.user_id
        )
    )
    if exists_ is not None:
        return False
    session.add(
        NoteRead(owner_id=version.owner_id, version_id=version.id, reader_id=principal.user_id)
    )
    session.flush()
    return True


def mark_read(session: Session, principal: Principal, note_id: int, number: int) -> bool:
    _reader(principal)
    return _mark_read(session, principal, version_of(session, principal, note_id, number))


def queue(session: Session, principal: Principal, limit: int = 100) -> list[dict[str, Any]]:
    """The latest submitted version of each note the caller reads, not read by them yet,
    oldest first (a trainee has no queue)."""
    if principal.role is Role.TRAINEE:
        return []
    notes = list(
        session.scalars(
            NoteRepository(session, principal)
            .readable_statement()
            .where(SynthesisNote.status == NoteStatus.SUBMITTED)
        )
    )
    latest = latest_versions(session, [n.id for n in notes])
    read = read_version_ids(session, principal.user_id, [v.id for v in latest.values()])
    analyses_by_id = {
        a.id: a
        for a in session.scalars(
            select(Analysis).where(Analysis.id.in_([n.analysis_id for n in notes]))
        )
    } if notes else {}  # fmt: skip
    people = names(session, [n.owner_id for n in notes])
    out: list[dict[str, Any]] = []
    for n in notes:
        v = latest.get(n.id)
        if v is None or v.id in read:
            continue
        a = analyses_by_id[n.analysis_id]
        out.append(
            {"note_id": n.id, "analysis_id": a.id, "trainee_id": n.owner_id,
             "trainee_name": people.get(n.owner_id, ("", ""))[0], "title": v.title,
             "number": v.number, "submitted_at": v.submitted_at, "starts_on": a.starts_on,
             "ends_on": a.ends_on}
        )  # fmt: skip
    out.sort(key=lambda item: item["submitted_at"])
    return out[:limit]


# --------------------------------------------------------------------------- assessment


def assess(
    session: Session, principal: Principal, note_id: int, number: int, data: NoteAssessmentIn
) -> list[AssessmentOut]:
    """The trainer's assessment of the CP4 criteria (and CT1.5) from a version of the note:
    one assessment per criterion, appended to the trainee's history, naming the note."""
    version = version_of(session, principal, note_id, number)
    trainee = competences.trainee_for(session, principal, version.owner_id)
    out = []
    for c in data.criteria:
        text = f"D'après la note de synthèse {note_id}, version {number}." + (
            f" {c.comment}" if c.comment else ""
        )
        out.append(
            competences.assess(
                session,
                principal,
                trainee,
                AssessmentCreate(
                    criterion_code=c.criterion_code,
                    level=AssessmentLevel(c.level),
                    comment=text,
                ),
            )
        )
    _mark_read(session, principal, version)
    return out
