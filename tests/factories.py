"""Small factories that flush, and helpers to call the API as someone."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.common.text import fold
from app.core.security import create_access_token, hash_password, new_api_token
from app.models import (
    Analysis,
    AnalysisCause,
    ApiToken,
    Appointment,
    ApprovalStatus,
    Base,
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseStatus,
    BusinessCaseVersion,
    CalendarFeed,
    CallScript,
    Campaign,
    CampaignKind,
    CampaignMember,
    CaseType,
    Channel,
    ClientMessage,
    Cohort,
    Competitor,
    Complaint,
    ComplaintCategory,
    ComplaintSeverity,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    ConsentStatus,
    Contact,
    CorrectiveAction,
    CorrectiveKind,
    Delivery,
    Direction,
    Escalation,
    EscalationDepartment,
    EventInvitation,
    Exercise,
    ExerciseRun,
    ExerciseStatus,
    FollowUpCase,
    FollowUpSubject,
    ImportJob,
    Interaction,
    Interlocutor,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    JobStatus,
    LawfulBasis,
    LoyaltyCampaign,
    LoyaltyEvent,
    LoyaltyEventKind,
    LoyaltyOffer,
    MessageSource,
    MessageStatus,
    NoteStatus,
    NoteVersion,
    ObjectionEntry,
    ObjectionKind,
    OfferStatus,
    Opportunity,
    Order,
    Organisation,
    OutboundMessage,
    Outcome,
    Persona,
    Plan,
    PlanAction,
    PlanActionKind,
    PlanObjective,
    PlanPeriodKind,
    PostObjective,
    PostStatus,
    Presentation,
    PresentationChannel,
    PresentationKind,
    PresentationVariant,
    PrivacyRequest,
    PrivacyRequestKind,
    Prospect,
    ProspectKind,
    ProspectStatus,
    Quote,
    QuoteLine,
    RecommendationRun,
    RelaunchPlan,
    Role,
    RunStatus,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
    SocialNetworkStat,
    SocialPost,
    SocialPostKpi,
    Survey,
    SurveyKind,
    SynthesisNote,
    Task,
    TaskLinkKind,
    Tour,
    TransportMode,
    User,
    WatchCadence,
    WatchItem,
    WatchSearch,
    WatchSource,
    WatchSourceKind,
    WatchTopic,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookSubscription,
    cohort_trainers,
)
from app.prospects.rules import sector_key
from app.webhooks.signing import new_secret
from tests.conftest import TEST_SECRET

PASSWORD = "correct horse battery"
PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose
_seq = itertools.count(1)


def make_org(db: Session, name: str | None = None) -> Organisation:
    n = next(_seq)
    org = Organisation(name=name or f"Centre {n}", slug=f"centre-{n}")
    db.add(org)
    db.flush()
    return org


def make_cohort(
    db: Session, org: Organisation, *, name: str | None = None, trainers: Sequence[User] = ()
) -> Cohort:
    cohort = Cohort(organisation_id=org.id, name=name or f"Cohorte {next(_seq)}")
    db.add(cohort)
    db.flush()
    for trainer in trainers:
        db.execute(cohort_trainers.insert().values(cohort_id=cohort.id, user_id=trainer.id))
    db.flush()
    return cohort


def make_user(
    db: Session,
    org: Organisation,
    role: Role = Role.TRAINEE,
    *,
    cohort: Cohort | None = None,
    email: str | None = None,
    full_name: str | None = None,
    is_active: bool = True,
) -> User:
    n = next(_seq)
    user = User(
        organisation_id=org.id,
        email=email or f"{role.value}{n}@example.org",
        full_name=full_name or f"{role.value.title()} {n}",
        role=role,
        password_hash=PASSWORD_HASH,
        cohort_id=cohort.id if cohort else None,
        is_active=is_active,
    )
    db.add(user)
    db.flush()
    return user


def lead(db: Session, trainer: User, cohort: Cohort) -> None:
    db.execute(cohort_trainers.insert().values(cohort_id=cohort.id, user_id=trainer.id))
    db.flush()


def bearer(user: User, minutes: int = 60) -> dict[str, str]:
    token, _ = create_access_token(
        user_id=user.id,
        secret=TEST_SECRET,
        minutes=minutes,
        credential_version=user.credential_version,
    )
    return {"Authorization": f"Bearer {token}"}


def api_token_bearer(
    db: Session, user: User, *, last_used_at: datetime | None = None
) -> tuple[ApiToken, dict[str, str]]:
    """A personal API token (read and write) of ``user``, and the header that sends it."""
    new = new_api_token()
    token = ApiToken(user_id=user.id, name="plateforme", prefix=new.prefix,
                     secret_hash=new.secret_hash, scopes=["read", "write"],
                     last_used_at=last_used_at)  # fmt: skip
    db.add(token)
    db.flush()
    return token, {"Authorization": f"Bearer {new.secret}"}


def snapshot(conn: Connection | Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a request changed nothing."""
    out = {}
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        rows = conn.execute(select(table).order_by(*pk)).all()
        out[table.name] = [tuple(r) for r in rows]
    return out


