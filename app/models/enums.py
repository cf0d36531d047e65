"""Enumerations stored in the database (values are the API's identifiers)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    TRAINER = "trainer"
    TRAINEE = "trainee"
    # Company tutor (work-study): reads and comments the notes, analyses and portfolio of the
    # trainees they are linked to (``tutor_trainees``), nothing else.
    TUTOR = "tutor"


class AssessmentLevel(StrEnum):
    NOT_ASSESSED = "not_assessed"
    IN_PROGRESS = "in_progress"
    ACQUIRED = "acquired"


class ApiScope(StrEnum):
    READ = "read"
    WRITE = "write"
    # The integrators' routes (exercises, runs, webhooks: app.auth.policy.INTEGRATOR_PATHS):
    # an API token needs this scope there, and it reads and writes them with it.
    EXERCISES = "exercises"


class ProspectKind(StrEnum):
    COMPANY = "company"  # B2B
    INDIVIDUAL = "individual"  # B2C


class ProspectStatus(StrEnum):
    SUSPECT = "suspect"
    PROSPECT = "prospect"
    QUALIFIED = "qualified"
    CUSTOMER = "customer"
    INACTIVE = "inactive"
    LOST = "lost"


class ProspectSource(StrEnum):
    CAMPAIGN = "campaign"
    IMPORT = "import"
    EVENT = "event"
    REFERRAL = "referral"
    SOCIAL = "social"
    INBOUND = "inbound"


class SizeBand(StrEnum):
    """Company size by headcount (INSEE categories)."""

    MICRO = "micro"  # 0-9
    SMALL = "small"  # 10-49
    MEDIUM = "medium"  # 50-249
    INTERMEDIATE = "intermediate"  # 250-4999
    LARGE = "large"  # 5000+


class Priority(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    SMS = "sms"
    POSTAL = "postal"
    VISIT = "visit"
    VIDEO = "video"
    SOCIAL = "social"
    EVENT = "event"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Outcome(StrEnum):
    NO_ANSWER = "no_answer"
    GATEKEEPER = "gatekeeper"
    CALLBACK = "callback"
    APPOINTMENT = "appointment"
    INFO_SENT = "info_sent"
    NOT_INTERESTED = "not_interested"
    WRONG_TARGET = "wrong_target"
    OBJECTION = "objection"
    QUALIFIED = "qualified"


class DecisionPower(StrEnum):
    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    PRESCRIBER = "prescriber"
    USER = "user"
    NONE = "none"


class AppointmentStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class ScriptStepKind(StrEnum):
    INTRODUCTION = "introduction"
    GATEKEEPER = "gatekeeper"
    HOOK = "hook"
    QUESTIONS = "questions"
    OBJECTIONS = "objections"
    CLOSE = "close"


class ConsentChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    POSTAL = "postal"


class ConsentPurpose(StrEnum):
    PROSPECTING = "prospecting"
    NEWSLETTER = "newsletter"
    EVENTS = "events"
    PARTNERS = "partners"


class ConsentStatus(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class LawfulBasis(StrEnum):
    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    CONTRACT = "contract"


class ConsentMethod(StrEnum):
    WEB_FORM = "web_form"
    VERBAL = "verbal"
    WRITTEN = "written"
    IMPORT = "import"


class PrivacyRequestKind(StrEnum):
    ACCESS = "access"  # access and portability: everything held, as JSON
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    OBJECTION = "objection"


class PrivacyRequestStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    REJECTED = "rejected"


class ImportStatus(StrEnum):
    PENDING = "pending"
    VALIDATING = "validating"
    VALIDATED = "validated"
    WRITING = "writing"
    COMMITTED = "committed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DuplicatePolicy(StrEnum):
    SKIP = "skip"
    UPDATE = "update"
    CREATE = "create"


class TransportMode(StrEnum):
    """How a tour is travelled: decides the road profile, the speed without a road provider
    and the emission factor (ADEME Impact CO2, see app/tours/README.md)."""

    CAR = "car"  # combustion car, the default (= compact diesel in ADEME's data)
    PETROL_CAR = "petrol_car"
    DIESEL_CAR = "diesel_car"
    HYBRID_CAR = "hybrid_car"
    ELECTRIC_CAR = "electric_car"
    PUBLIC_TRANSPORT = "public_transport"
    BIKE = "bike"  # electric bike


class WatchSourceKind(StrEnum):
    RSS = "rss"
    ATOM = "atom"
    WEB_PAGE = "web_page"
    REVIEW_SITE = "review_site"
    SOCIAL_ACCOUNT = "social_account"
    NEWSLETTER = "newsletter"
    INFLUENCER = "influencer"
    REGULATION = "regulation"
    TRADE_FAIR = "trade_fair"


class WatchTopic(StrEnum):
    COMPETITOR = "competitor"
    MARKET = "market"
    OFFER = "offer"
    CUSTOMER_BEHAVIOUR = "customer_behaviour"
    REGULATION = "regulation"
    SALES_TOOLS = "sales_tools"


class WatchCadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class WatchSourceStatus(StrEnum):
    OK = "ok"
    ERROR = "error"
    PAUSED = "paused"


class ItemClassification(StrEnum):
    FACT = "fact"
    OPINION = "opinion"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class PriceLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    PREMIUM = "premium"


class GeocodePrecision(StrEnum):
    """How close a geocoded position is to the address (app/geocoding)."""

    ADDRESS = "address"  # the house number
    STREET = "street"  # the street (or the locality) without a number
    COMMUNE = "commune"  # the centre of the commune
    POSTCODE = "postcode"  # the centre of the postcode's communes (name not recognised)
    DEPARTMENT = "department"  # the centre of the department (commune not placed)


class GeocodeProvider(StrEnum):
    """Where a prospect's position comes from."""

    USER = "user"  # typed by the user or given by an imported file: never overwritten
    OFFLINE = "offline"  # the commune list shipped with the app
    ADDOK = "addok"  # the national address base's API (BAN / addok)
    OPENROUTESERVICE = "openrouteservice"  # openrouteservice's geocoder (Pelias)
    DEMO = "demo"  # the seeded demo's made-up position near its made-up address


