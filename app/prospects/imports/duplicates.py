"""Duplicate detection against the trainee's file and the earlier rows of the same upload.

Rules, in this order (the first that matches is reported):

1. ``siret``: same SIRET;
2. ``email``: same e-mail (lower case);
3. ``phone``: same number (E.164);
4. ``name_postcode``: same postcode and names alike — ``rapidfuzz`` ``token_sort_ratio`` of
   the folded names ≥ 90 — between records whose e-mails and SIRETs do not differ. Names are
   indexed by postcode with their tokens already sorted, so ``process.extractOne`` runs the
   plain ``ratio`` on them with ``score_cutoff``: the same score as ``token_sort_ratio``
   (which is ``ratio`` of the sorted tokens) without sorting every candidate again for
   every row.

Two records with different e-mails, or different SIRETs, are different customers however
alike their names ("Boulangerie Martin" at two addresses of one postcode): 50,000 rows of
near-identical names with distinct e-mails were once taken as 49,990 duplicates. So the
names of a postcode are kept in blocks by whether the record has an e-mail and a SIRET, and
a row is compared only with the blocks it could duplicate: a row with an e-mail with the
records without one (a record with the same e-mail was found by rule 2), and likewise for
the SIRET. The comparison work is bounded too: a row is compared with the last
``MAX_NAME_CANDIDATES`` names of each block (exact names are still found among all, by
dictionary); the report counts the rows whose comparison was so bounded
(``name_comparisons_capped``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from app.common.text import fold
from app.models import ProspectKind

NAME_SCORE_CUTOFF = 90
MAX_NAME_CANDIDATES = 500


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


# A block of names: (postcode, has an e-mail, has a SIRET).
BlockKey = tuple[str, bool, bool]


def _blocks_for(keys: Keys) -> list[BlockKey]:
    """The blocks a row may duplicate (see the module's docstring)."""
    assert keys.postcode is not None
    emails = (False,) if keys.email else (False, True)
    sirets = (False,) if keys.siret else (False, True)
    return [(keys.postcode, e, s) for e in emails for s in sirets]


class DuplicateIndex:
    def __init__(self) -> None:
        self.siret: dict[str, Ref] = {}
        self.email: dict[str, Ref] = {}
        self.phone: dict[str, Ref] = {}
        self.names: dict[BlockKey, _Names] = {}
        self.facts: dict[Ref, TargetFacts] = {}
        self.capped = 0  # rows compared with only the last MAX_NAME_CANDIDATES of a block

    def add(self, keys: Keys, ref: Ref) -> None:
        """Index a record's keys (the first record holding a key keeps it)."""
        if keys.siret:
            self.siret.setdefault(keys.siret, ref)
        if keys.email:
            self.email.setdefault(keys.email, ref)
        if keys.phone:
            self.phone.setdefault(keys.phone, ref)
        if keys.name and keys.postcode:
            block_key = (keys.postcode, keys.email is not None, keys.siret is not None)
            bucket = self.names.get(block_key)
            if bucket is None:
                bucket = self.names[block_key] = _Names()
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
        if keys.name and keys.postcode:
            ref = self._find_name(keys.name, _blocks_for(keys))
            if ref is not None:
                return ref, "name_postcode"
        return None

    def _find_name(self, name: str, blocks: list[BlockKey]) -> Ref | None:
        buckets = [b for b in (self.names.get(k) for k in blocks) if b is not None]
        for bucket in buckets:
            if name in bucket.exact:
                return bucket.exact[name]
        best: tuple[float, int, Ref] | None = None
        capped = False
        for bucket in buckets:
            start = max(0, len(bucket.keys) - MAX_NAME_CANDIDATES)
            capped = capped or start > 0
            found = process.extractOne(
                name,
                bucket.keys[start:] if start else bucket.keys,
                scorer=fuzz.ratio,
                score_cutoff=NAME_SCORE_CUTOFF,
            )
            if found is None:
                continue
            index = start + found[2]
            # The best score; between equal ones, the earliest record (as one list had it).
            candidate = (found[1], -_order(bucket.refs[index]), bucket.refs[index])
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        self.capped += capped
        return best[2] if best is not None else None


def _order(ref: Ref) -> int:
    """Existing records (by id) come before the rows of the file (by row number)."""
    if ref.prospect_id is not None:
        return ref.prospect_id
    return 1 << 62 | (ref.row or 0)
