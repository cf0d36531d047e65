"""The REAC catalogue (competences, criteria, blocks) as versioned data shipped with the app.

The JSON file under ``data/`` is the single source: the API serves it, route declarations
are checked against it, and evidence and assessments record its ``version``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

CATALOGUE_FILE = "reac_tp-00115_2023.json"


@dataclass(frozen=True)
class Criterion:
    code: str
    competence: str
    text: str


@dataclass(frozen=True)
class Competence:
    code: str
    kind: str  # "professional" (CP) or "cross_cutting" (CT)
    block: str | None
    title: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Block:
    code: str
    title: str


@dataclass(frozen=True)
class Catalogue:
    version: str
    framework: dict[str, str]
    blocks: tuple[Block, ...]
    competences: tuple[Competence, ...]

    def competence(self, code: str) -> Competence | None:
        return next((c for c in self.competences if c.code == code), None)

    def criterion(self, code: str) -> Criterion | None:
        return self.criteria_by_code.get(code)

    @cached_property
    def criteria_by_code(self) -> dict[str, Criterion]:
        return {cr.code: cr for c in self.competences for cr in c.criteria}

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.competences)

    @property
    def professional_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.competences if c.kind == "professional")

    @cached_property
    def twins(self) -> dict[str, str]:
        """Cross-cutting criteria that restate a professional one word for word, both ways
        (CT3.1 ↔ CP1.3...): evidence for one credits the other. Derived from the texts, so
        a later version of the framework brings its own pairs."""
        professional: dict[str, str] = {}
        for comp in self.competences:
            if comp.kind == "professional":
                for crit in comp.criteria:
                    professional.setdefault(_normalised(crit.text), crit.code)
        pairs: dict[str, str] = {}
        for comp in self.competences:
            if comp.kind != "professional":
                for crit in comp.criteria:
                    twin = professional.get(_normalised(crit.text))
                    if twin is not None:
                        pairs[crit.code] = twin
                        pairs[twin] = crit.code
        return pairs

    def credited(self, codes: Iterable[str]) -> list[str]:
        """``codes`` with what they credit too: each criterion's twin, and the competence of
        every criterion (a criterion counts for its competence). Order kept, no repeats."""
        out = list(codes)
        out += [self.twins[c] for c in out if c in self.twins]
        out += [c.split(".")[0] for c in out if "." in c]
        return list(dict.fromkeys(out))


def _normalised(text: str) -> str:
    """Texts compared without case, accents' composition, spacing or final punctuation."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'")
    return " ".join(folded.split()).rstrip(" .;")


@cache
def get_catalogue() -> Catalogue:
    raw = json.loads(
        resources.files("app.competences").joinpath("data", CATALOGUE_FILE).read_text("utf-8")
    )
    competences = tuple(
        Competence(
            code=c["code"],
            kind=c["kind"],
            block=c["block"],
            title=c["title"],
            criteria=tuple(
                Criterion(code=cr["code"], competence=c["code"], text=cr["text"])
                for cr in c["criteria"]
            ),
        )
        for c in raw["competences"]
    )
    return Catalogue(
        version=raw["framework"]["version"],
        framework=raw["framework"],
        blocks=tuple(Block(code=b["code"], title=b["title"]) for b in raw["blocks"]),
        competences=competences,
    )
