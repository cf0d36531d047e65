"""The evidence listener is the application's, not every Session's."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from app.competences import evidence
from app.competences.evidence import CHANGES_KEY
from app.config import Settings
from app.core.db import make_session_factory
from app.main import create_app
from app.models import Organisation


def test_listener_is_on_the_app_session_factory_only(settings: Settings) -> None:
    engine = create_engine("sqlite://")
    Organisation.__table__.create(engine)
    factory = make_session_factory(engine)
    other = make_session_factory(engine)
    assert not event.contains(Session, "after_flush", evidence._track_changes)

    create_app(settings, session_factory=factory)
    create_app(settings, session_factory=factory)  # twice: still one listener, no error

    assert event.contains(factory, "after_flush", evidence._track_changes)
    assert not event.contains(other, "after_flush", evidence._track_changes)
    with factory() as tracked, other() as untracked:
        tracked.add(Organisation(name="Suivie", slug="suivie"))
        tracked.flush()
        untracked.add(Organisation(name="Libre", slug="libre"))
        untracked.flush()
        assert [c.table for c in tracked.info[CHANGES_KEY]] == ["organisations"]
        assert CHANGES_KEY not in untracked.info
    engine.dispose()