# ------------------------------------------------------------------ prospect file


def make_prospect(db: Session, owner: User, **fields: Any) -> Prospect:
    n = next(_seq)
    values: dict[str, Any] = {
        "kind": ProspectKind.COMPANY,
        "name": f"Entreprise {n}",
        "status": ProspectStatus.PROSPECT,
        "postcode": "69003",
        "city": "Lyon",
        "tags": [],
    }
    values.update(fields)
    prospect = Prospect(owner_id=owner.id, **values)
    prospect.search_text = fold(
        " ".join(filter(None, [prospect.name, prospect.city, prospect.siret]))
    )
    prospect.sector_key = sector_key(prospect.sector)
    db.add(prospect)
    db.flush()
    return prospect


def make_contact(db: Session, prospect: Prospect, **fields: Any) -> Contact:
    values: dict[str, Any] = {"first_name": "Claire", "last_name": f"Contact {next(_seq)}"}
    values.update(fields)
    contact = Contact(owner_id=prospect.owner_id, prospect_id=prospect.id, **values)
    db.add(contact)
    db.flush()
    return contact


def make_consent(
    db: Session,
    prospect: Prospect,
    channel: ConsentChannel,
    status: ConsentStatus,
    *,
    contact: Contact | None = None,
    given_at: datetime | None = None,
) -> ConsentRecord:
    record = ConsentRecord(
        owner_id=prospect.owner_id,
        prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        purpose=ConsentPurpose.PROSPECTING,
        channel=channel,
        status=status,
        lawful_basis=LawfulBasis.CONSENT,
        given_at=given_at or utcnow(),
        method=ConsentMethod.WEB_FORM,
        text_version="v1",
        recorded_by=prospect.owner_id,
    )
    db.add(record)
    db.flush()
    return record


