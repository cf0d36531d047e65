"""The presentation library's rules: presentations and their variants, drafted from the
trainee's business case and checked against it (``checker``), with where each variant was
used. The case is read, never copied: a variant keeps the id of the case version it was
last checked against, and reads check it again against today's case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.common.clock import utcnow
from app.common.findings import passed
from app.core.errors import Conflict, FieldError, NotFound
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page, findings_out
from app.models import (
    Presentation,
    PresentationChannel,
    PresentationKind,
    PresentationVariant,
    User,
)
from app.presentations import formats
from app.presentations.checker import VariantDraft, check_variant
from app.presentations.drafting import draft_variant
from app.presentations.repository import PresentationRepository, VariantRepository, uses
from app.presentations.schemas import (
    ArgumentRef,
    ArgumentRefOut,
    PresentationCheck,
    PresentationCheckIn,
    PresentationCreate,
    PresentationCreated,
    PresentationOut,
    PresentationUpdate,
    VariantCreate,
    VariantMeasures,
    VariantOut,
    VariantUpdate,
    VariantUses,
)
from app.prospects.repository import PersonaRepository

#: Variants per presentation: one per interlocutor and channel is plenty.
MAX_VARIANTS = 24


@dataclass(frozen=True)
class Written:
    """A variant written by a request, and whether it showed the competence: a text the
    trainee wrote passed its check for the first time (a draft the case wrote shows
    nothing until the trainee rewrites it)."""

    variant: PresentationVariant
    first_pass: bool


# ----------------------------------------------------------------- shaping


def measures(channel: PresentationChannel, text: str) -> VariantMeasures:
    words = formats.word_count(text)
    oral = formats.is_oral(channel)
    return VariantMeasures(
        words=words,
        characters=len(text),
        spoken_seconds=formats.seconds_for(words) if oral else None,
    )


def _draft_of(variant: PresentationVariant, kind: PresentationKind) -> VariantDraft:
    return VariantDraft(
        kind=kind,
        interlocutor=variant.interlocutor,
        channel=variant.channel,
        text=variant.text,
        subject=variant.subject,
        arguments=tuple((str(r), int(i)) for r, i in variant.arguments),
    )


def variants_out(
    session: Session,
    presentations: Sequence[Presentation],
    variants: Sequence[PresentationVariant],
    *,
    live: bool,
) -> dict[int, list[VariantOut]]:
    """The variants by presentation; with ``live``, checked again against their owner's
    case of today (``outdated`` says when it changed since the stored check)."""
    kinds = {p.id: p.kind for p in presentations}
    owners = {p.owner_id for p in presentations}
    reports, campaigns = uses(session, owners, [v.id for v in variants])
    active = {o: cases.active_case(session, o) for o in owners} if live else {}
    out: dict[int, list[VariantOut]] = {p.id: [] for p in presentations}
    for v in variants:
        row = VariantOut(
            id=v.id,
            presentation_id=v.presentation_id,
            owner_id=v.owner_id,
            interlocutor=v.interlocutor,
            channel=v.channel,
            persona_id=v.persona_id,
            subject=v.subject,
            text=v.text,
            arguments=[ArgumentRefOut(reference=r, index=i) for r, i in v.arguments],
            passed=v.passed,
            findings=findings_out(v.findings),
            checked_at=v.checked_at,
            business_case_version_id=v.business_case_version_id,
            first_passed_at=v.first_passed_at,
            measures=measures(v.channel, v.text),
            uses=VariantUses(interview_report_ids=reports[v.id], campaign_ids=campaigns[v.id]),
            created_at=v.created_at,
            updated_at=v.updated_at,
            version=v.version,
        )
        case = active.get(v.owner_id)
        if case is not None and case.version.id != v.business_case_version_id:
            findings = check_variant(case.document, _draft_of(v, kinds[v.presentation_id]))
            row.findings = findings_out(findings)
            row.passed = passed(findings)
            row.outdated = True
        out[v.presentation_id].append(row)
    return out


def presentations_out(
    session: Session, principal: Principal, items: Sequence[Presentation], *, live: bool = False
) -> list[PresentationOut]:
    """The presentations with their variants (one query for the variants of the page)."""
    variants = VariantRepository(session, principal).of_presentations([p.id for p in items])
    by_presentation = variants_out(session, items, variants, live=live)
    return [
        PresentationOut(
            id=p.id,
            owner_id=p.owner_id,
            title=p.title,
            kind=p.kind,
            references=p.references,
            variants=by_presentation[p.id],
            passed_count=sum(1 for v in by_presentation[p.id] if v.passed),
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
        )
        for p in items
    ]


def presentation_out(
    session: Session, principal: Principal, presentation: Presentation
) -> PresentationOut:
    return presentations_out(session, principal, [presentation], live=True)[0]


# ----------------------------------------------------------------- reads


def list_presentations(
    session: Session,
    principal: Principal,
    page: PageParams,
    owner_id: int | None,
    kind: PresentationKind | None,
    q: str | None,
) -> Page[PresentationOut]:
    stmt = PresentationRepository(session, principal).listing(owner_id, kind, q)
    items, total = paginate(session, stmt, page)
    return page_of(presentations_out(session, principal, items), total, page)


def read_presentation(
    session: Session, principal: Principal, presentation_id: int
) -> PresentationOut:
    found = PresentationRepository(session, principal).get_readable(presentation_id)
    return presentation_out(session, principal, found)


def check_text(
    session: Session, principal: Principal, data: PresentationCheckIn
) -> PresentationCheck:
    """Check a text against the caller's case without saving anything."""
    active = cases.require_active_case(session, principal.user_id)
    draft = VariantDraft(
        kind=data.kind,
        interlocutor=data.interlocutor,
        channel=data.channel,
        text=data.text,
        subject=data.subject,
        arguments=tuple((a.reference, a.index) for a in data.arguments),
    )
    findings = check_variant(active.document, draft)
    return PresentationCheck(
        passed=passed(findings),
        findings=findings_out(findings),
        measures=measures(data.channel, data.text),
        business_case_version_id=active.version.id,
    )


