"""What a checker says about a text a trainee wrote: one finding per rule, in place."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["ok", "warning", "error"]


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on a record: ``ok`` (the rule is met), ``warning`` (advice) or
    ``error`` (the check fails). ``message`` says why, in French; ``field`` names the part of
    the record and ``start``/``end`` the place in that field's text, when it has one."""

    rule: str
    severity: Severity
    message: str
    field: str | None = None
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def passed(findings: list[Finding]) -> bool:
    """A check passes when no finding is an error."""
    return not any(f.severity == "error" for f in findings)
