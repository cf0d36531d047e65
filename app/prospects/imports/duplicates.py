"""Duplicate detection against the trainee's file and the earlier rows of the same upload.

Rules, in this order (the first that matches is reported):

1. ``siret``: same SIRET;
2. ``email``: same e-mail (lower case);
3. ``phone``: same number (E.164);
4. ``name_postcode``: same postcode and names alike — ``rapidfuzz`` ``token_sort_ratio`` of
   the folded names ≥ 90. Names are indexed by postcode with their tokens already sorted, so
   ``process.extractOne`` runs the plain ``ratio`` on them with ``score_cutoff``: the same
   score as ``token_sort_ratio`` (which is ``ratio`` of the sorted tokens) without sorting
   every candidate again for every row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from app.core.text import fold
from app.models import ProspectKind

NAME_SCORE_CUTOFF = 90


@dataclass(frozen=True, slots=True)
class Ref:
    """What a row duplicates: an existing prospect, or an earlier row of the file."""

    prospect_id: int | None = None
    row: int | None = None

    def as_dict(self) -> dict[str, int]:
        if self.prospect_id is not None:
            return {"matched_prospect_id": self.prospect_id}
        assert self.row is not None
        return {"matched_row": self.row}


@dataclass(slots=True)
class TargetFacts:
    """What a merge (policy ``update``) must stay coherent with."""

    kind: ProspectKind
    siret: str | None
    siren: str | None


def name_key(name: str) -> str:
    """Folded name with its words sorted: ``token_sort_ratio``'s own preprocessing."""
    if name.isascii():  # fold() of ASCII text is just lower case and single spaces
        return " ".join(sorted(name.lower().split()))
    # fold() works character by character: folding word by word (names repeat their words:
    # "Boulangerie", "Électricité"...) gives the same words, from a cache.
    return " ".join(sorted(w for word in name.split() for w in _fold_word(word).split()))


@lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    return fold(word)


@dataclass(slots=True)
class Keys:
    """What a record is matched on, computed once per row."""

    siret: str | None
    email: str | None
    phone: str | None
    postcode: str | None
    name: str | None

    @classmethod
    def of(cls, values: dict[str, Any]) -> Keys:
        email = values.get("email")
        name, postcode = values.get("name"), values.get("postcode")
        return cls(
            values.get("siret") or None,
            email.lower() if email else None,
            values.get("phone") or None,
            postcode or None,
            name_key(name) if name and postcode else None,
        )


@dataclass
class _Names:
    keys: list[str] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    exact: dict[str, Ref] = field(default_factory=dict)


class DuplicateIndex:
    def __init__(self) -> None:
        self.siret: dict[str, Ref] = {}
        self.email: dict[str, Ref] = {}
        self.phone: dict[str, Ref] = {}
        self.names: dict[str, _Names] = {}
        self.facts: dict[Ref, TargetFacts] = {}

    def add(self, keys: Keys, ref: Ref) -> None:
        """Index a record's keys (the first record holding a key keeps it)."""
        if keys.siret:
            self.siret.setdefault(keys.siret, ref)
        if keys.email:
            self.email.setdefault(keys.email, ref)
        if keys.phone:
            self.phone.setdefault(keys.phone, ref)
        if keys.name and keys.postcode:
            bucket = self.names.get(keys.postcode)
            if bucket is None:
                bucket = self.names[keys.postcode] = _Names()
            if keys.name not in bucket.exact:
                bucket.exact[keys.name] = ref
                bucket.keys.append(keys.name)
                bucket.refs.append(ref)

    def note_facts(
        self, ref: Ref, kind: ProspectKind, siret: str | None, siren: str | None
    ) -> None:
        self.facts[ref] = TargetFacts(kind, siret, siren)

    def find(self, keys: Keys) -> tuple[Ref, str] | None:
        if keys.siret and keys.siret in self.siret:
            return self.siret[keys.siret], "siret"
        if keys.email and keys.email in self.email:
            return self.email[keys.email], "email"
        if keys.phone and keys.phone in self.phone:
            return self.phone[keys.phone], "phone"
        if keys.name and keys.postcode and keys.postcode in self.names:
            bucket = self.names[keys.postcode]
            if keys.name in bucket.exact:
                return bucket.exact[keys.name], "name_postcode"
            best = process.extractOne(
                keys.name, bucket.keys, scorer=fuzz.ratio, score_cutoff=NAME_SCORE_CUTOFF
            )
            if best is not None:
                return bucket.refs[best[2]], "name_postcode"
        return None
