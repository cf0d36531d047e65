"""Enumerations stored in the database (values are the API's identifiers)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    TRAINER = "trainer"
    TRAINEE = "trainee"


class AssessmentLevel(StrEnum):
    NOT_ASSESSED = "not_assessed"
    IN_PROGRESS = "in_progress"
    ACQUIRED = "acquired"


class ApiScope(StrEnum):
    READ = "read"
    WRITE = "write"
