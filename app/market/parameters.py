"""The market's parameters: data a trainer tunes, validated, with documented defaults.

Every field is bounded (``ge``/``le``) and described in French for the web client (the
schema is published: ``MarketParameters.model_json_schema()``). Rates are probabilities of
one outcome under neutral factors; multipliers are applied to them and bounded by
``FactorBounds``. The defaults and their sources are listed in ``app/market/README.md``
("Defaults and sources"); the comments here say which are measured figures and which are
teaching assumptions.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Hour bands of the call model, in the order of the day (hour h belongs to band
# "08-10" when 8 <= h < 10...). Hours outside 8-20 use ``off_hours``.
HOUR_BANDS: tuple[str, ...] = ("08-10", "10-12", "12-14", "14-16", "16-18", "18-20")
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _rate(default: float, description: str) -> Any:
    """A probability field (0..1)."""
    return Field(default, ge=0.0, le=1.0, description=description)


def _multiplier(default: float, description: str) -> Any:
    """A multiplier field (0..5; 1.0 is neutral)."""
    return Field(default, ge=0.0, le=5.0, description=description)


def _raising(default: float, description: str) -> Any:
    """A multiplier of a good practice on a good outcome (1..5): its direction is part of
    the model (a persona match never lowers the appointment rate), so it is bounded by 1."""
    return Field(default, ge=1.0, le=5.0, description=description)


def _lowering(default: float, description: str) -> Any:
    """A multiplier that can only lower what it applies to (0..1)."""
    return Field(default, ge=0.0, le=1.0, description=description)


class HourBands(_Strict):
    """Receptiveness multipliers by hour band (1.0 = neutral)."""

    h08_10: float = _multiplier(1.15, "Multiplicateur de décroché entre 8 h et 10 h")
    h10_12: float = _multiplier(1.0, "Multiplicateur de décroché entre 10 h et 12 h")
    h12_14: float = _multiplier(0.6, "Multiplicateur de décroché entre 12 h et 14 h")
    h14_16: float = _multiplier(0.9, "Multiplicateur de décroché entre 14 h et 16 h")
    h16_18: float = _multiplier(1.2, "Multiplicateur de décroché entre 16 h et 18 h")
    h18_20: float = _multiplier(0.7, "Multiplicateur de décroché entre 18 h et 20 h")
    off_hours: float = _multiplier(0.3, "Multiplicateur de décroché avant 8 h et après 20 h")

    def for_band(self, band: str | None) -> float:
        """The multiplier of a band of ``HOUR_BANDS`` (None: outside 8-20 h)."""
        if band is None:
            return self.off_hours
        value: float = getattr(self, "h" + band.replace("-", "_"))
        return value


class Weekdays(_Strict):
    """Reach multipliers by day of the week (1.0 = neutral)."""

    monday: float = _multiplier(0.9, "Multiplicateur de décroché le lundi")
    tuesday: float = _multiplier(0.9, "Multiplicateur de décroché le mardi")
    wednesday: float = _multiplier(1.1, "Multiplicateur de décroché le mercredi")
    thursday: float = _multiplier(1.15, "Multiplicateur de décroché le jeudi")
    friday: float = _multiplier(0.95, "Multiplicateur de décroché le vendredi")
    saturday: float = _multiplier(0.35, "Multiplicateur de décroché le samedi")
    sunday: float = _multiplier(0.15, "Multiplicateur de décroché le dimanche")

    def for_day(self, weekday: int) -> float:
        """The multiplier of a weekday (0 = Monday … 6 = Sunday)."""
        value: float = getattr(self, WEEKDAYS[weekday])
        return value


class PopulationParameters(_Strict):
    """Who is in the market (hidden attributes drawn at generation)."""

    # Teaching assumption: a B2B training market, with some consumers to practise the
    # consumer rules (set 0 for a pure B2B case, 1 for a B2C one).
    company_share: float = _rate(0.8, "Part des entreprises (le reste : des particuliers)")
    # Teaching assumptions: after 11 August 2026 a consumer may be phoned only with proven
    # prior consent (Code de la consommation L.223-1 as amended by law 2025-594), so a
    # trainee must see both kinds of consumers in the file.
    phone_consent_share: float = _rate(
        0.3, "Part des particuliers ayant consenti au démarchage téléphonique"
    )
    email_consent_share: float = _rate(
        0.4, "Part des particuliers ayant consenti à la prospection par e-mail"
    )
    # Order of magnitude only (Bloctel reports millions of registered numbers); a teaching
    # assumption so that the Bloctel check has something to find.
    bloctel_share: float = _rate(0.15, "Part des particuliers inscrits sur Bloctel")
    # Teaching assumption: a file starts with a few accounts already won, so that orders,
    # incidents, complaints and relaunches happen during the run.
    customer_share: float = _rate(0.1, "Part des personnes déjà clientes au démarrage")
    company_budget_median: int = Field(
        12_000, ge=100, le=10_000_000, description="Budget médian d'une entreprise (€ HT)"
    )
    individual_budget_median: int = Field(
        2_500, ge=10, le=1_000_000, description="Budget médian d'un particulier (€ TTC)"
    )
    budget_dispersion: float = Field(
        0.7, ge=0.0, le=2.0, description="Dispersion des budgets (écart-type du logarithme)"
    )


class CallParameters(_Strict):
    """Outbound calls: reach, gatekeeper, conversation outcomes."""

    # The design asks for 25-30 %: above measured per-dial connect rates (Gong Labs
    # 2024: 5.4 % average, 13.3 % top quartile; Belkins 2025 data: 9.9 % per dial) and close
    # to the per-prospect rate over several attempts (Belkins: 24.5 %). A teaching choice.
    reach_rate: float = _rate(0.28, "Taux de décroché de base d'un appel (un humain répond)")
    # Teaching assumption: share of reached company calls stopped at the switchboard.
    gatekeeper_rate: float = _rate(
        0.35, "Part des appels décrochés en entreprise arrêtés par un barrage (standard)"
    )
    # Belkins 2025: 4.6 % of conversations book a meeting (all contacts); a decision maker
    # reached is more likely to: 8 % is a teaching assumption in the 5-10 % usually quoted.
    appointment_rate: float = _rate(
        0.08, "Taux de rendez-vous par décideur joint (conversation aboutie)"
    )
    # Teaching assumptions (conversation outcomes; not_interested takes the rest).
    callback_rate: float = _rate(0.15, "Part des conversations finissant par « rappelez-moi »")
    objection_rate: float = _rate(0.35, "Part des conversations finissant sur une objection")
    # Teaching assumption: chance of talking to someone who cannot decide (a user, nobody
    # with power) when the caller does not ask for the decision maker.
    wrong_target_rate: float = _rate(
        0.5, "Part des conversations avec un non-décideur qui tournent court (mauvaise cible)"
    )
    # Multipliers (teaching assumptions).
    persona_match_factor: float = _raising(
        1.3, "Multiplicateur de rendez-vous quand le prospect est dans la cible du plan"
    )
    persona_mismatch_factor: float = _lowering(
        0.6, "Multiplicateur de rendez-vous quand le prospect est hors cible"
    )
    script_factor: float = _raising(
        1.2, "Multiplicateur de rendez-vous quand un script validé est utilisé"
    )
    script_gatekeeper_factor: float = _lowering(
        0.8, "Multiplicateur du barrage quand un script (étape barrage) est utilisé"
    )
    decision_maker_targeted_factor: float = _lowering(
        0.5, "Multiplicateur de mauvaise cible quand l'appel vise le décideur"
    )
    quick_retry_factor: float = _lowering(
        0.7, "Multiplicateur de décroché d'un rappel le jour même"
    )
    # Oldroyd / InsideSales "Lead Response Management" study: make at least 6 attempts;
    # beyond, a teaching assumption of fatigue.
    fatigue_after_attempts: int = Field(
        6, ge=1, le=50, description="Nombre de tentatives au-delà duquel le prospect se lasse"
    )
    fatigue_factor: float = _lowering(
        0.7, "Multiplicateur de décroché au-delà de ce nombre de tentatives"
    )
    # Oldroyd / InsideSales study (web leads, US): contact best 4-6 pm, qualification best
    # 8-9 am and 4-5 pm, worst 11 am-noon and 1-2 pm; French lunch break 12-14 h.
    hours_company: HourBands = Field(
        default_factory=HourBands, description="Décroché par tranche horaire (entreprises)"
    )
    # Teaching assumption: consumers answer more in the evening than at work hours.
    hours_individual: HourBands = Field(
        default_factory=lambda: HourBands(
            h08_10=0.6,
            h10_12=0.8,
            h12_14=0.9,
            h14_16=0.8,
            h16_18=1.0,
            h18_20=1.3,
            off_hours=0.3,
        ),
        description="Décroché par tranche horaire (particuliers)",
    )
    # Oldroyd / InsideSales: Wednesday and Thursday best (+49.7 % over the worst day,
    # Tuesday); milder here, and weekends low (B2B offices closed).
    weekdays: Weekdays = Field(
        default_factory=Weekdays, description="Décroché par jour de la semaine"
    )


class EmailParameters(_Strict):
    """Outbound e-mails: open, reply, unsubscribe (among sends)."""

    # Mailchimp benchmarks (campaigns to >= 1,000 subscribers): 21.09 % (March 2018) and
    # 22.71 % (October 2019) unique opens, all non-labelled accounts.
    open_rate: float = _rate(0.22, "Taux d'ouverture (parmi les envois)")
    # Teaching assumption for cold B2B e-mails (published outreach studies range from ~1 %
    # to ~8 %).
    reply_rate: float = _rate(0.03, "Taux de réponse (parmi les envois)")
    # Mailchimp: 0.23-0.25 % for opted-in lists; doubled for cold prospecting (assumption).
    unsubscribe_rate: float = _rate(0.005, "Taux de désinscription (parmi les envois)")
    # Commonly quoted (~+26 % opens with a personalised subject line); teaching assumption.
    personalised_open_factor: float = _raising(
        1.25, "Multiplicateur d'ouverture d'un e-mail personnalisé"
    )
    personalised_reply_factor: float = _raising(
        1.5, "Multiplicateur de réponse d'un e-mail personnalisé"
    )
    persona_match_factor: float = _raising(
        1.2, "Multiplicateur de réponse quand le destinataire est dans la cible"
    )
    persona_mismatch_factor: float = _lowering(
        0.7, "Multiplicateur de réponse quand le destinataire est hors cible"
    )
    # Teaching assumption: an unlawful e-mail (no consent where one is needed) is reported
    # and unsubscribed from more, and answered less.
    no_consent_unsubscribe_factor: float = _raising(
        3.0, "Multiplicateur de désinscription d'un e-mail sans base légale"
    )
    no_consent_reply_factor: float = _lowering(
        0.5, "Multiplicateur de réponse d'un e-mail sans base légale"
    )


class AppointmentParameters(_Strict):
    """Appointments set: held, postponed, no-show (weights, renormalised)."""

    # Teaching assumptions (B2B field sales).
    held_rate: float = _rate(0.8, "Part des rendez-vous tenus")
    postponed_rate: float = _rate(0.12, "Part des rendez-vous reportés")
    no_show_rate: float = _rate(0.08, "Part des rendez-vous où le prospect est absent")
    # Reminders reduce missed appointments (health-care literature, e.g. the Cochrane review
    # of mobile-phone reminders, 2013); the size here is a teaching assumption.
    reminder_no_show_factor: float = _lowering(
        0.6, "Multiplicateur d'absence quand un rappel a été envoyé"
    )
    lead_days_neutral: int = Field(
        7, ge=0, le=365, description="Délai (jours) jusqu'auquel il n'y a pas d'effet"
    )
    lead_day_penalty: float = Field(
        0.03,
        ge=0.0,
        le=1.0,
        description="Hausse du report et de l'absence par jour de délai au-delà",
    )


class QuoteParameters(_Strict):
    """Quotes: accepted, negotiated, refused (weights, renormalised)."""

    # Teaching assumptions.
    accept_rate: float = _rate(0.3, "Part des devis acceptés tels quels")
    negotiate_rate: float = _rate(0.35, "Part des devis négociés")
    refuse_rate: float = _rate(0.35, "Part des devis refusés")
    # acceptance x (1 + elasticity x discount x price sensitivity): a 10 % discount to a
    # fully price-sensitive buyer raises acceptance by 40 % (teaching assumption).
    discount_elasticity: float = Field(
        4.0, ge=0.0, le=20.0, description="Élasticité de l'acceptation à la remise"
    )
    # A quote above budget: acceptance x (budget / amount) ** over_budget_exponent.
    over_budget_exponent: float = Field(
        2.0, ge=0.0, le=10.0, description="Sévérité du dépassement de budget"
    )
    needs_weight: float = Field(
        0.8, ge=0.0, le=2.0, description="Poids des besoins découverts sur l'acceptation"
    )
    motives_weight: float = Field(
        0.5, ge=0.0, le=2.0, description="Poids des mobiles d'achat traités sur l'acceptation"
    )


class CustomerParameters(_Strict):
    """What customers do later, per simulated day (teaching assumptions unless said)."""

    mean_reorder_days: int = Field(
        45, ge=1, le=3650, description="Intervalle moyen entre deux commandes (jours)"
    )
    min_reorder_days: int = Field(
        7, ge=0, le=365, description="Délai minimal avant une nouvelle commande (jours)"
    )
    order_share_of_budget: float = Field(
        0.3, ge=0.01, le=1.0, description="Montant moyen d'une commande (part du budget)"
    )
    delivery_incident_rate: float = _rate(0.04, "Probabilité d'incident par livraison")
    delivery_days: int = Field(
        3, ge=1, le=90, description="Durée moyenne d'acheminement d'une livraison (jours)"
    )
    # Per year for an average complaint propensity.
    complaints_per_year: float = Field(
        0.5, ge=0.0, le=50.0, description="Réclamations par an (client moyen)"
    )
    # Teaching assumption in line with the late-payment share French SME surveys report.
    late_payment_rate: float = _rate(0.1, "Part des factures payées en retard")
    payment_term_days: int = Field(30, ge=1, le=120, description="Délai de paiement (jours)")
    churn_after_days: int = Field(
        90, ge=1, le=3650, description="Jours sans contact avant un risque de perte du client"
    )
    churn_daily_rate: float = _rate(
        0.01, "Probabilité quotidienne de perte d'un client non relancé à temps"
    )


class FactorBounds(_Strict):
    """Bounds of the multipliers: each factor, then their product."""

    minimum: float = Field(0.25, ge=0.0, le=1.0, description="Valeur minimale d'un facteur")
    maximum: float = Field(2.0, ge=1.0, le=10.0, description="Valeur maximale d'un facteur")
    combined_minimum: float = Field(
        0.1, ge=0.0, le=1.0, description="Valeur minimale du produit des facteurs"
    )
    combined_maximum: float = Field(
        4.0, ge=1.0, le=50.0, description="Valeur maximale du produit des facteurs"
    )
    max_probability: float = Field(
        0.95, ge=0.5, le=1.0, description="Probabilité maximale d'une issue après facteurs"
    )


class MarketParameters(_Strict):
    """The simulated market's parameters (defaults documented in app/market/README.md)."""

    population: int = Field(200, ge=1, le=10_000, description="Nombre de personnes simulées")
    people: PopulationParameters = Field(
        default_factory=PopulationParameters, description="Composition de la population"
    )
    calls: CallParameters = Field(default_factory=CallParameters, description="Modèle des appels")
    emails: EmailParameters = Field(
        default_factory=EmailParameters, description="Modèle des e-mails"
    )
    appointments: AppointmentParameters = Field(
        default_factory=AppointmentParameters, description="Modèle des rendez-vous"
    )
    quotes: QuoteParameters = Field(default_factory=QuoteParameters, description="Modèle des devis")
    customers: CustomerParameters = Field(
        default_factory=CustomerParameters, description="Événements ultérieurs des clients"
    )
    factors: FactorBounds = Field(default_factory=FactorBounds, description="Bornes des facteurs")

    @model_validator(mode="after")
    def _sums(self) -> MarketParameters:
        if (
            self.appointments.held_rate
            + self.appointments.postponed_rate
            + (self.appointments.no_show_rate)
            <= 0
        ):
            raise ValueError("les parts des rendez-vous ne peuvent pas être toutes nulles")
        q = self.quotes
        if q.accept_rate + q.negotiate_rate + q.refuse_rate <= 0:
            raise ValueError("les parts des devis ne peuvent pas être toutes nulles")
        return self


#: The name the design document uses.
Parameters = MarketParameters