# ----------------------------------------------------------------- writes


def _references(doc: BusinessCaseDocument, references: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(references))
    unknown = [r for r in unique if doc.product(r) is None]
    if unknown:
        raise FieldError(
            "references", f"Référence(s) absente(s) du catalogue du cas : {', '.join(unknown)}."
        )
    return unique


def _arguments(
    doc: BusinessCaseDocument, arguments: Sequence[ArgumentRef], field: str
) -> list[list[str | int]]:
    """The arguments as stored; an unknown product is refused (the checker reports an
    argument rank the product does not have, with its place in the list)."""
    for i, a in enumerate(arguments):
        if doc.product(a.reference) is None:
            raise FieldError(
                f"{field}.{i}.reference", f"Référence {a.reference} absente du catalogue du cas."
            )
    unique = dict.fromkeys((a.reference, a.index) for a in arguments)
    return [[reference, index] for reference, index in unique]


def _persona(session: Session, principal: Principal, persona_id: int | None, field: str) -> None:
    if persona_id is not None:
        PersonaRepository(session, principal).get_referenced(persona_id, field)


def _check(
    variant: PresentationVariant, kind: PresentationKind, active: cases.ActiveCase, *, wrote: bool
) -> bool:
    """Check the variant against the case and store the verdict; True when this is the
    first time a text the trainee wrote passes (the evidence)."""
    findings = check_variant(active.document, _draft_of(variant, kind))
    if variant.store_check(findings, active.version.id) and wrote and not variant.first_passed_at:
        variant.first_passed_at = variant.checked_at
        return True
    return False


def _new_variant(
    session: Session,
    principal: Principal,
    presentation: Presentation,
    active: cases.ActiveCase,
    data: VariantCreate,
    field: str,
) -> Written:
    doc = active.document
    channel = data.channel or formats.default_channel(presentation.kind)
    _persona(session, principal, data.persona_id, f"{field}persona_id")
    wrote = data.text is not None
    if wrote:
        text, subject = data.text or "", data.subject or ""
        arguments = _arguments(doc, data.arguments or [], f"{field}arguments")
    else:
        seller = session.get(User, principal.user_id)
        drafted = draft_variant(
            doc,
            presentation.kind,
            data.interlocutor,
            channel,
            presentation.references,
            seller.full_name if seller else "",
        )
        text, subject = drafted.text, drafted.subject
        arguments = [[r, i] for r, i in drafted.arguments]
    variant = PresentationVariant(
        owner_id=presentation.owner_id,
        presentation_id=presentation.id,
        interlocutor=data.interlocutor,
        channel=channel,
        persona_id=data.persona_id,
        subject=subject if channel is PresentationChannel.EMAIL else "",
        text=text,
        arguments=arguments,
    )
    first = _check(variant, presentation.kind, active, wrote=wrote)
    session.add(variant)
    session.flush()
    return Written(variant, first)