class BusinessCaseStatus(StrEnum):
    """A business case's life: written (draft), readable by its trainees (published), kept
    for the records made under it but no longer assigned (archived)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class PlanPeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class PlanStatus(StrEnum):
    """A PAC's life: the trainee drafts and submits it; the trainer validates it (frozen) or
    returns it with a comment (editable again)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    VALIDATED = "validated"
    RETURNED = "returned"


class SplitDimension(StrEnum):
    """How an objective is broken down into sub-objectives."""

    MONTH = "month"
    WEEK = "week"
    SEGMENT = "segment"
    FAMILY = "family"


class PlanActionKind(StrEnum):
    CAMPAIGN = "campaign"  # prospecting campaign
    PHONING = "phoning"  # phoning session
    MAILING = "mailing"
    TOUR = "tour"
    FAIR = "fair"  # trade fair or event
    LOYALTY_RELAUNCH = "loyalty_relaunch"
    WATCH_SESSION = "watch_session"
    TRAINING = "training"  # a training need (a corrective action of a gap analysis)
    OTHER = "other"


class TaskLinkKind(StrEnum):
    """What a task may be about (``tasks.link_kind``). Stored without a CHECK constraint so
    that a later domain adds its kind here with no migration; each kind is usable once its
    domain registers it (``app.agenda.registry.register_link_kind``)."""

    PROSPECT = "prospect"
    APPOINTMENT = "appointment"
    CAMPAIGN = "campaign"
    TOUR = "tour"
    WATCH_ITEM = "watch_item"
    PLAN_ACTION = "plan_action"
    ORDER = "order"
    DELIVERY = "delivery"
    INVOICE = "invoice"
    COMPLAINT = "complaint"
    CASE = "case"
    LOYALTY_EVENT = "loyalty_event"
    RELAUNCH_PLAN = "relaunch_plan"


class OpportunityStage(StrEnum):
    """Where a sale stands: discovery → proposal → negotiation → won or lost (with a
    reason). Each change is kept (``opportunity_stage_changes``): the funnel of later gap
    reports."""

    DISCOVERY = "discovery"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    WON = "won"
    LOST = "lost"


class QuoteStatus(StrEnum):
    """A quote's life: a draft is edited; sent, it is frozen and numbered; the client
    accepts or refuses it, or its validity passes (expired); a revision sent replaces it
    (superseded)."""

    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


