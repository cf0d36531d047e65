"""Record-level scoping, in one place.

Every repository builds its statements from ``readable(model, principal)`` and
``writable(model, principal)``. A model that has no rule here cannot be queried through a
repository at all (KeyError at the first query), so a forgotten filter fails loudly.

Rules:
- trainee records (``trainee_record``): the owner reads and writes; the trainer reads the
  records of the trainees of the cohorts they lead; the admin reads the organisation's; a
  company tutor reads the notes, analyses and portfolio of the trainees linked to them
  (``tutor_reads``), nothing else. Nobody else writes them.
- users, cohorts: the admin manages the organisation's; a trainer reads the cohorts they lead
  and those cohorts' trainees; a trainee reads their own account and cohort.
- private records (API tokens, calendar feeds): their user only.
- the privacy audit: the organisation's admins read it; nobody writes it through the API.
- the organisation's webhooks (subscriptions, events, deliveries): its admins and trainers
  read and write them; trainees and tutors see none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from app.core.principal import Principal
from app.models import (
    Analysis,
    AnalysisCause,
    ApiToken,
    Appointment,
    Assessment,
    BloctelCheck,
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseVersion,
    CalendarFeed,
    CallScript,
    Campaign,
    CampaignMember,
    CampaignPresentation,
    CaseDecision,
    ClientMessage,
    Cohort,
    Competitor,
    Complaint,
    ConsentRecord,
    Contact,
    CorrectiveAction,
    Delivery,
    DeliveryEvent,
    Escalation,
    EventInvitation,
    EvidenceRecord,
    Exercise,
    ExerciseRun,
    FollowUpCase,
    ImportJob,
    InactiveAccount,
    Interaction,
    InterviewReport,
    Invoice,
    LoyaltyCampaign,
    LoyaltyEvent,
    LoyaltyOffer,
    MarketEvent,
    MarketPerson,
    NoteComment,
    NoteRead,
    NoteVersion,
    ObjectionEntry,
    Opportunity,
    OpportunityStageChange,
    Order,
    OrderLine,
    OutboundMessage,
    Payment,
    Persona,
    Plan,
    PlanAction,
    PlanActionObjective,
    PlanObjective,
    Presentation,
    PresentationVariant,
    PrivacyAuditEntry,
    PrivacyRequest,
    Prospect,
    ProspectStatusChange,
    Quote,
    QuoteLine,
    RecommendationRun,
    Relaunch,
    RelaunchEnrolment,
    RelaunchPlan,
    Role,
    SocialAction,
    SocialNetworkStat,
    SocialPost,
    SocialPostKpi,
    SocialPrivacyCheck,
    SocialProfile,
    Survey,
    SurveyResponse,
    SynthesisNote,
    Task,
    Tour,
    User,
    VisitPreparation,
    WatchItem,
    WatchSearch,
    WatchSource,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
    cohort_trainers,
    tutor_trainees,
)

Clause = ColumnElement[bool]


@dataclass(frozen=True)
class ScopeRule:
    readable: Callable[[Principal], Clause]
    writable: Callable[[Principal], Clause]
    #: The column naming whose record it is (trainee records), for ``owned_by``.
    owner: InstrumentedAttribute[int] | None = None


def led_cohort_ids(principal: Principal) -> Any:
    return select(cohort_trainers.c.cohort_id).where(cohort_trainers.c.user_id == principal.user_id)


def trainee_ids_followed_by(principal: Principal) -> Any:
    """Ids of the trainees in the cohorts ``principal`` leads."""
    return select(User.id).where(
        User.cohort_id.in_(led_cohort_ids(principal)), User.role == Role.TRAINEE
    )


def organisation_user_ids(principal: Principal) -> Any:
    return select(User.id).where(User.organisation_id == principal.organisation_id)


def tutee_ids(principal: Principal) -> Any:
    """Ids of the trainees a company tutor is linked to."""
    return select(tutor_trainees.c.trainee_id).where(tutor_trainees.c.tutor_id == principal.user_id)


def trainee_record(
    owner: InstrumentedAttribute[int], *, owner_writes: bool = True, tutor_reads: bool = False
) -> ScopeRule:
    """The rule for anything a trainee owns (prospects, tours, evidence...).

    ``tutor_reads``: a company tutor reads these records of their trainees (notes, analyses,
    the portfolio); a tutor reads nothing else of anybody."""

    def readable(p: Principal) -> Clause:
        if p.role is Role.ADMIN:
            return owner.in_(organisation_user_ids(p))
        if p.role is Role.TRAINER:
            return or_(owner == p.user_id, owner.in_(trainee_ids_followed_by(p)))
        if p.role is Role.TUTOR:
            return owner.in_(tutee_ids(p)) if tutor_reads else false()
        return owner == p.user_id

    def writable(p: Principal) -> Clause:
        return owner == p.user_id if owner_writes else false()

    return ScopeRule(readable, writable, owner)


def private_record(owner: InstrumentedAttribute[int]) -> ScopeRule:
    return ScopeRule(lambda p: owner == p.user_id, lambda p: owner == p.user_id)


def _users_readable(p: Principal) -> Clause:
    if p.role is Role.ADMIN:
        return User.organisation_id == p.organisation_id
    if p.role is Role.TRAINER:
        return or_(User.id == p.user_id, User.id.in_(trainee_ids_followed_by(p)))
    if p.role is Role.TUTOR:
        return or_(User.id == p.user_id, User.id.in_(tutee_ids(p)))
    return User.id == p.user_id


def _users_writable(p: Principal) -> Clause:
    return User.organisation_id == p.organisation_id if p.role is Role.ADMIN else false()


def _cohorts_readable(p: Principal) -> Clause:
    if p.role is Role.ADMIN:
        return Cohort.organisation_id == p.organisation_id
    if p.role is Role.TRAINER:
        return Cohort.id.in_(led_cohort_ids(p))
    if p.role is Role.TUTOR:  # the cohorts of their trainees (a portfolio names its cohort)
        return Cohort.id.in_(select(User.cohort_id).where(User.id.in_(tutee_ids(p))))
    return Cohort.id == p.cohort_id if p.cohort_id is not None else false()


def _cohorts_writable(p: Principal) -> Clause:
    return Cohort.organisation_id == p.organisation_id if p.role is Role.ADMIN else false()


def _admin_only(organisation_id: InstrumentedAttribute[int]) -> ScopeRule:
    """Organisation records only its admins read (the privacy audit); nobody rewrites them."""
    return ScopeRule(
        lambda p: organisation_id == p.organisation_id if p.role is Role.ADMIN else false(),
        lambda p: false(),
    )


RULES: dict[type[Any], ScopeRule] = {
    User: ScopeRule(_users_readable, _users_writable),
    Cohort: ScopeRule(_cohorts_readable, _cohorts_writable),
    ApiToken: private_record(ApiToken.user_id),
    # The journal and the assessments are append-only: nobody "writes" an existing row.
    # A company tutor reads their trainees' portfolio (evidence and assessments).
    EvidenceRecord: trainee_record(EvidenceRecord.trainee_id, owner_writes=False, tutor_reads=True),
    Assessment: trainee_record(Assessment.trainee_id, owner_writes=False, tutor_reads=True),
    # The prospect file: the trainee's own records.
    Prospect: trainee_record(Prospect.owner_id),
    Contact: trainee_record(Contact.owner_id),
    ProspectStatusChange: trainee_record(ProspectStatusChange.owner_id, owner_writes=False),
    Persona: trainee_record(Persona.owner_id),
    CallScript: trainee_record(CallScript.owner_id),
    Campaign: trainee_record(Campaign.owner_id),
    CampaignMember: trainee_record(CampaignMember.owner_id),
    Interaction: trainee_record(Interaction.owner_id),
    Appointment: trainee_record(Appointment.owner_id),
    ImportJob: trainee_record(ImportJob.owner_id),
    # Privacy: consent history is append-only; requests are worked by the file's owner.
    ConsentRecord: trainee_record(ConsentRecord.owner_id, owner_writes=False),
    BloctelCheck: trainee_record(BloctelCheck.owner_id, owner_writes=False),
    PrivacyRequest: trainee_record(PrivacyRequest.owner_id),
    PrivacyAuditEntry: _admin_only(PrivacyAuditEntry.organisation_id),
    # Tours: the trainee's own plans.
    Tour: trainee_record(Tour.owner_id),
    # The watch: the trainee's own sources, items and competitor records.
    WatchSource: trainee_record(WatchSource.owner_id),
    WatchItem: trainee_record(WatchItem.owner_id),
    Competitor: trainee_record(Competitor.owner_id),
    WatchSearch: trainee_record(WatchSearch.owner_id),
    # The agenda: tasks are the trainee's records; a calendar feed's secret URL is its
    # owner's only (nobody else lists, sees or revokes it).
    Task: trainee_record(Task.owner_id),
    # Sales: the trainee's opportunities and quotes (a quote's approval is the trainer's
    # decision, taken through the service on a quote they can read).
    Opportunity: trainee_record(Opportunity.owner_id),
    OpportunityStageChange: trainee_record(OpportunityStageChange.owner_id, owner_writes=False),
    Quote: trainee_record(Quote.owner_id),
    QuoteLine: trainee_record(QuoteLine.owner_id),
    VisitPreparation: trainee_record(VisitPreparation.owner_id),
    InterviewReport: trainee_record(InterviewReport.owner_id),
    ObjectionEntry: trainee_record(ObjectionEntry.owner_id),
    # Follow-up: the trainee's orders.
    Order: trainee_record(Order.owner_id),
    OrderLine: trainee_record(OrderLine.owner_id),
    Delivery: trainee_record(Delivery.owner_id),
    DeliveryEvent: trainee_record(DeliveryEvent.owner_id),
    ClientMessage: trainee_record(ClientMessage.owner_id),
    FollowUpCase: trainee_record(FollowUpCase.owner_id),
    CaseDecision: trainee_record(CaseDecision.owner_id),
    Escalation: trainee_record(Escalation.owner_id),
    Complaint: trainee_record(Complaint.owner_id),
    # Invoices and credit notes; their payments and relaunches are written through them.
    Invoice: trainee_record(Invoice.owner_id),
    Payment: trainee_record(Payment.owner_id, owner_writes=False),
    Relaunch: trainee_record(Relaunch.owner_id, owner_writes=False),
    # Loyalty: the trainee's plans, campaigns, offers, surveys and events; messages,
    # detections and enrolments are written through them (an offer's approval is the
    # trainer's decision, taken through the service on an offer they can read).
    InactiveAccount: trainee_record(InactiveAccount.owner_id, owner_writes=False),
    RelaunchPlan: trainee_record(RelaunchPlan.owner_id),
    RelaunchEnrolment: trainee_record(RelaunchEnrolment.owner_id, owner_writes=False),
    LoyaltyCampaign: trainee_record(LoyaltyCampaign.owner_id),
    OutboundMessage: trainee_record(OutboundMessage.owner_id, owner_writes=False),
    LoyaltyOffer: trainee_record(LoyaltyOffer.owner_id),
    RecommendationRun: trainee_record(RecommendationRun.owner_id, owner_writes=False),
    Survey: trainee_record(Survey.owner_id),
    SurveyResponse: trainee_record(SurveyResponse.owner_id, owner_writes=False),
    LoyaltyEvent: trainee_record(LoyaltyEvent.owner_id),
    EventInvitation: trainee_record(EventInvitation.owner_id, owner_writes=False),
    CalendarFeed: private_record(CalendarFeed.owner_id),
    # Company image and social selling: the trainee's presentations, profiles, posts, their
    # measurements, checklists and social actions.
    Presentation: trainee_record(Presentation.owner_id),
    PresentationVariant: trainee_record(PresentationVariant.owner_id),
    CampaignPresentation: trainee_record(CampaignPresentation.owner_id),
    SocialProfile: trainee_record(SocialProfile.owner_id),
    SocialPost: trainee_record(SocialPost.owner_id),
    SocialPostKpi: trainee_record(SocialPostKpi.owner_id),
    SocialNetworkStat: trainee_record(SocialNetworkStat.owner_id),
    SocialPrivacyCheck: trainee_record(SocialPrivacyCheck.owner_id),
    SocialAction: trainee_record(SocialAction.owner_id),
}


def cohort_readable(model: type[Any], principal: Principal) -> Clause:
    """What a trainee may read of the records their cohort's members chose to share (the
    caller adds that condition); staff read them as they read the owner's records."""
    if principal.role is not Role.TRAINEE:
        return readable(model, principal)
    if principal.cohort_id is None:
        return false()
    members = select(User.id).where(User.cohort_id == principal.cohort_id)
    return model.owner_id.in_(members)  # type: ignore[no-any-return]