def owned_records(db: Session, owner: User) -> dict[str, int]:
    """One record of every kind of the prospect file, by path-parameter name."""
    prospect = make_prospect(db, owner, kind=ProspectKind.COMPANY, name="Victime SA")
    contact = make_contact(db, prospect)
    persona = Persona(owner_id=owner.id, name="Cible", description="", sectors=["BTP"],
                      size_bands=[], postcodes=[])  # fmt: skip
    db.add(persona)
    db.flush()
    script = CallScript(owner_id=owner.id, name="Script", persona_id=persona.id,
                        steps=[{"kind": "introduction", "text": "Bonjour"}])  # fmt: skip
    campaign = Campaign(owner_id=owner.id, name="Campagne", channel=Channel.PHONE,
                        saved_filter={}, message_template="")  # fmt: skip
    db.add_all([script, campaign])
    db.flush()
    member = CampaignMember(owner_id=owner.id, campaign_id=campaign.id, prospect_id=prospect.id)
    interaction = Interaction(
        owner_id=owner.id, prospect_id=prospect.id, channel=Channel.PHONE,
        direction=Direction.OUTBOUND, outcome=Outcome.CALLBACK, notes="",
    )  # fmt: skip
    db.add_all([member, interaction])
    db.flush()
    appointment = Appointment(
        owner_id=owner.id, prospect_id=prospect.id, starts_at=utcnow(), notes="",
        interaction_id=interaction.id,
    )  # fmt: skip
    job = ImportJob(owner_id=owner.id, filename="x.csv", file_format="csv", mapping={},
                    report={})  # fmt: skip
    request = PrivacyRequest(owner_id=owner.id, prospect_id=prospect.id,
                             kind=PrivacyRequestKind.ACCESS, received_on=utcnow().date(),
                             due_on=utcnow().date(), changes={})  # fmt: skip
    tour = Tour(owner_id=owner.id, name="Tournée", mode=TransportMode.CAR,
                first_day=utcnow().date(), days_count=1, request={}, plan={},
                matrix_source="haversine", total_km=Decimal("12.5"), baseline_km=Decimal("14"),
                co2_total_kg=Decimal("1.775"), visits_planned=1, visits_unassigned=0)  # fmt: skip
    competitor = Competitor(owner_id=owner.id, name="Concurrent SA", channels=[])
    db.add_all([appointment, job, request, tour, competitor])
    db.flush()
    source = WatchSource(owner_id=owner.id, name="Flux", kind=WatchSourceKind.RSS,
                         url="https://exemple.fr/flux.xml", topic=WatchTopic.MARKET,
                         cadence=WatchCadence.WEEKLY, reliability=3,
                         reliability_reason="Presse spécialisée", competitor_id=competitor.id)  # fmt: skip
    db.add(source)
    db.flush()
    item = WatchItem(owner_id=owner.id, source_id=source.id, dedup_key="k1", title="Article",
                     summary="", topic=WatchTopic.MARKET, tags=[], suggestion_reasons=[],
                     extra={})  # fmt: skip
    search = WatchSearch(owner_id=owner.id, name="Marché", topic=WatchTopic.MARKET)
    db.add_all([item, search])
    db.flush()
    make_consent(db, prospect, ConsentChannel.EMAIL, ConsentStatus.GRANTED, contact=contact)
    business = business_case_records(db, owner)
    task = Task(owner_id=owner.id, organisation_id=owner.organisation_id, title="Relancer",
                due_on=utcnow().date(), link_kind=TaskLinkKind.PROSPECT, link_id=prospect.id)  # fmt: skip
    feed = CalendarFeed(owner_id=owner.id, label="Agenda", token_hash=f"{next(_seq):064d}")
    db.add_all([task, feed])
    db.flush()
    sales = sales_records(db, owner, prospect, business["case_id"])
    image = image_records(db, owner, prospect)
    webhooks = webhook_records(db, owner)
    exercises = exercise_records(db, owner, business["case_id"])
    return {
        **business,
        "prospect_id": prospect.id,
        "contact_id": contact.id,
        "persona_id": persona.id,
        "script_id": script.id,
        "campaign_id": campaign.id,
        "member_id": member.id,
        "interaction_id": interaction.id,
        "appointment_id": appointment.id,
        "import_id": job.id,
        "privacy_request_id": request.id,
        "tour_id": tour.id,
        "competitor_id": competitor.id,
        "source_id": source.id,
        "item_id": item.id,
        "search_id": search.id,
        "task_id": task.id,
        "feed_id": feed.id,
        **sales,
        **image,
        **webhooks,
        **exercises,
    }


def exercise_records(db: Session, owner: User, case_id: int) -> dict[str, int]:
    """A published exercise of ``owner``'s organisation (an organisation record) and
    ``owner``'s running run of it, by path-parameter name."""
    exercise = Exercise(organisation_id=owner.organisation_id, title="Phoning",
                        business_case_id=case_id, seed=7, status=ExerciseStatus.PUBLISHED,
                        objectives=[], competences=[], market={})  # fmt: skip
    db.add(exercise)
    db.flush()
    run = ExerciseRun(exercise_id=exercise.id, owner_id=owner.id, seed=11,
                      status=RunStatus.RUNNING, starts_on=date(2026, 9, 14),
                      today=date(2026, 9, 14), started_at=datetime(2026, 9, 14, 8, tzinfo=UTC))  # fmt: skip
    db.add(run)
    db.flush()
    return {"exercise_id": exercise.id, "run_id": run.id}


def webhook_records(db: Session, owner: User) -> dict[str, int]:
    """A webhook subscription of ``owner``'s organisation (an organisation record, not the
    trainee's) with one delivery, by path-parameter name."""
    subscription = WebhookSubscription(
        organisation_id=owner.organisation_id, url="https://example.org/hooks",
        events=["evidence.recorded"], secret=new_secret(),
    )  # fmt: skip
    db.add(subscription)
    db.flush()
    event = WebhookEvent(public_id=f"msg_{next(_seq):026d}", organisation_id=owner.organisation_id,
                         kind="evidence.recorded", payload={"trainee_id": owner.id})  # fmt: skip
    db.add(event)
    db.flush()
    delivery = WebhookDelivery(organisation_id=owner.organisation_id, event_id=event.id,
                               subscription_id=subscription.id,
                               status=WebhookDeliveryStatus.FAILED, attempts=8)  # fmt: skip
    db.add(delivery)
    db.flush()
    return {"subscription_id": subscription.id, "delivery_id": delivery.id}


