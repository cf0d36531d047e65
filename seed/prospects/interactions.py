"""The demo prospect files: interactions and appointments.

The channel policy as of a moment: the context is built as the server's
``consent.service.contact_context`` builds it, with the history as it stood then (the latest
consent given at or before the contact, an objection made before it, a customer since that
day). Then one interaction of a prospect's history: its contact, direction and channel (a
planned contact that the policy would refuse changes channel, becomes the prospect's own
call, or is dropped), the rule applied, its duration and notes, the next contact, the
appointment it sets, and the consent asked of a consumer who calls in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from app.config import Settings
from app.consent import policy
from app.models import (
    AppointmentStatus,
    Channel,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    DecisionPower,
    Direction,
    Outcome,
    ProspectKind,
    ProspectStatus,
)
from app.prospects import rules
from seed.prospects.consents import _Consents
from seed.prospects.data import (
    APPOINTMENT_HORIZON_DAYS,
    CONSENT_CHANNELS,
    REFERENCE_DATE,
    C,
    O,
    S,
)
from seed.prospects.dates import moment_fr, paris, paris_date, paris_local, working_days
from seed.prospects.plans import AppointmentPlan, ConsentPlan, InteractionPlan, ProspectPlan, _Step
from seed.prospects.texts import (
    ACCESSIBILITY,
    AUTHORITY_B2B,
    AUTHORITY_B2C,
    CUSTOMER_NOTES,
    INBOUND_NOTES,
    MEETING_NOTES,
    NEXT_STEPS,
    NO_REPLY_NOTES,
    NOTES,
    TIMINGS,
)

# ------------------------------------------------------------------ the policy, as of a moment


def consent_at(
    consents: Sequence[ConsentPlan], contact: int | None, channel: Channel, at: datetime
) -> policy.ConsentState | None:
    """The person's consent for prospecting on ``channel`` as it stood at ``at``: the latest
    record given at or before it (the server's "current consent" at that moment)."""
    if channel.value not in CONSENT_CHANNELS:
        return None
    latest: ConsentPlan | None = None
    for record in consents:
        if (
            record.contact == contact
            and record.purpose is ConsentPurpose.PROSPECTING
            and record.channel.value == channel.value
            and record.given_at <= at
            and (latest is None or record.given_at >= latest.given_at)
        ):
            latest = record
    return policy.ConsentState(latest.status, latest.lawful_basis) if latest else None


@dataclass
class _Facts:
    """What the policy reads about a prospect, as the walk through its history goes."""

    b2b: bool
    bloctel_opposed: bool | None
    bloctel_checked_on: date | None
    ongoing_contract: bool
    customer_since: date | None = None
    objected_at: datetime | None = None
    contact_objected_at: dict[int, datetime] = field(default_factory=dict)


def _decide(
    facts: _Facts,
    consents: Sequence[ConsentPlan],
    contact: int | None,
    channel: Channel,
    at: datetime,
    settings: Settings,
    *,
    analogous_offer: bool = False,
    about_contract: bool = False,
) -> policy.Decision:
    objected = (facts.objected_at is not None and facts.objected_at <= at) or (
        contact is not None
        and contact in facts.contact_objected_at
        and facts.contact_objected_at[contact] <= at
    )
    return policy.decide(
        policy.ContactContext(
            b2b=facts.b2b,
            channel=channel,
            on=at.date(),
            consent=consent_at(consents, contact, channel, at),
            objected=objected,
            existing_customer=facts.customer_since is not None
            and facts.customer_since <= at.date(),
            analogous_offer=analogous_offer,
            ongoing_contract=facts.ongoing_contract,
            about_contract=about_contract,
            bloctel_opposed=facts.bloctel_opposed,
            bloctel_checked_on=facts.bloctel_checked_on,
            bloctel_max_age_days=settings.bloctel_max_age_days,
        )
    )


class _Interactions(_Consents):
    """One interaction of a prospect's history, and the appointment it sets."""

    def interaction(
        self,
        plan: ProspectPlan,
        facts: _Facts,
        step: _Step,
        day: date,
        appointment: InteractionPlan | None,
        following: _Step | None,
        when: dict[int, date],
        planned_status: ProspectStatus,
    ) -> InteractionPlan | None:
        rng = self.rng
        b2b = facts.b2b
        assert step.outcome is not None
        outcome = step.outcome
        contact: int | None = None
        if b2b and plan.contacts:
            if outcome is O.GATEKEEPER:
                assistants = [
                    i
                    for i, c in enumerate(plan.contacts)
                    if c["decision_power"] is DecisionPower.NONE
                ]
                contact = rng.choice(assistants) if assistants and rng.random() < 0.5 else None
            else:
                contact = 0 if rng.random() < 0.75 else rng.randrange(len(plan.contacts))
        customer = facts.customer_since is not None and facts.customer_since <= day
        meeting = step.kind == "meeting"
        # Now and then the prospect cancels (never the meeting that qualifies them).
        cancelled = (
            meeting and appointment is not None and outcome is not O.QUALIFIED
        ) and rng.random() < 0.08
        hour, minute = rng.choice(((9, 0), (10, 0), (11, 0), (14, 0), (15, 0), (16, 0), (17, 0)))
        minute = rng.randint(0, 59)
        at = paris(day, hour, minute)
        if meeting and appointment is not None and appointment.appointment is not None:
            at = appointment.appointment.starts_at  # the slot booked by the appointment
        # The planned channel and direction.
        if meeting and not cancelled:
            planned = [C.VISIT]  # appointments are meetings at the prospect's address
            direction = Direction.OUTBOUND
        else:
            inbound_share = 0.0 if outcome in rules.UNREACHED_OUTCOMES else (0.15 if b2b else 0.25)
            direction = Direction.INBOUND if rng.random() < inbound_share else Direction.OUTBOUND
            if direction is Direction.INBOUND:
                first = self.pick({C.PHONE: 60, C.EMAIL: 30, C.SMS: 5, C.VISIT: 5})
                if first is C.EMAIL and not plan.row["email"]:
                    first = C.PHONE
            elif b2b:
                first = self.pick({C.PHONE: 65, C.EMAIL: 20, C.SOCIAL: 5, C.SMS: 3, C.VISIT: 7})
            else:
                first = self.pick({C.PHONE: 55, C.EMAIL: 25, C.SMS: 12, C.POSTAL: 8})
            if first is C.POSTAL and outcome not in (O.NO_ANSWER, O.INFO_SENT):
                first = C.EMAIL
            if outcome is O.APPOINTMENT and direction is Direction.OUTBOUND:
                first = C.PHONE if rng.random() < 0.8 else C.EMAIL
            if outcome is O.GATEKEEPER and first not in (C.PHONE, C.VISIT):
                first = C.PHONE
            planned = [first, C.PHONE, C.EMAIL, C.SMS]
            if outcome in (O.NO_ANSWER, O.INFO_SENT):
                planned.append(C.POSTAL)
        # A campaign the prospect belongs to, running that day, sets the channel.
        campaign_index: int | None = None
        if direction is Direction.OUTBOUND and not meeting:
            for index in plan.campaigns:
                campaign = self.campaigns[index][2]
                fits = campaign["channel"] is not C.POSTAL or outcome in (O.NO_ANSWER, O.INFO_SENT)
                running = campaign["starts_on"] <= day <= campaign["ends_on"]
                if running and fits and rng.random() < 0.75:
                    planned = [campaign["channel"], *planned]
                    campaign_index = index
                    break
        about_contract = customer and facts.ongoing_contract and not b2b and rng.random() < 0.6
        decision: policy.Decision | None = None
        channel = planned[0]
        if direction is Direction.OUTBOUND:
            for candidate in dict.fromkeys(planned):
                if not self.reachable(plan, contact, candidate):
                    continue
                analogous = bool(
                    campaign_index is not None
                    and candidate is self.campaigns[campaign_index][2]["channel"]
                    and self.campaigns[campaign_index][2]["analogous_offer"]
                )
                decision = _decide(
                    facts, plan.consents, contact, candidate, at, self.settings,
                    analogous_offer=analogous, about_contract=about_contract,
                )  # fmt: skip
                if decision.allowed:
                    channel = candidate
                    break
            else:
                decision = None
                if outcome in rules.UNREACHED_OUTCOMES:
                    return None  # nobody to reach by an allowed channel: no attempt
                direction = Direction.INBOUND  # the person got in touch themselves
                channel = C.PHONE if plan.row["phone"] or b2b else C.EMAIL
        if campaign_index is not None and (
            direction is Direction.INBOUND
            or channel is not self.campaigns[campaign_index][2]["channel"]
        ):
            campaign_index = None
        if outcome is O.GATEKEEPER and channel not in (C.PHONE, C.VISIT):
            outcome = O.NO_ANSWER
        if cancelled:
            outcome = O.CALLBACK  # a call to set another date
        # Duration and texts.
        duration: int | None
        if meeting and not cancelled and appointment is not None and appointment.appointment:
            duration = appointment.appointment.duration_minutes
        elif meeting and not cancelled:
            duration = rng.choice((45, 60, 90))
        elif channel is C.PHONE:
            duration = (
                1
                if outcome is O.NO_ANSWER
                else rng.randint(2, 4)
                if outcome is O.GATEKEEPER
                else rng.randint(4, 25)
            )
        elif channel is C.VISIT:
            duration = rng.randint(10, 40)
        elif channel is C.VIDEO:
            duration = rng.randint(20, 50)
        else:
            duration = None
        who = self.contact_label(plan, 0 if outcome is O.GATEKEEPER and plan.contacts else contact)
        if meeting and not cancelled:
            notes = MEETING_NOTES.get(outcome, MEETING_NOTES[O.INFO_SENT]).format(contact=who)
        elif cancelled:
            notes = "Rendez-vous annulé par le prospect la veille ; appel pour le reprogrammer."
        elif direction is Direction.INBOUND:
            opening = rng.choice(INBOUND_NOTES.get(channel, INBOUND_NOTES[C.PHONE]))
            notes = f"{opening.format(contact=who)} {self.note(outcome, b2b, who)}"
        elif customer and outcome in (O.CALLBACK, O.INFO_SENT):
            notes = rng.choice(CUSTOMER_NOTES)
        elif outcome is O.NO_ANSWER and channel is C.VISIT:
            notes = "Passage sur place : personne de disponible, carte de visite laissée."
        elif outcome is O.NO_ANSWER and channel is not C.PHONE:
            notes = rng.choice(NO_REPLY_NOTES)
        else:
            notes = self.note(outcome, b2b, who)
        if channel is C.POSTAL:
            notes = f"Courrier : {notes[0].lower()}{notes[1:]}"
        elif channel is C.EMAIL and direction is Direction.OUTBOUND:
            notes = f"E-mail : {notes[0].lower()}{notes[1:]}"
        elif channel is C.SMS:
            notes = f"SMS : {notes[0].lower()}{notes[1:]}"
        elif channel is C.SOCIAL:
            notes = f"Message LinkedIn : {notes[0].lower()}{notes[1:]}"
        if (
            about_contract
            and decision is not None
            and decision.rule == "b2c-phone-contract-exception"
        ):
            notes += " (appel relatif au contrat en cours)"
        row: dict[str, Any] = {
            "channel": channel,
            "direction": direction,
            "outcome": outcome,
            "occurred_at": at,
            "duration_minutes": duration,
            "notes": notes,
            "needs": None,
            "budget": None,
            "authority": None,
            "timing": None,
            "accessibility_needs": None,
            "accessibility_adaptation": None,
            "next_step": None if outcome in rules.CLOSING_OUTCOMES else NEXT_STEPS.get(outcome),
            "next_contact_on": None,
            "policy_rule": decision.rule if decision else None,
            "created_at": at,
        }
        if outcome is O.QUALIFIED or (outcome is O.CALLBACK and rng.random() < 0.15):
            lo = int(plan.row["potential"] * Decimal("0.8")) // 100 * 100
            hi = int(plan.row["potential"] * Decimal("1.2")) // 100 * 100
            if id(plan) not in self.needs:  # one need per prospect, restated as it is refined
                self.needs[id(plan)] = rng.choice(self.offer["needs"][plan.row["kind"].value])
            row["needs"] = self.needs[id(plan)]
            row["budget"] = f"{lo:,} à {hi:,} € HT".replace(",", " ")
            row["authority"] = rng.choice(AUTHORITY_B2B if b2b else AUTHORITY_B2C)
            row["timing"] = rng.choice(TIMINGS)
        if rng.random() < 0.012:
            needs, adaptation = rng.choice(ACCESSIBILITY)
            row["accessibility_needs"] = needs
            row["accessibility_adaptation"] = adaptation
        script = None
        if campaign_index is not None and channel is C.PHONE:
            script = self.campaigns[campaign_index][1]
        plan_row = InteractionPlan(
            row,
            contact,
            campaign_index,
            script,
            about_contract=about_contract
            and decision is not None
            and decision.rule == "b2c-phone-contract-exception",
            analogous_offer=bool(
                campaign_index is not None and self.campaigns[campaign_index][2]["analogous_offer"]
            ),
        )
        # Next contact: the next planned step, else a date around the reference date.
        if outcome is O.APPOINTMENT:
            plan_row.appointment = self.appointment_for(plan, plan_row, day, following, when, b2b)
            starts = plan_row.appointment.starts_at
            local = paris_date(starts)
            plan_row.row["notes"] = notes.replace(
                "{rdv}", moment_fr(local, *self._local_hm(starts))
            )
            plan_row.row["next_step"] = f"Préparer le rendez-vous du {local:%d/%m/%Y}"
        elif outcome not in rules.CLOSING_OUTCOMES:
            if following is not None:
                plan_row.row["next_contact_on"] = when[id(following)]
            else:
                plan_row.row["next_contact_on"] = self.follow_up(
                    day, far=planned_status is S.INACTIVE
                )
        if meeting and appointment is not None and appointment.appointment is not None:
            appointment.appointment.status = (
                AppointmentStatus.CANCELLED if cancelled else AppointmentStatus.DONE
            )
            if cancelled:
                appointment.appointment.notes += " Annulé par le prospect."
        # A consumer who calls in and has not agreed to calls is asked, and the answer kept.
        if (
            not b2b
            and direction is Direction.INBOUND
            and channel is C.PHONE
            and plan.row["phone"]
            and consent_at(plan.consents, None, C.PHONE, at) is None
        ):
            end = at + timedelta(minutes=(duration or 5) + 1)
            granted = rng.random() < 0.75
            self.consent(
                plan, None, ConsentChannel.PHONE,
                ConsentStatus.GRANTED if granted else ConsentStatus.REFUSED, end,
                ConsentMethod.VERBAL, "script-appel-2026-08",
                f"Appel entrant du {end:%d/%m/%Y} à {self._local_hm_text(end)} — réponse orale "
                "à la question du consentement, notée pendant l'appel",
            )  # fmt: skip
        plan.interactions.append(plan_row)
        return plan_row

    @staticmethod
    def _local_hm(moment: datetime) -> tuple[int, int]:
        local = paris_local(moment)
        return local.hour, local.minute

    def _local_hm_text(self, moment: datetime) -> str:
        hour, minute = self._local_hm(moment)
        return f"{hour} h {minute:02d}"

    def note(self, outcome: Outcome, b2b: bool, who: str) -> str:
        """A note for ``outcome`` that suits a company or an individual."""
        skip = "perso:" if b2b else "pro:"
        choices = [t for t in NOTES[outcome] if not t.startswith(skip)]
        text = re.sub(r"^(pro|perso):", "", self.rng.choice(choices))
        return text.format(contact=who, produit=self.offer["product"], rdv="{rdv}")

    @staticmethod
    def reachable(plan: ProspectPlan, contact: int | None, channel: Channel) -> bool:
        """Whether the file holds what ``channel`` needs (a number, a mobile, an address)."""
        person = plan.contacts[contact] if contact is not None else None
        if channel is C.PHONE:
            return bool(plan.row["phone"] or (person and person["phone"]))
        if channel is C.SMS:
            if person is not None:
                return bool(person["phone"])
            return plan.row["kind"] is ProspectKind.INDIVIDUAL and bool(plan.row["phone"])
        if channel is C.EMAIL:
            return bool(plan.row["email"] or (person and person["email"]))
        return True

    def contact_label(self, plan: ProspectPlan, contact: int | None) -> str:
        if contact is None:
            return "l'interlocuteur" if plan.row["kind"] is ProspectKind.COMPANY else "la personne"
        c = plan.contacts[contact]
        return f"{c['first_name']} {c['last_name']}"

    def follow_up(self, day: date, *, far: bool) -> date:
        """A next-contact date after ``day``: overdue, today, this week or later (months
        later for a prospect put aside)."""
        if far:
            return REFERENCE_DATE + timedelta(days=self.rng.randint(60, 180))
        kind = self.pick({"overdue": 25, "today": 10, "week": 25, "later": 40})
        if kind == "overdue":
            candidate = REFERENCE_DATE - timedelta(days=self.rng.randint(1, 15))
        elif kind == "today":
            candidate = REFERENCE_DATE
        elif kind == "week":
            candidate = REFERENCE_DATE + timedelta(days=self.rng.randint(1, 5))
        else:
            candidate = REFERENCE_DATE + timedelta(days=self.rng.randint(6, 45))
        return max(candidate, day + timedelta(days=1))

    def appointment_for(
        self,
        plan: ProspectPlan,
        interaction: InteractionPlan,
        day: date,
        following: _Step | None,
        when: dict[int, date],
        b2b: bool,
    ) -> AppointmentPlan:
        if following is not None and following.kind == "meeting":
            meeting_day = when[id(following)]
            starts = paris(meeting_day, *(self.slot(meeting_day, evening=not b2b) or (12, 0)))
        else:
            days = working_days(
                max(day + timedelta(days=2), REFERENCE_DATE),
                REFERENCE_DATE + timedelta(days=APPOINTMENT_HORIZON_DAYS),
            )
            starts = paris(days[-1], 17)
            for candidate in self.rng.sample(days, len(days)):
                slot = self.slot(candidate, evening=not b2b)
                if slot is not None:
                    starts = paris(candidate, *slot)
                    break
        return AppointmentPlan(
            starts_at=starts,
            duration_minutes=self.rng.choice((45, 60, 60, 90))
            if b2b
            else self.rng.choice((60, 90)),
            status=AppointmentStatus.PLANNED,
            notes=self.text(
                "Présentation de {produit} ; apporter la grille tarifaire et des références."
            ),
        )
