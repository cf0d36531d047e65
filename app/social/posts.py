"""The content calendar (CP5.5, CP3.8) and its posts' life: planned and checked at each
write (consistency with the charter, confidentiality: CP5.6), approved unless the
confidentiality check blocks it, published by hand, cancelled.

Rules:
- a post is checked at each write against the trainee's active case (the findings, whether it
  passed, when, under which case version are kept on it);
- the frequency rule counts the posts of the post's ISO week on its network, cancelled ones
  left out, this one included once;
- the confidentiality check reads the people of the trainee's file (``personal_data``: the
  names, e-mails and phones of their prospects and contacts, their customers' company names)
  in two queries, whatever the file's size;
- only a draft or an approved post changes; a change to an approved post takes it back to
  draft (it must be approved again); published and cancelled posts are read-only;
- approving refuses (409 ``post-blocked``, the blocking findings with their places) while the
  confidentiality check finds an error; nothing changes then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.business_cases.service import ActiveCase, require_active_case
from app.common.clock import utcnow
from app.common.findings import Finding, passed
from app.config import today_local
from app.core.errors import Conflict, FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page, findings_out
from app.models import PostStatus, ProspectKind, ProspectStatus, SocialNetwork, SocialPost
from app.social.checks import (
    PersonalData,
    PostDraft,
    blocking,
    check_confidentiality,
    check_consistency,
)
from app.social.repository import KpiRepository, PostRepository, file_people
from app.social.schemas import (
    SocialCheckOut,
    SocialKpiOut,
    SocialPostCheckIn,
    SocialPostIn,
    SocialPostOut,
    SocialPostUpdate,
    SocialPublishIn,
)
from app.social.shared import trainee_only

#: The posts a trainee may still change.
EDITABLE = (PostStatus.DRAFT, PostStatus.APPROVED)
#: Whose company names a post must not show without their written consent: customers,
#: present or past.
CUSTOMERS = (ProspectStatus.CUSTOMER, ProspectStatus.INACTIVE)
STATUS_FR = {
    PostStatus.DRAFT: "brouillon",
    PostStatus.APPROVED: "approuvée",
    PostStatus.PUBLISHED: "publiée",
    PostStatus.CANCELLED: "annulée",
}


# ----------------------------------------------------------------- the checks


def personal_data(session: Session, owner_id: int) -> PersonalData:
    """What a post of ``owner_id``'s must not show, from their file: the contacts' names,
    the individual prospects' names (the first word and the rest), everyone's e-mail
    addresses and phone numbers, the B2B customers' company names."""
    prospects, contacts = file_people(session, owner_id)
    names: list[tuple[str, str]] = [(first, last) for first, last, _, _ in contacts if last]
    emails = [e for *_, e, _ in contacts if e] + [e for _, _, e, _, _ in prospects if e]
    phones = [p for *_, p in contacts if p] + [p for _, _, _, p, _ in prospects if p]
    companies: list[str] = []
    for kind, name, _, _, status in prospects:
        if kind is ProspectKind.INDIVIDUAL:
            first, _, last = name.strip().partition(" ")
            if first and last.strip():
                names.append((first, last.strip()))
        elif status in CUSTOMERS:
            companies.append(name)
    return PersonalData(
        names=tuple(names), emails=tuple(emails), phones=tuple(phones), companies=tuple(companies)
    )


def iso_week(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of ``day``'s ISO week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def run_checks(
    session: Session,
    principal: Principal,
    active: ActiveCase,
    draft: PostDraft,
    *,
    owner_id: int,
    post_id: int | None,
) -> tuple[list[Finding], int]:
    """Both checks of a post (consistency, then confidentiality) and the number of posts
    of its week on its network that the frequency rule counted (this one included)."""
    in_week = 1
    if draft.planned_on is not None:
        first, last = iso_week(draft.planned_on)
        in_week += PostRepository(session, principal).count_planned(
            owner_id, draft.network, first, last, excluding=post_id
        )
    doc = active.document
    findings = check_consistency(doc, draft, posts_in_week=in_week)
    findings += check_confidentiality(doc, draft, personal_data(session, owner_id))
    return findings, in_week


def draft_of(post: SocialPost | SocialPostIn) -> PostDraft:
    return PostDraft(
        network=post.network,
        theme=post.theme,
        text=post.text,
        media_description=post.media_description,
        objective=post.objective,
        planned_on=post.planned_on,
        interlocutor=post.interlocutor,
    )


def _check_post(
    session: Session, principal: Principal, post: SocialPost, active: ActiveCase | None = None
) -> list[Finding]:
    """Check a post under the trainee's active case and keep the findings on it."""
    active = active or require_active_case(session, post.owner_id)
    findings, _ = run_checks(
        session, principal, active, draft_of(post), owner_id=post.owner_id, post_id=post.id
    )
    post.store_check(findings, active.version.id)
    return findings


def check_post(session: Session, principal: Principal, data: SocialPostCheckIn) -> SocialCheckOut:
    """Both checks of a post as written, nothing saved (the editor's live check)."""
    trainee_only(principal, "Le contrôle d'une publication")
    post_id = None
    if data.post_id is not None:
        post_id = PostRepository(session, principal).get_referenced(data.post_id, "post_id").id
    active = require_active_case(session, principal.user_id)
    findings, in_week = run_checks(
        session, principal, active, draft_of(data), owner_id=principal.user_id, post_id=post_id
    )
    return SocialCheckOut(
        passed=passed(findings),
        blocked=bool(blocking(findings)),
        findings=findings_out(findings),
        posts_in_week=in_week,
        business_case_version_id=active.version.id,
    )


# ----------------------------------------------------------------- reads


