"""All tables, imported here so that ``Base.metadata`` is complete for Alembic."""

from app.models.auth import ApiToken, LoginAttempt
from app.models.base import Base
from app.models.competences import Assessment, EvidenceLink, EvidenceRecord
from app.models.enums import ApiScope, AssessmentLevel, Role
from app.models.organisation import Cohort, Organisation, User, cohort_trainers

__all__ = [
    "ApiScope",
    "ApiToken",
    "Assessment",
    "AssessmentLevel",
    "Base",
    "Cohort",
    "EvidenceLink",
    "EvidenceRecord",
    "LoginAttempt",
    "Organisation",
    "Role",
    "User",
    "cohort_trainers",
]