def image_records(db: Session, owner: User, prospect: Prospect) -> dict[str, int]:
    """A presentation with a variant, a published post with a KPI measurement, a network
    statistic and a social action of ``owner`` on ``prospect``, by path-parameter name."""
    presentation = Presentation(owner_id=owner.id, title="Pitch", kind=PresentationKind.ELEVATOR_PITCH,
                                references=[])  # fmt: skip
    db.add(presentation)
    db.flush()
    variant = PresentationVariant(owner_id=owner.id, presentation_id=presentation.id,
                                  interlocutor=Interlocutor.BUYER,
                                  channel=PresentationChannel.FACE_TO_FACE, text="Bonjour.",
                                  arguments=[], findings=[])  # fmt: skip
    today = utcnow().date()
    post = SocialPost(owner_id=owner.id, network=SocialNetwork.LINKEDIN, planned_on=today,
                      objective=PostObjective.AWARENESS, theme="Raccordements fibre réalisés",
                      text="Publication.", status=PostStatus.PUBLISHED, published_on=today,
                      findings=[])  # fmt: skip
    stat = SocialNetworkStat(owner_id=owner.id, network=SocialNetwork.LINKEDIN, measured_on=today,
                             followers=10, connections=20)  # fmt: skip
    db.add_all([variant, post, stat])
    db.flush()
    kpi = SocialPostKpi(owner_id=owner.id, post_id=post.id, measured_on=today, impressions=100)
    action = SocialAction(owner_id=owner.id, prospect_id=prospect.id, network=SocialNetwork.LINKEDIN,
                          kind=SocialActionKind.CONNECTION_REQUEST,
                          outcome=SocialActionOutcome.PENDING, occurred_at=utcnow())  # fmt: skip
    db.add_all([kpi, action])
    db.flush()
    return {
        "presentation_id": presentation.id,
        "variant_id": variant.id,
        "post_id": post.id,
        "kpi_id": kpi.id,
        "stat_id": stat.id,
        "social_action_id": action.id,
    }


def sales_records(db: Session, owner: User, prospect: Prospect, case_id: int) -> dict[str, int]:
    """An opportunity of ``owner`` on ``prospect`` and a draft quote with one line."""
    version = db.scalar(
        select(BusinessCaseVersion).where(BusinessCaseVersion.business_case_id == case_id)
    )
    assert version is not None
    opportunity = Opportunity(owner_id=owner.id, prospect_id=prospect.id,
                              business_case_version_id=version.id, title="Fibre")  # fmt: skip
    db.add(opportunity)
    db.flush()
    quote = Quote(owner_id=owner.id, opportunity_id=opportunity.id, prospect_id=prospect.id,
                  business_case_id=case_id, business_case_version_id=version.id,
                  valid_until=utcnow().date() + timedelta(days=30), escompte_rate=Decimal(0),
                  reductions=[], approval_status=ApprovalStatus.PENDING)  # fmt: skip
    db.add(quote)
    db.flush()
    db.add(QuoteLine(owner_id=owner.id, quote_id=quote.id, position=1,
                     product_reference="FIB-PRO-500", family="fibre", label="Fibre",
                     quantity=Decimal(1), unit_price_ht=Decimal("49.00"),
                     tva_rate=Decimal("20.00"), unit_cost_ht=Decimal("21.50"), discounts=[]))  # fmt: skip
    db.flush()
    objection = ObjectionEntry(owner_id=owner.id, kind=ObjectionKind.PRICE, objection="Trop cher",
                               answer="Comparons.")  # fmt: skip
    db.add(objection)
    db.flush()
    order = Order(owner_id=owner.id, prospect_id=prospect.id, business_case_id=case_id,
                  business_case_version_id=version.id, number=f"CDE-2026-{next(_seq):05d}",
                  ordered_on=utcnow().date(), escompte_rate=Decimal(0), reductions=[])  # fmt: skip
    db.add(order)
    db.flush()
    follow = follow_up_records(db, owner, prospect, order)
    return {"opportunity_id": opportunity.id, "quote_id": quote.id, "objection_id": objection.id,
            "order_id": order.id, **follow}  # fmt: skip