def active_business_case_ids(trainee_id: int, cohort_id: int | None) -> Any:
    """The case a trainee works under: their own assignment, else their cohort's (at most one
    of each: unique indexes), as a subquery of ids."""
    own = select(BusinessCaseAssignment.business_case_id).where(
        BusinessCaseAssignment.trainee_id == trainee_id
    )
    if cohort_id is None:
        return own
    has_own = select(BusinessCaseAssignment.id).where(
        BusinessCaseAssignment.trainee_id == trainee_id
    )
    cohorts = select(BusinessCaseAssignment.business_case_id).where(
        BusinessCaseAssignment.cohort_id == cohort_id, ~has_own.exists()
    )
    return own.union(cohorts)


def _cases_readable(p: Principal) -> Clause:
    if p.role is not Role.TRAINEE:
        return BusinessCase.organisation_id == p.organisation_id
    return BusinessCase.id.in_(active_business_case_ids(p.user_id, p.cohort_id)) & (
        BusinessCase.published_number > 0
    )


def _cases_writable(p: Principal) -> Clause:
    if p.role is Role.TRAINEE:
        return false()
    return BusinessCase.organisation_id == p.organisation_id


def _of_readable_case(column: InstrumentedAttribute[int], *, writes: bool) -> ScopeRule:
    """Versions and assignments: read with their case; assignments written with it."""
    return ScopeRule(
        lambda p: column.in_(select(BusinessCase.id).where(_cases_readable(p))),
        lambda p: (
            column.in_(select(BusinessCase.id).where(_cases_writable(p))) if writes else false()
        ),
    )


