"""The demo prospect files: targeting.

A trainee's personas (from their offer, around their territory), call scripts and campaigns;
then which prospects each campaign targets (the persona's kind, a match score of 50 or more,
as the server's targeting computes it) and which become members at the campaign's start
(the policy must allow the campaign's channel then), with the mailing sent to them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.models import Channel, Direction, ProspectKind, ProspectStatus
from app.prospects import rules
from seed.prospects.data import C, O, S
from seed.prospects.dates import paris
from seed.prospects.interactions import _decide, _Facts, _Interactions
from seed.prospects.plans import InteractionPlan, ProspectPlan


class _Targeting(_Interactions):
    """Personas, call scripts, campaigns and their members."""

    def build_targeting(self) -> list[tuple[int | None, dict[str, Any]]]:
        count = 3 if self.rng.random() < 0.5 else 2
        created = paris(date(2026, 8, 31), 10, 0)
        for index, spec in enumerate(self.offer["personas"][:count]):
            center_lat = center_lon = radius = None
            postcodes: list[str] = []
            if spec["geo"] == "radius":
                center_lat, center_lon = self.home.latitude, self.home.longitude
                radius = float(spec["radius_km"])
            elif spec["geo"] == "department":
                postcodes = [self.home.department]
            else:
                postcodes = list(spec["postcodes"])
            sector_labels = [self.sectors[key]["label"] for key in spec["sectors"]]
            lo, hi = spec["potential"]
            row = {
                "name": f"{spec['name']} — {self.territory['label']}"[:150],
                "description": spec["description"],
                "kind": ProspectKind(spec["kind"]),
                "sectors": sector_labels,
                "size_bands": list(spec["size_bands"]),
                "postcodes": postcodes,
                "center_latitude": center_lat,
                "center_longitude": center_lon,
                "radius_km": radius,
                "potential_min": Decimal(lo).quantize(Decimal("0.01")),
                "potential_max": Decimal(hi).quantize(Decimal("0.01")),
                "created_at": created + timedelta(minutes=5 * index),
                "updated_at": created + timedelta(minutes=5 * index),
                "version": 1,
            }
            self.personas.append(row)
            self.persona_kinds.append(row["kind"])
            self.persona_criteria.append(
                rules.PersonaCriteria(
                    sectors=sector_labels,
                    size_bands=row["size_bands"],
                    postcodes=postcodes,
                    center=(center_lat, center_lon)
                    if center_lat is not None and center_lon is not None
                    else None,
                    radius_km=radius,
                    potential_min=row["potential_min"],
                    potential_max=row["potential_max"],
                )
            )
        scripts: list[tuple[int | None, dict[str, Any]]] = []
        for index, spec in enumerate(self.offer["scripts"]):
            persona = spec["persona"] if spec["persona"] < count else None
            moment = paris(date(2026, 9, 1), 14, 0) + timedelta(minutes=10 * index)
            steps = [{"kind": kind, "text": self.text(text)} for kind, text in spec["steps"]]
            scripts.append(
                (
                    persona,
                    {
                        "name": spec["name"],
                        "steps": steps,
                        "created_at": moment,
                        "updated_at": moment,
                        "version": 1,
                    },
                )
            )
        specs = self.offer["campaigns"]
        chosen = specs if self.rng.random() < 0.6 else specs[:1]
        for spec in chosen:
            persona = spec["persona"] if spec["persona"] < count else None
            starts = date.fromisoformat(spec["starts_on"])
            moment = paris(starts - timedelta(days=3), 11, 0)
            self.campaigns.append(
                (
                    persona,
                    spec["script"],
                    {
                        "name": spec["name"],
                        "channel": Channel(spec["channel"]),
                        "saved_filter": {},
                        "starts_on": starts,
                        "ends_on": date.fromisoformat(spec["ends_on"]),
                        "message_template": spec["message_template"],
                        "analogous_offer": spec["analogous_offer"],
                        "objective_contacts": spec["objective_contacts"],
                        "objective_appointments": spec["objective_appointments"],
                        "created_at": moment,
                        "updated_at": moment,
                        "version": 1,
                    },
                )
            )
            self.campaign_members.append(0)
        return scripts

    def campaign_candidates(self, row: dict[str, Any]) -> list[int]:
        """The campaigns whose target the prospect is in: the persona's kind, a match score of
        50 or more (the server's targeting), collected before the campaign's start."""
        out = []
        for index, (persona, _script, campaign) in enumerate(self.campaigns):
            if persona is None or row["created_at"] >= paris(campaign["starts_on"], 8, 30):
                continue
            kind = self.persona_kinds[persona]
            if kind is not None and row["kind"] is not kind:
                continue
            score = rules.match_score(
                self.persona_criteria[persona],
                sector=row["sector"],
                size_band=row["size_band"].value if row["size_band"] else None,
                postcode=row["postcode"],
                latitude=row["latitude"],
                longitude=row["longitude"],
                potential=row["potential"],
            )
            if score >= 50:
                out.append(index)
        return out

    def confirm_memberships(
        self,
        plan: ProspectPlan,
        facts: _Facts,
        candidates: list[int],
        day: date,
        status: ProspectStatus,
    ) -> None:
        """At a campaign's start, a candidate still in play becomes a member if the policy
        allows the campaign's channel then (the server checks each member when it is added);
        a mailing (e-mail, SMS, letter) is sent to it at once."""
        for index in list(candidates):
            campaign = self.campaigns[index][2]
            if campaign["starts_on"] > day:
                continue
            candidates.remove(index)
            channel = campaign["channel"]
            if (
                status in (S.LOST, S.INACTIVE)
                or self.campaign_members[index] >= 45
                or not self.reachable(plan, None, channel)
            ):
                continue
            analogous = campaign["analogous_offer"]
            start = paris(campaign["starts_on"], 8, 30)
            decision = _decide(
                facts, plan.consents, None, channel, start, self.settings,
                analogous_offer=analogous,
            )  # fmt: skip
            if not decision.allowed:
                continue
            plan.campaigns.append(index)
            self.campaign_members[index] += 1
            if channel not in (C.EMAIL, C.SMS, C.POSTAL):
                continue
            # Before 9:00, when the day's calls begin: nothing else happens in between.
            sent = start + timedelta(minutes=self.rng.randint(1, 29))
            decision = _decide(
                facts, plan.consents, None, channel, sent, self.settings,
                analogous_offer=analogous,
            )  # fmt: skip
            if not decision.allowed:
                continue
            label = {C.EMAIL: "E-mail", C.SMS: "SMS", C.POSTAL: "Courrier"}[channel]
            plan.interactions.append(
                InteractionPlan(
                    {
                        "channel": channel,
                        "direction": Direction.OUTBOUND,
                        "outcome": O.NO_ANSWER,
                        "occurred_at": sent,
                        "duration_minutes": None,
                        "notes": f"{label} de la campagne « {campaign['name']} » envoyé ; "
                        "pas de réponse à ce jour.",
                        "needs": None,
                        "budget": None,
                        "authority": None,
                        "timing": None,
                        "accessibility_needs": None,
                        "accessibility_adaptation": None,
                        "next_step": "Relancer par téléphone",
                        "next_contact_on": self.follow_up(campaign["starts_on"], far=False),
                        "policy_rule": decision.rule,
                        "created_at": sent,
                    },
                    contact=None,
                    campaign=index,
                    script=None,
                    analogous_offer=analogous,
                )
            )