def follow_up_records(db: Session, owner: User, prospect: Prospect, order: Order) -> dict[str, int]:
    """A delivery of ``order``, a case about it with an escalation, and a complaint."""
    today = utcnow().date()
    delivery = Delivery(owner_id=owner.id, order_id=order.id, prospect_id=prospect.id,
                        position=1, promised_on=today, lines=[])  # fmt: skip
    case = FollowUpCase(owner_id=owner.id, prospect_id=prospect.id, case_type=CaseType.ORDER,
                        subject=FollowUpSubject.ORDER, subject_id=order.id, title="Commande",
                        business_case_version_id=order.business_case_version_id, steps={},
                        opened_on=today)  # fmt: skip
    db.add_all([delivery, case])
    db.flush()
    escalation = Escalation(owner_id=owner.id, case_id=case.id,
                            department=EscalationDepartment.LOGISTICS, facts="Retard",
                            client_request="Date", actions_taken="Relance", documents=[])  # fmt: skip
    complaint = Complaint(owner_id=owner.id, prospect_id=prospect.id, order_id=order.id,
                          channel=Channel.PHONE, category=ComplaintCategory.DELAY,
                          severity=ComplaintSeverity.LOW, received_on=today, subject="Retard",
                          response_due_on=today, resolution_due_on=today)  # fmt: skip
    message = ClientMessage(owner_id=owner.id, prospect_id=prospect.id,
                            subject=FollowUpSubject.ORDER, subject_id=order.id,
                            channel=Channel.EMAIL, at=utcnow(), summary="Commande confirmée")  # fmt: skip
    invoice = Invoice(owner_id=owner.id, prospect_id=prospect.id, order_id=order.id,
                      business_case_id=order.business_case_id,
                      business_case_version_id=order.business_case_version_id,
                      kind=InvoiceKind.INVOICE, number=f"FAC-2026-{next(_seq):05d}",
                      status=InvoiceStatus.OPEN, issued_on=today, due_on=today, lines=[],
                      total_ht=Decimal("100.00"), total_tva=Decimal("20.00"),
                      total_ttc=Decimal("120.00"))  # fmt: skip
    db.add_all([escalation, complaint, message, invoice])
    db.flush()
    return {"invoice_id": invoice.id, "delivery_id": delivery.id, "follow_up_case_id": case.id,
            "escalation_id": escalation.id, "complaint_id": complaint.id,
            **loyalty_records(db, owner, prospect, order)}  # fmt: skip


def loyalty_records(db: Session, owner: User, prospect: Prospect, order: Order) -> dict[str, int]:
    """A relaunch plan, a draft information campaign, an offer, a survey, an event with an
    invitation and a rule run of ``owner``'s, about the customer of ``order``."""
    today = utcnow().date()
    step = {"position": 0, "channel": "email", "delay_days": 0, "subject": "Bonjour",
            "body": "Bonjour {{ contact }}"}  # fmt: skip
    plan = RelaunchPlan(owner_id=owner.id, name="Relance", steps=[step])
    campaign = LoyaltyCampaign(owner_id=owner.id,
                               business_case_version_id=order.business_case_version_id,
                               title="Nouveautés", kind=CampaignKind.NEWS, subject="Du nouveau",
                               body="Bonjour {{ contact }}")  # fmt: skip
    offer = LoyaltyOffer(owner_id=owner.id, prospect_id=prospect.id,
                         business_case_version_id=order.business_case_version_id, title="Offre",
                         lines=[], valid_until=today, channel=Channel.EMAIL,
                         rule_label="Parrainage", gross_ht=Decimal(0), value_ht=Decimal(0),
                         status=OfferStatus.PENDING_APPROVAL,
                         approval_status=ApprovalStatus.PENDING)  # fmt: skip
    survey = Survey(owner_id=owner.id, kind=SurveyKind.NPS, title="NPS", question="?",
                    sent_on=today)  # fmt: skip
    event = LoyaltyEvent(owner_id=owner.id, kind=LoyaltyEventKind.OPEN_DAY, title="Portes",
                         held_on=today)  # fmt: skip
    run = RecommendationRun(owner_id=owner.id, business_case_id=order.business_case_id,
                            status=JobStatus.DONE, min_support=Decimal("0.01"),
                            min_confidence=Decimal("0.2"))  # fmt: skip
    db.add_all([plan, campaign, offer, survey, event, run])
    db.flush()
    invitation = EventInvitation(owner_id=owner.id, event_id=event.id, prospect_id=prospect.id,
                                 channel=Channel.EMAIL, invited_on=today)  # fmt: skip
    message = OutboundMessage(owner_id=owner.id, prospect_id=prospect.id,
                              source=MessageSource.EVENT, source_id=event.id,
                              channel=Channel.EMAIL, sent_on=today,
                              status=MessageStatus.RECORDED, rule="b2b-email-opt-out")  # fmt: skip
    db.add_all([invitation, message])
    db.flush()
    return {"relaunch_plan_id": plan.id, "loyalty_campaign_id": campaign.id,
            "offer_id": offer.id, "survey_id": survey.id, "loyalty_event_id": event.id,
            "invitation_id": invitation.id, "run_id": run.id}  # fmt: skip