RULES.update(
    {
        # The business case: the organisation's trainers and admins write it; a trainee
        # reads the published case they are assigned to (their own, else their cohort's).
        BusinessCase: ScopeRule(_cases_readable, _cases_writable),
        BusinessCaseVersion: _of_readable_case(BusinessCaseVersion.business_case_id, writes=False),
        BusinessCaseAssignment: _of_readable_case(
            BusinessCaseAssignment.business_case_id, writes=True
        ),
        # The PAC: the trainee's own plan; their trainer reads it (and validates it through
        # the workflow, not by writing its rows).
        Plan: trainee_record(Plan.owner_id),
        PlanObjective: trainee_record(PlanObjective.owner_id),
        PlanAction: trainee_record(PlanAction.owner_id),
        PlanActionObjective: trainee_record(PlanActionObjective.owner_id),
        # Gap analyses and synthesis notes: the trainee's; their trainer and company tutors
        # read them; versions, comments and reads are written through the notes' service
        # (a comment's author is the trainer or the tutor, its owner the note's trainee).
        Analysis: trainee_record(Analysis.owner_id, tutor_reads=True),
        AnalysisCause: trainee_record(AnalysisCause.owner_id, tutor_reads=True),
        CorrectiveAction: trainee_record(CorrectiveAction.owner_id, tutor_reads=True),
        SynthesisNote: trainee_record(SynthesisNote.owner_id, tutor_reads=True),
        NoteVersion: trainee_record(NoteVersion.owner_id, owner_writes=False, tutor_reads=True),
        NoteComment: trainee_record(NoteComment.owner_id, owner_writes=False, tutor_reads=True),
        NoteRead: trainee_record(NoteRead.owner_id, owner_writes=False, tutor_reads=True),
    }
)