class ApprovalStatus(StrEnum):
    """A discount beyond the salesperson's limits: asked of the trainer (manager), who
    approves or refuses it."""

    NONE = "none"
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class InformationLevel(StrEnum):
    """What the client knows of the offer and the market (assumed before the visit, found
    during it)."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class InterviewConclusion(StrEnum):
    ORDER = "order"
    QUOTE = "quote"
    NEW_APPOINTMENT = "new_appointment"
    TRIAL = "trial"
    REFUSAL = "refusal"
    TIME_TO_THINK = "time_to_think"


class ObjectionKind(StrEnum):
    PRICE = "price"
    PRODUCT = "product"
    COMPANY = "company"
    TIMING = "timing"
    COMPETITOR = "competitor"
    NEED = "need"


class OrderStatus(StrEnum):
    """An order's life: open until every line is delivered, then delivered; closed once its
    case is closed (invoiced and paid, later issues); cancelled."""

    OPEN = "open"
    DELIVERED = "delivered"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class CaseType(StrEnum):
    """Type de situation couverte par une procédure."""

    ORDER = "order"
    DELIVERY_INCIDENT = "delivery_incident"
    COMPLAINT = "complaint"
    DISPUTE = "dispute"
    UNPAID_INVOICE = "unpaid_invoice"
    RETURN = "return"


class EscalationDepartment(StrEnum):
    """Service vers lequel le commercial escalade."""

    CUSTOMER_SERVICE = "customer_service"
    LOGISTICS = "logistics"
    ACCOUNTING = "accounting"
    LEGAL = "legal"
    AFTER_SALES = "after_sales"
    SALES_MANAGEMENT = "sales_management"


class DeliveryStatus(StrEnum):
    """A shipment of some of an order's lines: planned, then prepared, shipped, delivered."""

    PLANNED = "planned"
    PREPARED = "prepared"
    SHIPPED = "shipped"
    DELIVERED = "delivered"


class DeliveryEventKind(StrEnum):
    PREPARED = "prepared"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    INCIDENT = "incident"


class IncidentKind(StrEnum):
    LATE = "late"
    DAMAGED = "damaged"
    MISSING = "missing"


class FollowUpSubject(StrEnum):
    """The record a client message, a case or an agenda item is about."""

    ORDER = "order"
    DELIVERY = "delivery"
    INVOICE = "invoice"
    COMPLAINT = "complaint"
    CASE = "case"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class StepState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


class DecisionKind(StrEnum):
    """What the salesperson grants on a case, within the authority of the business case."""

    COMMERCIAL_GESTURE = "commercial_gesture"
    CREDIT_NOTE = "credit_note"
    FREE_REPLACEMENT = "free_replacement"
    PAYMENT_DELAY = "payment_delay"


class EscalationStatus(StrEnum):
    SENT = "sent"
    ANSWERED = "answered"


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceStatus(StrEnum):
    """An invoice is open until its balance is nil (paid); a credit note is issued."""

    OPEN = "open"
    PAID = "paid"
    ISSUED = "issued"


class PaymentMethod(StrEnum):
    TRANSFER = "transfer"
    DIRECT_DEBIT = "direct_debit"
    CARD = "card"
    CHEQUE = "cheque"
    CASH = "cash"


class RelaunchLevel(StrEnum):
    """The levels of an unpaid invoice's relaunch, in order."""

    REMINDER = "reminder"
    SECOND_REMINDER = "second_reminder"
    FORMAL_NOTICE = "formal_notice"


class ComplaintCategory(StrEnum):
    DELAY = "delay"
    DEFECT = "defect"
    BILLING = "billing"
    SERVICE = "service"
    OTHER = "other"


class ComplaintSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class SolutionKind(StrEnum):
    REPAIR = "repair"
    REPLACEMENT = "replacement"
    CREDIT_NOTE = "credit_note"
    COMMERCIAL_GESTURE = "commercial_gesture"
    EXPLANATION = "explanation"


class ComplaintStatus(StrEnum):
    """Received, then answered (a solution proposed), then resolved (the client accepts) or
    refused by the client (a dispute may follow)."""

    RECEIVED = "received"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    REFUSED = "refused"


# ----------------------------------------------------------------- loyalty (issue 18)


class RfmSegment(StrEnum):
    """The named RFM segments (app/loyalty/analytics.py), in the order their rules apply."""

    CHAMPIONS = "champions"
    NEW = "new"
    LOYAL = "loyal"
    PROMISING = "promising"
    AT_RISK = "at_risk"
    LOST = "lost"
    HIBERNATING = "hibernating"
    NEEDS_ATTENTION = "needs_attention"


class InactivityBasis(StrEnum):
    """What an inactive account was measured against: the customer's own rhythm (usual
    interval × factor) or the business case's threshold in days."""

    RHYTHM = "rhythm"
    THRESHOLD = "threshold"


class MessageSource(StrEnum):
    """What an outbound message belongs to (``outbound_messages.source``)."""

    RELAUNCH_PLAN = "relaunch_plan"
    CAMPAIGN = "campaign"
    OFFER = "offer"
    SURVEY = "survey"
    EVENT = "event"


class MessageStatus(StrEnum):
    """Recorded: what would be sent (nothing leaves the machine); refused by the channel
    policy, with its rule, never sent."""

    RECORDED = "recorded"
    REFUSED = "refused"


class EnrolmentStatus(StrEnum):
    ACTIVE = "active"
    STOPPED_ORDER = "stopped_order"
    STOPPED_REFUSAL = "stopped_refusal"
    COMPLETED = "completed"