EXAMPLE_CASE = Path(__file__).parent / "data" / "business_case_example.json"


def business_case_records(db: Session, owner: User) -> dict[str, int]:
    """A published business case assigned to ``owner`` and a plan of theirs under it (with
    an objective and an action), by path-parameter name."""
    document = json.loads(EXAMPLE_CASE.read_text(encoding="utf-8"))
    case = BusinessCase(organisation_id=owner.organisation_id, name=document["identity"]["name"],
                        draft=document, status=BusinessCaseStatus.PUBLISHED,
                        published_number=1)  # fmt: skip
    db.add(case)
    db.flush()
    version = BusinessCaseVersion(business_case_id=case.id, number=1, document=document)
    assignment = BusinessCaseAssignment(business_case_id=case.id, trainee_id=owner.id)
    db.add_all([version, assignment])
    db.flush()
    today = utcnow().date().replace(day=1)
    plan = Plan(owner_id=owner.id, title="PAC", business_case_version_id=version.id,
                period_kind=PlanPeriodKind.MONTH, starts_on=today,
                ends_on=today + timedelta(days=27))  # fmt: skip
    db.add(plan)
    db.flush()
    objective = PlanObjective(owner_id=owner.id, plan_id=plan.id, metric_code="contacts",
                              label="Contacts", target=Decimal(100))  # fmt: skip
    action = PlanAction(owner_id=owner.id, plan_id=plan.id, kind=PlanActionKind.PHONING,
                        title="Phoning", starts_on=today, ends_on=today)  # fmt: skip
    db.add_all([objective, action])
    db.flush()
    return {
        "case_id": case.id,
        "number": 1,
        "assignment_id": assignment.id,
        "plan_id": plan.id,
        "objective_id": objective.id,
        "action_id": action.id,
        **analyses_records(db, owner, plan),
    }


def analyses_records(db: Session, owner: User, plan: Plan) -> dict[str, int]:
    """An analysis of ``owner``'s plan with a cause, a corrective action and a note submitted
    once (version 1, with a comment), by path-parameter name."""
    analysis = Analysis(owner_id=owner.id, title="Analyse", starts_on=plan.starts_on,
                        ends_on=plan.ends_on, plan_id=plan.id)  # fmt: skip
    db.add(analysis)
    db.flush()
    cause = AnalysisCause(owner_id=owner.id, analysis_id=analysis.id, rule_code="call_hours",
                          key="call_hours", title="Heures d'appel")  # fmt: skip
    db.add(cause)
    db.flush()
    corrective = CorrectiveAction(owner_id=owner.id, analysis_id=analysis.id, cause_id=cause.id,
                                  kind=CorrectiveKind.CALL_HOURS, title="Appeler à 10 h",
                                  deadline=plan.ends_on + timedelta(days=30))  # fmt: skip
    note = SynthesisNote(owner_id=owner.id, analysis_id=analysis.id, title="Note",
                         body="Texte de la note.", status=NoteStatus.SUBMITTED,
                         versions_count=1)  # fmt: skip
    db.add_all([corrective, note])
    db.flush()
    version = NoteVersion(owner_id=owner.id, note_id=note.id, number=1, title="Note",
                          body="Texte de la note.", charts={})  # fmt: skip
    db.add(version)
    db.flush()
    return {
        "analysis_id": analysis.id,
        "cause_id": cause.id,
        "corrective_id": corrective.id,
        "note_id": note.id,
    }