def _staff(p: Principal) -> bool:
    return p.role in (Role.ADMIN, Role.TRAINER)


def _exercises_readable(p: Principal) -> Clause:
    if _staff(p):
        return Exercise.organisation_id == p.organisation_id
    if p.role is Role.TRAINEE:  # the published or closed exercises they were given
        return Exercise.id.in_(
            select(ExerciseRun.exercise_id).where(ExerciseRun.owner_id == p.user_id)
        ) & (Exercise.status != "draft")
    return false()


def _exercises_writable(p: Principal) -> Clause:
    return Exercise.organisation_id == p.organisation_id if _staff(p) else false()


def _organisation_exercise_ids(p: Principal) -> Any:
    return select(Exercise.id).where(Exercise.organisation_id == p.organisation_id)


def _of_exercise(model: Any, *, trainee_reads: bool) -> ScopeRule:
    """Runs, their market people and events: the trainee's records (a trainee never reads
    the hidden attributes of their market's people), read through the exercise by the
    organisation's admin and by the trainer of the trainee's cohort; a trainee moves their
    own run through its service."""

    def readable_rule(p: Principal) -> Clause:
        if _staff(p):
            # The one scoping rule: the admin reads the organisation's runs, a trainer those
            # of the trainees of the cohorts they lead.
            runs: Clause = ExerciseRun.exercise_id.in_(_organisation_exercise_ids(p))
            if p.role is Role.TRAINER:
                runs = runs & ExerciseRun.owner_id.in_(trainee_ids_followed_by(p))
            if model is ExerciseRun:
                return runs
            return model.run_id.in_(select(ExerciseRun.id).where(runs))  # type: ignore[no-any-return]
        if p.role is Role.TRAINEE and trainee_reads:
            return model.owner_id == p.user_id  # type: ignore[no-any-return]
        return false()

    def writable_rule(p: Principal) -> Clause:
        if p.role is Role.TRAINEE and model is ExerciseRun:
            return ExerciseRun.owner_id == p.user_id
        return false()

    return ScopeRule(readable_rule, writable_rule, model.owner_id)


