"""The trainee's base: the place their tours start from and return to by default."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.principal import Principal
from app.models import TourBase
from app.tours import repository
from app.tours.schemas import TourBaseIn, TourBaseOut


def read(session: Session, principal: Principal) -> TourBaseOut:
    base = repository.base_of(session, principal.user_id)
    if base is None:
        raise NotFound("Aucune base enregistrée.")
    return TourBaseOut.model_validate(base)


def put(session: Session, principal: Principal, body: TourBaseIn) -> TourBaseOut:
    """Create or replace the caller's base."""
    base = repository.base_of(session, principal.user_id)
    if base is None:
        base = TourBase(owner_id=principal.user_id)
        session.add(base)
    base.label = body.label
    base.address = body.address
    base.latitude = body.latitude
    base.longitude = body.longitude
    session.flush()
    return TourBaseOut.model_validate(base)
