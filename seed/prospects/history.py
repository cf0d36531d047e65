"""The demo prospect files: a prospect's lifecycle and history.

The plan: when the prospect was collected, the variant of its story and the steps that lead
to its final status (``app.prospects.rules`` lifecycle). The history: its first statuses (and,
for customers of long standing and 2023 archives, what happened before the interaction
window), then the walk that dates the steps on working days, has each interaction chosen
under the channel policy, confirms campaign memberships as campaigns start, and moves the
status as the server moves it (a suspect reached becomes a prospect, a qualifying outcome
qualifies).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.models import Outcome, ProspectStatus
from app.prospects import rules
from seed.prospects.data import REFERENCE_DATE, WINDOW_END, WINDOW_START, O, S
from seed.prospects.dates import paris, paris_date, working_days
from seed.prospects.interactions import _Facts
from seed.prospects.plans import InteractionPlan, ProspectPlan, _Step
from seed.prospects.targeting import _Targeting
from seed.prospects.texts import ENDED_REASONS, INACTIVE_REASONS, LOST_REASONS, OBJECTION_REASON


class _History(_Targeting):
    """The steps planned to a prospect's final status, and the walk that dates them."""

    # ---------------------------------------------------------------- the plan

    def collection(self, status: ProspectStatus, old_customer: bool, archive: bool) -> datetime:
        if archive:
            start, end = date(2023, 3, 1), date(2023, 9, 29)
        elif old_customer:
            start, end = date(2025, 1, 6), date(2026, 4, 30)
        elif status is S.SUSPECT:
            start, end = date(2026, 2, 2), REFERENCE_DATE - timedelta(days=3)
        elif status is S.CUSTOMER:
            start, end = date(2026, 1, 5), date(2026, 9, 18)
        else:
            start, end = date(2026, 1, 5), REFERENCE_DATE - timedelta(days=40)
        day = self.rng.choice(working_days(start, end))
        return paris(day, self.rng.randint(8, 17), self.rng.randint(0, 59))

    def plan_steps(
        self, status: ProspectStatus, b2b: bool, variant: str
    ) -> tuple[ProspectStatus, list[_Step]]:
        """The initial status and the steps that lead to ``status``."""
        rng = self.rng

        def unreached() -> _Step:
            gatekeeper = b2b and rng.random() < 0.35
            return _Step("event", O.GATEKEEPER if gatekeeper else O.NO_ANSWER)

        def reached(*choices: Outcome) -> _Step:
            return _Step("event", rng.choice(choices or (O.CALLBACK, O.INFO_SENT, O.OBJECTION)))

        def meeting_pair(*outcomes: Outcome) -> list[_Step]:
            return [
                _Step("event", O.APPOINTMENT),
                _Step("meeting", rng.choice(outcomes or (O.INFO_SENT, O.CALLBACK, O.OBJECTION))),
            ]

        steps: list[_Step] = []
        initial = S.SUSPECT
        if status is S.SUSPECT:
            if variant == "contacted":
                steps = [unreached() for _ in range(rng.randint(3, 4))]
        elif status is S.PROSPECT:
            if variant == "direct":
                initial = S.PROSPECT
            else:
                steps = [unreached() for _ in range(rng.randint(0, 2))]
            steps.append(reached(O.CALLBACK, O.INFO_SENT))
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.2:
                    steps += meeting_pair()
                else:
                    steps.append(reached())
            if variant == "hot":
                steps.append(_Step("event", O.APPOINTMENT))
        elif status is S.QUALIFIED:
            steps = [unreached() for _ in range(rng.randint(0, 1))]
            steps.append(reached(O.CALLBACK, O.INFO_SENT))
            if rng.random() < 0.4:
                steps += meeting_pair(O.QUALIFIED)
            else:
                steps.append(_Step("event", O.QUALIFIED))
            for _ in range(rng.randint(0, 2)):
                steps.append(reached(O.CALLBACK, O.INFO_SENT, O.OBJECTION))
            if variant == "hot":
                steps.append(_Step("event", O.APPOINTMENT))
        elif status is S.CUSTOMER:
            if variant in ("old", "old-hot"):
                initial = S.CUSTOMER  # its history before the window is written apart
                steps = [reached(O.CALLBACK, O.INFO_SENT) for _ in range(rng.randint(2, 4))]
                if variant == "old-hot":
                    steps.append(_Step("event", O.APPOINTMENT))
            else:
                steps = [unreached() for _ in range(rng.randint(0, 1))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(_Step("event", O.QUALIFIED))
                steps += meeting_pair(O.QUALIFIED, O.INFO_SENT)
                steps.append(_Step("status", status=S.CUSTOMER, reason="Bon de commande signé"))
                if rng.random() < 0.6:
                    steps.append(reached(O.CALLBACK, O.INFO_SENT))
        elif status is S.INACTIVE:
            if variant == "former-customer":
                initial = S.CUSTOMER
                steps = [reached(O.CALLBACK, O.INFO_SENT), reached(O.OBJECTION, O.CALLBACK)]
                steps.append(unreached())
                steps.append(_Step("status", status=S.INACTIVE, reason=rng.choice(ENDED_REASONS)))
            else:
                steps = [unreached() for _ in range(rng.randint(0, 1))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(reached(O.CALLBACK))
                steps += [unreached(), unreached()]
                steps.append(
                    _Step("status", status=S.INACTIVE, reason=rng.choice(INACTIVE_REASONS))
                )
        elif status is S.LOST:
            if variant == "archive":
                return S.SUSPECT, []
            if variant == "wrong-target":
                steps = [unreached() for _ in range(rng.randint(1, 2))]
                steps.append(_Step("event", O.WRONG_TARGET))
                steps.append(_Step("status", status=S.LOST, reason="Hors cible après vérification"))
            elif variant == "objection":
                steps = [unreached() for _ in range(rng.randint(0, 1))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(_Step("event", O.NOT_INTERESTED, objection=True))
                steps.append(_Step("status", status=S.LOST, reason=OBJECTION_REASON))
            else:
                steps = [unreached() for _ in range(rng.randint(0, 2))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(reached(O.OBJECTION))
                steps.append(_Step("event", O.NOT_INTERESTED))
                steps.append(_Step("status", status=S.LOST, reason=rng.choice(LOST_REASONS)))
        return initial, steps

    def variant_for(self, status: ProspectStatus, b2b: bool) -> str:
        r = self.rng.random()
        if status is S.SUSPECT:
            return "contacted" if r < 0.55 else "new"
        if status is S.PROSPECT:
            return "hot" if r < 0.25 else "direct" if r < 0.4 and not b2b else "plain"
        if status is S.QUALIFIED:
            return "hot" if r < 0.35 else "plain"
        if status is S.CUSTOMER:
            return "new" if r < 0.4 else "old-hot" if r < 0.46 else "old"
        if status is S.INACTIVE:
            return "former-customer" if r < 0.3 else "plain"
        if r < 0.13:
            return "archive"
        if r < 0.3:
            return "wrong-target"
        if r < 0.42:
            return "objection"
        return "plain"

    # ---------------------------------------------------------------- the history

    def status_change(
        self,
        plan: ProspectPlan,
        from_status: ProspectStatus | None,
        to_status: ProspectStatus,
        at: datetime,
        reason: str | None = None,
    ) -> None:
        if from_status is not None and to_status not in rules.allowed_transitions(from_status):
            raise AssertionError(f"illegal transition {from_status} -> {to_status}")
        plan.status_changes.append(
            {"from_status": from_status, "to_status": to_status, "reason": reason, "changed_at": at}
        )

    def early_history(
        self,
        plan: ProspectPlan,
        initial: ProspectStatus,
        variant: str,
        created: datetime,
        facts: _Facts,
    ) -> None:
        """The first status, and the history before the interaction window (customers of
        long standing, 2023 archives)."""
        if variant == "archive":
            first = self.later_any(created, 7, 40)
            self.status_change(plan, None, S.SUSPECT, created)
            self.status_change(plan, S.SUSPECT, S.PROSPECT, first)
            reason = "Sans suite après plusieurs relances (2023)"
            self.status_change(plan, S.PROSPECT, S.LOST, self.later_any(first, 20, 90), reason)
            plan.row["lost_reason"] = reason
            return
        if initial is not S.CUSTOMER:
            self.status_change(plan, None, initial, created)
            return
        # A customer before the window: suspect, prospect, qualified, customer.
        prospect_at = self.later_any(created, 5, 30)
        qualified_at = self.later_any(prospect_at, 7, 45)
        customer_at = self.later_any(qualified_at, 7, 60)
        limit = paris(WINDOW_START - timedelta(days=7), 10)
        customer_at = min(customer_at, limit)
        qualified_at = min(qualified_at, customer_at - timedelta(days=3))
        prospect_at = min(prospect_at, qualified_at - timedelta(days=3))
        self.status_change(plan, None, S.SUSPECT, created)
        self.status_change(plan, S.SUSPECT, S.PROSPECT, prospect_at)
        self.status_change(plan, S.PROSPECT, S.QUALIFIED, qualified_at)
        self.status_change(plan, S.QUALIFIED, S.CUSTOMER, customer_at, "Contrat signé")
        facts.customer_since = paris_date(customer_at)
        plan.row["customer_since"] = facts.customer_since
        # Only a current customer has a contract running (the policy reads the current state).
        facts.ongoing_contract = variant != "former-customer" and self.rng.random() < 0.7

    def later_any(self, after: datetime, min_days: int, max_days: int) -> datetime:
        start = paris_date(after) + timedelta(days=min_days)
        days = working_days(start, start + timedelta(days=max_days - min_days))
        return paris(self.rng.choice(days), self.rng.randint(8, 18), self.rng.randint(0, 59))

    def event_days(self, count: int, start: date, hot: bool) -> list[date]:
        """``count`` distinct working days in the window after ``start``; the last one in
        the three weeks before the reference date when ``hot``."""
        first = max(start + timedelta(days=1), WINDOW_START)
        if hot:
            recent = working_days(
                max(first, REFERENCE_DATE - timedelta(days=20)), REFERENCE_DATE - timedelta(days=2)
            )
            last = self.rng.choice(recent)
            before = working_days(first, last - timedelta(days=1))
            picked = sorted(self.rng.sample(before, min(count - 1, len(before))))
            return [*picked, last]
        end = WINDOW_END
        days = working_days(first, end)
        # Spread the history over a part of the window, not always up to yesterday.
        if len(days) > count + 10 and self.rng.random() < 0.35:
            days = days[: self.rng.randint(count + 5, len(days))]
        return sorted(self.rng.sample(days, min(count, len(days))))

    def walk(
        self,
        plan: ProspectPlan,
        facts: _Facts,
        steps: list[_Step],
        start: datetime,
        planned: ProspectStatus,
        variant: str,
        candidates: list[int],
    ) -> None:
        """Date the steps, choose channels the policy allows, and follow the statuses."""
        rng = self.rng
        dated = [s for s in steps if s.kind != "status"]
        days = (
            self.event_days(len(dated), paris_date(start), hot=variant.endswith("hot"))
            if dated
            else []
        )
        # Too few days available: drop the first unreached attempts (they change nothing).
        while len(days) < len(dated):
            drop = next(
                (s for s in dated if s.outcome in rules.UNREACHED_OUTCOMES and s.kind == "event"),
                None,
            )
            if drop is None:
                raise AssertionError("not enough days for a prospect's history")
            steps = [s for s in steps if s is not drop]
            dated = [s for s in dated if s is not drop]
        when = dict(zip(map(id, dated), days, strict=True))
        status = plan.status_changes[-1]["to_status"]
        previous_end: datetime | None = None
        pending_appointment: InteractionPlan | None = None
        for position, step in enumerate(steps):
            if step.kind == "status":
                assert step.status is not None
                assert previous_end is not None
                at = previous_end + timedelta(minutes=rng.randint(15, 90))
                self.status_change(plan, status, step.status, at, step.reason)
                if step.status is S.CUSTOMER and facts.customer_since is None:
                    facts.customer_since = paris_date(at)
                    plan.row["customer_since"] = facts.customer_since
                    facts.ongoing_contract = rng.random() < 0.6
                if status is S.CUSTOMER:
                    plan.row["relationship_ended_at"] = at
                if step.status is S.LOST:
                    plan.row["lost_reason"] = step.reason
                status = step.status
                previous_end = at
                continue
            assert step.outcome is not None
            day = when[id(step)]
            self.confirm_memberships(plan, facts, candidates, day, status)
            following = next((s for s in steps[position + 1 :] if s.kind != "status"), None)
            interaction = self.interaction(
                plan, facts, step, day, pending_appointment, following, when, planned
            )
            if step.kind == "meeting":
                pending_appointment = None
            if interaction is None:
                continue
            if interaction.row["outcome"] is O.APPOINTMENT:
                pending_appointment = interaction
            occurred = interaction.row["occurred_at"]
            previous_end = occurred + timedelta(minutes=interaction.row["duration_minutes"] or 2)
            # Status moves as the server moves it (interactions._advance_status).
            outcome = interaction.row["outcome"]
            target = None
            if outcome is O.QUALIFIED and S.QUALIFIED in rules.allowed_transitions(status):
                target = S.QUALIFIED
            elif status is S.SUSPECT and outcome not in (
                rules.UNREACHED_OUTCOMES | rules.CLOSING_OUTCOMES
            ):
                target = S.PROSPECT
            if target is not None:
                self.status_change(plan, status, target, occurred)
                status = target
            if step.objection:
                # The person objects: the individual, or the company's contact on the line.
                objected_at = previous_end + timedelta(minutes=1)
                person = interaction.contact
                if facts.b2b and person is not None:
                    facts.contact_objected_at[person] = objected_at
                    plan.contacts[person]["objected_at"] = objected_at
                else:
                    facts.objected_at = objected_at
                    plan.row["objected_at"] = objected_at
        self.confirm_memberships(plan, facts, candidates, date.max, status)