RULES.update(
    {
        # Exercises: the organisation's trainers and admins (and their API tokens of scope
        # "exercises") write them; a trainee reads those given to them once published.
        Exercise: ScopeRule(_exercises_readable, _exercises_writable),
        ExerciseRun: _of_exercise(ExerciseRun, trainee_reads=True),
        MarketPerson: _of_exercise(MarketPerson, trainee_reads=False),
        MarketEvent: _of_exercise(MarketEvent, trainee_reads=True),
    }
)


def _organisation_staff(organisation_id: InstrumentedAttribute[int]) -> ScopeRule:
    """Organisation records its trainers and admins read and write (webhook subscriptions,
    their events and deliveries); trainees and tutors see none of them."""

    def rule(p: Principal) -> Clause:
        if p.role in (Role.ADMIN, Role.TRAINER):
            return organisation_id == p.organisation_id
        return false()

    return ScopeRule(rule, rule)


RULES.update(
    {
        # Webhooks (app/webhooks): the organisation's integrations, set up by its staff.
        WebhookSubscription: _organisation_staff(WebhookSubscription.organisation_id),
        WebhookEvent: _organisation_staff(WebhookEvent.organisation_id),
        WebhookDelivery: _organisation_staff(WebhookDelivery.organisation_id),
        # The journal of attempts: read with its delivery, written by the delivery job only.
        WebhookAttempt: ScopeRule(
            lambda p: WebhookAttempt.delivery_id.in_(
                select(WebhookDelivery.id).where(readable(WebhookDelivery, p))
            ),
            lambda p: false(),
        ),
    }
)


def readable(model: type[Any], principal: Principal) -> Clause:
    return RULES[model].readable(principal)


def writable(model: type[Any], principal: Principal) -> Clause:
    return RULES[model].writable(principal)


def owned_by(model: type[Any], owner_id: int) -> Clause:
    """Narrows a readable statement to one person's records (a trainer reading one trainee's
    file): it never widens the scope, which ``readable`` alone decides."""
    owner = RULES[model].owner
    if owner is None:
        raise KeyError(f"{model.__name__} has no owner to filter on")
    return cast(Clause, owner == owner_id)