class CampaignKind(StrEnum):
    """An information campaign: a new product, a promotion, news of the company."""

    NEW_PRODUCT = "new_product"
    PROMOTION = "promotion"
    NEWS = "news"


class OfferStatus(StrEnum):
    """Proposed (within policy, recorded as sent), waiting for the manager's approval,
    refused by the manager, then the client's answer (accepted, declined), converted into a
    quote or an order."""

    PENDING_APPROVAL = "pending_approval"
    REFUSED = "refused"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CONVERTED = "converted"


class SurveyKind(StrEnum):
    NPS = "nps"
    CSAT = "csat"


class LoyaltyEventKind(StrEnum):
    OPEN_DAY = "open_day"
    TRADE_FAIR = "trade_fair"
    PRODUCT_LAUNCH = "product_launch"
    WEBINAR = "webinar"


class Rsvp(StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class CauseStatus(StrEnum):
    """A cause of a gap: proposed by a diagnostic rule, then confirmed or rejected by the
    trainee; a cause the trainee adds is confirmed from the start."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class CorrectiveKind(StrEnum):
    TARGETING = "targeting"
    CALL_HOURS = "call_hours"
    TRAINING = "training"
    RELAUNCH_PLAN = "relaunch_plan"
    TOUR_REORGANISATION = "tour_reorganisation"
    DISCOUNT_POLICY = "discount_policy"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


class CorrectiveStatus(StrEnum):
    PROPOSED = "proposed"  # written by the trainee, not yet in a plan
    ACCEPTED = "accepted"  # a planned action of the next PAC and a task
    DROPPED = "dropped"


class NoteStatus(StrEnum):
    DRAFT = "draft"  # never submitted
    SUBMITTED = "submitted"  # at least one version frozen


class Motive(StrEnum):
    """SONCAS buying motives (sécurité, orgueil, nouveauté, confort, argent, sympathie)."""

    SECURITY = "securite"
    PRIDE = "orgueil"
    NOVELTY = "nouveaute"
    COMFORT = "confort"
    MONEY = "argent"
    SYMPATHY = "sympathie"


class PresentationKind(StrEnum):
    """The presentations of the company and its offers (CP5.1)."""

    ELEVATOR_PITCH = "elevator_pitch"
    PHONE_INTRODUCTION = "phone_introduction"
    VISIT_PRESENTATION = "visit_presentation"
    TRADE_FAIR_PITCH = "trade_fair_pitch"
    EMAIL_INTRODUCTION = "email_introduction"


class Interlocutor(StrEnum):
    """Who the presentation is for (CP5.2)."""

    DECISION_MAKER = "decision_maker"
    USER = "user"
    BUYER = "buyer"
    CONSUMER = "consumer"


class PresentationChannel(StrEnum):
    """Where the presentation is given (CP5.3)."""

    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"
    SOCIAL_POST = "social_post"
    TRADE_FAIR = "trade_fair"


class SocialNetwork(StrEnum):
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"


class PostObjective(StrEnum):
    AWARENESS = "awareness"
    ENGAGEMENT = "engagement"
    LEAD = "lead"
    EVENT = "event"
    RECRUITMENT = "recruitment"


class PostStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class SocialActionKind(StrEnum):
    CONNECTION_REQUEST = "connection_request"
    MESSAGE = "message"
    COMMENT = "comment"
    SHARED_CONTENT = "shared_content"
    EVENT_INVITATION = "event_invitation"


class SocialActionOutcome(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REPLIED = "replied"
    DECLINED = "declined"
    IGNORED = "ignored"
    LEAD = "lead"
    APPOINTMENT = "appointment"


class ExerciseStatus(StrEnum):
    """An exercise: prepared (draft), given to trainees (published), over (closed)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class RunStatus(StrEnum):
    """One trainee's run of an exercise."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    SUBMITTED = "submitted"
    CLOSED = "closed"


class ClockMode(StrEnum):
    """How a run's simulated clock moves: when the trainee asks, or with the real days."""

    ON_REQUEST = "on_request"
    REAL_DAYS = "real_days"


class WebhookEventKind(StrEnum):
    """What a webhook subscription listens to (app/webhooks/README.md: payloads)."""

    EXERCISE_STARTED = "exercise.started"
    RUN_SUBMITTED = "run.submitted"
    EVIDENCE_RECORDED = "evidence.recorded"
    ASSESSMENT_MADE = "assessment.made"
    NOTE_SUBMITTED = "note.submitted"
    EXERCISE_CLOSED = "exercise.closed"


class WebhookDeliveryStatus(StrEnum):
    """One event to one subscription: to send (again), received (2xx), given up."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
