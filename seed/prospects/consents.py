"""The demo prospect files: consent planning.

What a person agreed to (or refused) when their details were collected, by source (web
form, fair, partner file; a referral has nothing yet), for an individual or for each contact
of a company; then the refusals and withdrawals that come later (unsubscribe link, STOP,
orally). One record per instant and person, so that the latest one is never ambiguous.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.models import (
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    LawfulBasis,
    ProspectKind,
    ProspectSource,
)
from seed.prospects.data import WINDOW_END, WINDOW_START
from seed.prospects.dates import paris, paris_date, working_days
from seed.prospects.identities import _Identities
from seed.prospects.plans import ConsentPlan, ProspectPlan
from seed.prospects.texts import EVENTS_FR


class _Consents(_Identities):
    """The consent history of a prospect."""

    def consent(
        self,
        plan: ProspectPlan,
        contact: int | None,
        channel: ConsentChannel,
        status: ConsentStatus,
        at: datetime,
        method: ConsentMethod,
        text_version: str,
        proof: str,
        *,
        purpose: ConsentPurpose = ConsentPurpose.PROSPECTING,
        basis: LawfulBasis = LawfulBasis.CONSENT,
    ) -> None:
        # Keep one record per instant and person: "latest" must never be ambiguous.
        taken = {(c.contact, c.given_at) for c in plan.consents}
        while (contact, at) in taken:
            at += timedelta(seconds=1)
        plan.consents.append(
            ConsentPlan(contact, purpose, channel, status, at, basis, method, text_version, proof)
        )

    def initial_consents(
        self, plan: ProspectPlan, source: ProspectSource, created: datetime
    ) -> None:
        """What the person agreed to (or refused) when their details were collected."""
        rng = self.rng
        at = created + timedelta(minutes=2)
        stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        if plan.row["kind"] is ProspectKind.INDIVIDUAL:
            if source in (ProspectSource.INBOUND, ProspectSource.SOCIAL):
                method = ConsentMethod.WEB_FORM
                version = (
                    "formulaire-2025-10"
                    if created.date() < date(2026, 3, 1)
                    else "formulaire-2026-03"
                    if created.date() < date(2026, 9, 1)
                    else "formulaire-2026-09"
                )
                reference = f"WF-{rng.randint(10000, 99999)}"
                proof = (
                    f"Formulaire web « demande de rappel », horodatage {stamp}, réf. {reference}"
                )
                p_email, p_phone, p_sms = 0.9, 0.7, 0.4
            elif source is ProspectSource.EVENT:
                method, version = ConsentMethod.WRITTEN, f"bulletin-salon-{created.year}"
                proof = f"Bulletin papier n° {rng.randint(100, 2999):04d} — {rng.choice(EVENTS_FR)}"
                p_email, p_phone, p_sms = 0.8, 0.6, 0.3
            elif source in (ProspectSource.IMPORT, ProspectSource.CAMPAIGN):
                method, version = ConsentMethod.IMPORT, f"partenaire-optin-{created.year}"
                proof = f"Fichier partenaire optin-{created.year}.csv, ligne {rng.randint(2, 4800)}"
                p_email, p_phone, p_sms = 0.85, 0.0, 0.3
            else:  # referral: nothing yet, the person will call in
                return
            for channel, p_grant in (
                (ConsentChannel.EMAIL, p_email),
                (ConsentChannel.PHONE, p_phone),
                (ConsentChannel.SMS, p_sms),
            ):
                if channel is ConsentChannel.EMAIL and not plan.row["email"]:
                    continue
                if channel is not ConsentChannel.EMAIL and not plan.row["phone"]:
                    continue
                r = rng.random()
                if r < p_grant:
                    self.consent(
                        plan, None, channel, ConsentStatus.GRANTED, at, method, version, proof
                    )
                elif r < p_grant + 0.12 and method is not ConsentMethod.IMPORT:
                    self.consent(
                        plan, None, channel, ConsentStatus.REFUSED, at, method, version, proof
                    )
            if method is not ConsentMethod.IMPORT and rng.random() < 0.4:
                self.consent(
                    plan, None, ConsentChannel.EMAIL, ConsentStatus.REFUSED, at, method, version,
                    proof, purpose=ConsentPurpose.PARTNERS,
                )  # fmt: skip
            if plan.row["email"] and rng.random() < 0.3:
                self.consent(
                    plan, None, ConsentChannel.EMAIL, ConsentStatus.GRANTED, at, method, version,
                    proof, purpose=ConsentPurpose.NEWSLETTER,
                )  # fmt: skip
            self.maybe_withdraw(plan, None)
            return
        # Companies: consent belongs to people. Some contacts met at a fair agreed to SMS,
        # some asked not to be e-mailed or called; a few companies refused mail.
        for index, contact in enumerate(plan.contacts):
            r = rng.random()
            if source is ProspectSource.EVENT and contact["phone"] and r < 0.5:
                self.consent(
                    plan, index, ConsentChannel.SMS, ConsentStatus.GRANTED, at,
                    ConsentMethod.WRITTEN, f"carte-contact-salon-{created.year}",
                    f"Carte de contact signée — {rng.choice(EVENTS_FR)}",
                )  # fmt: skip
            elif contact["phone"] and r < 0.12:
                self.consent(
                    plan, index, ConsentChannel.SMS, ConsentStatus.GRANTED, at,
                    ConsentMethod.VERBAL, f"script-appel-{created.year}",
                    f"Accord oral noté lors de l'appel du {at:%d/%m/%Y}",
                )  # fmt: skip
            if contact["email"] and rng.random() < 0.08:
                self.consent(
                    plan, index, ConsentChannel.EMAIL, ConsentStatus.GRANTED, at,
                    ConsentMethod.WEB_FORM, "lettre-info-2026",
                    f"Inscription à la lettre d'information, horodatage {stamp}",
                    purpose=ConsentPurpose.NEWSLETTER,
                )  # fmt: skip
            self.maybe_refuse_contact(plan, index, created)
            self.maybe_withdraw(plan, index)
        if rng.random() < 0.03:
            self.consent(
                plan, None, ConsentChannel.POSTAL, ConsentStatus.REFUSED,
                self.later(created, 10, 60), ConsentMethod.WRITTEN, "",
                "Courrier retourné avec la mention « pas de publicité, merci »",
                basis=LawfulBasis.LEGITIMATE_INTEREST,
            )  # fmt: skip

    def later(self, after: datetime, min_days: int, max_days: int) -> datetime:
        """A working-hours moment ``min_days``–``max_days`` after ``after``, before the
        reference date."""
        start = paris_date(after) + timedelta(days=min_days)
        end = min(paris_date(after) + timedelta(days=max_days), WINDOW_END)
        days = working_days(start, end) or [min(start, WINDOW_END)]
        return paris(self.rng.choice(days), self.rng.randint(8, 18), self.rng.randint(0, 59))

    def maybe_refuse_contact(self, plan: ProspectPlan, index: int, created: datetime) -> None:
        rng = self.rng
        contact = plan.contacts[index]
        r = rng.random()
        if contact["email"] and r < 0.06:
            at = self.later(max(created, paris(WINDOW_START, 9)), 0, 90)
            self.consent(
                plan, index, ConsentChannel.EMAIL, ConsentStatus.REFUSED, at,
                ConsentMethod.WRITTEN, "",
                f"Réponse à notre e-mail du {at:%d/%m/%Y} : « merci de ne plus m'écrire »",
                basis=LawfulBasis.LEGITIMATE_INTEREST,
            )  # fmt: skip
        elif contact["phone"] and r < 0.09:
            at = self.later(max(created, paris(WINDOW_START, 9)), 0, 90)
            self.consent(
                plan, index, ConsentChannel.PHONE, ConsentStatus.REFUSED, at,
                ConsentMethod.VERBAL, "",
                f"Demande orale du {at:%d/%m/%Y} : ne plus être appelé sur son portable",
                basis=LawfulBasis.LEGITIMATE_INTEREST,
            )  # fmt: skip

    def maybe_withdraw(self, plan: ProspectPlan, contact: int | None) -> None:
        """Some people withdraw a consent they had given (unsubscribe link, STOP, orally)."""
        granted = [
            c
            for c in plan.consents
            if c.contact == contact
            and c.status is ConsentStatus.GRANTED
            and c.purpose is ConsentPurpose.PROSPECTING
        ]
        if not granted or self.rng.random() >= (0.2 if contact is None else 0.1):
            return
        grant = self.rng.choice(granted)
        at = self.later(max(grant.given_at, paris(WINDOW_START, 9)), 5, 100)
        if at <= grant.given_at:
            return
        how = {
            ConsentChannel.EMAIL: (ConsentMethod.WEB_FORM, "Lien de désinscription de l'e-mail"),
            ConsentChannel.SMS: (ConsentMethod.WRITTEN, "Réponse « STOP » au SMS"),
            ConsentChannel.PHONE: (ConsentMethod.VERBAL, "Demande orale pendant un appel"),
            ConsentChannel.POSTAL: (ConsentMethod.WRITTEN, "Courrier de la personne"),
        }[grant.channel]
        self.consent(
            plan, contact, grant.channel, ConsentStatus.WITHDRAWN, at, how[0], grant.text_version,
            f"{how[1]} du {at:%d/%m/%Y}",
        )  # fmt: skip
