"""Demo world, part 2: a prospect file for every demo trainee (CP2, CP3, RGPD).

About 165 prospects per trainee around their territory in Auvergne-Rhône-Alpes (Lyon, Rhône,
Isère, Ain, Loire): companies (about 60 %) with a valid SIRET, a NAF code consistent with
their sector, a size band and 1–3 contacts, and individuals. For each prospect: its lifecycle
(status history), its consent history, 3–6 interactions per contacted prospect over the
months before ``REFERENCE_DATE`` and the appointments they set (some in the three weeks after
it); for each trainee: personas, two call scripts and one or two campaigns with members.
The data files are in ``seed/data`` (communes with their postcode and coordinates, streets,
names, sectors, offers).

Rules the data keep:

- every outbound interaction is allowed by the channel policy (``app.consent.policy.decide``)
  at its date and stores the rule applied in ``policy_rule``. The context is built as the
  server's ``consent.service.contact_context`` builds it, with the history as it stood then:
  the latest consent given at or before the contact, an objection made before it, a customer
  since that day; the prospect's Bloctel flag and check date and its ongoing contract as
  recorded. What the server is told but does not store is implied: ``about_contract`` only
  where the rule is ``b2c-phone-contract-exception``, ``analogous_offer`` only through a
  campaign that says so. A planned contact that the policy would refuse changes channel,
  becomes the prospect's own call (inbound), or is dropped;
- statuses follow the lifecycle (``app.prospects.rules``) and move with the interactions the
  way the server moves them (a suspect reached becomes a prospect, a qualifying outcome
  qualifies);
- deterministic: one random generator per trainee, seeded from ``RANDOM_SEED`` and the
  trainee's number, and a fixed reference date (never the wall clock): the same rows on every
  run, whatever the day;
- idempotent: a trainee who already has prospects gets nothing.

Rows are written with bulk INSERTs (one statement per table and batch of rows).

The package, one module per concern:

- ``data``: the constants of the demo (reference date, interaction window, area, shares,
  fiction phone and e-mail ranges) and the data files of ``seed/data``;
- ``dates``: Paris time, working days, dates in French;
- ``plans``: what is planned for a trainee's file before anything is written;
- ``texts``: the French notes and reasons the history is written with;
- ``identities``: the generator's state and helpers; companies, individuals, contacts,
  SIRET, phone numbers, e-mail addresses;
- ``consents``: the consent history of a prospect;
- ``interactions``: the channel policy as of a moment, one interaction and the appointment
  it sets;
- ``targeting``: personas, call scripts, campaigns and their members;
- ``history``: the lifecycle planned to a final status, and the walk that dates it;
- ``world``: one prospect, then a trainee's whole file (``build_world``, ``generate_world``);
- ``writer``: ``seed_prospects`` and the bulk INSERTs.
"""

from seed.prospects.data import AREA_BOUNDS, DATA_DIR, JITTER_KM, REFERENCE_DATE, WINDOW_START
from seed.prospects.dates import paris, paris_date
from seed.prospects.plans import TraineeWorld
from seed.prospects.world import build_world, generate_world
from seed.prospects.writer import ProspectSeedReport, seed_prospects

__all__ = [
    "AREA_BOUNDS",
    "DATA_DIR",
    "JITTER_KM",
    "REFERENCE_DATE",
    "WINDOW_START",
    "ProspectSeedReport",
    "TraineeWorld",
    "build_world",
    "generate_world",
    "paris",
    "paris_date",
    "seed_prospects",
]