def posts_out(
    session: Session, principal: Principal, posts: list[SocialPost]
) -> list[SocialPostOut]:
    """The posts with their findings and their latest figures (one query for the page)."""
    latest = KpiRepository(session, principal).latest([p.id for p in posts])
    out = []
    for post in posts:
        row = SocialPostOut.model_validate(post)
        row.findings = findings_out(post.findings)
        kpi = latest.get(post.id)
        if kpi is not None:
            row.figures = kpi_out(kpi)
        out.append(row)
    return out


def kpi_out(kpi: Any) -> SocialKpiOut:
    out = SocialKpiOut.model_validate(kpi)
    out.engagements = kpi.reactions + kpi.comments + kpi.shares
    return out


def calendar(
    session: Session,
    principal: Principal,
    page: PageParams,
    owner_id: int | None,
    *,
    start: date | None,
    end: date | None,
    network: SocialNetwork | None,
    status: PostStatus | None,
) -> Page[SocialPostOut]:
    if start is not None and end is not None and start > end:
        raise FieldError("from", f"La période commence ({start}) après sa fin ({end}).",
                         location="query")  # fmt: skip
    stmt = PostRepository(session, principal).calendar(
        owner_id, start=start, end=end, network=network, status=status
    )
    items, total = paginate(session, stmt, page)
    return page_of(posts_out(session, principal, items), total, page)


def read_post(session: Session, principal: Principal, post_id: int) -> SocialPostOut:
    post = PostRepository(session, principal).get_readable(post_id)
    return posts_out(session, principal, [post])[0]


# ----------------------------------------------------------------- writes


def create_post(session: Session, principal: Principal, data: SocialPostIn) -> SocialPostOut:
    """A post planned in the calendar, as a draft, checked."""
    trainee_only(principal, "Le calendrier éditorial")
    active = require_active_case(session, principal.user_id)
    post = SocialPost(owner_id=principal.user_id, status=PostStatus.DRAFT, **data.model_dump())
    session.add(post)
    session.flush()
    _check_post(session, principal, post, active)
    session.flush()
    return posts_out(session, principal, [post])[0]


def _editable(post: SocialPost, doing: str) -> None:
    if post.status not in EDITABLE:
        raise Conflict(
            f"Publication {STATUS_FR[post.status]} : on ne peut plus {doing} (seuls les "
            "brouillons et les publications approuvées changent)."
        )


def update_post(
    session: Session, principal: Principal, post_id: int, data: SocialPostUpdate
) -> SocialPostOut:
    """Change a draft or an approved post (an approved one goes back to draft) and check it
    again. Sending only the version changes nothing, whatever the status."""
    post = PostRepository(session, principal).get_writable(post_id)
    check_version(post, data.version)
    sent = data.model_fields_set - {"version"}
    if any(getattr(data, name) != getattr(post, name) for name in sent):
        _editable(post, "la modifier")
        apply_patch(post, data, clearable={"interlocutor"})
        if post.status is PostStatus.APPROVED:
            post.status = PostStatus.DRAFT
            post.approved_at = None
        _check_post(session, principal, post)
        session.flush()
    return posts_out(session, principal, [post])[0]


def delete_post(session: Session, principal: Principal, post_id: int) -> None:
    session.delete(PostRepository(session, principal).get_writable(post_id))


@dataclass(frozen=True)
class Approved:
    """A post approved, and whether its approval shows CP5.5, CP5.6 and CP3.8: both checks
    passed (no error at all). Evidence is once per post (the route's ``once_per``)."""

    post: SocialPostOut
    shown: bool


def approve_post(session: Session, principal: Principal, post_id: int) -> Approved:
    """Check the post again and approve it, unless the confidentiality check blocks it: then
    409 ``post-blocked`` with the blocking findings (rule, message, field, place) and the
    post stays as it was (the request is rolled back)."""
    post = PostRepository(session, principal).get_writable(post_id)
    _editable(post, "l'approuver")
    findings = _check_post(session, principal, post)
    blocked = blocking(findings)
    if blocked:
        raise Conflict(
            f"Publication bloquée : {len(blocked)} donnée(s) personnelle(s) ou "
            "confidentielle(s) à retirer avant de l'approuver.",
            problem_slug="post-blocked",
            problem_title="Publication bloquée par le contrôle de confidentialité",
            findings=[f.as_dict() for f in blocked],
        )
    if post.status is PostStatus.DRAFT:
        post.status = PostStatus.APPROVED
        post.approved_at = utcnow()
    session.flush()
    return Approved(posts_out(session, principal, [post])[0], passed(findings))


def publish_post(
    session: Session, principal: Principal, post_id: int, data: SocialPublishIn
) -> SocialPostOut:
    """Record that an approved post was published (by hand: CapVente reaches no network)."""
    post = PostRepository(session, principal).get_writable(post_id)
    if post.status is not PostStatus.APPROVED:
        raise Conflict(
            f"Publication {STATUS_FR[post.status]} : seule une publication approuvée se publie."
        )
    published_on = data.published_on or today_local()
    if published_on > today_local():
        raise FieldError("published_on", "La date de publication ne peut pas être dans le futur.")
    post.status = PostStatus.PUBLISHED
    post.published_on = published_on
    if data.url is not None:
        post.url = data.url
    session.flush()
    return posts_out(session, principal, [post])[0]


def cancel_post(session: Session, principal: Principal, post_id: int) -> SocialPostOut:
    post = PostRepository(session, principal).get_writable(post_id)
    _editable(post, "l'annuler")
    post.status = PostStatus.CANCELLED
    session.flush()
    return posts_out(session, principal, [post])[0]