def create_presentation(
    session: Session, principal: Principal, data: PresentationCreate
) -> tuple[PresentationCreated, bool]:
    """A presentation and its first variant; True when that variant shows the competence."""
    active = cases.require_active_case(session, principal.user_id)
    presentation = Presentation(
        owner_id=principal.user_id,
        title=data.title,
        kind=data.kind,
        references=_references(active.document, data.references),
    )
    session.add(presentation)
    session.flush()
    written = _new_variant(session, principal, presentation, active, data.variant, "variant.")
    out = presentation_out(session, principal, presentation)
    variant = next(v for v in out.variants if v.id == written.variant.id)
    return PresentationCreated(presentation=out, variant=variant), written.first_pass


def update_presentation(
    session: Session, principal: Principal, presentation_id: int, data: PresentationUpdate
) -> PresentationOut:
    presentation = PresentationRepository(session, principal).get_writable(presentation_id)
    check_version(presentation, data.version)
    if data.references is not None:
        active = cases.require_active_case(session, principal.user_id)
        data.references = _references(active.document, data.references)
    apply_patch(presentation, data, clearable=set())
    session.flush()
    return presentation_out(session, principal, presentation)


def delete_presentation(session: Session, principal: Principal, presentation_id: int) -> None:
    """The presentation; the database deletes its variants and their campaign links
    (``ON DELETE CASCADE``)."""
    session.delete(PresentationRepository(session, principal).get_writable(presentation_id))


def add_variant(
    session: Session, principal: Principal, presentation_id: int, data: VariantCreate
) -> tuple[PresentationCreated, bool]:
    presentation = PresentationRepository(session, principal).get_writable(presentation_id)
    count = len(VariantRepository(session, principal).of_presentations([presentation.id]))
    if count >= MAX_VARIANTS:
        raise Conflict(
            f"Cette présentation a déjà {MAX_VARIANTS} variantes : réécrivez-en une ou "
            "supprimez celles qui ne servent plus."
        )
    active = cases.require_active_case(session, principal.user_id)
    written = _new_variant(session, principal, presentation, active, data, "")
    presentation.updated_at = utcnow()
    out = presentation_out(session, principal, presentation)
    variant = next(v for v in out.variants if v.id == written.variant.id)
    return PresentationCreated(presentation=out, variant=variant), written.first_pass


def _variant(
    session: Session, principal: Principal, presentation_id: int, variant_id: int
) -> tuple[Presentation, PresentationVariant]:
    presentation = PresentationRepository(session, principal).get_writable(presentation_id)
    variant = VariantRepository(session, principal).get_writable(variant_id)
    if variant.presentation_id != presentation.id:
        raise NotFound(f"Variante {variant_id} introuvable dans la présentation {presentation_id}.")
    return presentation, variant


def rewrite_variant(
    session: Session,
    principal: Principal,
    presentation_id: int,
    variant_id: int,
    data: VariantUpdate,
) -> tuple[VariantOut, bool]:
    """The variant as the trainee rewrote it, checked; True when it shows the competence."""
    presentation, variant = _variant(session, principal, presentation_id, variant_id)
    check_version(variant, data.version)
    active = cases.require_active_case(session, principal.user_id)
    _persona(session, principal, data.persona_id, "persona_id")
    arguments = _arguments(active.document, data.arguments, "arguments")
    subject = data.subject if data.channel is PresentationChannel.EMAIL else ""
    # The trainee's own writing: a drafted text sent back untouched shows nothing.
    wrote = (
        variant.text != data.text or variant.subject != subject or variant.arguments != arguments
    )
    variant.interlocutor = data.interlocutor
    variant.channel = data.channel
    variant.persona_id = data.persona_id
    variant.subject = subject
    variant.text = data.text
    variant.arguments = arguments
    first = _check(variant, presentation.kind, active, wrote=wrote)
    session.flush()
    out = variants_out(session, [presentation], [variant], live=False)[presentation.id][0]
    return out, first


def delete_variant(
    session: Session, principal: Principal, presentation_id: int, variant_id: int
) -> None:
    _presentation, variant = _variant(session, principal, presentation_id, variant_id)
    session.delete(variant)
